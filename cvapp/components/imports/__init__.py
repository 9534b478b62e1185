"""The import page's pieces: drop zone, file cards, preview tables, LinkedIn help."""
