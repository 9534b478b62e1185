"""Shared UI states (session, auth); they import nothing else of the UI."""
