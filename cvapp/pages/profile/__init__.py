"""The profile editor page."""
