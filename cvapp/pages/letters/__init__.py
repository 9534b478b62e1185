"""Cover letters: the list and the editor."""
