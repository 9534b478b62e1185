"""The payment provider's webhook: signed events that change plans (no user session)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from cvapp.api.deps import SessionDep
from cvapp.domain.billing import service as billing
from cvapp.errors import PayloadTooLarge

router = APIRouter(prefix="/billing", tags=["billing"])

MAX_EVENT_BYTES = 256 * 1024
"""Stripe's events are a few KB; anything far larger is not one."""


class WebhookOut(BaseModel):
    received: bool = True
    event_id: str
    type: str
    duplicate: bool
    applied: bool


@router.post("/stripe/webhook", response_model=WebhookOut)
async def stripe_webhook(request: Request, session: SessionDep) -> Any:
    """Stripe posts subscription events here, signed with the webhook secret
    (``Stripe-Signature``). A forged, altered or stale (over 5 minutes) event is refused with
    400; a redelivered one answers 200 with ``duplicate`` and changes nothing."""
    if int(request.headers.get("content-length") or 0) > MAX_EVENT_BYTES:
        raise PayloadTooLarge("A webhook event is at most 256 KB")
    payload = await request.body()
    if len(payload) > MAX_EVENT_BYTES:
        raise PayloadTooLarge("A webhook event is at most 256 KB")
    signature = request.headers.get("stripe-signature")
    # The body is read on the event loop; the database work runs in the thread pool.
    result = await run_in_threadpool(
        billing.handle_webhook, session, payload=payload, signature=signature
    )
    return {"received": True, **result.__dict__}
