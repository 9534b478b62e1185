"""Signing up, in and out, and the pages the account emails link to."""
