"""AI assistance for the UI and the API: improve a text, suggest skills, gap analysis,
summary. Suggestions are returned, never saved: the caller keeps the original, and
accepting (or undoing) goes through the profile and CV services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlmodel import Session

from cvapp.domain.ai import quotas
from cvapp.domain.ai.diff import word_diff
from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.invention import known_facts, unsupported_claims
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.metering import CACHE_TTL_SECONDS, cache_key, metered
from cvapp.domain.ai.profile_reader import load_facts
from cvapp.domain.ai.providers import get_provider
from cvapp.domain.ai.rewrite import already_good_reason
from cvapp.domain.ai.schemas import (
    MAX_TEXT_CHARS,
    GapAnalysis,
    ProviderInfo,
    QuotaStatus,
    SkillIdea,
    SkillSuggestions,
    SummarySuggestion,
    TextContext,
    TextSuggestion,
    Tone,
)
from cvapp.domain.ai.verbs import Tense
from cvapp.domain.ai.vocabulary import same_skill
from cvapp.errors import NotFound, ValidationFailed
from cvapp.models import User
from cvapp.settings import get_settings

LONG_JOB_CHARS = 6_000
"""Adverts longer than this are analysed as a background job."""
JOB_KIND = "ai.gap_analysis"


OPENAI_URL = "https://api.openai.com/v1"


def _today() -> date:
    return datetime.now(UTC).date()


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def provider_info() -> ProviderInfo:
    """Which provider answers (for the settings page); never exposes the key."""
    settings = get_settings()
    online = settings.ai_provider == "openai"
    return ProviderInfo(
        provider=settings.ai_provider,
        model=settings.ai_model if online else None,
        base_url=_without_credentials(settings.ai_base_url or OPENAI_URL) if online else None,
        offline=not online,
        cache_ttl_seconds=CACHE_TTL_SECONDS,
        daily_quotas=quotas.daily_limits(),
    )


def usage(session: Session, *, user: User) -> QuotaStatus:
    """Today's AI calls against the user's plan limit, and when the count resets."""
    return quotas.usage(session, user=user)


def _tense_for(facts: ProfileFacts, context: TextContext) -> Tense:
    if context.tense:
        return context.tense
    for section, item_id in (
        ("experiences", context.experience_id),
        ("projects", context.project_id),
    ):
        if item_id is None:
            continue
        item = next((i for i in facts.section(section) if i.id == item_id), None)
        if item is None:
            raise NotFound(f"{section[:-1].capitalize()} not found")
        return "present" if item.end is None else "past"
    return "past"


def optimize_text(
    session: Session,
    *,
    user: User,
    text: str,
    context: TextContext | dict[str, Any] | str | None = None,
) -> TextSuggestion:
    """A better version of ``text`` (a bullet, summary or description) with a word diff and
    warnings for anything it states that the user's data does not back."""
    original = text.strip()
    if not original:
        raise ValidationFailed.field("text", "Cannot be empty")
    if len(original) > MAX_TEXT_CHARS:
        raise ValidationFailed.field("text", f"At most {MAX_TEXT_CHARS} characters")
    if isinstance(context, str):
        context = {"kind": context}
    ctx = TextContext.model_validate(context or {})
    facts = load_facts(session, user=user)
    tense = _tense_for(facts, ctx)
    provider = get_provider()
    inputs = {"text": original, "context": ctx.model_dump(), "tense": tense}

    def compute() -> TextSuggestion:
        draft = provider.optimize_text(
            text=original, kind=ctx.kind, tense=tense, facts=facts, about=ctx.target_role
        )
        sources = [original, ctx.target_role or ""]
        known = known_facts(facts, sources=sources, today=_today())
        unchanged = _same_text(draft.suggestion, original)
        reason = draft.reason or (
            already_good_reason(original, ctx.kind, tense) if unchanged else None
        )
        return TextSuggestion(
            original=original,
            suggestion=original if unchanged else draft.suggestion,
            diff=word_diff(original, original if unchanged else draft.suggestion),
            warnings=[] if unchanged else unsupported_claims(draft.suggestion, known),
            changes=[] if unchanged else draft.changes,
            tips=draft.tips,
            provider=provider.name,
            unchanged=unchanged,
            reason=reason if unchanged else None,
        )

    key = cache_key(user=user, operation="optimize", inputs=inputs, facts=facts, provider=provider)
    return metered(
        session,
        user=user,
        key=key,
        result_type=TextSuggestion,
        compute=compute,
        free=lambda result: result.unchanged,
    )


def _same_text(suggestion: str, original: str) -> bool:
    return " ".join(suggestion.split()).rstrip(".") == " ".join(original.split()).rstrip(".")


def suggest_skills(session: Session, *, user: User, role: str, limit: int = 15) -> SkillSuggestions:
    """Skills asked for in ``role`` adverts, marking the ones the user already lists."""
    role = " ".join(role.split())
    if not role or len(role) > 200:
        raise ValidationFailed.field("role", "Between 1 and 200 characters")
    if not 1 <= limit <= 50:
        raise ValidationFailed.field("limit", "Between 1 and 50")
    facts = load_facts(session, user=user)
    held = {skill for item in facts.section("skills") for skill in item.skills}
    provider = get_provider()

    def compute() -> SkillSuggestions:
        found = provider.suggest_skills(role=role, limit=limit, facts=facts)
        return SkillSuggestions(
            role=found.role,
            skills=[
                SkillIdea(
                    name=idea.name,
                    category=idea.category,
                    reason=idea.reason,
                    already_have=any(same_skill(idea.name, skill) for skill in held),
                )
                for idea in found.ideas
            ],
            alternatives=found.alternatives,
            message=None
            if found.ideas
            else f"No suggestions for this role: “{role}” is not a role the assistant knows"
            + (", but some titles are close." if found.alternatives else "."),
            provider=provider.name,
        )

    inputs = {"role": role.casefold(), "limit": limit}
    key = cache_key(user=user, operation="skills", inputs=inputs, facts=facts, provider=provider)
    return metered(session, user=user, key=key, result_type=SkillSuggestions, compute=compute)


def gap_analysis(
    session: Session,
    *,
    user: User,
    job_description: str | dict[str, Any],
    cv_id: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> GapAnalysis:
    """Matched / hidden (with the item proving it) / missing requirements, a score and
    suggestions, for an advert (text or JSON Resume job) against the profile or a CV."""
    job = parse_job(job_description)
    facts = load_facts(session, user=user, cv_id=cv_id)
    provider = get_provider()
    report = progress or (lambda _value: None)
    report(10)

    def compute() -> GapAnalysis:
        report(30)
        analysis = provider.gap_analysis(job=job, facts=facts, today=_today())
        report(80)
        return analysis

    inputs = {"job": job.model_dump(), "cv_id": cv_id}
    key = cache_key(user=user, operation="gaps", inputs=inputs, facts=facts, provider=provider)
    # No progress after this point: the quota write holds SQLite's lock until the commit.
    return metered(session, user=user, key=key, result_type=GapAnalysis, compute=compute)


def is_long_job(job_description: str | dict[str, Any]) -> bool:
    """Whether an advert is long enough to be analysed in the background."""
    return len(parse_job(job_description).text()) > LONG_JOB_CHARS


def generate_summary(
    session: Session,
    *,
    user: User,
    cv_id: str | None = None,
    tone: Tone | None = None,
    variant: int = 0,
) -> SummarySuggestion:
    """A summary from the profile's facts (those on the CV when ``cv_id`` is given); the
    current summary comes back as ``original`` so the UI can undo. ``variant`` is the "Try
    again" count: another structure and emphasis, the same facts."""
    chosen: Tone = tone or "professional"
    if not 0 <= variant <= 1000:
        raise ValidationFailed.field("variant", "Between 0 and 1000")
    facts = load_facts(session, user=user, cv_id=cv_id)
    if not any(i.section in ("experiences", "skills") for i in facts.on_cv().items) and not (
        facts.headline
    ):
        raise ValidationFailed.field(
            "profile", "Add an experience, a headline or skills before generating a summary"
        )
    provider = get_provider()

    def compute() -> SummarySuggestion:
        text = provider.generate_summary(facts=facts, tone=chosen, today=_today(), variant=variant)
        known = known_facts(facts, today=_today())
        return SummarySuggestion(
            summary=text,
            original=facts.current_summary,
            tone=chosen,
            variant=variant,
            warnings=unsupported_claims(text, known),
            provider=provider.name,
        )

    inputs = {"cv_id": cv_id, "tone": chosen, "variant": variant}
    key = cache_key(user=user, operation="summary", inputs=inputs, facts=facts, provider=provider)
    return metered(session, user=user, key=key, result_type=SummarySuggestion, compute=compute)
