"""The master profile: identity, contact, publication settings, completeness, photo."""
