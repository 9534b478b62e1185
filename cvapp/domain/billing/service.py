"""Buying and managing a plan, and applying what the payment provider reports.

The provider is the source of truth for who pays: its signed webhooks change plans
(``handle_webhook``), each event once, however often it is delivered; a buyer who comes back
before the webhook arrived has their checkout read from the provider (``confirm_checkout``).
Plans change through ``plans.service.change_plan``, so a downgrade keeps every CV (those over
the new limits turn read-only).
"""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cvapp import routes
from cvapp.domain.billing.provider import (
    BillingProvider,
    Checkout,
    CheckoutRequest,
    InvalidSignature,
    ProviderEvent,
    get_provider,
    paid_plans,
)
from cvapp.domain.plans.entitlements import PLAN_ORDER, for_plan, price
from cvapp.domain.plans.service import change_plan
from cvapp.errors import Conflict, DomainError, NotFound, ValidationFailed
from cvapp.models import BillingAccount, BillingEvent, User
from cvapp.settings import get_settings

log = structlog.get_logger(__name__)

PAYING = frozenset({"active", "trialing", "past_due"})
"""Subscription states that keep the plan (``past_due``: the provider is still retrying)."""


class BadWebhook(DomainError):
    """A webhook that does not verify: answered 400, so the provider shows it as failed."""

    code, status = "INVALID_SIGNATURE", 400


@dataclass(frozen=True)
class BillingStatus:
    """What the Plan page and ``GET /account/plan`` offer this user."""

    provider: str | None
    prices: dict[str, str]
    buyable: list[str]
    """Plans above the user's that can be bought here now."""
    manageable: bool
    """The user has a subscription to change or cancel in the provider's portal."""


@dataclass(frozen=True)
class WebhookResult:
    event_id: str
    type: str
    duplicate: bool
    applied: bool


def _plan_url(outcome: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}{routes.SETTINGS_PLAN}?checkout={outcome}"


def _account(session: Session, user_id: str) -> BillingAccount | None:
    return session.exec(select(BillingAccount).where(BillingAccount.user_id == user_id)).first()


def _subscribed(account: BillingAccount | None) -> bool:
    return (
        account is not None and account.subscription_id is not None and (account.status in PAYING)
    )


def _require(provider: BillingProvider | None) -> BillingProvider:
    if provider is None:
        raise Conflict(
            "Plans are not sold online here: the people who run this cvapp change plans "
            "(see the Plan page)."
        )
    return provider


def status(session: Session, *, user: User) -> BillingStatus:
    provider = get_provider()
    prices = {plan: price(plan) for plan in PLAN_ORDER}
    if provider is None:
        return BillingStatus(None, prices, [], False)
    account = _account(session, user.id)
    above = PLAN_ORDER[PLAN_ORDER.index(user.plan) + 1 :] if user.plan in PLAN_ORDER else ()
    # Someone paying already changes plans in the portal (one subscription per account).
    buyable = [] if _subscribed(account) else [p for p in above if p in paid_plans()]
    return BillingStatus(provider.name, prices, buyable, account is not None)


def start_checkout(session: Session, *, user: User, plan: str) -> str:
    """The provider's checkout page for ``plan`` (a plan above the user's, on sale here)."""
    provider = _require(get_provider())
    if plan not in paid_plans():
        raise ValidationFailed.field("plan", f"Choose one of: {', '.join(paid_plans())}")
    if plan == user.plan:
        raise Conflict(f"You are on the {for_plan(plan).label} plan already.")
    account = _account(session, user.id)
    if _subscribed(account):
        raise Conflict("You already pay for a plan: change it from “Manage billing”.")
    return provider.checkout_url(
        CheckoutRequest(
            user_id=user.id,
            email=user.email,
            plan=plan,
            customer_id=account.customer_id if account else None,
            success_url=_plan_url("success") + "&session_id={CHECKOUT_SESSION_ID}",
            cancel_url=_plan_url("cancelled"),
        )
    )


def upgrade_destination(session: Session, *, user: User, plan: str) -> str:
    """Where "Upgrade to <plan>" leads: the provider's checkout when plans are sold here and
    the user does not pay yet, else the Plan page (the portal, or how to ask the operator)."""
    plan_page = f"{routes.SETTINGS_PLAN}?upgrade={plan}"
    if get_provider() is None or plan not in paid_plans() or plan == user.plan:
        return plan_page
    if _subscribed(_account(session, user.id)):
        return plan_page
    return start_checkout(session, user=user, plan=plan)


def portal_url(session: Session, *, user: User) -> str:
    """The provider's page to change plan, update the card or cancel."""
    provider = _require(get_provider())
    account = _account(session, user.id)
    if account is None:
        raise NotFound("You have no billing account yet: buy a plan first.")
    return provider.portal_url(customer_id=account.customer_id, return_url=_plan_url("managed"))


def _move(session: Session, user_id: str, plan: str, *, why: str) -> bool:
    user = session.get(User, user_id)
    if user is None or user.plan == plan:
        return False  # (a deleted account's plan still follows: restored, it is right)
    change_plan(session, user_id=user_id, plan=plan, actor=why)
    return True


Applied = tuple[str | None, bool]
"""Whose account an event concerned (``None``: nobody's here) and whether their plan moved."""


def _apply_checkout(session: Session, provider: BillingProvider, checkout: Checkout) -> Applied:
    """A paid checkout: remember the customer and move the buyer to the plan bought."""
    if not checkout.complete or not checkout.user_id or checkout.plan not in paid_plans():
        return None, False
    if session.get(User, checkout.user_id) is None or not checkout.customer_id:
        return None, False
    account = _account(session, checkout.user_id) or BillingAccount(
        user_id=checkout.user_id, provider=provider.name, customer_id=checkout.customer_id
    )
    account.customer_id = checkout.customer_id
    account.subscription_id = checkout.subscription_id or account.subscription_id
    account.status, account.plan = "active", checkout.plan
    session.add(account)
    session.flush()
    moved = _move(session, checkout.user_id, checkout.plan, why=f"{provider.name} checkout")
    return checkout.user_id, moved


def confirm_checkout(session: Session, *, user: User, checkout_id: str) -> bool:
    """The buyer is back from checkout: apply it now if the webhook has not yet.

    Only the buyer's own checkout counts: another's, or an unknown one, is not found (and
    changes nothing); an unpaid one changes nothing."""
    provider = get_provider()
    if provider is None:
        raise NotFound(_NO_CHECKOUT)
    try:
        checkout = provider.checkout(checkout_id)
    except LookupError:
        raise NotFound(_NO_CHECKOUT) from None
    if checkout.user_id != user.id:
        raise NotFound(_NO_CHECKOUT)
    return _apply_checkout(session, provider, checkout)[1]


_NO_CHECKOUT = "No such checkout: your plan is unchanged"


def _apply_subscription(
    session: Session, provider: BillingProvider, event: ProviderEvent
) -> Applied:
    subscription = provider.read_subscription(event)
    account = session.exec(
        select(BillingAccount).where(
            BillingAccount.provider == provider.name,
            BillingAccount.customer_id == subscription.customer_id,
        )
    ).first()
    if account is None:
        return None, False  # a customer cvapp did not create (or whose account was purged)
    if account.last_event_at is not None and event.created < account.last_event_at:
        return account.user_id, False  # an older state delivered late
    ended = event.type == "customer.subscription.deleted" or subscription.status not in PAYING
    if not ended and subscription.plan is None:
        log.warning("billing.unknown_price", event_id=event.id, subscription=subscription.id)
        return account.user_id, False
    plan = "free" if ended else str(subscription.plan)
    account.subscription_id = subscription.id
    account.status, account.plan, account.last_event_at = subscription.status, plan, event.created
    if ended:
        account.status = "canceled" if event.type.endswith("deleted") else subscription.status
    session.add(account)
    session.flush()
    moved = _move(session, account.user_id, plan, why=f"{provider.name} subscription")
    return account.user_id, moved


def _first_delivery(
    session: Session, provider: BillingProvider, event: ProviderEvent
) -> BillingEvent | None:
    """Record ``event`` as applied; ``None`` when it was already (a redelivery)."""
    record = BillingEvent(provider=provider.name, event_id=event.id, type=event.type)
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return None
    return record


def handle_webhook(session: Session, *, payload: bytes, signature: str | None) -> WebhookResult:
    """Verify and apply one provider event, exactly once."""
    provider = _require(get_provider())
    try:
        event = provider.verify(payload, signature)
    except InvalidSignature as exc:
        raise BadWebhook(f"The webhook signature does not verify: {exc}") from exc
    record = _first_delivery(session, provider, event)
    if record is None:
        return WebhookResult(event.id, event.type, duplicate=True, applied=False)
    user_id, moved = None, False
    if event.type == "checkout.session.completed":
        user_id, moved = _apply_checkout(session, provider, provider.read_checkout(event))
    elif event.type.startswith("customer.subscription."):
        user_id, moved = _apply_subscription(session, provider, event)
    record.user_id = user_id
    session.add(record)
    log.info("billing.webhook", event_id=event.id, type=event.type, moved=moved)
    return WebhookResult(event.id, event.type, duplicate=False, applied=moved)


def end_subscription(session: Session, *, user_id: str) -> None:
    """Cancel the user's subscription at the provider (their account is being deleted)."""
    account = _account(session, user_id)
    provider = get_provider()
    if provider is None or not _subscribed(account):
        return
    assert account is not None and account.subscription_id is not None
    provider.cancel(account.subscription_id)
    account.status = "canceled"
    session.add(account)
