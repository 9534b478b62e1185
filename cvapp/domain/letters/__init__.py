"""Cover letters: written, drafted from the evidence, undone, rendered with a letterhead."""
