"""/applications: CRUD, the status timeline, filters, ownership, locking and plan limits."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.settings import get_settings
from tests.domain.cv_support import auth, make_user

API = "/api/v1/applications"
ACME = {
    "company": "Acme",
    "role": "Data engineer",
    "job_url": "https://jobs.example.org/acme/42",
    "location": "Berlin",
    "salary": "€60–70k",
    "source": "LinkedIn",
    "deadline": "2030-02-01",
    "notes": "Referral from Bo",
    "contacts": [{"name": "Bo Recruiter", "role": "Talent", "email": "bo@acme.example"}],
}


def _new(api: TestClient, headers: dict[str, str], **fields: object) -> dict:
    created = api.post(API, json={**ACME, **fields}, headers=headers)
    assert created.status_code == 201, created.text
    return created.json()


def test_crud_and_status_timeline(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    created = api.post(API, json=ACME, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"].endswith(f"{API}/{body['id']}")
    assert len(body["id"]) == 26 and body["status"] == "wishlist" and body["version"] == 1
    assert body["contacts"][0]["email"] == "bo@acme.example" and body["salary"] == "€60–70k"
    assert [e["kind"] for e in body["timeline"]] == ["created"]

    moved = api.post(f"{API}/{body['id']}/status", json={"status": "applied"}, headers=headers)
    assert moved.status_code == 200, moved.text
    patched = api.patch(
        f"{API}/{body['id']}",
        json={"status": "interview", "interview_at": "2030-01-10T09:30:00+01:00"},
        headers=headers,
    )
    assert patched.status_code == 200, patched.text
    view = api.get(f"{API}/{body['id']}", headers=headers)
    assert view.headers["etag"] == '"3"'
    timeline = view.json()["timeline"]
    steps = [(e["kind"], e["from_status"], e["to_status"]) for e in timeline]
    assert steps == [
        ("created", None, "wishlist"),
        ("status", "wishlist", "applied"),
        ("status", "applied", "interview"),
    ]
    assert timeline[1]["at"] <= timeline[2]["at"]
    assert api.get(f"{API}/{body['id']}/timeline", headers=headers).json() == timeline

    replaced = api.put(
        f"{API}/{body['id']}", json={"company": "Acme", "role": "Lead"}, headers=headers
    )
    assert replaced.status_code == 200 and replaced.json()["location"] is None
    assert replaced.json()["status"] == "wishlist"  # PUT: the default again, dated too
    assert api.delete(f"{API}/{body['id']}", headers=headers).status_code == 204
    assert api.get(f"{API}/{body['id']}", headers=headers).status_code == 404


def test_validation_uses_the_error_envelope(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    bad = api.post(
        API,
        json={"company": "", "role": "X", "status": "hired", "job_url": "ftp://x"},
        headers=headers,
    )
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert {"body.company", "body.status", "body.job_url"} <= fields or {
        "company",
        "status",
        "job_url",
    } <= {f.rsplit(".", 1)[-1] for f in fields}
    naive = api.post(API, json={**ACME, "interview_at": "2030-01-10T09:30:00"}, headers=headers)
    assert naive.status_code == 422


def test_filters_search_sort_and_archive(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    first = _new(api, headers, company="Zeta GmbH", role="Backend", deadline="2030-03-01")
    second = _new(api, headers, company="alpha", role="Frontend", deadline=None)
    third = _new(api, headers, company="Mid", role="Data", status="applied")
    by_company = api.get(API, params={"sort": "company:asc"}, headers=headers).json()
    assert [a["company"] for a in by_company["data"]] == ["alpha", "Mid", "Zeta GmbH"]
    assert by_company["pagination"] == {"page": 1, "size": 20, "total": 3, "pages": 1}
    applied = api.get(API, params={"status": "applied"}, headers=headers).json()["data"]
    assert [a["id"] for a in applied] == [third["id"]]
    found = api.get(API, params={"q": "gmbh"}, headers=headers).json()["data"]
    assert [a["id"] for a in found] == [first["id"]]
    deadline = api.get(API, params={"sort": "deadline:asc"}, headers=headers).json()["data"]
    assert deadline[-1]["id"] == second["id"]  # no deadline: last

    archived = api.patch(f"{API}/{second['id']}", json={"archived": True}, headers=headers)
    assert archived.json()["archived"] is True
    assert archived.json()["timeline"][-1]["kind"] == "archived"
    active = api.get(API, headers=headers).json()["data"]
    assert second["id"] not in [a["id"] for a in active]
    only = api.get(API, params={"archived": "true"}, headers=headers).json()["data"]
    assert [a["id"] for a in only] == [second["id"]]
    assert (
        api.get(API, params={"archived": "all"}, headers=headers).json()["pagination"]["total"] == 3
    )
    assert api.get(API, params={"sort": "salary:asc"}, headers=headers).status_code == 422
    assert api.get(API, params={"status": "hired"}, headers=headers).status_code == 422


def test_another_users_application_is_not_found(api: TestClient, session: Session) -> None:
    owner, intruder = auth(make_user(session)), auth(make_user(session))
    theirs = _new(api, owner)
    for method, path, body in (
        ("GET", "", None),
        ("PATCH", "", {"role": "Mine now"}),
        ("PUT", "", ACME),
        ("POST", "/status", {"status": "applied"}),
        ("GET", "/timeline", None),
        ("DELETE", "", None),
    ):
        answer = api.request(method, f"{API}/{theirs['id']}{path}", json=body, headers=intruder)
        assert answer.status_code == 404, (method, path)
        assert answer.json()["error"]["code"] == "NOT_FOUND"
    assert api.get(API, headers=intruder).json()["data"] == []
    assert api.get(f"{API}/{theirs['id']}", headers=owner).json()["role"] == "Data engineer"


def test_someone_elses_cv_cannot_be_linked(api: TestClient, session: Session) -> None:
    owner, other = auth(make_user(session)), auth(make_user(session))
    cv = api.post("/api/v1/cvs", json={"name": "Theirs"}, headers=other).json()
    refused = api.post(API, json={**ACME, "cv_id": cv["id"]}, headers=owner)
    assert refused.status_code == 422
    mine = api.post("/api/v1/cvs", json={"name": "Mine"}, headers=owner).json()
    linked = _new(api, owner, cv_id=mine["id"])
    assert linked["cv_id"] == mine["id"]


def test_optimistic_locking(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    body = _new(api, headers)
    path = f"{API}/{body['id']}"
    assert api.patch(path, json={"notes": "a", "version": 1}, headers=headers).status_code == 200
    stale = api.patch(path, json={"notes": "b", "version": 1}, headers=headers)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "CONFLICT"
    precondition = api.patch(path, json={"notes": "b"}, headers={**headers, "If-Match": '"1"'})
    assert precondition.status_code == 412
    assert api.get(path, headers=headers).json()["notes"] == "a"


def test_status_labels_rename_the_columns(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    default = api.get(f"{API}/statuses", headers=headers).json()
    assert [s["status"] for s in default] == [
        "wishlist", "applied", "interview", "offer", "accepted", "rejected", "withdrawn"
    ]  # fmt: skip
    renamed = api.put(
        f"{API}/statuses", json={"labels": {"wishlist": "Dream jobs"}}, headers=headers
    )
    assert renamed.status_code == 200 and renamed.json()[0]["label"] == "Dream jobs"
    back = api.put(f"{API}/statuses", json={"labels": {"wishlist": ""}}, headers=headers)
    assert back.json()[0]["label"] == "Wishlist"
    bad = api.put(f"{API}/statuses", json={"labels": {"hired": "Yay"}}, headers=headers)
    assert bad.status_code == 422


def test_plan_limit_counts_active_applications(api: TestClient, session: Session) -> None:
    settings = get_settings()
    cap = settings.plan_free_applications
    settings.plan_free_applications = 2
    try:
        headers = auth(make_user(session, plan="free"))
        first = _new(api, headers)
        _new(api, headers)
        refused = api.post(API, json=ACME, headers=headers)
        assert refused.status_code == 402
        error = refused.json()["error"]
        assert error["code"] == "PLAN_LIMIT" and error["details"][0]["next_plan"] == "pro"
        assert "archive" in error["message"]
        api.patch(f"{API}/{first['id']}", json={"archived": True}, headers=headers)
        _new(api, headers)  # archiving made room
        back = api.patch(f"{API}/{first['id']}", json={"archived": False}, headers=headers)
        assert back.status_code == 402
        plan = api.get("/api/v1/account/plan", headers=headers).json()
        row = next(r for r in plan["limits"] if r["limit"] == "applications")
        assert (row["used"], row["reached"]) == (2, True)
    finally:
        settings.plan_free_applications = cap
