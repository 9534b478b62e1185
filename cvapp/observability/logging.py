"""structlog set-up: JSON lines in production, readable lines in a terminal.

Request ids and user ids are bound per request; passwords, tokens and CV content are never
passed to a logger (and the redaction below drops them if someone tries).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

import structlog

from cvapp.settings import get_settings

_SECRET_KEYS = {"password", "new_password", "token", "access_token", "refresh_token", "secret"}
_configured = False


def _redact(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event_dict):
        if key.lower() in _SECRET_KEYS:
            event_dict[key] = "[redacted]"
    return event_dict


def configure_logging() -> None:
    """Configure structlog and the stdlib root logger once per process."""
    global _configured
    if _configured:
        return
    _configured = True
    settings = get_settings()
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if settings.log_json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _redact,
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.INFO),
        cache_logger_on_first_use=True,
    )
    if settings.sentry_dsn:
        import sentry_sdk

        sentry_sdk.init(dsn=settings.sentry_dsn, environment=settings.env, send_default_pii=False)
