"""What an account leaves outside the database: stored files and cache / Redis entries."""

from __future__ import annotations

from dataclasses import dataclass, field

from cvapp import cache, ratelimit
from cvapp.domain.auth import revocation
from cvapp.storage import get_storage

# Every feature keeps a user's blobs under ``<area>/<user_id>/``.
STORAGE_AREAS = ("photos", "exports", "imports", "account-exports")
# Rate-limit rules counted per user id, and per address.
_USER_RULES = ("reauth_user", "verification_user", "email_change_user")
_ADDRESS_RULES = ("login_email", "password_reset_email")


@dataclass
class Traces:
    """Identifiers of one account, gathered from the database before its rows go."""

    user_id: str
    profile_id: str | None = None
    addresses: set[str] = field(default_factory=set)
    storage_keys: set[str] = field(default_factory=set)
    api_key_ids: list[str] = field(default_factory=list)
    job_ids: list[str] = field(default_factory=list)
    token_ids: list[str] = field(default_factory=list)

    def areas(self) -> set[str]:
        return set(STORAGE_AREAS) | {key.split("/", 1)[0] for key in self.storage_keys}


def erase_files(traces: Traces) -> int:
    """Delete every stored object of the account; returns how many."""
    storage = get_storage()
    deleted = sum(storage.delete_prefix(f"{area}/{traces.user_id}/") for area in traces.areas())
    for key in traces.storage_keys:  # any kept outside the user's folders
        if f"/{traces.user_id}/" not in key:
            storage.delete(key)
            deleted += 1
    return deleted


def erase_cache(traces: Traces) -> int:
    """Delete the account's cache entries, blacklisted tokens and rate-limit counts."""
    fragments = [traces.user_id, *traces.api_key_ids, *traces.job_ids]
    if traces.profile_id:
        fragments.append(traces.profile_id)
    owner = traces.user_id.encode()

    def belongs(key: str, value: bytes) -> bool:
        return owner in value or any(fragment in key for fragment in fragments)

    deleted = cache.delete_matching(belongs)
    revocation.forget(traces.token_ids)
    for rule in _USER_RULES:
        ratelimit.clear(rule, traces.user_id)
    for address in traces.addresses:
        for rule in _ADDRESS_RULES:
            ratelimit.clear(rule, address)
    for key_id in traces.api_key_ids:
        ratelimit.clear("api_key", key_id)
    return deleted
