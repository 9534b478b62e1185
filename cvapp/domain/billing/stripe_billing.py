"""``BillingProvider`` through Stripe's own SDK: Checkout, the customer portal, webhooks."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import stripe
from stripe._base_address import BaseAddresses

from cvapp.domain.billing.provider import (
    Checkout,
    CheckoutRequest,
    InvalidSignature,
    ProviderEvent,
    Subscription,
    paid_plans,
)
from cvapp.errors import ServiceUnavailable
from cvapp.settings import Settings

_UNAVAILABLE = "The payment provider did not answer. Nothing was charged; try again in a minute."


def _secret(value: Any) -> str:
    return value.get_secret_value() if value is not None else ""


def _id(value: Any) -> str | None:
    """An id that Stripe may send expanded (an object) or not (a string)."""
    if value is None or isinstance(value, str):
        return value
    return str(value["id"])


class StripeBilling:
    name = "stripe"

    def __init__(self, settings: Settings) -> None:
        base: BaseAddresses | None = (
            {"api": settings.stripe_api_base} if settings.stripe_api_base else None
        )
        self._client = stripe.StripeClient(
            _secret(settings.stripe_secret_key), base_addresses=base, max_network_retries=1
        )
        self._webhook_secret = _secret(settings.stripe_webhook_secret)
        self._prices = paid_plans()

    def _plan_of(self, price_id: str | None) -> str | None:
        return next((plan for plan, price in self._prices.items() if price == price_id), None)

    def checkout_url(self, request: CheckoutRequest) -> str:
        params: dict[str, Any] = {
            "mode": "subscription",
            "line_items": [{"price": self._prices[request.plan], "quantity": 1}],
            "client_reference_id": request.user_id,
            "metadata": {"plan": request.plan, "user_id": request.user_id},
            "subscription_data": {"metadata": {"user_id": request.user_id}},
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
        }
        if request.customer_id:
            params["customer"] = request.customer_id
        else:
            params["customer_email"] = request.email
        try:
            session = self._client.v1.checkout.sessions.create(params=params)  # type: ignore[arg-type]
        except stripe.StripeError as exc:
            raise ServiceUnavailable(_UNAVAILABLE) from exc
        if not session.url:
            raise ServiceUnavailable(_UNAVAILABLE)
        return session.url

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        try:
            portal = self._client.v1.billing_portal.sessions.create(
                params={"customer": customer_id, "return_url": return_url}
            )
        except stripe.StripeError as exc:
            raise ServiceUnavailable(_UNAVAILABLE) from exc
        return portal.url

    def _checkout_of(self, data: dict[str, Any]) -> Checkout:
        metadata = data.get("metadata") or {}
        return Checkout(
            id=str(data["id"]),
            user_id=data.get("client_reference_id") or metadata.get("user_id"),
            plan=metadata.get("plan"),
            complete=data.get("status") == "complete"
            and data.get("payment_status") in ("paid", "no_payment_required"),
            customer_id=_id(data.get("customer")),
            subscription_id=_id(data.get("subscription")),
        )

    def checkout(self, checkout_id: str) -> Checkout:
        try:
            session = self._client.v1.checkout.sessions.retrieve(checkout_id)
        except stripe.InvalidRequestError as exc:
            raise LookupError(checkout_id) from exc
        except stripe.StripeError as exc:
            raise ServiceUnavailable(_UNAVAILABLE) from exc
        return self._checkout_of(session.to_dict())

    def verify(self, payload: bytes, signature: str | None) -> ProviderEvent:
        try:
            event = self._client.construct_event(payload, signature, self._webhook_secret)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise InvalidSignature(str(exc)) from exc
        return ProviderEvent(
            id=event.id,
            type=event.type,
            created=datetime.fromtimestamp(event.created, UTC),
            object=event.data.object.to_dict(),
        )

    def read_checkout(self, event: ProviderEvent) -> Checkout:
        return self._checkout_of(event.object)

    def read_subscription(self, event: ProviderEvent) -> Subscription:
        data = event.object
        items = (data.get("items") or {}).get("data") or []
        price = items[0].get("price") if items else None
        return Subscription(
            id=str(data["id"]),
            customer_id=str(_id(data.get("customer"))),
            status=str(data.get("status") or ""),
            plan=self._plan_of(_id(price)),
        )

    def cancel(self, subscription_id: str) -> None:
        try:
            self._client.v1.subscriptions.cancel(subscription_id)
        except stripe.InvalidRequestError:
            return  # already gone at Stripe
        except stripe.StripeError as exc:
            raise ServiceUnavailable(_UNAVAILABLE) from exc
