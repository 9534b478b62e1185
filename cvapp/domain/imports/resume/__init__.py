"""Reading a CV file (PDF, DOCX, text) into an import draft, offline."""
