"""Mail flows through a real SMTP server: password reset, verification, email change."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import OutboxEmail
from cvapp.models.base import utcnow
from tests.api import auth_support
from tests.api.auth_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    Inbox,
    _quiet_queue,
    bearer,
    login,
    register,
    token_from,
    wait_for_jobs,
)

smtp_inbox = auth_support.smtp_inbox  # the fixture, shared with other modules

NEW_PASSWORD = "a brand new passphrase"


def _request_reset(api: TestClient, email: str) -> dict[str, object]:
    response = api.post("/api/v1/auth/password-reset/request", json={"email": email})
    assert response.status_code == 202
    return dict(response.json())


def test_password_reset_by_mail_signs_every_session_out(
    api: TestClient, smtp_inbox: Inbox, session: Session
) -> None:
    tokens = register(api)
    _request_reset(api, "Ann@Example.org")
    wait_for_jobs()
    [mail] = smtp_inbox.to("ann@example.org", "Reset your password")
    token = token_from(mail)

    confirm = api.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert confirm.status_code == 204
    me = api.get("/api/v1/auth/me", headers=bearer(tokens))
    assert me.json()["error"]["code"] == "TOKEN_REVOKED"
    assert login(api).status_code == 401
    assert login(api, password=NEW_PASSWORD).status_code == 200

    reused = api.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": PASSWORD}
    )
    assert reused.status_code == 422
    wait_for_jobs()
    assert smtp_inbox.to("ann@example.org", "Your password was changed")
    # What SMTP sent is recorded without the secret link.
    record = session.exec(
        select(OutboxEmail).where(OutboxEmail.subject == "Reset your password")
    ).one()
    assert record.sent_at is not None and token not in record.body_text


def test_reset_links_expire_after_an_hour(api: TestClient, smtp_inbox: Inbox) -> None:
    register(api)
    _request_reset(api, "ann@example.org")
    wait_for_jobs()
    token = token_from(smtp_inbox.to("ann@example.org", "Reset your password")[0])
    with time_machine.travel(utcnow() + timedelta(hours=1, seconds=1)):
        late = api.post(
            "/api/v1/auth/password-reset/confirm",
            json={"token": token, "new_password": NEW_PASSWORD},
        )
    assert late.status_code == 422


def test_only_the_newest_reset_link_works(api: TestClient, smtp_inbox: Inbox) -> None:
    register(api)
    _request_reset(api, "ann@example.org")
    wait_for_jobs()
    _request_reset(api, "ann@example.org")
    wait_for_jobs()
    first, second = (token_from(m) for m in smtp_inbox.to("ann@example.org", "Reset"))
    body = {"new_password": NEW_PASSWORD}
    assert (
        api.post("/api/v1/auth/password-reset/confirm", json={"token": first, **body}).status_code
        == 422
    )
    assert (
        api.post("/api/v1/auth/password-reset/confirm", json={"token": second, **body}).status_code
        == 204
    )


def test_reset_requests_reveal_nothing_about_the_address(
    api: TestClient, smtp_inbox: Inbox
) -> None:
    register(api)
    known = _request_reset(api, "ann@example.org")
    unknown = _request_reset(api, "nobody@example.org")
    assert known == unknown
    wait_for_jobs()
    assert smtp_inbox.to("nobody@example.org") == []
    assert len(smtp_inbox.to("ann@example.org", "Reset your password")) == 1


def test_reset_requests_are_limited_to_three_per_hour_per_email(api: TestClient) -> None:
    for _ in range(3):
        _request_reset(api, "nobody@example.org")
    limited = api.post("/api/v1/auth/password-reset/request", json={"email": "NOBODY@example.org"})
    assert limited.status_code == 429
    assert 3000 < int(limited.headers["retry-after"]) <= 3600
    assert _request_reset(api, "somebody@example.org")  # another address is not limited


def test_reset_confirm_refuses_a_weak_password_without_spending_the_token(
    api: TestClient, smtp_inbox: Inbox
) -> None:
    register(api)
    _request_reset(api, "ann@example.org")
    wait_for_jobs()
    token = token_from(smtp_inbox.to("ann@example.org", "Reset")[0])
    weak = api.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": "password12"}
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["details"][0]["field"] == "new_password"
    ok = api.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert ok.status_code == 204


def test_verification_mail_over_smtp(api: TestClient, smtp_inbox: Inbox) -> None:
    tokens = register(api)
    wait_for_jobs()
    [mail] = smtp_inbox.to("ann@example.org", "Confirm your email address")
    assert mail["From"] and mail["Message-ID"]
    assert (
        api.post("/api/v1/auth/verify-email", json={"token": token_from(mail)}).status_code == 204
    )
    assert api.get("/api/v1/auth/me", headers=bearer(tokens)).json()["email_verified"] is True


def test_email_change_is_confirmed_from_the_new_mailbox(api: TestClient, smtp_inbox: Inbox) -> None:
    tokens = register(api)
    wrong = api.post(
        "/api/v1/account/email-change",
        json={"new_email": "ann.new@example.org", "password": "not my password"},
        headers=bearer(tokens),
    )
    assert wrong.status_code == 422
    accepted = api.post(
        "/api/v1/account/email-change",
        json={"new_email": "Ann.New@example.org", "password": PASSWORD},
        headers=bearer(tokens),
    )
    assert accepted.status_code == 202
    wait_for_jobs()
    [mail] = smtp_inbox.to("ann.new@example.org", "Confirm your new email address")
    assert api.get("/api/v1/auth/me", headers=bearer(tokens)).json()["email"] == "ann@example.org"

    confirm = api.post("/api/v1/auth/email-change/confirm", json={"token": token_from(mail)})
    assert confirm.status_code == 204
    me = api.get("/api/v1/auth/me", headers=bearer(tokens)).json()
    assert me["email"] == "ann.new@example.org" and me["email_verified"] is True
    assert login(api, email="ann.new@example.org").status_code == 200
    wait_for_jobs()
    assert smtp_inbox.to("ann@example.org", "Your email address was changed")


def test_email_change_to_a_taken_address_sends_nothing(api: TestClient, smtp_inbox: Inbox) -> None:
    tokens = register(api)
    register(api, email="bob@example.org")
    wait_for_jobs()
    response = api.post(
        "/api/v1/account/email-change",
        json={"new_email": "bob@example.org", "password": PASSWORD},
        headers=bearer(tokens),
    )
    assert response.status_code == 202
    wait_for_jobs()
    assert smtp_inbox.to("bob@example.org", "Confirm your new email address") == []


def test_reset_requests_are_limited_per_client_too(api: TestClient) -> None:
    """Issue #15 point 9: one client cycling through addresses is held back as well."""
    answers = [
        api.post("/api/v1/auth/password-reset/request", json={"email": f"p{i}@example.org"})
        for i in range(12)
    ]
    assert [r.status_code for r in answers[:10]] == [202] * 10
    assert answers[10].status_code == 429 and answers[11].status_code == 429
