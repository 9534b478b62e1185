"""Markers for tests that need a real service or program.

They skip only on the embedded default (SQLite, no Redis). In CI ``.ci/run`` sets
``CVAPP_REQUIRE_SERVICES=1``: ``tests/conftest.py`` then refuses to start without PostgreSQL
and Redis, and these markers never skip (a missing program fails the test instead).
"""

from __future__ import annotations

import os
import shutil

import pytest

REQUIRED = os.environ.get("CVAPP_REQUIRE_SERVICES") == "1"
ON_POSTGRES = os.environ.get("CVAPP_TEST_DATABASE_URL", "").startswith("postgresql")
ON_REDIS = bool(os.environ.get("CVAPP_TEST_REDIS_URL"))

needs_postgres = pytest.mark.skipif(
    not (ON_POSTGRES or REQUIRED), reason="needs PostgreSQL (CVAPP_TEST_DATABASE_URL), as in CI"
)
needs_redis = pytest.mark.skipif(
    not (ON_REDIS or REQUIRED), reason="needs Redis (CVAPP_TEST_REDIS_URL), as in CI"
)
needs_redis_server = pytest.mark.skipif(
    shutil.which("redis-server") is None and not REQUIRED,
    reason="needs the redis-server program (Debian redis-server)",
)
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None and not REQUIRED,
    reason="needs Debian's tesseract-ocr (make run and make test install it when they can)",
)
