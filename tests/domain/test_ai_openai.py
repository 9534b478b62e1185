"""The OpenAI-compatible provider against a local fake server: the real SDK and real HTTP."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from sqlmodel import Session, select

from cvapp.domain.ai import service
from cvapp.domain.ai.errors import AiBadResponse, AiProviderTimeout, AiProviderUnavailable
from cvapp.models import AiUsage, Project, User
from cvapp.settings import get_settings
from tests.fakes.ai_profile import WebDeveloper, build_web_developer
from tests.fakes.openai_server import FakeOpenAI, answer, failure, openai_server, raw, slow

__all__ = ["openai_server"]  # the fixture, used by name below

INVENTED = "Led 15 engineers at Initech to move Northwind Studio to Kubernetes"


def _user(session: Session, dev: WebDeveloper) -> User:
    user = session.get(User, dev.user_id)
    assert user is not None
    return user


def _used(session: Session, user: User) -> int:
    session.expire_all()
    row = session.exec(select(AiUsage).where(AiUsage.user_id == user.id)).first()
    return row.count if row else 0


def _prompt(request: dict[str, Any]) -> str:
    return "\n".join(m["content"] for m in request["body"]["messages"])


def test_rewrite_comes_back_as_validated_json_with_warnings(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    openai_server.script(answer({"suggestion": INVENTED, "changes": ["Stronger verb"]}))
    result = service.optimize_text(
        session, user=_user(session, dev), text="Helped move Northwind Studio to the cloud"
    )
    assert result.provider == "openai" and result.suggestion == INVENTED
    assert result.changes == ["Stronger verb"]
    assert [(w.kind, w.text) for w in result.warnings] == [
        ("number", "15"),
        ("organisation", "Initech"),
        ("skill", "Kubernetes"),
    ]
    (request,) = openai_server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer test-key"
    body = request["body"]
    assert body["model"] == "fake-model" and body["max_tokens"] == get_settings().ai_max_tokens
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["name"] == "RewriteAnswer"
    assert "Helped move Northwind Studio to the cloud" in _prompt(request)
    assert "Never invent numbers" in body["messages"][0]["content"]


def test_confidential_names_and_contact_details_are_not_sent(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    session.add(
        Project(
            profile_id=dev.profile_id,
            name="Core banking",
            description="Rebuilt the Globex Bank portal",
            client_name="Globex Bank",
            client_alias="a European bank",
            anonymize=True,
        )
    )
    session.commit()
    openai_server.script(answer({"suggestion": "Rebuilt the portal"}))
    service.optimize_text(session, user=_user(session, dev), text="Rebuilt the portal")
    prompt = _prompt(openai_server.requests[0])
    assert "Globex" not in prompt and "[confidential client 1]" in prompt
    assert "a European bank" in prompt and "@example.org" not in prompt


def test_json_inside_a_code_fence_is_accepted(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    fenced = (
        "```json\n" + json.dumps({"summary": "Frontend Developer at Northwind Studio."}) + "\n```"
    )
    openai_server.script(raw(fenced))
    result = service.generate_summary(session, user=_user(session, dev))
    assert result.summary == "Frontend Developer at Northwind Studio." and result.warnings == []


def test_a_malformed_answer_is_retried_once(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    openai_server.script(raw("Sure! Here is a better bullet: Built dashboards"))
    openai_server.script(answer({"suggestion": "Built dashboards"}))
    result = service.optimize_text(session, user=_user(session, dev), text="Made dashboards")
    assert result.suggestion == "Built dashboards"
    retry = openai_server.requests[1]["body"]["messages"]
    assert retry[-2] == {
        "role": "assistant",
        "content": "Sure! Here is a better bullet: Built dashboards",
    }
    assert retry[-1]["role"] == "user" and "not usable" in retry[-1]["content"]


def test_malformed_twice_is_a_clear_error_and_nothing_is_counted(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    openai_server.script(raw("not json"), answer({"unexpected": "shape"}))
    with pytest.raises(AiBadResponse) as error:
        service.optimize_text(session, user=user, text="Made dashboards")
    session.rollback()
    assert (error.value.status, error.value.code) == (502, "AI_PROVIDER_BAD_RESPONSE")
    assert "malformed twice" in error.value.message
    assert len(openai_server.requests) == 2 and _used(session, user) == 0
    openai_server.script(answer({"suggestion": "Built dashboards"}))
    assert not service.optimize_text(session, user=user, text="Made dashboards").cached


def test_a_timeout_is_a_clear_error(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    user = _user(session, dev)
    openai_server.script(slow(5, {"suggestion": "too late"}))
    started = time.monotonic()
    with pytest.raises(AiProviderTimeout) as error:
        service.optimize_text(session, user=user, text="Made dashboards")
    session.rollback()
    assert time.monotonic() - started < 4
    assert (error.value.status, error.value.code) == (503, "AI_PROVIDER_TIMEOUT")
    assert "did not answer within 0.5 s" in error.value.message
    assert _used(session, user) == 0 and len(openai_server.requests) == 1


def test_a_server_error_is_a_clear_error(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    openai_server.script(failure(500))
    with pytest.raises(AiProviderUnavailable) as error:
        service.generate_summary(session, user=_user(session, dev))
    assert (error.value.status, error.value.code) == (503, "AI_PROVIDER_UNAVAILABLE")
    assert "HTTP 500" in error.value.message
    assert len(openai_server.requests) == 1  # the SDK does not retry on its own


def test_rejected_credentials_are_a_bad_gateway(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    openai_server.script(failure(401))
    with pytest.raises(AiBadResponse) as error:
        service.suggest_skills(session, user=_user(session, dev), role="Data Engineer")
    assert "HTTP 401" in error.value.message


def test_an_unreachable_server_is_unavailable(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    openai_server.stop()
    with pytest.raises(AiProviderUnavailable) as error:
        service.optimize_text(session, user=_user(session, dev), text="Made dashboards")
    assert "could not be reached" in error.value.message


def test_skill_ideas_are_normalised_and_marked(session: Session, openai_server: FakeOpenAI) -> None:
    dev = build_web_developer(session)
    ideas = [
        {"name": "JS", "category": "Languages", "reason": "Everywhere"},
        {"name": "Terraform", "reason": "Infrastructure as code"},
        {"name": "javascript", "reason": "Duplicate"},
    ]
    openai_server.script(answer({"skills": ideas}))
    result = service.suggest_skills(session, user=_user(session, dev), role="Sr. Full-stack Dev")
    assert result.role == "Full Stack Developer" and result.provider == "openai"
    assert [(s.name, s.category, s.already_have) for s in result.skills] == [
        ("JavaScript", "Programming languages", True),
        ("Terraform", "Cloud & infrastructure", False),
    ]
    assert "Full Stack Developer" in _prompt(openai_server.requests[0])


def test_gap_analysis_uses_model_requirements_and_the_same_classification(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    requirements = [
        {"name": "JS", "kind": "skill", "importance": "required", "source": "JS"},
        {"name": "node", "kind": "skill", "importance": "required"},
        {"name": "k8s", "kind": "skill", "importance": "preferred"},
        {"name": "Bachelor's degree", "kind": "qualification", "field": "Computer Science"},
        {"name": "3 years", "kind": "experience", "years": 3, "field": "web development"},
    ]
    openai_server.script(answer({"requirements": requirements}))
    result = service.gap_analysis(
        session, user=_user(session, dev), job_description="Any advert", cv_id=dev.cv_id
    )
    assert result.provider == "openai"
    assert [r.requirement.name for r in result.matched] == [
        "JavaScript",
        "Bachelor's degree",
        "3 years",
    ]
    assert [r.requirement.name for r in result.hidden] == ["Node.js"]
    assert result.hidden[0].evidence[0].id == dev.contoso_id
    assert [r.requirement.name for r in result.missing] == ["Kubernetes"]
    assert result.matched[1].requirement.degree == "bachelor"
    # 4 required (weight 2) + 1 preferred: earned 2+2+2+1 = 7 of 9.
    assert result.score == 78


def test_summary_warnings_flag_what_the_model_made_up(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev = build_web_developer(session)
    text = "Frontend Developer at Northwind Studio who grew revenue by 300% at Google."
    openai_server.script(answer({"summary": text}))
    result = service.generate_summary(session, user=_user(session, dev), tone="confident")
    assert [(w.kind, w.text) for w in result.warnings] == [
        ("number", "300"),
        ("organisation", "Google"),
    ]
    assert "confident tone" in _prompt(openai_server.requests[0])


def test_provider_info_names_the_model_but_never_the_key(openai_server: FakeOpenAI) -> None:
    info = service.provider_info()
    assert (info.provider, info.model, info.base_url) == ("openai", "fake-model", openai_server.url)
    assert "test-key" not in info.model_dump_json()


def test_provider_info_hides_credentials_in_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVAPP_AI_PROVIDER", "openai")
    monkeypatch.setenv("CVAPP_AI_BASE_URL", "https://user:secret@llm.example.org/v1")
    get_settings.cache_clear()
    try:
        assert service.provider_info().base_url == "https://llm.example.org/v1"
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert service.provider_info().provider == "offline"


def test_an_unconfigured_provider_says_so(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    dev = build_web_developer(session)
    monkeypatch.setenv("CVAPP_AI_PROVIDER", "openai")
    get_settings.cache_clear()
    try:
        with pytest.raises(AiProviderUnavailable) as error:
            service.optimize_text(session, user=_user(session, dev), text="Made dashboards")
        assert "not configured" in error.value.message
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
