"""Cost control around every AI call: a 24 h cache by input hash, then the daily quota.

A cached answer costs nothing and counts nothing. A fresh one is computed only when the
quota allows, counted once it succeeded, then cached; a failure counts and caches nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

import structlog
from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from cvapp import cache
from cvapp.domain.ai import quotas
from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.providers import Provider
from cvapp.models import User
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

CACHE_TTL_SECONDS = 24 * 60 * 60
RULES_VERSION = 2
"""Bump when the offline rules or the prompts change, so old cached answers are not served."""

Result = TypeVar("Result", bound=BaseModel)


def cache_key(
    *, user: User, operation: str, inputs: dict[str, Any], facts: ProfileFacts, provider: Provider
) -> str:
    """``ai:<operation>:<user id>:<sha256>`` of everything the answer depends on (the user's
    data included); the user id in clear lets an account purge find its entries."""
    settings = get_settings()
    material = {
        "v": RULES_VERSION,
        "user": user.id,
        "op": operation,
        "inputs": inputs,
        "facts": facts.fingerprint(),
        "provider": [provider.name, provider.model, settings.ai_base_url],
    }
    digest = hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode())
    return f"ai:{operation}:{user.id}:{digest.hexdigest()}"


def metered(
    session: Session,
    *,
    user: User,
    key: str,
    result_type: type[Result],
    compute: Callable[[], Result],
    free: Callable[[Result], bool] | None = None,
) -> Result:
    """The cached answer for ``key``, else ``compute()`` within the user's daily quota; an
    answer ``free`` says is free (e.g. "already good, nothing changed") is not counted."""
    hit = cache.get(key)
    if hit is not None:
        try:
            return result_type.model_validate_json(hit).model_copy(update={"cached": True})
        except ValidationError:
            log.warning("ai_cache_entry_unreadable", key=key)
    quotas.ensure_available(session, user=user)
    result = compute()
    if free is None or not free(result):
        quotas.charge(session, user=user)
    cache.set(key, result.model_dump_json().encode(), CACHE_TTL_SECONDS)
    return result
