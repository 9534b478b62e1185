"""Gap analysis (offline): requirements of the sample job against a profile built for it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlmodel import Session

from cvapp.domain.ai import service
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.requirements import extract_requirements
from cvapp.domain.ai.schemas import GapAnalysis
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import Skill, User
from tests.fakes.ai_profile import WebDeveloper, build_web_developer, create_user

SAMPLE_JOB: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "fakes" / "sample.job.json").read_text()
)


def _user(session: Session, dev: WebDeveloper) -> User:
    user = session.get(User, dev.user_id)
    assert user is not None
    return user


def _names(analysis: GapAnalysis, status: str) -> list[str]:
    return [r.requirement.name for r in getattr(analysis, status)]


def test_requirements_of_the_sample_job() -> None:
    found = [(r.kind, r.name) for r in extract_requirements(parse_job(SAMPLE_JOB))]
    assert found == [
        ("qualification", "Bachelor's degree in Computer Science"),
        ("experience", "3+ years of web development"),  # not counted again as a skill
        ("skill", "JavaScript"),
        ("skill", "HTML"),
        ("skill", "CSS"),
        ("skill", "React"),
        ("skill", "Node.js"),
        ("skill", "Web Development"),
        ("skill", "SQL"),
        ("skill", "NoSQL"),
        ("skill", "MongoDB"),
        ("skill", "Database Management"),
        ("skill", "Cross-functional Collaboration"),
    ]


def test_sample_job_against_a_cv_is_matched_hidden_or_missing(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.gap_analysis(
        session, user=_user(session, dev), job_description=SAMPLE_JOB, cv_id=dev.cv_id
    )
    assert _names(result, "matched") == [
        "Bachelor's degree in Computer Science",
        "3+ years of web development",
        "JavaScript",
        "HTML",
        "CSS",
        "React",
        "Web Development",
    ]
    # MySQL (at Contoso) counts as SQL, MongoDB as NoSQL: both only in the master profile.
    assert _names(result, "hidden") == ["Node.js", "SQL", "NoSQL", "MongoDB"]
    assert _names(result, "missing") == [
        "Database Management",
        "Cross-functional Collaboration",
    ]
    assert result.job_title == "Web Developer" and result.cv_id == dev.cv_id


def test_hidden_requirements_name_the_item_that_proves_them(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.gap_analysis(
        session, user=_user(session, dev), job_description=SAMPLE_JOB, cv_id=dev.cv_id
    )
    node, _sql, _nosql, mongo = result.hidden
    assert (node.evidence[0].label, node.evidence[0].id) == (
        "Junior Web Developer at Contoso Media",
        dev.contoso_id,
    )
    assert node.evidence[0].snippet == (
        "Maintained Node.js services that sent 50,000 newsletters a week"
    )
    assert not any(e.on_cv for e in node.evidence)
    assert (mongo.evidence[0].section, mongo.evidence[0].id) == ("projects", dev.recipes_id)
    add = [(s.section, s.item_id) for s in result.suggestions if s.kind == "add_to_cv"]
    assert add == [("experiences", dev.contoso_id), ("projects", dev.recipes_id)]


def test_score_is_weighted_and_explained(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.gap_analysis(
        session, user=_user(session, dev), job_description=SAMPLE_JOB, cv_id=dev.cv_id
    )
    explanation = result.score_explanation
    # 13 required requirements (weight 2): 7 matched (1.0), 4 hidden (0.5), 2 missing (0).
    assert (explanation.earned, explanation.possible) == (18, 26)
    assert result.score == 69 and explanation.potential_score == 85
    assert "100 × 18 ÷ 26 = 69" in explanation.method
    missing = next(s for s in result.suggestions if s.kind == "add_to_profile")
    assert missing.requirements == [
        "Database Management",
        "Cross-functional Collaboration",
    ]


def test_without_a_cv_the_whole_profile_counts(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.gap_analysis(session, user=_user(session, dev), job_description=SAMPLE_JOB)
    assert result.hidden == [] and len(result.matched) == 11
    assert result.score == 85 and result.cv_id is None


@time_machine.travel("2026-11-25T12:00:00Z", tick=False)
def test_pasted_text_with_synonyms_and_nice_to_haves(session: Session) -> None:
    dev = build_web_developer(session)
    advert = """Senior Frontend Engineer
    Requirements:
    - 10+ years of experience with JS
    - React, TS and Postgres
    - Fluent English; German is a plus
    Nice to have:
    - k8s
    """
    result = service.gap_analysis(session, user=_user(session, dev), job_description=advert)
    by_name = {r.requirement.name: r for r in result.matched + result.hidden + result.missing}
    assert {name: r.status for name, r in by_name.items()} == {
        "Senior": "matched",  # from the title
        "10+ years of JS": "missing",  # JavaScript is its field, not a second requirement
        "React": "matched",
        "TypeScript": "matched",
        "PostgreSQL": "missing",
        "English": "matched",
        "German": "missing",
        "Kubernetes": "missing",
    }
    assert by_name["Kubernetes"].requirement.importance == "preferred"
    assert by_name["German"].requirement.importance == "preferred"
    assert "covers 5.6 years; asked: 10+" in (by_name["10+ years of JS"].note or "")


def test_tools_outside_the_vocabulary_match_the_users_own_skills(session: Session) -> None:
    dev = build_web_developer(session)
    session.add(Skill(profile_id=dev.profile_id, name="Temporal.io", name_normalized="temporal.io"))
    session.commit()
    advert = "You have hands-on experience with Temporal and Pulumi."
    result = service.gap_analysis(session, user=_user(session, dev), job_description=advert)
    assert _names(result, "matched") == ["Temporal"]
    assert _names(result, "missing") == ["Pulumi"]


def test_an_advert_without_requirements_scores_zero(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.gap_analysis(
        session, user=_user(session, dev), job_description="Join our friendly team!"
    )
    assert result.score == 0 and result.matched == result.missing == []
    assert "No requirement" in result.score_explanation.method


def test_invalid_input_and_foreign_cvs_are_refused(session: Session) -> None:
    dev = build_web_developer(session)
    other = create_user(session)
    session.commit()
    with pytest.raises(ValidationFailed):
        service.gap_analysis(session, user=_user(session, dev), job_description="   ")
    with pytest.raises(ValidationFailed) as error:
        service.gap_analysis(
            session, user=_user(session, dev), job_description={"skills": "not a list"}
        )
    assert error.value.details[0]["field"] == "job_description.skills"
    with pytest.raises(NotFound):
        service.gap_analysis(session, user=other, job_description=SAMPLE_JOB, cv_id=dev.cv_id)


@pytest.mark.parametrize(
    ("advert", "expected"),
    [
        (
            "Senior Data Engineer. Requirements: 5+ years with Python and SQL, Kafka or Spark, "
            "experience mentoring engineers. Nice to have: Airflow.",
            [
                ("experience", "5+ years of Python", "required"),
                ("soft", "Mentoring", "required"),
                ("skill", "SQL", "required"),
                ("skill", "Kafka or Apache Spark", "required"),
                ("skill", "Apache Airflow", "preferred"),
            ],
        ),
        (
            "Backend Engineer\nAbout you:\n- You have mentored junior developers\n- Go or Python",
            [("soft", "Mentoring", "required"), ("skill", "Go or Python", "required")],
        ),
        (
            "Data Engineer\nRequisiti:\n- Almeno 3 anni di esperienza con Python\n"
            "- Buona conoscenza dell'inglese\nGradita:\n- Esperienza con Apache Airflow",
            [
                ("experience", "3+ years of Python", "required"),
                ("language", "English", "required"),
                ("skill", "Apache Airflow", "preferred"),
            ],
        ),
        (
            "Backend Engineer\nWhat we offer:\n- Budget for AWS certifications\n"
            "- Free German lessons\nYour tasks:\n- Run our services on Kubernetes",
            [("skill", "Kubernetes", "required")],  # benefits are not requirements
        ),
        (
            "Entwickler (m/w/d)\nProfil:\n- Sehr gute Deutsch- oder Englischkenntnisse\n"
            "- Gute Deutsch- und Französischkenntnisse",
            [
                ("language", "German or English", "required"),
                ("language", "German", "required"),
                ("language", "French", "required"),
            ],
        ),
        (
            "Staff Accountant\nACCA qualified with 2+ years post-qualification experience in a "
            "fast-paced environment; prototyping in Framer or ProtoPie is a plus.",
            [  # "Staff Accountant" is no seniority; "a fast-paced environment" is no field
                ("experience", "2+ years of experience", "required"),
                ("skill", "ACCA", "required"),
                ("skill", "Prototyping", "preferred"),
                ("skill", "Framer or ProtoPie", "preferred"),
            ],
        ),
    ],
)
def test_alternatives_years_and_headings_are_read(
    advert: str, expected: list[tuple[str, str, str]]
) -> None:
    found = extract_requirements(parse_job(advert))
    assert [(r.kind, r.name, r.importance) for r in found] == expected


@pytest.mark.parametrize(
    "advert",
    [
        "Python, " * 6000,  # was 7 s: a search over the whole text before every group
        "a" * 20000 + " or " + "B" * 20000,
        "Mailchimp or HubSpot, " * 2000,
        "German or English, " * 2500,
    ],
)
def test_long_adverts_are_read_in_linear_time(advert: str) -> None:
    started = time.perf_counter()
    extract_requirements(parse_job(advert))
    assert time.perf_counter() - started < 2
