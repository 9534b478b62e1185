"""The demo account's address (kept apart from ``service`` so auth can name it)."""

DEMO_EMAIL = "demo@cvapp.local"
