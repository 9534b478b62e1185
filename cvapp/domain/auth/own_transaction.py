"""Security records that must outlive the request that triggers them.

A failed sign-in or a reused refresh token ends in an error, and the caller's transaction is
rolled back on error; the failure count, the lock and the family revocation must stay. They
are written here, in a transaction of their own that commits at once — the one place auth
commits by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session

from cvapp.db import session_scope

T = TypeVar("T")


def run_in_own_transaction(work: Callable[[Session], T]) -> T:
    """Run ``work`` with a fresh session and commit it, whatever the caller does next."""
    with session_scope() as own:
        return work(own)
