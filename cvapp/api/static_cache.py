"""Cache-Control for the compiled frontend: hashed build assets are immutable for a year.

Reflex's production build (Vite) names every file under ``/assets/`` after its content hash
(``index-BX3f9a_Q.js``), so a deploy changes the URL whenever the bytes change and a browser
or CDN may keep them for a year without asking again. The HTML pages that reference them keep
revalidating, like every other unhashed file (``no-cache``: reused only after a 304 on their
ETag), so a deploy shows at once. Responses that set their own Cache-Control (``/p/{slug}``)
and everything under ``/api/`` are left alone.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Vite's ``[name]-[hash].[ext]``: an 8-character base64url hash before the extension.
_HASHED_ASSET = re.compile(r"^/assets/(?:[^/]+/)*[^/]+-[A-Za-z0-9_-]{8}\.[A-Za-z0-9.]+$")
_CACHEABLE_STATUS = (200, 304)


def cache_control_for(path: str) -> str | None:
    """The Cache-Control a frontend file should get, or None to leave the response as it is."""
    if _HASHED_ASSET.match(path):
        return IMMUTABLE
    return None if path.startswith("/api/") else REVALIDATE


class StaticCacheMiddleware:
    """Adds Cache-Control to successful GET/HEAD responses that have none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def send_with_cache_control(message: Message) -> None:
            if message["type"] == "http.response.start" and (
                message["status"] in _CACHEABLE_STATUS
            ):
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    value = cache_control_for(path)
                    if value is not None:
                        headers["Cache-Control"] = value
            await send(message)

        await self.app(scope, receive, send_with_cache_control)


def install_static_cache(app: FastAPI) -> None:
    """Give the frontend files served under this app their Cache-Control."""
    app.add_middleware(StaticCacheMiddleware)
