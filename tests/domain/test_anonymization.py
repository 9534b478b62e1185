"""Anonymization: client names and sensitive terms never reach a third party's output."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from cvapp.domain.anonymize.masking import MASK, Masker
from cvapp.domain.anonymize.service import (
    anonymize,
    anonymize_profile,
    masker_for,
    masker_for_profile,
)
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.domain.profiles.views import my_profile
from cvapp.domain.sections import experiences, projects
from cvapp.domain.sections.projects import ProjectView
from cvapp.models import User

ALIAS = "a Tier-1 European bank"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def masker() -> Masker:
    return Masker.build(
        [
            ("Société Générale", ALIAS),
            ("Acme", "a retailer"),
            ("Project Phoenix", MASK),
            ("AT&T", MASK),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Worked at Société Générale.", f"Worked at {ALIAS}."),
        ("worked at SOCIETE GENERALE", f"worked at {ALIAS}"),  # case and accents
        ("worked at societe generale", f"worked at {ALIAS}"),
        ("worked at Societe\u0301 Ge\u0301ne\u0301rale", f"worked at {ALIAS}"),  # combining marks
        ("worked at Société  -  Générale", f"worked at {ALIAS}"),  # any separator run
        ("Société Générale's team", f"{ALIAS[0].upper()}{ALIAS[1:]}'s team"),  # sentence start
        ("Acme hired me. Acme fired me", "A retailer hired me. A retailer fired me"),
        ("Moved to Acmeville, then AcmeCorp", "Moved to Acmeville, then AcmeCorp"),  # no partials
        ("sub-acme and acme_payments", "sub-a retailer and a retailer_payments"),
        ("Led project phoenix!", f"Led {MASK}!"),
        ("Phoenix alone is fine", "Phoenix alone is fine"),  # only the whole term
        ("Clients: AT&T, ATT", f"Clients: {MASK}, ATT"),
        ("Ａｃｍｅ full-width", "A retailer full-width"),
        ("", ""),
    ],
)
def test_words(masker: Masker, text: str, expected: str) -> None:
    assert masker.mask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.acme.com/careers", "https://confidential/careers"),
        (
            "see https://portal.acme.com/x/acme-portal?client=ACME&page=2.",
            "see https://confidential/x/confidential?client=confidential&page=2.",
        ),
        (
            "http://intranet/projects/project-phoenix/docs",
            "http://intranet/projects/confidential/docs",
        ),
        ("mail bob@societe-generale.fr now", "mail bob@confidential now"),
        ("visit acme.com/jobs or acme.co.uk", "visit confidential/jobs or confidential"),
        ("https://acmeville.com/acme", "https://acmeville.com/confidential"),
        ("https://acmeville.com/about", "https://acmeville.com/about"),
        ("Built with Node.js and Vue.js", "Built with Node.js and Vue.js"),
        ("(https://acme.com)", "(https://confidential)"),
    ],
)
def test_links(masker: Masker, text: str, expected: str) -> None:
    assert masker.mask(text) == expected


def test_terms_shorter_than_two_letters_are_ignored() -> None:
    assert Masker.build([("a", MASK), ("", MASK), ("  ", MASK)]).mask("a b c") == "a b c"
    assert not Masker.build([])


def test_longest_term_wins() -> None:
    masker = Masker.build([("Acme", "a retailer"), ("Acme Bank", "a bank")])
    assert masker.mask("Acme Bank and Acme") == "A bank and a retailer"


def _project(**fields: object) -> ProjectView:
    base = {"id": "p1", "name": "Core", "created_at": NOW, "updated_at": NOW}
    return ProjectView.model_validate({**base, **fields})


def test_only_anonymized_projects_contribute_terms() -> None:
    hidden = _project(client_name="Acme", client_alias="a retailer", anonymize=True)
    open_ = _project(client_name="Globex", sensitive_terms=["Zeus"])
    masker = masker_for([hidden, open_])
    assert masker.mask("Acme, Globex, Zeus") == "A retailer, Globex, Zeus"


def test_anonymize_any_view_keeps_ids_and_hides_client_details() -> None:
    project = _project(
        name="Acme loyalty app",
        description="Rebuilt https://loyalty.acme.com for Acme.",
        highlights=["Acme's first app", "2M users"],
        client_name="Acme",
        client_alias="a retailer",
        anonymize=True,
        sensitive_terms=["Loyalty+"],
    )
    result = anonymize(project, masker=masker_for([project]))
    assert isinstance(result, ProjectView)
    assert result.id == "p1" and result.client_name is None and result.sensitive_terms == []
    assert result.client_alias == "a retailer"
    assert result.name == "A retailer loyalty app"
    assert result.description == "Rebuilt https://confidential for a retailer."
    assert result.highlights == ["A retailer's first app", "2M users"]
    assert project.client_name == "Acme"  # the input is untouched
    plain = anonymize({"note": "Acme", "items": ["acme"]}, masker=masker_for([project]))
    assert plain == {"note": "A retailer", "items": ["A retailer"]}


def test_a_default_alias_when_none_is_given() -> None:
    project = _project(name="Acme portal", client_name="Acme", anonymize=True)
    result = anonymize(project, masker=masker_for([project]))
    assert result.name == "A confidential client portal"
    assert result.client_alias == "a confidential client"


def test_anonymize_profile_applies_every_project_across_the_profile(session: Session) -> None:
    user = User(email="anon@example.com", full_name="Anon", password_hash="x")
    session.add(user)
    session.flush()
    experience = experiences.service.create(
        session,
        user_id=user.id,
        data={
            "company": "Initech",
            "title": "Consultant",
            "start_date": "2019",
            "responsibilities": ["Delivered Acme's checkout", "Audited https://pay.globex.io"],
        },
    )
    for client, alias in (("Acme", "a retailer"), ("Globex", "an energy company")):
        projects.service.create(
            session,
            user_id=user.id,
            data={
                "name": f"{client} work",
                "client_name": client,
                "client_alias": alias,
                "anonymize": True,
                "experience_ids": [experience.id],
            },
        )
    view = my_profile(session, user_id=user.id)
    result = anonymize_profile(view)
    assert isinstance(result, ProfileView)
    dumped = result.model_dump_json().lower()
    assert "acme" not in dumped and "globex" not in dumped
    assert result.experiences[0].responsibilities == [
        "Delivered a retailer's checkout",
        "Audited https://confidential",
    ]
    assert [p.name for p in result.experiences[0].projects] == [
        "A retailer work",
        "An energy company work",
    ]
    loaded = masker_for_profile(session, profile_id=view.id)
    assert loaded.mask("Acme and Globex") == "A retailer and an energy company"
