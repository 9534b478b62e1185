"""Building blocks of the profile editor and the welcome wizard."""
