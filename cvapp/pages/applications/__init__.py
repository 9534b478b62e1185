"""The job tracker: the board of applications and one application."""
