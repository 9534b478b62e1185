"""The legal texts users accept."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from cvapp.api.auth_schemas import PrivacyPolicyOut
from cvapp.domain.auth.legal import current_privacy_policy

router = APIRouter(prefix="/legal", tags=["legal"])


@router.get("/privacy", response_model=PrivacyPolicyOut)
def privacy_policy() -> Any:
    """The privacy policy in force; registration must accept its ``version``."""
    policy = current_privacy_policy()
    return {"version": policy.version, "text": policy.text, "published_at": policy.published_at}
