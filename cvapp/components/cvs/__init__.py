"""The CV builder's pieces: content, design, preview, downloads, share links."""
