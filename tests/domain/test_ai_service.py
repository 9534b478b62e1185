"""The AI services with the offline provider: summaries, skill ideas, caching, quotas, jobs."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from sqlmodel import Session, select

from cvapp import cache
from cvapp.db import session_scope
from cvapp.domain.ai import quotas, service, tasks
from cvapp.domain.ai.errors import AiQuotaExceeded
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import AiUsage, Job, Skill, User
from cvapp.worker.broker import broker
from tests.fakes.ai_profile import WebDeveloper, build_web_developer, create_user

NOW = "2026-11-25T12:00:00Z"


def _user(session: Session, dev: WebDeveloper) -> User:
    user = session.get(User, dev.user_id)
    assert user is not None
    return user


def _used(session: Session, user: User) -> int:
    session.expire_all()
    row = session.exec(select(AiUsage).where(AiUsage.user_id == user.id)).first()
    return row.count if row else 0


@time_machine.travel(NOW, tick=False)
def test_summary_is_built_from_the_cv_facts_only(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.generate_summary(session, user=_user(session, dev), cv_id=dev.cv_id)
    assert result.summary == (
        "Frontend Developer with 5+ years of experience at Northwind Studio. Core skills: "
        "JavaScript, CSS and HTML at Northwind Studio. Recent highlight: built React and "
        "TypeScript interfaces for 12 client web applications. Seeking a Frontend Developer role."
    )
    assert result.warnings == [] and result.tone == "professional" and result.provider == "offline"
    assert result.original == "Web developer who builds fast, accessible web applications."


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("tone", ["professional", "confident", "friendly", "concise"])
def test_every_tone_states_only_facts(session: Session, tone: str) -> None:
    dev = build_web_developer(session)
    result = service.generate_summary(session, user=_user(session, dev), tone=tone)  # type: ignore[arg-type]
    assert result.warnings == []
    assert "8+ years" in result.summary and "Contoso Media" in result.summary


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("tone", ["professional", "confident", "friendly", "concise"])
def test_try_again_gives_another_structure_with_the_same_facts(session: Session, tone: str) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    first = service.generate_summary(session, user=user, tone=tone)  # type: ignore[arg-type]
    again = service.generate_summary(session, user=user, tone=tone, variant=1)  # type: ignore[arg-type]
    third = service.generate_summary(session, user=user, tone=tone, variant=2)  # type: ignore[arg-type]
    assert len({first.summary, again.summary, third.summary}) == 3
    assert (first.variant, again.variant, again.cached) == (0, 1, False)
    assert again.warnings == [] and third.warnings == []
    assert first.summary.split(".")[0] != again.summary.split(".")[0]  # another opening


def test_a_summary_needs_something_to_summarise(session: Session) -> None:
    user = create_user(session)
    session.commit()
    with pytest.raises(ValidationFailed) as error:
        service.generate_summary(session, user=user)
    assert error.value.details[0]["field"] == "profile"


def test_skill_ideas_mark_the_ones_already_held(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.suggest_skills(
        session, user=_user(session, dev), role="front-end dev", limit=6
    )
    assert result.role == "Frontend Developer"
    assert [(s.name, s.already_have) for s in result.skills] == [
        ("JavaScript", True),
        ("TypeScript", True),
        ("HTML", True),
        ("CSS", True),
        ("React", True),
        ("Responsive Design", False),
    ]
    assert result.skills[5].category == "Software engineering"
    assert result.skills[5].reason == "Core skill for Frontend Developer roles"


def test_unknown_roles_get_no_unrelated_suggestions(session: Session) -> None:
    dev = build_web_developer(session)
    result = service.suggest_skills(session, user=_user(session, dev), role="Underwater welder")
    assert (result.role, result.skills, result.alternatives) == (None, [], [])
    assert result.message == (
        "No suggestions for this role: “Underwater welder” is not a role the assistant knows."
    )
    typo = service.suggest_skills(session, user=_user(session, dev), role="Sofware enginer")
    assert typo.role == "Software Engineer"
    inside = service.suggest_skills(session, user=_user(session, dev), role="Chef de cuisine")
    assert inside.role == "Chef"  # a known title inside the name


def test_optimize_text_follows_the_experience_tense_and_diffs(session: Session) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    current = service.optimize_text(
        session,
        user=user,
        text="Responsible for building dashboards",
        context={"experience_id": dev.northwind_id},
    )
    assert current.suggestion == "Build dashboards"
    past = service.optimize_text(
        session,
        user=user,
        text="Responsible for building dashboards",
        context={"experience_id": dev.contoso_id},
    )
    assert past.suggestion == "Built dashboards"
    assert [(s.op, s.text) for s in past.diff] == [
        ("delete", "Responsible for building"),
        ("insert", "Built"),
        ("equal", " dashboards"),
    ]
    with pytest.raises(NotFound):
        service.optimize_text(session, user=user, text="x", context={"experience_id": "nope"})
    with pytest.raises(ValidationFailed):
        service.optimize_text(session, user=user, text="  ")


def test_a_repeated_request_is_served_from_the_cache_and_not_counted(session: Session) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    first = service.optimize_text(session, user=user, text="Was responsible for the budget")
    session.commit()
    second = service.optimize_text(session, user=user, text="Was responsible for the budget")
    session.commit()
    assert (first.cached, second.cached) == (False, True)
    assert second.model_copy(update={"cached": False}) == first
    assert _used(session, user) == 1


def test_an_already_good_text_is_free_and_says_why(session: Session) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    good = service.optimize_text(
        session,
        user=user,
        text="Led a team of five to deliver the new checkout in 4 months",
        context={"experience_id": dev.northwind_id},  # the current role: the past stays
    )
    session.commit()
    assert good.unchanged and good.suggestion == good.original and good.changes == []
    assert good.reason and good.reason.startswith("Already good")
    assert '"Led"' in good.reason and "not counted" in good.reason
    assert _used(session, user) == 0
    fixed = service.optimize_text(session, user=user, text="I was in charge of the budget")
    session.commit()
    assert (fixed.unchanged, fixed.reason, fixed.suggestion) == (False, None, "Owned the budget")
    assert _used(session, user) == 1


def test_changing_the_profile_misses_the_cache(session: Session) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    service.suggest_skills(session, user=user, role="Backend Developer")
    session.commit()
    session.add(Skill(profile_id=dev.profile_id, name="Go", name_normalized="go"))
    session.commit()
    again = service.suggest_skills(session, user=user, role="Backend Developer")
    assert again.cached is False
    assert next(s for s in again.skills if s.name == "Go").already_have


@time_machine.travel("2026-11-25T23:59:00Z", tick=False)
def test_the_free_quota_allows_20_calls_a_day(session: Session) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    for n in range(20):
        service.optimize_text(session, user=user, text=f"Handled {n} customer escalations")
        session.commit()
    with pytest.raises(AiQuotaExceeded) as error:
        service.optimize_text(session, user=user, text="Handled more escalations")
    session.rollback()
    assert error.value.status == 429 and error.value.code == "RATE_LIMITED"
    assert error.value.headers == {"Retry-After": "61"}
    assert {"field": "resets_at", "message": "2026-11-26T00:00:00+00:00"} in error.value.details
    assert _used(session, user) == 20
    # Cached answers cost nothing, so they are still served.
    assert service.optimize_text(session, user=user, text="Handled 3 customer escalations").cached


def test_quota_limits_follow_the_plan_and_reset_at_midnight(session: Session) -> None:
    pro = create_user(session, plan="pro")
    session.add(AiUsage(user_id=pro.id, day=date(2026, 11, 25), count=199))
    session.commit()
    with time_machine.travel("2026-11-25T10:00:00Z", tick=False):
        quotas.charge(session, user=pro)
        session.commit()
        with pytest.raises(AiQuotaExceeded):
            quotas.charge(session, user=pro)
        session.rollback()
        status = service.usage(session, user=pro)
        assert (status.limit, status.used, status.remaining) == (200, 200, 0)
    with time_machine.travel("2026-11-26T00:00:01Z", tick=False):
        quotas.ensure_available(session, user=pro)
        assert service.usage(session, user=pro).used == 0
    assert quotas.daily_limit("expert") == 2000 and quotas.daily_limit("free") == 20


def test_a_long_analysis_runs_as_a_job_with_its_result(session: Session) -> None:
    dev = build_web_developer(session)
    advert = "Requirements: React, Node.js and MongoDB.\n" + "We value craft. " * 500
    assert service.is_long_job(advert)
    with session_scope() as scope:
        user = scope.get(User, dev.user_id)
        assert user is not None
        job = tasks.start_gap_analysis(scope, user=user, job_description=advert, cv_id=dev.cv_id)
        job_id = job.id
    broker.join("default", timeout=30_000)
    session.expire_all()
    done = session.get(Job, job_id)
    assert done is not None and done.status == "succeeded", done.error if done else None
    assert done.kind == "ai.gap_analysis" and done.progress == 100
    assert done.result is not None
    assert [r["requirement"]["name"] for r in done.result["hidden"]] == ["Node.js", "MongoDB"]
    assert _used(session, _user(session, dev)) == 1


def test_an_unreadable_cache_entry_is_recomputed(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    monkeypatch.setattr(cache, "get", lambda key: b"not json")
    again = service.optimize_text(session, user=user, text="Did code reviews")
    assert again.suggestion == "Performed code reviews" and not again.cached
