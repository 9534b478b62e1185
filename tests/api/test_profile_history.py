"""/profiles/me/history: every change to the master profile is a revision (one per save,
import or accepted AI suggestion), compared with now, restored with the items' ids kept (a
restore is itself undoable), a deleted item comes back alone with its links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.account.portable import documents
from cvapp.domain.history import profile as profile_history
from cvapp.domain.history import service as history
from cvapp.models import Revision, User
from cvapp.models.base import utcnow
from cvapp.worker.broker import broker
from tests.domain.cv_support import auth, make_user

API = "/api/v1"
HISTORY = f"{API}/profiles/me/history"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _entries(api: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    return list(_ok(api.get(HISTORY, headers=headers))["data"])


def _experience(api: TestClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"company": "Quellwerk", "title": "Backend Engineer", "start_date": "2021-03"}
    return dict(_ok(api.post(f"{API}/experiences", headers=headers, json={**body, **fields}), 201))


def test_each_save_is_one_revision_with_what_changed(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session, name="Ann Example"))
    _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": "Backend engineer"}))
    job = _experience(api, headers, responsibilities=["Cut p95 latency from 900 ms to 120 ms"])
    _ok(
        api.patch(
            f"{API}/experiences/{job['id']}",
            headers=headers,
            json={"responsibilities": ["Cut p95 latency from 900 ms to 120 ms", "Ran on-call"]},
        )
    )
    # Saving what is already there adds nothing.
    _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": "Backend engineer"}))

    entries = _entries(api, headers)
    assert [e["number"] for e in entries] == [4, 3, 2, 1]
    assert [e["action"] for e in entries] == ["changed", "changed", "changed", "created"]
    assert entries[0]["label"] == "Experience › Backend Engineer, Quellwerk: bullets edited"
    assert entries[1]["label"] == "Experience added: Backend Engineer, Quellwerk"
    assert entries[2]["label"] == "Headline added"
    assert entries[0]["current"] is True and not any(e["current"] for e in entries[1:])
    assert entries[0]["changes"] == [
        {
            "field": f"items.experiences.{job['id']}",
            "label": entries[0]["label"],
            "before": None,
            "after": None,
        }
    ]

    then = _ok(api.get(f"{HISTORY}/3", headers=headers))
    assert then["state"]["basics"]["headline"] == "Backend engineer"
    assert then["state"]["items"]["experiences"][job["id"]]["responsibilities"] == [
        "Cut p95 latency from 900 ms to 120 ms"
    ]
    assert [d["label"] for d in then["differences"]] == [entries[0]["label"]]
    first = _ok(api.get(f"{HISTORY}/1", headers=headers))
    assert first["state"]["basics"]["headline"] is None
    assert first["state"]["items"]["experiences"] == {}


def test_restore_keeps_ids_and_can_be_undone(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session, name="Ann Example"))
    python = _ok(api.post(f"{API}/skills", headers=headers, json={"name": "Python"}), 201)
    job = _experience(
        api, headers, responsibilities=["Built the billing pipeline"], skill_ids=[python["id"]]
    )
    cv = _ok(api.post(f"{API}/cvs", headers=headers, json={"name": "Backend"}), 201)
    before = _entries(api, headers)[0]["number"]
    # A hasty rewrite and a deletion…
    _ok(
        api.patch(
            f"{API}/experiences/{job['id']}",
            headers=headers,
            json={"responsibilities": ["Did stuff"]},
        )
    )
    assert api.delete(f"{API}/skills/{python['id']}", headers=headers).status_code == 204
    assert _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))["skill_ids"] == []

    # …taken back by restoring the version before them.
    newest = _entries(api, headers)[0]["number"]
    done = _ok(api.post(f"{HISTORY}/{before}/restore?expected={newest}", headers=headers))
    assert done == {"number": before, "items": 2}
    back = _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))
    assert back["responsibilities"] == ["Built the billing pipeline"]
    assert back["skill_ids"] == [python["id"]]  # the same id: links and CVs keep working
    assert _ok(api.get(f"{API}/skills/{python['id']}", headers=headers))["name"] == "Python"
    shown = _ok(api.get(f"{API}/cvs/{cv['id']}", headers=headers))
    assert python["id"] in {i["id"] for i in shown["items"]["skills"]}

    entries = _entries(api, headers)
    assert entries[0]["action"] == "restored" and entries[0]["actor"] == "restore"
    assert entries[0]["label"].startswith(f"Restored version {before}: ")
    assert entries[0]["current"] is True

    # Restoring the version before the restore undoes it.
    _ok(api.post(f"{HISTORY}/{entries[1]['number']}/restore", headers=headers))
    again = _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))
    assert again["responsibilities"] == ["Did stuff"] and again["skill_ids"] == []
    assert api.get(f"{API}/skills/{python['id']}", headers=headers).status_code == 404


def test_a_deleted_item_comes_back_alone_with_its_links(api: TestClient, session: Session) -> None:
    user = make_user(session)
    headers = auth(user)
    python = _ok(api.post(f"{API}/skills", headers=headers, json={"name": "Python"}), 201)
    job = _experience(api, headers, skill_ids=[python["id"]])
    assert api.delete(f"{API}/skills/{python['id']}", headers=headers).status_code == 204
    # A later, unrelated edit must survive bringing the skill back.
    _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": "Staff engineer"}))

    number = profile_history.deleted_item_version(session, user_id=user.id, item_id=python["id"])
    done = _ok(api.post(f"{HISTORY}/{number}/restore?item={python['id']}", headers=headers))
    assert done["items"] == 1
    assert _ok(api.get(f"{API}/skills/{python['id']}", headers=headers))["name"] == "Python"
    assert _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))["skill_ids"] == [
        python["id"]
    ]
    assert _ok(api.get(f"{API}/profiles/me", headers=headers))["headline"] == "Staff engineer"

    # Bringing back an item whose name is taken again is refused, with nothing changed.
    assert api.delete(f"{API}/skills/{python['id']}", headers=headers).status_code == 204
    _ok(api.post(f"{API}/skills", headers=headers, json={"name": "python"}), 201)
    taken = api.post(f"{HISTORY}/{number}/restore?item={python['id']}", headers=headers)
    assert taken.status_code == 409, taken.text
    assert "rename or delete" in taken.json()["error"]["message"]
    unknown = api.post(
        f"{HISTORY}/{number}/restore?item=01ARZ3NDEKTSV4RRFFQ69G5FAV", headers=headers
    )
    assert unknown.status_code == 422


def test_a_stale_restore_is_refused(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": "One"}))
    seen = _entries(api, headers)[0]["number"]
    # Another tab saves meanwhile.
    _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": "Two"}))
    stale = api.post(f"{HISTORY}/1/restore?expected={seen}", headers=headers)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "CONFLICT"
    assert _ok(api.get(f"{API}/profiles/me", headers=headers))["headline"] == "Two"


def test_an_import_and_an_ai_accept_are_one_revision_each(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session, name="Ann Example"))
    resume = {
        "basics": {"name": "Ann Example", "label": "Ingénieure backend"},
        "work": [
            {"name": "Quellwerk", "position": "Backend Engineer", "startDate": "2021-03",
             "highlights": ["Was responsible for the billing pipeline"]},
            {"name": "株式会社サンプル", "position": "エンジニア", "startDate": "2018-04",
             "endDate": "2021-02"},
        ],
        "skills": [{"name": "Python"}, {"name": "Go"}, {"name": "PostgreSQL"}],
    }  # fmt: skip
    started = _ok(api.post(f"{API}/imports/jsonresume", headers=headers, json=resume), 202)
    broker.join("default", timeout=30_000)
    import_id = started["imports"][0]["import_id"]
    before = len(_entries(api, headers))
    _ok(api.post(f"{API}/imports/{import_id}/apply", headers=headers))
    entries = _entries(api, headers)
    assert len(entries) == before + 1  # five items, one revision
    assert entries[0]["action"] == "imported" and entries[0]["actor"] == "import"
    assert entries[0]["label"].startswith("Imported: ")
    assert len(entries[0]["changes"]) >= 5

    jobs = _ok(api.get(f"{API}/experiences", headers=headers))["data"]
    (quellwerk,) = [j for j in jobs if j["company"] == "Quellwerk"]
    original = quellwerk["responsibilities"][0]
    accepted = api.post(
        f"{API}/ai/suggestions/accept",
        headers=headers,
        json={
            "original": original,
            "suggestion": "Owned the billing pipeline",
            "target": {
                "section": "experiences",
                "item_id": quellwerk["id"],
                "field": "responsibilities",
                "index": 0,
            },
        },
    )
    assert accepted.status_code in (200, 204), accepted.text
    newest = _entries(api, headers)[0]
    assert newest["actor"] == "ai"
    assert newest["label"] == (
        "AI suggestion accepted: Experience › Backend Engineer, Quellwerk: bullets edited"
    )
    # Undoing the import is one revision too, and says so.
    _ok(api.post(f"{API}/imports/{import_id}/undo", headers=headers))
    assert _entries(api, headers)[0]["label"].startswith("Import undone: ")


def test_history_is_private_kept_per_plan_and_exported(api: TestClient, session: Session) -> None:
    owner = make_user(session, plan="free")
    headers = auth(owner)
    for headline in ("One", "Two", "Three"):
        _ok(api.patch(f"{API}/profiles/me", headers=headers, json={"headline": headline}))
    named = api.patch(f"{HISTORY}/2", headers=headers, json={"name": "Before the rewrite"})
    assert _ok(named)["name"] == "Before the rewrite"
    page = _ok(api.get(HISTORY, headers=headers))
    assert page["kept_days"] == 30 and len(page["data"]) == 4

    other = auth(make_user(session))
    assert [e["number"] for e in _entries(api, other)] == [1]  # their own, new profile
    assert api.get(f"{HISTORY}/3", headers=other).status_code == 404
    assert api.post(f"{HISTORY}/3/restore", headers=other).status_code == 404
    assert api.get(HISTORY).status_code == 401

    # 31 days later: unnamed revisions go; the named one and the newest stay, and both can
    # still be shown and restored.
    session.expire_all()
    history.purge_expired(session, now=utcnow() + timedelta(days=31))
    session.commit()
    kept = [(e["number"], e["name"]) for e in _entries(api, headers)]
    assert kept == [(4, None), (2, "Before the rewrite")]
    assert _ok(api.get(f"{HISTORY}/2", headers=headers))["state"]["basics"]["headline"] == "One"
    _ok(api.post(f"{HISTORY}/2/restore", headers=headers))
    assert _ok(api.get(f"{API}/profiles/me", headers=headers))["headline"] == "One"

    exported = documents(session, user=session.get(User, owner.id))  # type: ignore[arg-type]
    assert [r["number"] for r in exported["profile_history.json"]] == [2, 4, 5]
    assert exported["cv_history.json"] == []
    # Compact: only the newest revision and the named one hold the whole state.
    rows = session.exec(
        select(Revision).where(Revision.user_id == owner.id).order_by(Revision.number)
    ).all()
    assert [bool(r.state) for r in rows] == [True, False, True]
