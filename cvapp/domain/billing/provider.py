"""The ``BillingProvider`` interface: what cvapp asks of whoever takes the payments.

Only Stripe implements it today (``stripe_billing``); ``get_provider`` answers ``None`` when
the operator configured none, and the Plan page then says how plans change instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from cvapp.settings import get_settings


@dataclass(frozen=True)
class CheckoutRequest:
    """Who buys which plan, and where the provider sends them back."""

    user_id: str
    email: str
    plan: str
    customer_id: str | None
    success_url: str
    cancel_url: str


@dataclass(frozen=True)
class Checkout:
    """A checkout as the provider sees it (when the buyer comes back, or in a webhook)."""

    id: str
    user_id: str | None
    plan: str | None
    complete: bool
    customer_id: str | None
    subscription_id: str | None


@dataclass(frozen=True)
class Subscription:
    """A subscription's state in a provider event."""

    id: str
    customer_id: str
    status: str
    plan: str | None
    """The plan its price sells, ``None`` for a price this cvapp does not know."""


@dataclass(frozen=True)
class ProviderEvent:
    """A verified webhook event."""

    id: str
    type: str
    created: datetime
    object: dict[str, Any]


class InvalidSignature(Exception):
    """A webhook whose signature does not verify (forged, altered, or replayed too late)."""


class BillingProvider(Protocol):
    name: str

    def checkout_url(self, request: CheckoutRequest) -> str:
        """Start a hosted checkout for ``request.plan``; the URL to send the buyer to."""
        ...

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        """The provider's page where a customer changes or cancels their subscription."""
        ...

    def checkout(self, checkout_id: str) -> Checkout:
        """A checkout by id (the buyer is back before the webhook arrived)."""
        ...

    def verify(self, payload: bytes, signature: str | None) -> ProviderEvent:
        """The event of a webhook request, or ``InvalidSignature``."""
        ...

    def read_checkout(self, event: ProviderEvent) -> Checkout:
        """The checkout of a ``checkout.session.completed`` event."""
        ...

    def read_subscription(self, event: ProviderEvent) -> Subscription:
        """The subscription of a ``customer.subscription.*`` event."""
        ...

    def cancel(self, subscription_id: str) -> None:
        """End a subscription now (the account is being deleted)."""
        ...


def paid_plans() -> dict[str, str]:
    """Plan → the provider's price id, for every plan the operator put on sale."""
    settings = get_settings()
    prices = {"pro": settings.stripe_price_pro, "expert": settings.stripe_price_expert}
    return {plan: price for plan, price in prices.items() if price}


def get_provider() -> BillingProvider | None:
    """The configured provider, or ``None`` (plans then change through the admin CLI)."""
    settings = get_settings()
    if not settings.bills_with_stripe:
        return None
    from cvapp.domain.billing.stripe_billing import StripeBilling

    return StripeBilling(settings)
