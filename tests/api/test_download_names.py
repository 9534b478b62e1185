"""Issue #15 point 5: what a visitor downloads is named after the person and the role, never
after the owner's private label of the CV version (nor ``slug-slug.pdf``)."""

from __future__ import annotations

from urllib.parse import unquote

from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.profiles import service as profiles
from cvapp.worker.broker import broker
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"
LABEL = "Acme Bank backend role (sent 3 March)"


def _names(response: object) -> tuple[str, str]:
    header = response.headers["content-disposition"]  # type: ignore[attr-defined]
    plain = header.split('filename="', 1)[1].split('"', 1)[0]
    full = unquote(header.split("filename*=UTF-8''", 1)[1])
    return plain, full


def test_shared_and_public_pdfs_are_named_after_the_person_and_role(
    api: TestClient, session: Session
) -> None:
    user = make_user(session, name="Ann Example", plan="pro")
    build_profile(session, user)
    anonymized_project(session, user)
    headers = auth(user)
    body = {
        "name": LABEL,
        "target_role": "Platform engineer for Acme Bank",
        "title_line": "target_role",  # the CV prints its role (anonymized), not the headline
    }
    cv = api.post(f"{API}/cvs", json=body, headers=headers).json()
    link = api.post(f"{API}/cvs/{cv['id']}/share-links", json={"label": "x"}, headers=headers)
    shared = api.get("/s/" + link.json()["url"].rsplit("/s/", 1)[1] + "/cv.pdf")
    assert shared.status_code == 200, shared.text
    plain, full = _names(shared)
    assert plain == full
    assert full.startswith("Ann-Example-Platform-engineer-for-") and full.endswith("-CV.pdf")
    for private in ("sent", "March", "Acme", "backend-role"):
        assert private not in full, full  # neither the label nor the hidden client

    api.patch(
        f"{API}/profiles/me", json={"visibility": "PUBLIC", "slug": "ann-example"}, headers=headers
    )
    public = api.get("/p/ann-example/cv.pdf")
    assert _names(public) == ("Ann-Example-Backend-engineer-CV.pdf",) * 2  # not slug-slug


def test_a_name_in_another_script_keeps_it_with_an_ascii_fallback(
    api: TestClient, session: Session
) -> None:
    user = make_user(session, name="山田 太郎")
    profiles.update_profile(session, user_id=user.id, changes={"headline": "Ingénieur"})
    session.commit()
    headers = auth(user)
    cv = api.post(f"{API}/cvs", json={"name": "mine"}, headers=headers).json()
    api.patch(
        f"{API}/profiles/me", json={"visibility": "PUBLIC", "slug": "yamada"}, headers=headers
    )
    plain, full = _names(api.get("/p/yamada/cv.pdf"))
    assert full == "山田-太郎-Ingénieur-CV.pdf"
    assert plain == "Ingenieur-CV.pdf"
    assert cv["id"]


def test_a_queued_export_of_a_cyrillic_name_downloads(api: TestClient, session: Session) -> None:
    """The job's download once answered 500: a header is Latin-1, the name was not."""
    user = make_user(session, name="Софья Ковалевская")
    profiles.update_profile(session, user_id=user.id, changes={"headline": "Математик"})
    session.commit()
    headers = auth(user)
    cv = api.post(f"{API}/cvs", json={"name": "mine"}, headers=headers).json()
    job = api.post(f"{API}/cvs/{cv['id']}/exports", json={"format": "pdf"}, headers=headers)
    broker.join("default", timeout=60_000)
    done = api.get(f"{API}/jobs/{job.json()['job']['id']}", headers=headers).json()
    assert done["status"] == "succeeded", done
    file = api.get(done["result"]["url"], headers=headers)
    assert file.status_code == 200, file.text
    assert file.content.startswith(b"%PDF")
    plain, full = _names(file)
    assert full == "Софья-Ковалевская-Математик-CV.pdf"
    assert plain == "CV.pdf"
