"""A small Stripe on localhost: the API calls cvapp makes, hosted pages, signed webhooks.

The real ``stripe`` SDK talks to it over HTTP (``CVAPP_STRIPE_API_BASE``). It answers
``POST /v1/checkout/sessions``, ``GET /v1/checkout/sessions/{id}``,
``POST /v1/billing_portal/sessions`` and ``DELETE /v1/subscriptions/{id}`` as Stripe does
(form-encoded requests, JSON objects, Stripe's error shape), and serves the two pages Stripe
hosts: the checkout page (``/pay/{id}``, a "Pay" button) and the customer portal
(``/portal/{id}``: switch price, cancel). Paying, switching and cancelling post the events
Stripe would to ``webhook_url``, signed with ``webhook_secret`` as Stripe signs them
(``Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")``).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import itertools
import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from cvapp.settings import get_settings
from tests.fakes.local_server import LocalServer

API_KEY = "sk_test_cvapp_fake"
WEBHOOK_SECRET = "whsec_cvapp_fake_secret"
PRICES = {
    "price_pro_monthly": ("pro", "€6 a month"),
    "price_expert_monthly": ("expert", "€15 a month"),
}
PRICE_OF = {plan: price for price, (plan, _) in PRICES.items()}


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A ``Stripe-Signature`` header for ``payload``, as Stripe computes it."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256)
    return f"t={stamp},v1={digest.hexdigest()}"


def event(kind: str, data: dict[str, Any], *, created: int | None = None) -> dict[str, Any]:
    """A Stripe event object around ``data``."""
    return {
        "id": f"evt_{_next()}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()) if created is None else created,
        "type": kind,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "data": {"object": data},
    }


_counter = itertools.count(1)


def _next() -> str:
    return f"{int(time.time() * 1000):x}{next(_counter):06d}"


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (``line_items[0][price]=…``) back into objects and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node: Any = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return root


class FakeStripe(LocalServer):
    """The server, its objects, every API request and every webhook delivery."""

    def __init__(self) -> None:
        self.webhook_url = ""
        self.webhook_secret = WEBHOOK_SECRET
        self.deliver_webhooks = True
        self.sessions: dict[str, dict[str, Any]] = {}
        self.portals: dict[str, dict[str, Any]] = {}
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.requests: list[dict[str, Any]] = []
        self.deliveries: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        super().__init__()

    @property
    def url(self) -> str:
        return self.origin

    # What Stripe does ---------------------------------------------------------------------

    def create_checkout(self, params: dict[str, Any]) -> dict[str, Any]:
        session_id = f"cs_test_{_next()}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params.get("mode"),
            "status": "open",
            "payment_status": "unpaid",
            "client_reference_id": params.get("client_reference_id"),
            "customer": params.get("customer"),
            "customer_email": params.get("customer_email"),
            "metadata": params.get("metadata", {}),
            "subscription": None,
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "url": f"{self.url}/pay/{session_id}",
            "line_items": params.get("line_items", {}),
        }
        self.sessions[session_id] = session
        return session

    def pay(self, session_id: str) -> dict[str, Any]:
        """The buyer pays: a customer and a subscription exist, the events go out."""
        session = self.sessions[session_id]
        price = session["line_items"]["0"]["price"]
        customer = session["customer"] or f"cus_{_next()}"
        subscription = self._subscription(customer, price, session["metadata"])
        session.update(
            status="complete",
            payment_status="paid",
            customer=customer,
            subscription=subscription["id"],
        )
        self.send("customer.subscription.created", subscription)
        self.send("checkout.session.completed", session)
        return session

    def _subscription(self, customer: str, price: str, metadata: dict[str, Any]) -> dict[str, Any]:
        subscription_id = f"sub_{_next()}"
        subscription = {
            "id": subscription_id,
            "object": "subscription",
            "customer": customer,
            "status": "active",
            "metadata": metadata,
            "items": {"object": "list", "data": [self._item(price)]},
        }
        self.subscriptions[subscription_id] = subscription
        return subscription

    @staticmethod
    def _item(price: str) -> dict[str, Any]:
        return {"id": f"si_{_next()}", "object": "subscription_item", "price": {"id": price}}

    def switch(self, subscription_id: str, price: str) -> None:
        subscription = self.subscriptions[subscription_id]
        subscription["items"]["data"] = [self._item(price)]
        self.send("customer.subscription.updated", subscription)

    def cancel(self, subscription_id: str) -> dict[str, Any]:
        subscription = self.subscriptions[subscription_id]
        subscription["status"] = "canceled"
        self.send("customer.subscription.deleted", subscription)
        return subscription

    def subscription_of(self, customer: str) -> dict[str, Any] | None:
        live = [s for s in self.subscriptions.values() if s["customer"] == customer]
        return next((s for s in live if s["status"] == "active"), None)

    def send(self, kind: str, data: dict[str, Any]) -> dict[str, Any]:
        """The event ``kind`` about ``data``: kept in ``events``, and posted signed to
        ``webhook_url`` when one is set (in-process tests deliver ``events`` themselves)."""
        sent = event(kind, json.loads(json.dumps(data)))
        self.events.append(sent)
        if self.deliver_webhooks and self.webhook_url:
            self.deliver(sent)
        return sent

    def deliver(
        self, payload: dict[str, Any] | bytes, signature: str | None = None
    ) -> httpx.Response:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", "Stripe-Signature": signature or sign(body)}
        response = httpx.post(self.webhook_url, content=body, headers=headers, timeout=30)
        self.deliveries.append({"body": body, "status": response.status_code})
        return response

    # HTTP ---------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _form(self) -> dict[str, Any]:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                return _nest(parse_qsl(raw, keep_blank_values=True))

            def _api(self, method: str) -> bool:
                path = urlsplit(self.path).path
                if not path.startswith("/v1/"):
                    return False
                params = self._form() if method == "POST" else {}
                fake.requests.append({"method": method, "path": path, "params": params})
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    self._json(401, _error("Invalid API Key provided", "invalid_request_error"))
                    return True
                parts = path.strip("/").split("/")
                if method == "POST" and path == "/v1/checkout/sessions":
                    self._json(200, fake.create_checkout(params))
                elif method == "GET" and parts[:3] == ["v1", "checkout", "sessions"]:
                    found = fake.sessions.get(parts[3]) if len(parts) == 4 else None
                    self._found(found, "checkout.session")
                elif method == "POST" and path == "/v1/billing_portal/sessions":
                    portal_id = f"bps_{_next()}"
                    portal = {
                        "id": portal_id,
                        "object": "billing_portal.session",
                        "customer": params["customer"],
                        "return_url": params["return_url"],
                        "url": f"{fake.url}/portal/{portal_id}",
                    }
                    fake.portals[portal_id] = portal
                    self._json(200, portal)
                elif method == "DELETE" and parts[:2] == ["v1", "subscriptions"]:
                    known = parts[2] in fake.subscriptions
                    self._found(fake.cancel(parts[2]) if known else None, "subscription")
                else:
                    self._json(404, _error(f"Unrecognized request URL ({method}: {path})"))
                return True

            def _found(self, found: dict[str, Any] | None, kind: str) -> None:
                if found is None:
                    self._json(404, _error(f"No such {kind}", code="resource_missing"))
                else:
                    self._json(200, found)

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if self._api("GET"):
                    return
                parts = urlsplit(self.path).path.strip("/").split("/")
                if parts[0] == "pay" and parts[1] in fake.sessions:
                    self._page(_checkout_page(fake.sessions[parts[1]]))
                elif parts[0] == "portal" and parts[1] in fake.portals:
                    portal = fake.portals[parts[1]]
                    self._page(_portal_page(portal, fake.subscription_of(portal["customer"])))
                else:
                    self._page("<h1>Not found</h1>", status=404)

            def do_DELETE(self) -> None:  # noqa: N802
                self._api("DELETE")

            def do_POST(self) -> None:  # noqa: N802
                if self._api("POST"):
                    return
                form = self._form()
                parts = urlsplit(self.path).path.strip("/").split("/")
                if parts[0] == "pay" and parts[1] in fake.sessions:
                    session = fake.pay(parts[1])
                    target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", parts[1])
                elif parts[0] == "portal" and parts[1] in fake.portals:
                    portal = fake.portals[parts[1]]
                    subscription = fake.subscription_of(portal["customer"])
                    if subscription is not None and form.get("action") == "cancel":
                        fake.cancel(subscription["id"])
                    elif subscription is not None and form.get("price") in PRICES:
                        fake.switch(subscription["id"], form["price"])
                    target = portal["return_url"]
                else:
                    self._page("<h1>Not found</h1>", status=404)
                    return
                self.send_response(303)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                self._send(status, json.dumps(payload).encode(), "application/json")

            def _page(self, body: str, status: int = 200) -> None:
                document = (
                    "<!doctype html><html lang='en'><title>Stripe</title>"
                    f"<link rel='icon' href='data:,'><main>{body}</main>"
                )
                self._send(status, document.encode(), "text/html; charset=utf-8")

            def _send(self, status: int, data: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _error(
    message: str, kind: str = "invalid_request_error", code: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": kind, "code": code}}


def _checkout_page(session: dict[str, Any]) -> str:
    plan, price = PRICES[session["line_items"]["0"]["price"]]
    return (
        f"<h1>Subscribe to cvapp {html.escape(plan.title())}</h1><p>{html.escape(price)}</p>"
        f"<form method='post'><button type='submit'>Pay {html.escape(price)}</button></form>"
        f"<a href='{html.escape(session['cancel_url'])}'>Back to cvapp</a>"
    )


def _portal_page(portal: dict[str, Any], subscription: dict[str, Any] | None) -> str:
    if subscription is None:
        body = "<p>No active subscription.</p>"
    else:
        current = subscription["items"]["data"][0]["price"]["id"]
        plan = PRICES[current][0]
        body = f"<p>Current plan: {html.escape(plan.title())}</p>" + "".join(
            f"<form method='post'><input type='hidden' name='price' value='{price}'>"
            f"<button type='submit'>Switch to {name.title()} ({html.escape(label)})</button></form>"
            for price, (name, label) in PRICES.items()
            if price != current
        )
        body += (
            "<form method='post'><input type='hidden' name='action' value='cancel'>"
            "<button type='submit'>Cancel subscription</button></form>"
        )
    return (
        f"<h1>Billing</h1>{body}<a href='{html.escape(portal['return_url'])}'>Return to cvapp</a>"
    )


def stripe_settings(server: FakeStripe) -> dict[str, str]:
    """The ``CVAPP_STRIPE_*`` settings that point cvapp at ``server``."""
    return {
        "CVAPP_STRIPE_SECRET_KEY": API_KEY,
        "CVAPP_STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "CVAPP_STRIPE_PRICE_PRO": PRICE_OF["pro"],
        "CVAPP_STRIPE_PRICE_EXPERT": PRICE_OF["expert"],
        "CVAPP_STRIPE_API_BASE": server.url,
    }


@pytest.fixture
def stripe_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeStripe]:
    """The fake Stripe, with cvapp's settings pointing at it (webhooks: set ``webhook_url``)."""
    server = FakeStripe()
    server.start()
    for name, value in stripe_settings(server).items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        yield server
    finally:
        server.stop()
        monkeypatch.undo()
        get_settings.cache_clear()
