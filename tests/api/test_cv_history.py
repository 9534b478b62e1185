"""/cvs/{id}/history: every saved state of a CV is kept, compared with now, restored (a
restore is itself undoable), named; a deleted CV comes back from it; kept per plan."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.account.portable import documents
from cvapp.domain.history import service as history
from cvapp.models import Revision, User
from cvapp.models.base import utcnow
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def _history(api: TestClient, cv_id: str, headers: dict[str, str]) -> dict[str, Any]:
    response = api.get(f"{API}/cvs/{cv_id}/history", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _new_cv(api: TestClient, headers: dict[str, str], name: str = "Payments") -> dict[str, Any]:
    created = api.post(f"{API}/cvs", json={"name": name}, headers=headers)
    assert created.status_code == 201, created.text
    return dict(created.json())


def test_each_save_is_a_revision_with_what_changed(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    second = ids["experiences"][1]
    api.patch(f"{API}/cvs/{cv['id']}", json={"template": "modern"}, headers=headers)
    hide = {"items": {"experiences": [{"id": second, "visible": False}]}}
    api.patch(f"{API}/cvs/{cv['id']}", json=hide, headers=headers)
    # Saving the same state again adds nothing.
    api.patch(f"{API}/cvs/{cv['id']}", json={"template": "modern"}, headers=headers)

    page = _history(api, cv["id"], headers)
    assert page["exists"] is True and page["kept_days"] == 365  # Pro
    entries = page["data"]
    assert [e["number"] for e in entries] == [3, 2, 1]
    assert [e["action"] for e in entries] == ["changed", "changed", "created"]
    assert entries[0]["current"] is True and not any(e["current"] for e in entries[1:])
    assert entries[1]["label"] == "Template: classic → modern"
    hidden = entries[0]["changes"]
    assert [c["field"] for c in hidden] == [f"items.experiences.{second}.visible"]
    assert hidden[0]["label"].startswith("Experiences › ")
    assert hidden[0]["label"].endswith(": shown → hidden")
    assert all(e["actor"] == "user" for e in entries)

    # The first revision against now: what a restore would change back.
    then = api.get(f"{API}/cvs/{cv['id']}/history/1", headers=headers).json()
    assert then["state"]["template"] == "classic"
    assert {d["field"] for d in then["differences"]} == {
        "template",
        f"items.experiences.{second}.visible",
    }


def test_restore_and_undo_the_restore(api: TestClient, session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    first = ids["experiences"][0]
    override = {
        "summary_override": "Payments, for this job.",
        "items": {"experiences": [{"id": first, "overrides": {"responsibilities.0": "Mine"}}]},
    }
    api.patch(f"{API}/cvs/{cv['id']}", json=override, headers=headers)
    api.patch(f"{API}/cvs/{cv['id']}", json={"name": "Renamed", "one_page": True}, headers=headers)

    restored = api.post(f"{API}/cvs/{cv['id']}/history/1/restore", headers=headers)
    assert restored.status_code == 200, restored.text
    body = restored.json()
    assert body["name"] == "Payments" and body["one_page"] is False
    assert body["summary_override"] is None
    assert body["items"]["experiences"][0]["overrides"] == {}
    assert restored.headers["ETag"] == f'"{body["version"]}"'

    entries = _history(api, cv["id"], headers)["data"]
    assert entries[0]["action"] == "restored" and entries[0]["actor"] == "restore"
    assert entries[0]["label"] == "Restored version 1" and entries[0]["current"]

    # Undo the restore: restore the revision before it.
    undone = api.post(f"{API}/cvs/{cv['id']}/history/3/restore", headers=headers).json()
    assert undone["name"] == "Renamed" and undone["one_page"] is True
    assert undone["summary_override"] == "Payments, for this job."
    assert undone["items"]["experiences"][0]["overrides"] == {"responsibilities.0": "Mine"}
    assert [e["number"] for e in _history(api, cv["id"], headers)["data"]][:2] == [5, 4]


def test_a_restore_decided_on_an_old_version_is_refused(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    api.patch(f"{API}/cvs/{cv['id']}", json={"one_page": True}, headers=headers)
    # Someone else changes the CV after this client read version 2.
    api.patch(f"{API}/cvs/{cv['id']}", json={"template": "compact"}, headers=headers)
    stale = api.post(f"{API}/cvs/{cv['id']}/history/1/restore?version=2", headers=headers)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "CONFLICT"
    stale_tag = api.post(
        f"{API}/cvs/{cv['id']}/history/1/restore", headers={**headers, "If-Match": '"2"'}
    )
    assert stale_tag.status_code == 412
    current = api.get(f"{API}/cvs/{cv['id']}", headers=headers).json()
    assert current["template"] == "compact"  # nothing was written
    fine = api.post(
        f"{API}/cvs/{cv['id']}/history/1/restore?version={current['version']}", headers=headers
    )
    assert fine.status_code == 200 and fine.json()["template"] == "classic"


def test_a_deleted_cv_comes_back_with_its_links(api: TestClient, session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    api.patch(f"{API}/cvs/{cv['id']}", json={"template": "modern"}, headers=headers)
    link = api.post(f"{API}/cvs/{cv['id']}/share-links", json={"label": "Acme"}, headers=headers)
    assert link.status_code == 201, link.text
    assert api.delete(f"{API}/cvs/{cv['id']}", headers=headers).status_code == 204

    page = _history(api, cv["id"], headers)
    assert page["exists"] is False
    assert page["data"][0]["action"] == "deleted" and not page["data"][0]["current"]

    # Back as it was at revision 1 (classic), with its id and share link.
    back = api.post(f"{API}/cvs/{cv['id']}/history/1/restore", headers=headers)
    assert back.status_code == 200, back.text
    assert back.json()["id"] == cv["id"] and back.json()["template"] == "classic"
    links = api.get(f"{API}/cvs/{cv['id']}/share-links", headers=headers).json()
    assert [item["label"] for item in links["data"]] == ["Acme"]
    entries = _history(api, cv["id"], headers)["data"]
    assert entries[0]["action"] == "restored" and entries[0]["current"]
    again = api.post(f"{API}/cvs/{cv['id']}/history/1/restore", headers=headers)
    assert again.status_code == 200  # restoring the state it is in changes nothing


def test_strangers_see_nothing(api: TestClient, session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    build_profile(session, owner)
    cv = _new_cv(api, auth(owner))
    for method, path in (
        ("get", f"{API}/cvs/{cv['id']}/history"),
        ("get", f"{API}/cvs/{cv['id']}/history/1"),
        ("post", f"{API}/cvs/{cv['id']}/history/1/restore"),
    ):
        answer = api.request(method.upper(), path, headers=auth(other))
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "NOT_FOUND"
    assert api.get(f"{API}/cvs/{cv['id']}/history/9", headers=auth(owner)).status_code == 404
    assert api.get(f"{API}/cvs/{cv['id']}/history").status_code == 401


def test_an_api_key_change_says_so(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="expert")
    build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    created = api.post(
        f"{API}/api-keys", json={"name": "script", "scopes": ["write"]}, headers=headers
    ).json()
    by_key = {"Authorization": f"Bearer {created['key']}"}
    changed = api.patch(f"{API}/cvs/{cv['id']}", json={"one_page": True}, headers=by_key)
    assert changed.status_code == 200, changed.text
    entries = _history(api, cv["id"], headers)["data"]
    assert entries[0]["actor"] == "api_key"
    row = session.exec(select(Revision).where(Revision.subject_id == cv["id"])).all()
    assert {r.actor_id for r in row if r.actor == "api_key"} == {created["id"]}


def test_named_versions_retention_and_export(api: TestClient, session: Session) -> None:
    user = make_user(session, plan="free")
    build_profile(session, user)
    headers = auth(user)
    cv = _new_cv(api, headers)
    for template in ("modern", "compact", "classic"):
        api.patch(f"{API}/cvs/{cv['id']}", json={"template": template}, headers=headers)
    named = api.patch(
        f"{API}/cvs/{cv['id']}/history/2", json={"name": "Sent to Acme"}, headers=headers
    )
    assert named.status_code == 200 and named.json()["name"] == "Sent to Acme"
    assert _history(api, cv["id"], headers)["kept_days"] == 30  # Free

    # 31 days later: unnamed revisions go, the named one and the newest stay.
    session.expire_all()
    of_cv = select(Revision).where(Revision.subject_id == cv["id"])
    before = len(session.exec(of_cv).all())
    history.purge_expired(session, now=utcnow() + timedelta(days=31))
    session.commit()
    assert before - len(session.exec(of_cv).all()) == 2
    kept = [(e["number"], e["name"]) for e in _history(api, cv["id"], headers)["data"]]
    assert kept == [(4, None), (2, "Sent to Acme")]

    exported = documents(session, user=session.get(User, user.id))  # type: ignore[arg-type]
    assert [r["number"] for r in exported["cv_history.json"]] == [2, 4]


def test_recently_deleted_cvs_are_listed_until_restored(api: TestClient, session: Session) -> None:
    user, other = make_user(session), make_user(session)
    build_profile(session, user)
    headers = auth(user)
    kept = _new_cv(api, headers, "Kept")
    gone = _new_cv(api, headers, "Gone")
    assert api.get(f"{API}/cvs/deleted", headers=headers).json() == {"data": []}
    assert api.delete(f"{API}/cvs/{gone['id']}", headers=headers).status_code == 204

    listed = api.get(f"{API}/cvs/deleted", headers=headers)
    assert listed.status_code == 200, listed.text
    (entry,) = listed.json()["data"]
    assert entry["id"] == gone["id"] and entry["name"] == "Gone"
    assert entry["kept_until"] > entry["deleted_at"]
    assert api.get(f"{API}/cvs/deleted", headers=auth(other)).json() == {"data": []}
    assert api.get(f"{API}/cvs/{kept['id']}", headers=headers).status_code == 200  # not shadowed

    back = api.post(f"{API}/cvs/{gone['id']}/history/{entry['revision']}/restore", headers=headers)
    assert back.status_code == 200 and back.json()["name"] == "Gone"
    assert api.get(f"{API}/cvs/deleted", headers=headers).json() == {"data": []}
