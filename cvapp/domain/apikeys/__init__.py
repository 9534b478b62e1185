"""Expert-tier API keys: ``cvk_`` + random, shown once, stored hashed, scoped read / write."""
