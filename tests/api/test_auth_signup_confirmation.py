"""Sign-up with confirmation (``CVAPP_SIGNUP_CONFIRMATION``, on in production): the form
answers alike for a new and a registered address, so it tells nobody who has an account; the
mailed link creates the account only with the password chosen on the form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.models import User
from cvapp.settings import Settings, get_settings
from tests.api import auth_support
from tests.api.auth_support import (  # noqa: F401  (fixtures)
    PASSWORD,
    PRIVACY_VERSION,
    Inbox,
    _quiet_queue,
    bearer,
    login,
    register,
    token_from,
    wait_for_jobs,
)

smtp_inbox = auth_support.smtp_inbox


@pytest.fixture
def confirming(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(get_settings(), "signup_confirmation", True)
    yield


def _sign_up(api: TestClient, email: str, password: str = PASSWORD) -> Any:
    body = {
        "email": email,
        "password": password,
        "full_name": "Bea Example",
        "accept_privacy_version": PRIVACY_VERSION,
    }
    return api.post("/api/v1/auth/register", json=body)


def test_confirmation_is_on_by_default_in_production_with_mail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for cost in ("MEMORY_KIB", "TIME_COST", "PARALLELISM"):  # the tests' cheap hashes
        monkeypatch.delenv(f"CVAPP_ARGON2_{cost}")
    assert Settings(env="production", secret_key="x" * 40, smtp_host="mail").confirms_signup
    assert not Settings(env="production", secret_key="x" * 40).confirms_signup  # no mail out
    assert not Settings(env="development", smtp_host="mail").confirms_signup
    assert not Settings(
        env="production", secret_key="x" * 40, signup_confirmation=False
    ).confirms_signup
    assert Settings(env="test", signup_confirmation=True).confirms_signup


def test_a_taken_and_a_new_address_get_the_same_answer(
    api: TestClient, smtp_inbox: Inbox, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(api)  # ann@example.org exists (made before confirmation is switched on)
    monkeypatch.setattr(get_settings(), "signup_confirmation", True)

    taken = _sign_up(api, "Ann@Example.org", password="another passphrase here")
    new = _sign_up(api, "bea@example.org")
    assert taken.status_code == new.status_code == 202
    assert taken.json() == new.json()
    assert set(taken.headers) - {"content-length", "x-request-id"} == set(new.headers) - {
        "content-length",
        "x-request-id",
    }
    assert "set-cookie" not in new.headers and "access_token" not in new.text
    # No account yet for the new address; the registered one is untouched.
    assert session.exec(select(User).where(User.email == "bea@example.org")).first() is None
    assert login(api, "ann@example.org").status_code == 200

    wait_for_jobs()
    [note] = smtp_inbox.to("ann@example.org", "You already have a cvapp account")
    assert "token=" not in note.get_body(("plain",)).get_content()
    [link] = smtp_inbox.to("bea@example.org", "Confirm your cvapp account")
    assert "/confirm-signup?token=" in link.get_body(("plain",)).get_content()


def test_the_link_with_the_chosen_password_creates_a_verified_signed_in_account(
    api: TestClient, smtp_inbox: Inbox, session: Session, confirming: None
) -> None:
    assert _sign_up(api, "bea@example.org").status_code == 202
    wait_for_jobs()
    token = token_from(smtp_inbox.to("bea@example.org", "Confirm your cvapp account")[0])

    wrong = api.post(
        "/api/v1/auth/register/confirm", json={"token": token, "password": "not what I chose"}
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "password"

    done = api.post("/api/v1/auth/register/confirm", json={"token": token, "password": PASSWORD})
    assert done.status_code == 201, done.text
    tokens = done.json()
    me = api.get("/api/v1/auth/me", headers=bearer(tokens)).json()
    assert me["email"] == "bea@example.org" and me["email_verified"] is True
    assert api.get("/api/v1/profiles/me", headers=bearer(tokens)).status_code == 200

    again = api.post("/api/v1/auth/register/confirm", json={"token": token, "password": PASSWORD})
    assert again.status_code == 422
    assert again.json()["error"]["details"][0]["field"] == "token"
    # Signing up again with the address now registered mails its owner, not a new link.
    assert _sign_up(api, "bea@example.org").status_code == 202
    wait_for_jobs()
    assert smtp_inbox.to("bea@example.org", "You already have a cvapp account")
    assert len(smtp_inbox.to("bea@example.org", "Confirm your cvapp account")) == 1


def test_an_unknown_link_and_bad_input_get_clear_errors(api: TestClient, confirming: None) -> None:
    unknown = api.post(
        "/api/v1/auth/register/confirm", json={"token": "nope", "password": PASSWORD}
    )
    assert unknown.status_code == 422
    assert "expired" in unknown.json()["error"]["details"][0]["message"]
    bad = _sign_up(api, "not-an-address", password="short")
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert {"email", "password"} <= fields


def test_without_confirmation_the_contract_stays_201_with_tokens(api: TestClient) -> None:
    tokens = register(api, "cy@example.org")
    assert tokens["access_token"] and tokens["user"]["email"] == "cy@example.org"
