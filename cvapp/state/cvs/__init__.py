"""States of the CV builder: the editor, its preview, downloads and share links."""
