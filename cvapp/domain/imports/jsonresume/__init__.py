"""JSON Resume documents (schema 1.3.1, and the pre-1.0 field names) into a draft."""
