"""What anyone can open without an account: public profile pages (``/p/{slug}``) and
per-recipient share links (``/s/{token}``), both server-rendered and anonymized."""
