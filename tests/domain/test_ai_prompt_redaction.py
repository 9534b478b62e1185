"""Issue #15 point 3: nothing confidential reaches the OpenAI-compatible provider.

The profile's headline and summary, a CV's ``summary_override`` and ``target_role``, the text
being rewritten, a skills role and a job advert all went out unmasked (only experiences and
projects were masked). Every prompt is now redacted with the exports' masking; the answer
gets the names back, and an answer naming a hidden client is refused.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from cvapp.domain.ai import service
from cvapp.domain.ai.errors import AiBadResponse
from cvapp.models import CvVersion, Profile, Project, User
from tests.fakes.ai_profile import WebDeveloper, build_web_developer
from tests.fakes.openai_server import FakeOpenAI, answer, openai_server

__all__ = ["openai_server"]  # the fixture, used by name below

# How a hidden client turns up in real text (spelling variants included).
MENTIONS = ("Globex Bank", "GlobexBank", "globex-bank.com", "#GlobexBank", "Globex/Bank")


def _setup(session: Session) -> tuple[WebDeveloper, User]:
    dev = build_web_developer(session)
    profile = session.get(Profile, dev.profile_id)
    assert profile is not None
    profile.headline = "Consultant for Globex Bank"
    profile.summary = "Years at GlobexBank (see globex-bank.com) on Project Falcon. #GlobexBank"
    cv = session.get(CvVersion, dev.cv_id)
    assert cv is not None
    cv.summary_override = "Lead of the Globex/Bank portal."
    cv.target_role = "Globex Bank frontend lead"
    session.add(
        Project(
            profile_id=dev.profile_id,
            name="Core banking",
            description="Rebuilt the Globex Bank portal",
            client_name="Globex Bank",
            client_alias="a European bank",
            sensitive_terms=["Project Falcon"],
            anonymize=True,
        )
    )
    session.commit()
    user = session.get(User, dev.user_id)
    assert user is not None
    return dev, user


def _sent(server: FakeOpenAI) -> str:
    return "\n".join(m["content"] for r in server.requests for m in r["body"]["messages"])


def _assert_nothing_confidential(server: FakeOpenAI) -> None:
    prompt = _sent(server).lower()
    assert server.requests, "nothing was sent"
    for hidden in ("globex", "falcon"):
        assert hidden not in prompt, prompt


def test_rewrite_sends_no_client_and_gets_the_names_back(
    session: Session, openai_server: FakeOpenAI
) -> None:
    _, user = _setup(session)
    openai_server.script(
        answer(
            {"suggestion": "Rebuilt the [Confidential client 1] portal for [confidential client 2]"}
        )
    )
    result = service.optimize_text(
        session,
        user=user,
        text="helped on the Globex Bank portal",
        context={"kind": "bullet", "target_role": "Globex Bank frontend lead"},
    )
    _assert_nothing_confidential(openai_server)
    assert result.suggestion == "Rebuilt the Globex Bank portal for Project Falcon"


@pytest.mark.parametrize("tone", ["confident"])
def test_summary_prompt_is_redacted(session: Session, openai_server: FakeOpenAI, tone: Any) -> None:
    _, user = _setup(session)
    openai_server.script(answer({"summary": "Frontend developer for [confidential client 1]."}))
    result = service.generate_summary(session, user=user, tone=tone)
    _assert_nothing_confidential(openai_server)
    assert "Globex Bank" in result.summary


def test_skills_role_and_job_advert_are_redacted(
    session: Session, openai_server: FakeOpenAI
) -> None:
    dev, user = _setup(session)
    openai_server.script(answer({"skills": [{"name": "React", "reason": "UI"}]}))
    service.suggest_skills(session, user=user, role="Frontend developer at Globex Bank")
    openai_server.script(answer({"requirements": [{"name": "React", "kind": "skill"}]}))
    advert = "Globex Bank is hiring a React developer. Apply at jobs@globexbank.com."
    service.gap_analysis(session, user=user, job_description=advert, cv_id=dev.cv_id)
    _assert_nothing_confidential(openai_server)


@pytest.mark.parametrize("named", MENTIONS)
def test_an_answer_naming_a_hidden_client_is_refused(
    session: Session, openai_server: FakeOpenAI, named: str
) -> None:
    _, user = _setup(session)
    openai_server.script(answer({"summary": f"Frontend developer who served {named}."}))
    with pytest.raises(AiBadResponse, match="confidential client"):
        service.generate_summary(session, user=user, tone="confident")
