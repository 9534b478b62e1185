"""Buying plans through Stripe: the real SDK against a local fake Stripe, signed webhooks.

Checkout and the portal go through the SDK over HTTP; the events the fake Stripe emits are
delivered to the webhook as Stripe would post them (signed with the test secret), plus
forged, altered, replayed and stale ones.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import AuditEvent, BillingAccount, BillingEvent, CvVersion, User
from tests.domain.account_support import PASSWORD, bearer, make_cvs, make_user
from tests.fakes.stripe_server import PRICE_OF, FakeStripe, event, sign, stripe_server

__all__ = ["stripe_server"]

API = "/api/v1"
WEBHOOK = f"{API}/billing/stripe/webhook"


def _post_event(api: TestClient, sent: dict[str, Any], **signing: Any) -> httpx.Response:
    body = json.dumps(sent).encode()
    headers = {"Stripe-Signature": sign(body, **signing), "Content-Type": "application/json"}
    return api.post(WEBHOOK, content=body, headers=headers)


def _deliver_all(api: TestClient, fake: FakeStripe) -> list[dict[str, Any]]:
    """Post every event the fake Stripe emitted so far, as its webhook sender would."""
    answers = []
    while fake.events:
        response = _post_event(api, fake.events.pop(0))
        assert response.status_code == 200, response.text
        answers.append(response.json())
    return answers


def _buy(api: TestClient, fake: FakeStripe, headers: dict[str, str], plan: str) -> str:
    """Start a checkout, pay on the fake Stripe's page; the checkout's id."""
    response = api.post(f"{API}/account/plan/checkout", json={"plan": plan}, headers=headers)
    assert response.status_code == 200, response.text
    url = response.json()["url"]
    assert url.startswith(fake.url + "/pay/")
    page = httpx.get(url)
    assert page.status_code == 200 and "Pay" in page.text
    paid = httpx.post(url, follow_redirects=False)
    assert paid.status_code == 303
    checkout_id = url.rsplit("/", 1)[1]
    assert paid.headers["location"].endswith(f"?checkout=success&session_id={checkout_id}")
    return checkout_id


def _plan(session: Session, user: User) -> str:
    session.expire_all()
    fresh = session.get(User, user.id)
    assert fresh is not None
    return fresh.plan


def test_plan_page_data_without_stripe_offers_nothing_to_buy(
    api: TestClient, session: Session
) -> None:
    headers = bearer(make_user(session))
    body = api.get(f"{API}/account/plan", headers=headers).json()
    assert body["billing"] == {"provider": None, "buyable": [], "manageable": False}
    assert body["prices"] == {"free": "Free", "pro": "€6 a month", "expert": "€15 a month"}
    refused = api.post(f"{API}/account/plan/checkout", json={"plan": "pro"}, headers=headers)
    assert refused.status_code == 409 and "not sold online" in refused.json()["error"]["message"]
    assert api.post(WEBHOOK, content=b"{}").status_code == 409


def test_checkout_through_the_sdk_then_the_webhook_lifts_the_limit(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    headers = bearer(user)
    make_cvs(session, user, 2)
    over = api.post(f"{API}/cvs", json={"name": "Third"}, headers=headers)
    assert over.status_code == 402
    plan = api.get(f"{API}/account/plan", headers=headers).json()
    assert plan["billing"] == {
        "provider": "stripe",
        "buyable": ["pro", "expert"],
        "manageable": False,
    }

    _buy(api, stripe_server, headers, "pro")
    created = stripe_server.requests[0]
    assert created["path"] == "/v1/checkout/sessions"
    assert created["params"]["line_items"]["0"] == {"price": PRICE_OF["pro"], "quantity": "1"}
    assert created["params"]["client_reference_id"] == user.id
    assert created["params"]["customer_email"] == user.email
    assert _plan(session, user) == "free"  # nothing until Stripe says it was paid

    answers = _deliver_all(api, stripe_server)
    assert [a["type"] for a in answers] == [
        "customer.subscription.created",
        "checkout.session.completed",
    ]
    assert _plan(session, user) == "pro"
    assert api.post(f"{API}/cvs", json={"name": "Third"}, headers=headers).status_code == 201
    account = session.exec(select(BillingAccount).where(BillingAccount.user_id == user.id)).one()
    assert account.customer_id.startswith("cus_") and account.status == "active"
    plan = api.get(f"{API}/account/plan", headers=headers).json()
    assert plan["plan"] == "pro"
    assert plan["billing"] == {"provider": "stripe", "buyable": [], "manageable": True}
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert actions.count("plans.changed") == 1
    again = api.post(f"{API}/account/plan/checkout", json={"plan": "expert"}, headers=headers)
    assert again.status_code == 409 and "Manage billing" in again.json()["error"]["message"]


def test_back_from_checkout_before_the_webhook_applies_it_once(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    headers = bearer(user)
    checkout_id = _buy(api, stripe_server, headers, "expert")
    stranger = bearer(make_user(session))
    ignored = api.post(f"{API}/account/plan/checkout/{checkout_id}", headers=stranger)
    assert ignored.status_code == 404 and ignored.json()["error"]["code"] == "NOT_FOUND"
    unknown = api.post(f"{API}/account/plan/checkout/cs_test_nope", headers=headers)
    assert unknown.status_code == 404
    assert _plan(session, user) == "free"

    back = api.post(f"{API}/account/plan/checkout/{checkout_id}", headers=headers)
    assert back.status_code == 200 and back.json()["plan"] == "expert"
    _deliver_all(api, stripe_server)  # the late webhooks change nothing more
    assert _plan(session, user) == "expert"
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert actions.count("plans.changed") == 1


def test_webhooks_forged_altered_stale_or_replayed(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    _buy(api, stripe_server, bearer(user), "pro")
    completed = stripe_server.events[1]
    body = json.dumps(completed).encode()

    def refused(response: httpx.Response) -> None:
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "INVALID_SIGNATURE"
        assert _plan(session, user) == "free"

    refused(api.post(WEBHOOK, content=body))  # no signature at all
    forged = sign(body, secret="whsec_someone_else")
    refused(api.post(WEBHOOK, content=body, headers={"Stripe-Signature": forged}))
    altered = body.replace(b'"pro"', b'"expert"')
    refused(api.post(WEBHOOK, content=altered, headers={"Stripe-Signature": sign(body)}))
    refused(_post_event(api, completed, timestamp=int(time.time()) - 3600))  # replayed later
    assert api.post(WEBHOOK, content=b"x" * 300_000).status_code == 413

    first = _post_event(api, completed)
    assert first.status_code == 200 and first.json()["applied"] is True
    assert _plan(session, user) == "pro"
    # Stripe redelivers (timeout, retry): same event id, freshly signed: a no-op.
    again = _post_event(api, completed)
    assert again.status_code == 200 and again.json() == first.json() | {
        "duplicate": True,
        "applied": False,
    }
    recorded = session.exec(select(BillingEvent).where(BillingEvent.event_id == completed["id"]))
    assert len(recorded.all()) == 1


def test_portal_switch_and_cancel_downgrade_keeps_cvs_read_only(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    headers = bearer(user)
    assert api.post(f"{API}/account/plan/portal", headers=headers).status_code == 404
    _buy(api, stripe_server, headers, "pro")
    _deliver_all(api, stripe_server)
    assert _plan(session, user) == "pro"
    make_cvs(session, user, 4)

    portal = api.post(f"{API}/account/plan/portal", headers=headers)
    assert portal.status_code == 200
    url = portal.json()["url"]
    assert "Current plan: Pro" in httpx.get(url).text
    httpx.post(url, data={"price": PRICE_OF["expert"]}, follow_redirects=False)
    _deliver_all(api, stripe_server)
    assert _plan(session, user) == "expert"

    httpx.post(url, data={"action": "cancel"}, follow_redirects=False)
    answers = _deliver_all(api, stripe_server)
    assert answers[-1]["type"] == "customer.subscription.deleted"
    assert _plan(session, user) == "free"
    cvs = session.exec(select(CvVersion).where(CvVersion.user_id == user.id)).all()
    assert len(cvs) == 4 and sum(not cv.read_only for cv in cvs) == 2  # nothing deleted
    plan = api.get(f"{API}/account/plan", headers=headers).json()
    assert plan["billing"]["buyable"] == ["pro", "expert"]  # can buy again


def test_an_older_event_delivered_late_changes_nothing(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    _buy(api, stripe_server, bearer(user), "pro")
    _deliver_all(api, stripe_server)
    subscription = next(iter(stripe_server.subscriptions.values()))
    now = int(time.time())
    cancelled = subscription | {"status": "canceled"}
    assert _post_event(api, event("customer.subscription.deleted", cancelled, created=now)).json()[
        "applied"
    ]
    stale = event("customer.subscription.updated", subscription, created=now - 60)
    assert _post_event(api, stale).json()["applied"] is False
    assert _plan(session, user) == "free"
    unknown = subscription | {"customer": "cus_not_ours"}
    answer = _post_event(api, event("customer.subscription.updated", unknown)).json()
    assert answer["applied"] is False and answer["duplicate"] is False


@pytest.mark.parametrize("plan", ["free", "enterprise", ""])
def test_checkout_refuses_plans_not_on_sale(
    api: TestClient, session: Session, stripe_server: FakeStripe, plan: str
) -> None:
    headers = bearer(make_user(session))
    response = api.post(f"{API}/account/plan/checkout", json={"plan": plan}, headers=headers)
    assert response.status_code == 422
    assert not stripe_server.requests


def test_deleting_the_account_cancels_the_subscription(
    api: TestClient, session: Session, stripe_server: FakeStripe
) -> None:
    user = make_user(session)
    headers = bearer(user)
    _buy(api, stripe_server, headers, "pro")
    _deliver_all(api, stripe_server)
    deleted = api.request("DELETE", f"{API}/account", json={"password": PASSWORD}, headers=headers)
    assert deleted.status_code == 202, deleted.text
    subscription = next(iter(stripe_server.subscriptions.values()))
    assert subscription["status"] == "canceled"
    assert stripe_server.requests[-1]["method"] == "DELETE"
    _deliver_all(api, stripe_server)  # Stripe's customer.subscription.deleted
    assert _plan(session, user) == "free"


def test_upgrade_leads_to_checkout_or_to_the_plan_page(
    session: Session, stripe_server: FakeStripe, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cvapp.domain.billing import service as billing
    from cvapp.settings import get_settings

    user = make_user(session)
    assert billing.upgrade_destination(session, user=user, plan="pro").startswith(
        stripe_server.url + "/pay/"
    )
    assert billing.upgrade_destination(session, user=user, plan="free") == (
        "/app/settings/plan?upgrade=free"
    )
    monkeypatch.delenv("CVAPP_STRIPE_SECRET_KEY")
    get_settings.cache_clear()
    assert billing.upgrade_destination(session, user=user, plan="pro") == (
        "/app/settings/plan?upgrade=pro"
    )


def test_limit_errors_name_the_plan_that_lifts_them(session: Session) -> None:
    from cvapp.domain.ai import quotas
    from cvapp.domain.plans.limits import plan_limit
    from cvapp.errors import NotFound
    from cvapp.state.forms import limit_of

    assert limit_of(plan_limit("free", "cv_versions")) == ("cv_versions", "pro")
    assert limit_of(plan_limit("free", "api_access")) == ("api_access", "expert")
    assert limit_of(plan_limit("expert", "cv_versions")) == ("cv_versions", "")
    assert limit_of(NotFound("nope")) == ("", "")
    from cvapp.domain.ai.errors import AiQuotaExceeded

    user = make_user(session)
    with pytest.raises(AiQuotaExceeded) as exceeded:
        for _ in range(quotas.daily_limit("free") + 1):
            quotas.charge(session, user=user)
    assert exceeded.value.next_plan == "pro"
