"""Small readings of raw ASGI requests and responses, shared by the middleware layers and the
dependencies (the header lists are ``[(lower-case name, value)]`` as bytes)."""

from __future__ import annotations

from collections.abc import Iterable


def header_value(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes:
    """The first value of header ``name`` (lower case), or b"" when absent."""
    for key, value in headers:
        if key == name:
            return bytes(value)
    return b""


def bearer_token(authorization: str) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` value (scheme in any case)."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None
