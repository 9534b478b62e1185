"""Reusable UI pieces; the page shell lives in layout.py."""
