"""Every plan limit through the API: 402 PLAN_LIMIT naming it (AI quotas answer 429)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.models import AiUsage
from tests.domain.account_support import bearer, make_user

API = "/api/v1"
UNLIMITED_CVS = 4


def _limit(response: object, name: str) -> dict[str, object]:
    assert response.status_code == 402, response.text  # type: ignore[attr-defined]
    error = response.json()["error"]  # type: ignore[attr-defined]
    assert error["code"] == "PLAN_LIMIT"
    detail: dict[str, object] = error["details"][0]
    assert detail["limit"] == name and detail["message"] == error["message"]
    return detail


def _create_cv(api: TestClient, headers: dict[str, str], name: str, **extra: object) -> object:
    return api.post(f"{API}/cvs", json={"name": name, **extra}, headers=headers)


@pytest.mark.parametrize("plan", ["free", "pro", "expert"])
def test_cv_versions(api: TestClient, session: Session, plan: str) -> None:
    headers = bearer(make_user(session, plan=plan))
    allowed = 2 if plan == "free" else UNLIMITED_CVS
    for n in range(allowed):
        assert _create_cv(api, headers, f"CV {n}").status_code == 201  # type: ignore[attr-defined]
    over = _create_cv(api, headers, "one more")
    if plan == "free":
        detail = _limit(over, "cv_versions")
        assert detail["next_plan"] == "pro" and detail["next_plan_allows"] == "unlimited"
    else:
        assert over.status_code == 201  # type: ignore[attr-defined]


@pytest.mark.parametrize("plan", ["free", "pro", "expert"])
def test_templates(api: TestClient, session: Session, plan: str) -> None:
    headers = bearer(make_user(session, plan=plan))
    assert _create_cv(api, headers, "a", template="compact").status_code == 201  # type: ignore[attr-defined]
    paid = _create_cv(api, headers, "b", template="two-column")
    if plan == "free":
        assert "classic, modern, compact" in str(_limit(paid, "templates")["allowed"])
    else:
        assert paid.status_code == 201  # type: ignore[attr-defined]


@pytest.mark.parametrize("plan", ["free", "pro", "expert"])
def test_share_links(api: TestClient, session: Session, plan: str) -> None:
    headers = bearer(make_user(session, plan=plan))
    cv_id = _create_cv(api, headers, "cv").json()["id"]  # type: ignore[attr-defined]
    url = f"{API}/cvs/{cv_id}/share-links"
    first = api.post(url, json={"label": "Acme"}, headers=headers)
    assert first.status_code == 201
    second = api.post(url, json={"label": "Globex"}, headers=headers)
    if plan == "free":
        _limit(second, "share_links")
        api.delete(f"{API}/share-links/{first.json()['id']}", headers=headers)
        assert api.post(url, json={"label": "Globex"}, headers=headers).status_code == 201
    else:
        assert second.status_code == 201


@pytest.mark.parametrize(("plan", "quota"), [("free", 20), ("pro", 200), ("expert", 2000)])
@time_machine.travel("2026-11-25T12:00:00Z", tick=False)
def test_ai_calls_per_day(api: TestClient, session: Session, plan: str, quota: int) -> None:
    user = make_user(session, plan=plan)
    session.add(AiUsage(user_id=user.id, day=date(2026, 11, 25), count=quota - 1))
    session.commit()
    body = {"text": "Did code reviews"}
    assert api.post(f"{API}/ai/optimize-text", json=body, headers=bearer(user)).status_code == 200
    over = api.post(
        f"{API}/ai/optimize-text", json={"text": "Led code reviews"}, headers=bearer(user)
    )
    assert over.status_code == 429 and f"{quota} per day" in over.json()["error"]["message"]


@pytest.mark.parametrize("plan", ["free", "pro", "expert"])
def test_api_access(api: TestClient, session: Session, plan: str) -> None:
    response = api.post(
        f"{API}/api-keys", json={"name": "k"}, headers=bearer(make_user(session, plan=plan))
    )
    if plan == "expert":
        assert response.status_code == 201
    else:
        assert _limit(response, "api_access")["next_plan"] == "expert"


def test_plan_and_usage(api: TestClient, session: Session) -> None:
    headers = bearer(make_user(session))
    _create_cv(api, headers, "cv")
    body = api.get(f"{API}/account/plan", headers=headers).json()
    assert body["plan"] == "free" and body["label"] == "Free"
    limits = {row["limit"]: row for row in body["limits"]}
    assert limits["cv_versions"]["used"] == 1 and limits["cv_versions"]["allowed"] == "2"
    assert limits["api_access"]["reached"] is True
    table = {row["limit"]: row for row in body["plans"]}
    assert table["ai_calls_per_day"] == {
        "limit": "ai_calls_per_day",
        "label": "AI calls per day",
        "free": "20",
        "pro": "200",
        "expert": "2000",
    }
