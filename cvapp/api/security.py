"""Security headers on every response, and CORS (closed unless CVAPP_CORS_ORIGINS lists origins).

The headers wrap the whole middleware stack, so even the 500 page written by Starlette's
outermost error middleware carries them, and so do the Reflex pages mounted under this app.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import zlib
from collections.abc import Iterable
from urllib.parse import urlsplit

import anyio
from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cvapp.settings import Settings, get_settings

CORS_HEADERS = ["Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"]
CORS_EXPOSED = ["X-Request-ID", "Retry-After", "Location"]
# Inline scripts of an HTML document: a <script> without src, its text as the browser hashes it.
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script\s*>", re.I | re.S)
# HTML documents larger than this are sent on without their inline scripts allowed.
MAX_HASHED_HTML = 4 * 1024 * 1024


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP source expressions (``sha256-…``) for each inline script of ``html``."""
    return [
        "sha256-" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        for body in _INLINE_SCRIPT.findall(html)
        if body.strip()
    ]


def _decoded(body: bytes, encoding: str) -> bytes | None:
    try:
        if encoding == "gzip":
            return gzip.decompress(body)
        if encoding == "deflate":
            return zlib.decompress(body)
    except (OSError, zlib.error, EOFError):
        return None
    return body if not encoding or encoding == "identity" else None


def content_security_policy(
    public_url: str, script_hashes: Iterable[str] = (), *, any_inline: bool = False
) -> str:
    """A CSP for the Reflex single-page app and the API docs served from this origin.

    Scripts: this origin's files, and only the inline scripts of the document itself, by hash
    (Reflex's prerendered pages carry a few: the router's hydration context, React's streaming
    helpers; ``SecurityHeadersMiddleware`` hashes each HTML response's). No 'unsafe-inline',
    no 'unsafe-eval'. Styles keep 'unsafe-inline': Radix and emotion write style attributes
    and tags at run time, which no hash can name. Nothing may load from another origin, the
    state websocket connects back to this host, images may be data: URIs (QR codes, photo
    previews). ``any_inline`` is the fallback for a document whose scripts could not be read
    (an encoding this module cannot decode).
    """
    scripts = ["'unsafe-inline'"] if any_inline else [f"'{h}'" for h in sorted(set(script_hashes))]
    parts = urlsplit(public_url)
    host = parts.netloc or "localhost"
    sockets = f"wss://{host}" if parts.scheme == "https" else f"ws://{host} wss://{host}"
    return "; ".join(
        [
            "default-src 'self'",
            " ".join(["script-src 'self'", *scripts]),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' {sockets}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(settings: Settings) -> dict[str, str]:
    headers = {
        "Content-Security-Policy": content_security_policy(settings.public_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }
    if settings.cookie_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return headers


def own_location(location: str, origins: list[str]) -> str:
    """A redirect's ``Location`` kept on one of our origins: an absolute URL to any other
    host (built from a forged ``Host`` header, as Starlette's slash redirects do) becomes the
    same path on this one."""
    parts = urlsplit(location)
    if not parts.netloc or f"{parts.scheme}://{parts.netloc}" in origins:
        return location
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class SecurityHeadersMiddleware:
    """Adds the headers to every HTTP response that does not set its own, keeps every
    redirect on this site, and gives each HTML document a CSP naming its own inline scripts
    by hash (the body is held until complete to read them: documents here are small)."""

    def __init__(
        self, app: ASGIApp, headers: dict[str, str], origins: list[str], public_url: str = ""
    ) -> None:
        self.app = app
        self.headers = headers
        self.origins = origins
        self.public_url = public_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: list[Message] = []
        size = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    if name not in headers:
                        headers[name] = value
                if 300 <= message["status"] < 400 and "location" in headers:
                    headers["location"] = own_location(headers["location"], self.origins)
                if message["status"] == 304:
                    # A 304's headers replace the cached document's: its CSP (with that
                    # document's script hashes) must stay as it was.
                    del headers["content-security-policy"]
                elif headers.get("content-type", "").startswith("text/html") and (
                    scope.get("method") != "HEAD"
                ):
                    held.append(message)
                    return
            elif held and message["type"] == "http.response.pathsend":
                # The server sends the file itself (granian, Starlette's FileResponse): read
                # it here for its scripts; the file still goes out the server's way.
                held.append(message)
                await self._send_held(held, send)
                held.clear()
                return
            elif held and message["type"] == "http.response.body":
                held.append(message)
                size += len(message.get("body", b""))
                if message.get("more_body", False) and size <= MAX_HASHED_HTML:
                    return
                await self._send_held(held, send)
                held.clear()
                return
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _send_held(self, held: list[Message], send: Send) -> None:
        start, *bodies = held
        headers = MutableHeaders(scope=start)
        if bodies[-1]["type"] == "http.response.pathsend":
            path = anyio.Path(bodies[-1]["path"])
            complete = (await path.stat()).st_size <= MAX_HASHED_HTML
            body = await path.read_bytes() if complete else b""
        else:
            body = b"".join(m.get("body", b"") for m in bodies)
            complete = not bodies[-1].get("more_body", False)
        html = _decoded(body, headers.get("content-encoding", "").strip().lower())
        policy = headers.get("content-security-policy", "")
        if policy.startswith("default-src 'self'"):  # ours, not one the route set
            if complete and html is not None:
                hashes = inline_script_hashes(html)
                if hashes:
                    headers["content-security-policy"] = content_security_policy(
                        self.public_url, hashes
                    )
            else:
                headers["content-security-policy"] = content_security_policy(
                    self.public_url, any_inline=True
                )
        await send(start)
        for message in bodies:
            await send(message)


def install_security(app: FastAPI) -> None:
    """Add CORS (when origins are configured) and wrap the app in the security headers."""
    settings = get_settings()
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials="*" not in settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=CORS_HEADERS,
            expose_headers=CORS_EXPOSED,
            max_age=600,
        )
    headers = security_headers(settings)
    build_stack = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeadersMiddleware(
            build_stack(), headers, settings.app_origins, settings.public_url
        )

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]
