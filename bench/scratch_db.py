"""A throw-away database for the in-process benchmarks: settings in the environment, then
``alembic upgrade head`` (SQLite in a temporary folder unless a URL is given)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure(database_url: str | None, prefix: str = "cvapp-bench-") -> None:
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update(
        {
            "CVAPP_ENV": "test",
            "CVAPP_DATA_DIR": str(data_dir),
            "CVAPP_SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "CVAPP_DATABASE_URL": database_url or f"sqlite:///{data_dir / 'bench.db'}",
            "CVAPP_LOG_JSON": "false",
        }
    )
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    command.upgrade(config, "head")
