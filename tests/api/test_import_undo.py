"""Issue #19 point 4: the preview says which CV versions and share links an import changes;
an applied import can be undone in one action (POST /imports/{id}/undo)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.worker.broker import broker
from tests.domain.cv_support import auth, make_user

API = "/api/v1"
RESUME = {
    "basics": {"name": "Ann Example"},
    "work": [
        {
            "name": "Quellwerk",
            "position": "Backend Engineer",
            "startDate": "2021-03",
            "highlights": ["Cut p95 latency from 900 ms to 120 ms", "Mentored four engineers"],
        }
    ],
    "education": [{"institution": "University of Edinburgh", "area": "Physics"}],
}


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _preview(api: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    started = _ok(api.post(f"{API}/imports/jsonresume", headers=headers, json=RESUME), 202)
    broker.join("default", timeout=30_000)
    import_id = started["imports"][0]["import_id"]
    return dict(_ok(api.get(f"{API}/imports/{import_id}", headers=headers)))


def test_the_preview_names_what_changes_and_undo_takes_it_back(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session, name="Ann Example"))
    job = _ok(
        api.post(
            f"{API}/experiences",
            headers=headers,
            json={
                "company": "Quellwerk",
                "title": "Backend Engineer",
                "start_date": "2021-03",
                "responsibilities": ["Cut p95 latency from 900 ms to 120 ms"],
            },
        ),
        201,
    )
    shows_all = _ok(api.post(f"{API}/cvs", headers=headers, json={"name": "Backend"}), 201)
    hides = [{"key": key, "visible": False} for key in ("experiences", "education")]
    _ok(api.post(f"{API}/cvs", headers=headers, json={"name": "Teaching", "sections": hides}), 201)
    link = _ok(
        api.post(
            f"{API}/cvs/{shows_all['id']}/share-links", headers=headers, json={"label": "Initech"}
        ),
        201,
    )

    preview = _preview(api, headers)
    (merge,) = [i for i in preview["updates"] if i["section"] == "experiences"]
    assert merge["suggested_action"] == "merge" and merge["match"]["id"] == job["id"]
    assert preview["affects"] == {
        "cvs": [{"id": shows_all["id"], "name": "Backend"}],  # "Teaching" shows neither
        "share_links": [{"id": link["id"], "label": "Initech", "cv_id": shows_all["id"]}],
        "public_page": False,
    }

    summary = _ok(api.post(f"{API}/imports/{preview['import_id']}/apply", headers=headers))
    assert summary["created"] == 1 and summary["merged"] == 1
    merged = _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))
    assert merged["responsibilities"] == [
        "Cut p95 latency from 900 ms to 120 ms",
        "Mentored four engineers",
    ]

    undone = _ok(api.post(f"{API}/imports/{preview['import_id']}/undo", headers=headers))
    assert undone == {
        "import_id": preview["import_id"],
        "removed": 1,
        "restored": 1,
        "kept": 0,
    }
    back = _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))
    assert back["responsibilities"] == ["Cut p95 latency from 900 ms to 120 ms"]
    assert _ok(api.get(f"{API}/education", headers=headers))["data"] == []
    again = api.post(f"{API}/imports/{preview['import_id']}/undo", headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "CONFLICT"
    view = _ok(api.get(f"{API}/imports/{preview['import_id']}", headers=headers))
    assert view["summary"]["undone_at"]


def test_undo_keeps_what_the_user_changed_after_the_import(
    api: TestClient, session: Session
) -> None:
    headers = auth(make_user(session, name="Ann Example"))
    job = _ok(
        api.post(
            f"{API}/experiences",
            headers=headers,
            json={"company": "Quellwerk", "title": "Backend Engineer", "start_date": "2021-03"},
        ),
        201,
    )
    preview = _preview(api, headers)
    _ok(api.post(f"{API}/imports/{preview['import_id']}/apply", headers=headers))
    edited = ["Cut p95 latency from 900 ms to 120 ms, with a cache"]
    _ok(
        api.patch(
            f"{API}/experiences/{job['id']}",
            headers=headers,
            json={"responsibilities": edited},
        )
    )
    undone = _ok(api.post(f"{API}/imports/{preview['import_id']}/undo", headers=headers))
    assert undone["kept"] == 1 and undone["removed"] == 1
    assert (
        _ok(api.get(f"{API}/experiences/{job['id']}", headers=headers))["responsibilities"]
        == edited
    )
    never_applied = _preview(api, headers)
    refused = api.post(f"{API}/imports/{never_applied['import_id']}/undo", headers=headers)
    assert refused.status_code == 409
    other = auth(make_user(session, name="Mallory"))
    stolen = api.post(f"{API}/imports/{preview['import_id']}/undo", headers=other)
    assert stolen.status_code == 404
