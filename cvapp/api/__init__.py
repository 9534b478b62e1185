"""The REST layer (FastAPI), mounted under Reflex with api_transformer."""
