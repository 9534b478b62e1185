"""Security headers on every response, and CORS (closed unless CVAPP_CORS_ORIGINS lists origins).

The headers wrap the whole middleware stack, so even the 500 page written by Starlette's
outermost error middleware carries them, and so do the Reflex pages mounted under this app.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cvapp.settings import Settings, get_settings

CORS_HEADERS = ["Authorization", "Content-Type", "X-CSRF-Token", "X-Request-ID"]
CORS_EXPOSED = ["X-Request-ID", "Retry-After", "Location"]


def content_security_policy(public_url: str) -> str:
    """A CSP for the Reflex single-page app and the API docs served from this origin.

    Reflex's prerendered pages carry inline scripts (hydration context, colour mode) and
    Radix/emotion write inline styles, hence 'unsafe-inline' for both; nothing may load from
    another origin, the state websocket connects back to this host, images may be data: URIs
    (QR codes, uploaded photos previews).
    """
    parts = urlsplit(public_url)
    host = parts.netloc or "localhost"
    sockets = f"wss://{host}" if parts.scheme == "https" else f"ws://{host} wss://{host}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
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
    """Adds the headers to every HTTP response that does not set its own, and keeps every
    redirect on this site."""

    def __init__(self, app: ASGIApp, headers: dict[str, str], origins: list[str]) -> None:
        self.app = app
        self.headers = headers
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    if name not in headers:
                        headers[name] = value
                if 300 <= message["status"] < 400 and "location" in headers:
                    headers["location"] = own_location(headers["location"], self.origins)
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
        return SecurityHeadersMiddleware(build_stack(), headers, settings.app_origins)

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]
