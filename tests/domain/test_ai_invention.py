"""No invention: numbers, organisations, tools, titles and dates absent from the user's data
are flagged in AI text; the user's own facts are not."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from cvapp.domain.ai.invention import KnownFacts, known_facts, unsupported_claims
from cvapp.domain.ai.profile_reader import load_facts
from cvapp.models import Project, User
from tests.fakes.ai_profile import WebDeveloper, build_web_developer

TODAY = date(2026, 11, 25)


def _known(session: Session, dev: WebDeveloper, *sources: str) -> KnownFacts:
    user = session.get(User, dev.user_id)
    assert user is not None
    return known_facts(load_facts(session, user=user), sources=sources, today=TODAY)


def _flags(text: str, known: KnownFacts) -> list[tuple[str, str]]:
    return [(claim.kind, claim.text) for claim in unsupported_claims(text, known)]


def test_invented_number_company_and_tool_are_flagged(session: Session) -> None:
    known = _known(session, build_web_developer(session))
    text = "Led 15 engineers at Initech, moving Northwind Studio to Kubernetes."
    assert _flags(text, known) == [
        ("number", "15"),
        ("organisation", "Initech"),
        ("skill", "Kubernetes"),
    ]


def test_facts_from_the_profile_are_not_flagged(session: Session) -> None:
    known = _known(session, build_web_developer(session))
    text = (
        "Frontend Developer at Northwind Studio since 2021 with 8 years of experience: built "
        "React and TS interfaces for twelve client web applications and cut page load time by "
        "40%. Earlier Junior Web Developer at Contoso Media (2018–2021), sending 50,000 "
        "newsletters a week with Node.js; Bachelor in Computer Science from TU Example."
    )
    assert _flags(text, known) == []


def test_invented_titles_and_dates_are_flagged(session: Session) -> None:
    known = _known(session, build_web_developer(session))
    text = "Senior Frontend Developer at Northwind Studio since March 2012; Head of Design."
    assert _flags(text, known) == [
        ("title", "Senior Frontend Developer"),
        ("date", "March 2012"),
        ("title", "Head of Design"),
    ]


def test_claims_come_with_offsets_to_highlight(session: Session) -> None:
    known = _known(session, build_web_developer(session))
    text = "Saved 3 hours a day"
    (claim,) = unsupported_claims(text, known)
    assert (claim.kind, claim.start, claim.end, text[claim.start : claim.end]) == (
        "number",
        6,
        7,
        "3",
    )
    assert claim.message == "Number not found in your profile"


def test_the_text_being_improved_counts_as_the_users_own_words(session: Session) -> None:
    dev = build_web_developer(session)
    original = "Helped Globex move 30 services to Kubernetes"
    known = _known(session, dev, original)
    assert _flags("Contributed to moving 30 Globex services to Kubernetes", known) == []


def test_confidential_client_names_are_flagged(session: Session) -> None:
    dev = build_web_developer(session)
    session.add(
        Project(
            profile_id=dev.profile_id,
            name="Core banking",
            client_name="Globex Bank",
            client_alias="a European bank",
            anonymize=True,
        )
    )
    session.commit()
    known = _known(session, dev)
    assert _flags("Rebuilt the core banking front end for Globex Bank", known) == [
        ("confidential", "Globex Bank")
    ]


def test_generic_words_and_sentence_openers_are_not_claims(session: Session) -> None:
    known = _known(session, build_web_developer(session))
    text = "I'm a developer. Strong communication and research; built APIs with the UX team."
    assert _flags(text, known) == []
