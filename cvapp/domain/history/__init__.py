"""Version history of CV versions: every saved state, browse, compare, restore, name."""
