"""The welcome wizard page."""
