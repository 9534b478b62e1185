"""UI states of the master profile, shared by the profile editor and the welcome wizard."""
