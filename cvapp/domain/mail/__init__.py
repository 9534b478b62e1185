"""Outgoing mail: SMTP when configured, the outbox table (the embedded mail sink) otherwise."""
