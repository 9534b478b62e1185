"""The anonymization corpus against every output a third party (or an AI provider) gets.

A profile full of the corpus's spelling variants of hidden clients (bullets, summary,
project texts, links) is exported in every format, published, shared, searched, read through
the anonymous API and sent to the AI: no output may hold a hidden name in any spelling. The
check is stricter than the app's own: markup unescaped and stripped, case and accents folded,
every character that is not a letter or digit removed, then no hidden name may remain.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from cvapp.domain.ai import service as ai
from cvapp.domain.anonymize.folding import fold
from cvapp.domain.exports import pdftext
from cvapp.domain.exports import service as exports
from cvapp.models import Profile, User
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    add,
    auth,
    build_profile,
    forget_exports,
    make_user,
)
from tests.fakes.openai_server import FakeOpenAI, answer, openai_server
from tests.hardening.anonymization_corpus import PROJECTS, VARIANTS

__all__ = ["openai_server"]  # the fixture, used by name below

API = "/api/v1"
SLUG = "alice-martin"
_TAG = re.compile(r"<[^>]*>")
_NOT_ALNUM = re.compile(r"[\W_]+")
FORMATS = ("pdf", "docx", "markdown", "html", "json", "jsonresume")


def squash(text: str) -> str:
    """Letters and digits only, folded: every spelling of a name becomes the same run."""
    text = _TAG.sub("", html.unescape(html.unescape(text)))
    return _NOT_ALNUM.sub("", fold(text)[0])


HIDDEN = sorted(
    {squash(p["client_name"]) for p in PROJECTS if p.get("client_name")}
    | {squash(term) for p in PROJECTS for term in p.get("sensitive_terms", [])}
)


def assert_hidden(output: str, text: str) -> None:
    squashed = squash(text)
    found = [name for name in HIDDEN if name in squashed]
    assert not found, f"{output} reveals {found}"


@dataclass
class Published:
    user: User
    headers: dict[str, str]
    cv_id: str
    share_path: str
    profile_id: str


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@pytest.fixture
def published(api: TestClient, session: Session) -> Published:
    user = make_user(session, name="Alice Martin", plan="pro")
    build_profile(session, user)
    for project in PROJECTS:
        add(session, user, "projects", **project)
    texts = [text for text, _ in VARIANTS]
    for index, chunk in enumerate(_chunks(texts, 40)):
        add(
            session,
            user,
            "experiences",
            company=f"Consultancy {index}",
            title="Consultant",
            start_date="2015-01",
            end_date="2018-01",
            responsibilities=chunk,
        )
    session.commit()
    headers = auth(user)
    profile = {
        "visibility": "PUBLIC",
        "slug": SLUG,
        "summary": " ".join(texts[:12]),
        "links": [
            {
                "network": "GitHub",
                "username": "acmebank-alice",
                "url": "https://github.com/acmebank-alice",
            }
        ],
    }
    response = api.patch(f"{API}/profiles/me", json=profile, headers=headers)
    assert response.status_code == 200, response.text
    cv = api.post(f"{API}/cvs", json={"name": "Acme Bank role"}, headers=headers)
    assert cv.status_code == 201, cv.text
    link = api.post(
        f"{API}/cvs/{cv.json()['id']}/share-links", json={"label": "Acme"}, headers=headers
    )
    assert link.status_code == 201, link.text
    session.expire_all()
    profile_id = session.exec(select(Profile.id)).one()
    share_path = "/s/" + link.json()["url"].rsplit("/s/", 1)[1]
    return Published(user, headers, cv.json()["id"], share_path, profile_id)


def _file_text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return pdftext.pdf_text(data)
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(
                archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")
            )
    text = data.decode()
    if fmt in ("json", "jsonresume"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_format_hides_every_variant(
    session: Session, published: Published, fmt: str
) -> None:
    for one_page in (False, True):
        cv = exports.get_cv_row(session, user_id=published.user.id, cv_id=published.cv_id)
        cv.one_page = one_page
        session.commit()
        file = exports.export_cv(session, user_id=published.user.id, cv_id=published.cv_id, fmt=fmt)
        text = _file_text(fmt, file.data)
        assert "Consultant" in text  # the variants' items are there, masked
        assert_hidden(f"{fmt} export (one page: {one_page})", text)
        assert_hidden(f"{fmt} file name", file.filename)


def test_public_page_share_link_and_their_pdfs(api: TestClient, published: Published) -> None:
    for path in (f"/p/{SLUG}", published.share_path):
        page = api.get(path)
        assert page.status_code == 200, page.text
        assert_hidden(path, page.text)
        pdf = api.get(f"{path}/cv.pdf")
        assert pdf.status_code == 200, pdf.text
        assert_hidden(f"{path}/cv.pdf", pdftext.pdf_text(pdf.content))
        assert_hidden(f"{path}/cv.pdf name", pdf.headers["content-disposition"])


def test_public_api_and_search(api: TestClient, published: Published) -> None:
    for path in (f"{API}/profiles/{published.profile_id}", f"{API}/profiles"):
        response = api.get(path)
        assert response.status_code == 200, response.text
        assert_hidden(path, json.dumps(response.json(), ensure_ascii=False))
    assert api.get(f"{API}/profiles", params={"q": "alice"}).json()["pagination"]["total"] == 1
    page = _TAG.sub(" ", html.unescape(api.get(f"/p/{SLUG}").text))
    shown = {word.casefold() for word in re.findall(r"[^\W_]+", page)}
    for term in _search_probes():
        found = api.get(f"{API}/profiles", params={"q": term}).json()["pagination"]["total"]
        words = [w.casefold() for w in re.findall(r"[^\W_]+", term)]
        explained = all(any(s.startswith(w) for s in shown) for w in words)
        assert found == 0 or explained, f"search finds the profile by {term!r}, not on the page"


def _search_probes() -> list[str]:
    """Each hidden name, its words, the words joined, and prefixes of them (but words the
    page shows anyway, as in an alias: "bank" of "a Tier-1 European bank")."""
    shown = " ".join(p["client_alias"] for p in PROJECTS).casefold()
    probes: set[str] = set()
    for project in PROJECTS:
        for name in [project.get("client_name"), *project.get("sensitive_terms", [])]:
            if not name:
                continue
            words = [w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in shown]
            probes.update([name, "".join(words), *words])
            probes.update(word[:3] for word in words if len(word) > 3)
    return sorted(p for p in probes if len(p) >= 3)


def test_ai_prompts_as_received_by_the_provider(
    session: Session, published: Published, openai_server: FakeOpenAI
) -> None:
    user = session.get(User, published.user.id)
    assert user is not None
    texts = [text for text, _ in VARIANTS]
    openai_server.script(
        answer({"suggestion": "Rebuilt the portal"}),
        answer({"summary": "Consultant."}),
        answer({"skills": [{"name": "Python", "reason": "x"}]}),
        answer({"requirements": [{"name": "Python", "kind": "skill"}]}),
    )
    ai.optimize_text(
        session,
        user=user,
        text=" ".join(texts[:8])[:1000],
        context={"kind": "bullet", "target_role": texts[0][:200]},
    )
    ai.generate_summary(session, user=user, tone="confident")
    ai.suggest_skills(session, user=user, role=texts[1][:100])
    ai.gap_analysis(session, user=user, job_description="\n".join(texts), cv_id=published.cv_id)
    assert len(openai_server.requests) == 4
    for request in openai_server.requests:
        prompt = "\n".join(m["content"] for m in request["body"]["messages"])
        assert_hidden("AI prompt", prompt)


def test_corpus_is_meaningful() -> None:
    """The corpus has what the issue names, and the squashed check sees each raw variant."""
    assert len(VARIANTS) >= 30
    raw = [text for text, _ in VARIANTS]
    for text in raw:
        assert any(name in squash(text) for name in HIDDEN), text
    assert _search_probes()
