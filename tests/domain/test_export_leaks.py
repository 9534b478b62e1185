"""Anonymization in every output, and the leak check that blocks what slips through."""

from __future__ import annotations

import io
import json

import pytest
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports import service as exports
from cvapp.domain.exports.docx import docx_text
from cvapp.domain.exports.leaks import LeakDetected, LeakScanner
from cvapp.domain.exports.sample import sample_cv
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    anonymized_project,
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)

FORMATS = ["pdf", "html", "markdown", "docx", "json", "jsonresume"]


def _text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return extract_text(io.BytesIO(data))
    if fmt == "docx":
        return docx_text(data)
    return data.decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_the_alias_never_the_client(session: Session, fmt: str) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    project = anonymized_project(session, user)
    from cvapp.domain.sections import SECTIONS

    SECTIONS["experiences"].update(
        session,
        user_id=user.id,
        item_id=ids["experiences"][0],
        changes={"responsibilities": ["Ran ACMÉ BANK's project-falcon rollout"]},
    )
    session.commit()
    cv = make_cv(
        session,
        user,
        target_role="Engineer for acme bank",
        title_line="target_role",  # printed under the name, so anonymized there too
        items={"projects": [{"id": project, "overrides": {"description": "Acme Bank again"}}]},
    )
    file = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt=fmt)
    text = _text(fmt, file.data)
    folded = text.casefold()
    assert "acme" not in folded and "falcon" not in folded
    assert "Tier-1 European bank" in text or fmt == "json" and "Tier-1" in text


def _with_leak(session: Session, **project: object) -> tuple[str, str]:
    user = make_user(session)
    build_profile(session, user)
    anonymized_project(session, user, **project)  # type: ignore[arg-type]
    cv = make_cv(session, user)
    return user.id, cv.id


@pytest.mark.parametrize("fmt", FORMATS)
def test_alias_that_contains_the_client_is_blocked_naming_the_field(
    session: Session, fmt: str
) -> None:
    user_id, cv_id = _with_leak(session, alias="the Acme Bank retail arm")
    with pytest.raises(LeakDetected) as caught:
        exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt=fmt)
    fields = [d["field"] for d in caught.value.details]
    assert any(f.endswith("client_alias") for f in fields), fields
    assert caught.value.status == 422 and caught.value.code == "ANONYMIZATION_LEAK"


@pytest.mark.parametrize(
    "disguised",
    [
        "Ac\u00adme Bank",  # soft hyphen
        "Ac\u200bme Bank",  # zero-width space
        "\u0410cme Bank",  # Cyrillic A
        "Acme\u2060 Bank",  # word joiner
    ],
)
def test_disguised_client_names_are_caught(session: Session, disguised: str) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    anonymized_project(session, user)
    cv = make_cv(session, user)
    entry = {"id": ids["experiences"][0], "overrides": {"description": f"Worked for {disguised}"}}
    cvs.update_cv(
        session, user_id=user.id, cv_id=cv.id, changes={"items": {"experiences": [entry]}}
    )
    for fmt in ("pdf", "markdown", "docx"):
        with pytest.raises(LeakDetected) as caught:
            exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt=fmt)
        assert caught.value.details[0]["field"].endswith("description")


def test_pdf_is_not_stored_when_the_check_fails(session: Session) -> None:
    from cvapp.storage import get_storage

    user_id, cv_id = _with_leak(session, alias="Acme Bank (retail)")
    with pytest.raises(LeakDetected):
        exports.export_cv(session, user_id=user_id, cv_id=cv_id, fmt="pdf")
    assert get_storage().delete_prefix(f"exports/{user_id}") == 0


def test_scanner_ignores_other_words_and_projects_not_anonymized() -> None:
    class P:
        anonymize = True
        client_name = "Acme"
        client_alias = None
        sensitive_terms = ["Falcon"]

    class Open(P):
        anonymize = False
        client_name = "Globex"

    scanner = LeakScanner([P(), Open()])
    assert scanner.found("at ACME.") and scanner.found("the falcon team")
    assert not scanner.found("Acmeville and Globex")
    data = sample_cv().model_dump()
    scanner.check(json.dumps(data), source=data, output="JSON")  # nothing to find
