"""Export (a CV as JSON Resume, ``exports.jsonresume``) then import into an empty profile:
everything the export wrote comes back — fields, levels, client aliases, skill evidence."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from cvapp.db import session_scope
from cvapp.domain.cvs.service import create_cv, get_cv_row
from cvapp.domain.exports.jsonresume import build_resume
from cvapp.domain.exports.resolve import load_resolved
from cvapp.domain.imports import applying, service, tasks
from cvapp.domain.profiles.service import update_profile
from cvapp.domain.profiles.views import my_profile
from cvapp.domain.sections import SECTIONS
from cvapp.models import User
from cvapp.worker.broker import broker

PROFILE = {
    "full_name": "Ada Quell",
    "headline": "Staff Engineer",
    "summary": "Builds data platforms.",
    "contact": {"email": "ada@example.org", "phone": "+49 30 555"},
    "location": {"city": "Leipzig", "country_code": "DE", "region": "Saxony",
                 "postal_code": "04109", "address": "Ring 1"},
    "links": [{"network": "GitHub", "username": "adaq", "url": "https://github.com/adaq"}],
    "website": "https://ada.example.dev",
    "interests": [{"name": "Climbing", "keywords": ["bouldering"]}],
}  # fmt: skip

EXPERIENCE = {
    "company": "Kranich Health GmbH", "title": "Staff Engineer", "location": "Leipzig",
    "company_description": "Hospital software", "url": "https://kranich.example.com",
    "start_date": "2019-04", "description": "Owns the data platform.",
    "responsibilities": ["Designed the FHIR gateway", "Led 6 engineers"],
}  # fmt: skip
SECTION_ITEMS: dict[str, list[dict[str, Any]]] = {
    "education": [{"institution": "Uni Leipzig", "url": "https://uni.example.de", "area": "CS",
                   "study_type": "MSc", "start_date": "2010", "end_date": "2012", "score": "1.3",
                   "courses": ["Databases", "Compilers"]}],
    "certifications": [{"name": "CKA", "issuer": "CNCF", "date": "2021-05",
                        "url": "https://cncf.example.io/cka"}],
    "achievements": [{"title": "Best Paper", "awarder": "VLDB", "date": "2018",
                      "summary": "For streaming joins."}],
    "languages": [{"language": "German", "fluency": "Native"},
                  {"language": "French", "fluency": "B2"}],
    "publications": [{"name": "Streaming joins", "publisher": "VLDB", "release_date": "2018-08",
                      "url": "https://vldb.example.org/p1", "summary": "A paper."}],
    "volunteering": [{"organization": "Code Club", "position": "Mentor", "start_date": "2016",
                      "url": "https://codeclub.example.org", "summary": "Teaching",
                      "highlights": ["Ran 40 sessions"]}],
}  # fmt: skip
COMPARED = {
    "experiences": (*EXPERIENCE, "end_date"),
    "projects": ("name", "description", "role", "url", "entity", "type", "start_date",
                 "end_date", "highlights", "keywords", "client_alias", "anonymize"),
    "skills": ("name", "level", "keywords"),
    **{key: tuple(items[0]) for key, items in SECTION_ITEMS.items()},
}  # fmt: skip


def _user(session: Session, email: str) -> str:
    user = User(email=email, full_name=email.split("@")[0], password_hash="x")
    session.add(user)
    session.flush()
    return user.id


def _master(session: Session, user_id: str) -> None:
    update_profile(session, user_id=user_id, changes=PROFILE)
    levels = [
        SECTIONS["skills"].create(
            session, user_id=user_id, data={"name": f"Skill {n}", "level": n, "keywords": [f"k{n}"]}
        )
        for n in range(1, 6)
    ]
    experience = SECTIONS["experiences"].create(
        session, user_id=user_id, data={**EXPERIENCE, "skill_ids": [levels[0].id, levels[4].id]}
    )
    SECTIONS["projects"].create(
        session,
        user_id=user_id,
        data={"name": "Gateway", "description": "FHIR gateway.", "role": "Lead",
              "url": "https://gw.example.com", "type": "platform", "start_date": "2020-01",
              "end_date": "2021-06", "highlights": ["99.99% uptime"], "keywords": ["FHIR"],
              "client_name": "St. Marien Hospital", "client_alias": "a large hospital",
              "anonymize": True, "experience_ids": [experience.id], "skill_ids": [levels[2].id]},
    )  # fmt: skip
    for key, items in SECTION_ITEMS.items():
        for data in items:
            SECTIONS[key].create(session, user_id=user_id, data=data)


def _fields(view: Any, section: str) -> list[dict[str, Any]]:
    return [
        {name: getattr(item, name) for name in COMPARED[section]} for item in getattr(view, section)
    ]


def _exported(session: Session, user_id: str) -> bytes:
    cv = create_cv(session, user_id=user_id, data={"name": "Everything"})
    row = get_cv_row(session, user_id=user_id, cv_id=cv.id)
    return json.dumps(build_resume(load_resolved(session, cv=row))).encode()


def test_export_then_import_loses_nothing() -> None:
    with session_scope() as session:
        source_id = _user(session, "ada@example.org")
        _master(session, source_id)
    with session_scope() as session:
        target_id = _user(session, "copy@example.org")
        data = _exported(session, source_id)
        batch, _ = tasks.start_jsonresume_import(
            session, user_id=target_id, filename="cv.json", data=data
        )
    broker.join("default", timeout=30_000)  # the imports.parse job
    with session_scope() as session:
        preview = service.get_preview(session, user_id=target_id, import_id=batch.id)
        assert preview["warnings"] == [], preview["warnings"]
        (profile,) = preview["updates"]  # the new account's own name and email differ
        conflicts = [conflict["field"] for conflict in profile["conflicts"]]
        assert conflicts == ["full_name", "contact.email"]
        take = {"item_ref": "profile", "action": "merge", "overwrite": conflicts}
        summary = applying.apply(session, user_id=target_id, import_id=batch.id, decisions=[take])
        assert summary["created"] == sum(len(i) for i in SECTION_ITEMS.values()) + 7
    with session_scope() as session:
        original = my_profile(session, user_id=source_id)
        copy = my_profile(session, user_id=target_id)
    for section in COMPARED:
        assert _fields(copy, section) == _fields(original, section), section
    for name in ("full_name", "headline", "summary", "website", "location", "links", "interests"):
        assert getattr(copy, name) == getattr(original, name), name
    assert copy.contact == original.contact
    assert copy.projects[0].client_name is None  # never exported
    linked = {skill.name: (
        [e.title for e in skill.evidence.experiences], [p.name for p in skill.evidence.projects]
    ) for skill in copy.skills}  # fmt: skip
    assert linked["Skill 1"] == (["Staff Engineer"], [])
    assert linked["Skill 3"] == ([], ["Gateway"])
    assert linked["Skill 5"] == (["Staff Engineer"], [])
