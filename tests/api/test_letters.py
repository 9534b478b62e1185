"""/letters: CRUD, undo/redo, ownership, plan limit, drafting (offline and a fake
OpenAI-compatible model) with the no-invention check, and the exports."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from docx import Document as read_docx
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.exports import pdftext
from cvapp.models import User
from cvapp.settings import get_settings
from tests.domain.cv_support import (
    anonymized_project,
    auth,
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)
from tests.fakes.ai_profile import WebDeveloper, build_web_developer
from tests.fakes.openai_server import FakeOpenAI, answer, openai_server

__all__ = ["forget_exports", "openai_server"]

API = "/api/v1/letters"
ADVERT = """Web Developer (m/f/d) at Fabrikam GmbH, Berlin

We are looking for a Web Developer to build our customer portal.

Requirements:
- 3+ years of experience with JavaScript and React
- TypeScript
- Experience with Node.js back ends
- Nice to have: MongoDB
"""
BODY = (
    "Ich bewerbe mich um die Stelle — with seven years of JavaScript.\n\n"
    "At Northwind Studio I built React and TypeScript interfaces; 東京 and São Paulo clients."
)


@pytest.fixture
def dev(session: Session) -> WebDeveloper:
    return build_web_developer(session)


def _application(api: TestClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    data = {
        "company": "Fabrikam GmbH",
        "role": "Web Developer",
        "job_text": ADVERT,
        "contacts": [{"name": "Jana Novák", "role": "Recruiter"}],
        **fields,
    }
    created = api.post("/api/v1/applications", json=data, headers=headers)
    assert created.status_code == 201, created.text
    return dict(created.json())


def _letter(api: TestClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    created = api.post(API, json={"title": "Fabrikam – Web", **fields}, headers=headers)
    assert created.status_code == 201, created.text
    return dict(created.json())


def test_crud_undo_and_redo(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    created = api.post(
        API, json={"title": "Studio Ghibli – Animator", "body": "Erster Entwurf."}, headers=headers
    )
    assert created.status_code == 201, created.text
    letter = created.json()
    assert created.headers["location"].endswith(f"{API}/{letter['id']}")
    assert len(letter["id"]) == 26 and letter["version"] == 1 and letter["language"] == "en"
    assert not letter["can_undo"] and not letter["can_redo"]
    url = f"{API}/{letter['id']}"

    second = api.patch(
        url, json={"body": BODY, "greeting": "Sehr geehrte Frau Novák,"}, headers=headers
    )
    assert second.status_code == 200, second.text
    assert second.json()["version"] == 2 and second.json()["can_undo"]
    third = api.patch(url, json={"body": "Dritte Fassung."}, headers=headers)
    assert third.json()["revisions"] == 3

    undone = api.post(f"{url}/undo", headers=headers).json()
    assert undone["body"] == BODY and undone["greeting"] == "Sehr geehrte Frau Novák,"
    assert undone["can_redo"]
    undone = api.post(f"{url}/undo", headers=headers).json()
    assert undone["body"] == "Erster Entwurf." and undone["greeting"] is None
    nothing = api.post(f"{url}/undo", headers=headers)
    assert (
        nothing.status_code == 422 and nothing.json()["error"]["details"][0]["field"] == "revision"
    )
    redone = api.post(f"{url}/redo", headers=headers).json()
    assert redone["body"] == BODY
    # A new save after an undo drops what could have been redone, as an editor does.
    branched = api.patch(url, json={"body": "Neue Richtung."}, headers=headers).json()
    assert not branched["can_redo"] and branched["revisions"] == 3

    stale = api.patch(url, json={"title": "x"}, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    conflict = api.patch(url, json={"title": "x", "version": 1}, headers=headers)
    assert conflict.status_code == 409
    assert api.get(url, headers=headers).headers["etag"] == f'"{branched["version"]}"'

    listed = api.get(API, headers=headers).json()
    assert [item["id"] for item in listed["data"]] == [letter["id"]]
    assert listed["pagination"]["total"] == 1
    assert api.delete(url, headers=headers).status_code == 204
    assert api.get(url, headers=headers).status_code == 404


def test_validation_uses_the_error_envelope(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    bad = api.post(API, json={"title": "", "language": "klingon", "extra": 1}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "VALIDATION_ERROR"
    letter = _letter(api, headers)
    empty = api.patch(f"{API}/{letter['id']}", json={"body": None}, headers=headers)
    assert empty.status_code == 422
    assert api.get(f"{API}/{letter['id']}", headers=headers).json()["body"] == ""


def test_another_users_letters_answer_404(api: TestClient, session: Session) -> None:
    owner, other = auth(make_user(session)), auth(make_user(session))
    application = _application(api, owner)
    letter = _letter(api, owner, application_id=application["id"])
    url = f"{API}/{letter['id']}"
    for method, path in [
        ("GET", url),
        ("PATCH", url),
        ("DELETE", url),
        ("POST", f"{url}/undo"),
        ("POST", f"{url}/redo"),
        ("POST", f"{url}/draft"),
        ("GET", f"{url}/export?format=pdf"),
        ("GET", f"{url}/bundle.pdf"),
        ("POST", f"/api/v1/applications/{application['id']}/letter"),
    ]:
        body = {"title": "mine now"} if method == "PATCH" else None
        response = api.request(method, path, json=body, headers=other)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["error"]["code"] == "NOT_FOUND"
    stolen = api.post(API, json={"title": "x", "application_id": application["id"]}, headers=other)
    assert stolen.status_code == 422
    assert api.get(API, headers=other).json()["data"] == []
    assert api.get(url, headers=owner).json()["title"] == "Fabrikam – Web"


def test_plan_limit(api: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVAPP_PLAN_FREE_LETTERS", "2")
    get_settings.cache_clear()
    try:
        headers = auth(make_user(session, plan="free"))
        first = _letter(api, headers)
        _letter(api, headers)
        refused = api.post(API, json={"title": "Third"}, headers=headers)
        assert refused.status_code == 402
        error = refused.json()["error"]
        assert error["code"] == "PLAN_LIMIT" and error["details"][0]["limit"] == "letters"
        assert "2 cover letters" in error["message"]
        plan = api.get("/api/v1/account/plan", headers=headers).json()
        assert "letters" in str(plan)
        api.delete(f"{API}/{first['id']}", headers=headers)
        assert api.post(API, json={"title": "Third"}, headers=headers).status_code == 201
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def _quotes(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


def test_offline_draft_uses_only_real_evidence(api: TestClient, dev: WebDeveloper) -> None:
    headers = dev.headers()
    application = _application(api, headers)
    created = api.post(f"/api/v1/applications/{application['id']}/letter", headers=headers)
    assert created.status_code == 201, created.text
    draft = created.json()
    letter = draft["letter"]
    assert draft["provider"] == "offline" and draft["warnings"] == []
    assert letter["title"] == "Fabrikam GmbH – Web Developer"
    assert letter["application_id"] == application["id"]
    assert letter["greeting"] == "Dear Jana Novák,"
    assert "Web Developer position at Fabrikam GmbH" in letter["body"]
    profile_words = [
        "Built React and TypeScript interfaces for 12 client web applications",
        "Cut page load time by 40% by code-splitting with Webpack",
        "Developed PHP and MySQL back ends for the newsroom",
        "Maintained Node.js services that sent 50,000 newsletters a week",
        "A side project: a REST API storing recipes in MongoDB",
        "Served 3,000 monthly users",
    ]
    quotes = _quotes(letter["body"])
    assert quotes, letter["body"]
    for quote in quotes:  # every quoted sentence is the user's own, word for word
        assert any(quote in words for words in profile_words), quote
    assert "React" in letter["body"] and "Northwind Studio" in letter["body"]
    assert draft["evidence"] and all(":" in ref for ref in draft["evidence"])
    # The draft is a revision: Undo brings back the empty letter it replaced.
    undone = api.post(f"{API}/{letter['id']}/undo", headers=headers).json()
    assert undone["body"] == "" and undone["can_redo"]
    listed = api.get(f"{API}?application_id={application['id']}", headers=headers).json()
    assert [item["id"] for item in listed["data"]] == [letter["id"]]


def test_draft_needs_an_advert(api: TestClient, dev: WebDeveloper) -> None:
    headers = dev.headers()
    letter = _letter(api, headers)
    refused = api.post(f"{API}/{letter['id']}/draft", json={}, headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "job_text"
    drafted = api.post(f"{API}/{letter['id']}/draft", json={"job_text": ADVERT}, headers=headers)
    assert drafted.status_code == 200, drafted.text
    assert drafted.json()["letter"]["greeting"] == "Dear Hiring Manager,"


def test_provider_letter_with_invented_facts_is_flagged(
    api: TestClient, dev: WebDeveloper, openai_server: FakeOpenAI
) -> None:
    openai_server.script(
        answer(
            {
                "greeting": "Dear Jana Novák,",
                "paragraphs": [
                    "As Frontend Developer at Northwind Studio I built React and TypeScript "
                    "interfaces for 12 client web applications.",
                    "Before that I led 45 engineers at Globex Corporation and cut cloud costs "
                    "by 73%.",
                ],
                "closing": "Kind regards,",
            }
        )
    )
    headers = dev.headers()
    application = _application(api, headers)
    response = api.post(f"/api/v1/applications/{application['id']}/letter", headers=headers)
    assert response.status_code == 201, response.text
    draft = response.json()
    assert draft["provider"] == "openai"
    assert "Globex Corporation" in draft["letter"]["body"]
    flagged = {(w["kind"], w["text"]) for w in draft["warnings"]}
    assert ("organisation", "Globex Corporation") in flagged, flagged
    assert {"45", "73%"} & {text for _, text in flagged}, flagged
    assert not {text for _, text in flagged} & {"Northwind Studio", "12", "Jana Novák"}
    sent = str(openai_server.requests[-1]["body"]["messages"])
    assert "customer portal" in sent and "Northwind Studio" in sent


def _texts(session: Session) -> tuple[User, dict[str, str], str]:
    user = make_user(session, name="Zoë Ångström")
    build_profile(session, user)
    cv = make_cv(session, user, template="modern")
    return user, auth(user), cv.id


def test_exports_pdf_docx_markdown(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _texts(session)
    letter = _letter(
        api,
        headers,
        cv_id=cv_id,
        recipient="Jana Novák\nFabrikam GmbH\nAlexanderplatz 1, 10178 Berlin",
        greeting="Dear Ms Novák,",
        body=BODY,
        closing="Kind regards,",
    )
    url = f"{API}/{letter['id']}/export"
    pdf = api.get(f"{url}?format=pdf", headers=headers)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Cover-Letter" in pdf.headers["content-disposition"]
    text = " ".join(pdftext.pdf_text(pdf.content).split())
    order = ["Zoë Ångström", "Backend engineer", "Jana Novák", "Dear Ms Novák,"]
    order += ["Ich bewerbe mich", "東京", "Kind regards,"]
    positions = [text.find(part) for part in order]
    assert all(p >= 0 for p in positions), (order, text)
    assert positions == sorted(positions), text  # reading order: letterhead, recipient, body
    assert text.rfind("Zoë Ångström") > positions[-1]  # the signature, after the closing

    docx = api.get(f"{url}?format=docx", headers=headers)
    assert docx.status_code == 200
    paragraphs = [p.text for p in read_docx(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs[0] == "Zoë Ångström" and "Dear Ms Novák," in paragraphs
    assert any("東京" in p for p in paragraphs) and paragraphs[-1] == "Zoë Ångström"

    md = api.get(f"{url}?format=md", headers=headers)
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith("# Zoë Ångström\n") and "Dear Ms Novák," in md.text
    assert "Jana Novák\\\nFabrikam GmbH" in md.text
    bad = api.get(f"{url}?format=exe", headers=headers)
    assert bad.status_code == 422


def test_anonymized_client_never_leaks_from_a_letter(api: TestClient, session: Session) -> None:
    user, headers, cv_id = _texts(session)
    anonymized_project(session, user, client="Globex Bank", alias="a Tier-1 European bank")
    letter = _letter(
        api,
        headers,
        cv_id=cv_id,
        body="At Globex Bank I migrated the ledger of GLOBEX-BANK's Project Falcon.",
    )
    url = f"{API}/{letter['id']}"
    for fmt in ("pdf", "docx", "md"):
        response = api.get(f"{url}/export?format={fmt}", headers=headers)
        assert response.status_code == 200, (fmt, response.text)
        if fmt == "pdf":
            text = pdftext.pdf_text(response.content)
        elif fmt == "docx":
            text = "\n".join(p.text for p in read_docx(io.BytesIO(response.content)).paragraphs)
        else:
            text = response.text
        squashed = re.sub(r"\W", "", text).casefold()
        assert "globex" not in squashed and "falcon" not in squashed, (fmt, text)
        assert "a Tier-1 European bank" in " ".join(text.split()), (fmt, text)
    bundle = api.get(f"{url}/bundle.pdf", headers=headers)
    assert bundle.status_code == 200
    assert "globex" not in re.sub(r"\W", "", pdftext.pdf_text(bundle.content)).casefold()


def test_letter_and_cv_in_one_pdf(api: TestClient, session: Session) -> None:
    _, headers, cv_id = _texts(session)
    letter = _letter(api, headers, cv_id=cv_id, body=BODY)
    url = f"{API}/{letter['id']}"
    alone = api.get(f"{url}/export?format=pdf", headers=headers)
    cv = api.get(f"/api/v1/cvs/{cv_id}/export.pdf", headers=headers)
    bundle = api.get(f"{url}/bundle.pdf", headers=headers)
    assert bundle.status_code == 200, bundle.text
    letter_pages, cv_pages = pdftext.page_count(alone.content), pdftext.page_count(cv.content)
    assert pdftext.page_count(bundle.content) == letter_pages + cv_pages
    assert bundle.headers["x-pages"] == str(letter_pages + cv_pages)
    text = pdftext.pdf_text(bundle.content)
    assert text.find("Ich bewerbe mich") < text.find("Université de Lyon")
    without_cv = _letter(api, headers, body="No CV yet.")
    refused = api.get(f"{API}/{without_cv['id']}/bundle.pdf", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"]["details"][0]["field"] == "cv_id"
