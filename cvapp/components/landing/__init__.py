"""Sections of the public landing page."""
