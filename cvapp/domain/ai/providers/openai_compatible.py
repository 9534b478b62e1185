"""Any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio,
OpenRouter) through the ``openai`` SDK, answering in JSON validated by pydantic.

A malformed answer is asked for once more, then refused; timeouts, connection problems and
provider errors become clear :mod:`cvapp.domain.ai.errors` (503/502).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, TypeVar

import openai
import structlog
from pydantic import BaseModel, ValidationError

from cvapp.domain.ai.errors import AiBadResponse, AiProviderTimeout, AiProviderUnavailable
from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.gaps import analyse_gaps
from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.letter import LetterBrief, LetterText, greeting_for
from cvapp.domain.ai.providers import prompts
from cvapp.domain.ai.providers.base import SkillIdeaDraft, SkillIdeaList
from cvapp.domain.ai.providers.redaction import Redaction
from cvapp.domain.ai.requirements import degree_level
from cvapp.domain.ai.rewrite import Rewrite, TextKind, tips_for
from cvapp.domain.ai.schemas import GapAnalysis, Requirement, Tone
from cvapp.domain.ai.taxonomy import find_role
from cvapp.domain.ai.verbs import Tense
from cvapp.domain.ai.vocabulary import canonical_skill, normalise_key, skill_category
from cvapp.settings import Settings

log = structlog.get_logger(__name__)
Answer = TypeVar("Answer", bound=BaseModel)
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@lru_cache(maxsize=8)
def _client(base_url: str | None, api_key: str, timeout: float) -> openai.OpenAI:
    # Retries are ours (one, for a malformed answer): a slow provider must not be waited
    # for twice, and a 5xx is reported at once.
    return openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=0)


def _json_text(content: str | None) -> str:
    text = _FENCE.sub("", content or "")
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start != -1 and end > start else text


class OpenAICompatibleProvider:
    name = "openai"

    def __init__(self, settings: Settings) -> None:
        if not settings.ai_base_url and not settings.ai_api_key:
            raise AiProviderUnavailable(
                "The AI provider is not configured: set CVAPP_AI_BASE_URL and CVAPP_AI_API_KEY"
            )
        self.model: str | None = settings.ai_model
        self.timeout = settings.ai_timeout_seconds
        self.max_tokens = settings.ai_max_tokens
        # Local servers (Ollama, vLLM, LM Studio) need no key, but the SDK wants one.
        self._client = _client(
            settings.ai_base_url or None,
            settings.ai_api_key.get_secret_value() if settings.ai_api_key else "unused",
            self.timeout,
        )

    def _complete(self, answer: type[BaseModel], conversation: list[Any]) -> str | None:
        response_format: Any = {
            "type": "json_schema",
            "json_schema": {"name": answer.__name__, "schema": answer.model_json_schema()},
        }
        try:
            completion = self._client.chat.completions.create(
                model=self.model or "",
                messages=conversation,
                response_format=response_format,
                max_tokens=self.max_tokens,
            )
        except openai.APITimeoutError as exc:
            raise AiProviderTimeout(
                f"The AI provider did not answer within {self.timeout:g} s; nothing was "
                "changed. Try again in a moment."
            ) from exc
        except openai.APIConnectionError as exc:
            raise AiProviderUnavailable(
                "The AI provider could not be reached; nothing was changed."
            ) from exc
        except openai.APIStatusError as exc:
            status = exc.status_code
            if status == 429:
                raise AiProviderUnavailable(
                    "The AI provider is rate limiting requests; nothing was changed. Try again "
                    "in a minute."
                ) from exc
            if status >= 500:
                raise AiProviderUnavailable(
                    f"The AI provider failed (HTTP {status}); nothing was changed. Try again later."
                ) from exc
            raise AiBadResponse(
                f"The AI provider refused the request (HTTP {status}); check the AI settings."
            ) from exc
        choice = completion.choices[0] if completion.choices else None
        return choice.message.content if choice else None

    def ask(self, answer: type[Answer], conversation: list[Any], *, redaction: Redaction) -> Answer:
        """The model's answer as ``answer``, confidential names put back; one more try when
        it is not valid. ``conversation`` was built redacted by ``prompts``."""
        conversation = list(conversation)
        for attempt in (1, 2):
            content = self._complete(answer, conversation)
            redaction.check_answer(content)
            try:
                parsed = answer.model_validate_json(_json_text(content))
                return answer.model_validate(redaction.restore(parsed.model_dump()))
            except ValidationError as exc:
                problem = "; ".join(e["msg"] for e in exc.errors()[:3])
                log.warning("ai_malformed_answer", attempt=attempt, problem=problem)
            conversation += [
                {"role": "assistant", "content": content or ""},
                {
                    "role": "user",
                    "content": f"That answer was not usable ({problem}). Reply again with "
                    "only the JSON object matching the schema.",
                },
            ]
        raise AiBadResponse(
            "The AI provider's answer was malformed twice; nothing was changed. Try again, "
            "or use the offline assistant."
        )

    def optimize_text(
        self, *, text: str, kind: TextKind, tense: Tense, facts: ProfileFacts, about: str | None
    ) -> Rewrite:
        redaction = Redaction.of(facts.private_terms)
        conversation = prompts.optimize(
            text, kind=kind, tense=tense, facts=facts, about=about, redaction=redaction
        )
        answer = self.ask(prompts.RewriteAnswer, conversation, redaction=redaction)
        suggestion = " ".join(answer.suggestion.split())
        tips = answer.tips + [tip for tip in tips_for(suggestion, kind) if tip not in answer.tips]
        return Rewrite(suggestion, answer.changes, tips)

    def suggest_skills(self, *, role: str, limit: int, facts: ProfileFacts) -> SkillIdeaList:
        found = find_role(role)
        label = found.name if found else role.strip()
        redaction = Redaction.of(facts.private_terms)
        conversation = prompts.skills(label, limit=limit, facts=facts, redaction=redaction)
        answer = self.ask(prompts.SkillsAnswer, conversation, redaction=redaction)
        ideas: dict[str, SkillIdeaDraft] = {}
        for skill in answer.skills:
            name = canonical_skill(skill.name) or skill.name.strip()
            category = skill_category(name) or skill.category
            ideas.setdefault(normalise_key(name), SkillIdeaDraft(name, category, skill.reason))
        return SkillIdeaList(role=label, ideas=list(ideas.values())[:limit])

    def gap_analysis(self, *, job: JobPosting, facts: ProfileFacts, today: date) -> GapAnalysis:
        redaction = Redaction.of(facts.private_terms)
        conversation = prompts.requirements(job, redaction=redaction)
        answer = self.ask(prompts.RequirementsAnswer, conversation, redaction=redaction)
        requirements: dict[str, Requirement] = {}
        for req in answer.requirements:
            if req.kind in ("skill", "soft"):
                alternatives = list(
                    dict.fromkeys(canonical_skill(a) or a.strip() for a in req.alternatives)
                )
                if len(alternatives) > 1:
                    name = " or ".join(alternatives)
                else:
                    name, alternatives = canonical_skill(req.name) or req.name, []
                req = req.model_copy(update={"name": name, "alternatives": alternatives})
            if req.kind == "qualification" and not req.degree:
                req = req.model_copy(update={"degree": degree_level(req.name)})
            requirements.setdefault(f"{req.kind}:{normalise_key(req.name)}", req)
        ordered = sorted(requirements.values(), key=lambda r: r.importance != "required")
        return analyse_gaps(ordered, facts, provider=self.name, job_title=job.title, today=today)

    def structure_resume(self, *, text: str) -> prompts.ResumeAnswer | None:
        """The CV's text as fields, by the model (checked against the text by the caller)."""
        redaction = Redaction.of(())
        return self.ask(
            prompts.ResumeAnswer, prompts.resume(text, redaction=redaction), redaction=redaction
        )

    def generate_summary(
        self, *, facts: ProfileFacts, tone: Tone, today: date, variant: int = 0
    ) -> str:
        redaction = Redaction.of(facts.private_terms)
        conversation = prompts.summary(facts, tone=tone, redaction=redaction, variant=variant)
        answer = self.ask(prompts.SummaryAnswer, conversation, redaction=redaction)
        return " ".join(answer.summary.split())

    def write_letter(
        self, *, job: JobPosting, facts: ProfileFacts, analysis: GapAnalysis, brief: LetterBrief
    ) -> LetterText:
        redaction = Redaction.of(facts.private_terms)
        conversation = prompts.letter(job, facts, brief=brief, redaction=redaction)
        answer = self.ask(prompts.LetterAnswer, conversation, redaction=redaction)
        return LetterText(
            greeting=answer.greeting.strip() or greeting_for(brief.recipient),
            paragraphs=[" ".join(p.split()) for p in answer.paragraphs if p.strip()],
            closing=answer.closing.strip() or "Kind regards,",
        )
