"""Registration: validation, consent, master profile, verification mail, rate limit."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import ConsentRecord, OutboxEmail, Profile, User
from tests.api.auth_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    PRIVACY_VERSION,
    _quiet_queue,
    bearer,
    register,
    token_from,
    wait_for_jobs,
)


def test_privacy_policy_is_served(api: TestClient) -> None:
    response = api.get("/api/v1/legal/privacy")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == PRIVACY_VERSION
    assert "What we keep" in body["text"]
    assert body["published_at"].startswith(PRIVACY_VERSION)


def test_register_creates_a_free_account_with_profile_consent_and_session(
    api: TestClient, session: Session
) -> None:
    response = api.post(
        "/api/v1/auth/register",
        json={
            "email": "  Ann.Example@Example.ORG ",
            "password": PASSWORD,
            "full_name": "  Ann   Example ",
            "accept_privacy_version": PRIVACY_VERSION,
        },
        headers={"User-Agent": "pytest-browser"},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == "/api/v1/auth/me"
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    assert body["user"]["email"] == "ann.example@example.org"
    assert body["user"]["plan"] == "free" and body["user"]["email_verified"] is False
    assert {"cvapp_access", "cvapp_refresh", "cvapp_csrf"} <= set(response.cookies.keys())
    cookies = response.headers.get_list("set-cookie")
    assert all("samesite=lax" in c.lower() for c in cookies)
    assert sum("httponly" in c.lower() for c in cookies) == 2  # the CSRF cookie stays readable

    user = session.exec(select(User)).one()
    assert user.full_name == "Ann Example" and user.password_hash != PASSWORD
    profile = session.exec(select(Profile).where(Profile.user_id == user.id)).one()
    assert profile.full_name == "Ann Example"
    consent = session.exec(select(ConsentRecord)).one()
    assert (consent.kind, consent.version, consent.granted) == (
        "privacy_policy",
        PRIVACY_VERSION,
        True,
    )
    assert consent.recorded_at is not None and consent.ip == "testclient"

    me = api.get("/api/v1/auth/me", headers=bearer(body))
    assert me.status_code == 200 and me.json()["id"] == user.id


def test_verification_mail_lands_in_the_outbox_and_verifies(
    api: TestClient, session: Session
) -> None:
    tokens = register(api)
    wait_for_jobs()
    mail = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == "ann@example.org"))
    outbox = mail.one()
    assert outbox.subject == "Confirm your email address" and outbox.sent_at is None
    token = outbox.body_text.split("token=")[1].split()[0]

    assert api.post("/api/v1/auth/verify-email", json={"token": token}).status_code == 204
    assert api.get("/api/v1/auth/me", headers=bearer(tokens)).json()["email_verified"] is True
    again = api.post("/api/v1/auth/verify-email", json={"token": token})
    assert again.status_code == 422 and again.json()["error"]["details"][0]["field"] == "token"


def test_register_validates_every_field_at_once(api: TestClient) -> None:
    response = api.post(
        "/api/v1/auth/register",
        json={
            "email": "not-an-email",
            "password": "short",
            "full_name": "  ",
            "accept_privacy_version": "1999-01-01",
        },
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    fields = {detail["field"] for detail in error["details"]}
    assert fields == {"email", "password", "full_name", "accept_privacy_version"}


def test_common_and_short_passwords_are_refused(api: TestClient) -> None:
    for password, message in (
        ("basketball", "too common"),
        ("Qwertyuiop", "too common"),
        ("abc123xyz", "at least 10"),
    ):
        response = api.post(
            "/api/v1/auth/register",
            json={
                "email": "bob@example.org",
                "password": password,
                "full_name": "Bob",
                "accept_privacy_version": PRIVACY_VERSION,
            },
        )
        assert response.status_code == 422, password
        assert message in response.json()["error"]["details"][0]["message"]


def test_an_address_registers_once(api: TestClient) -> None:
    register(api)
    response = api.post(
        "/api/v1/auth/register",
        json={
            "email": "ANN@example.org",
            "password": PASSWORD,
            "full_name": "Other",
            "accept_privacy_version": PRIVACY_VERSION,
        },
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "CONFLICT"


def test_register_is_limited_to_five_per_hour_per_ip(api: TestClient) -> None:
    for n in range(5):
        register(api, email=f"user{n}@example.org")
    response = api.post(
        "/api/v1/auth/register",
        json={
            "email": "six@example.org",
            "password": PASSWORD,
            "full_name": "Six",
            "accept_privacy_version": PRIVACY_VERSION,
        },
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "RATE_LIMITED"
    assert 3000 < int(response.headers["retry-after"]) <= 3600
