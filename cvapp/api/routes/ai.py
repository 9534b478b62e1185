"""AI assistance: improve a text, suggest skills, gap analysis, summary, provider info."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from cvapp.api.deps import CurrentUser, SessionDep
from cvapp.api.routes.jobs import accepted
from cvapp.domain.ai import service as ai_service
from cvapp.domain.ai import tasks as ai_tasks
from cvapp.domain.ai.accept import accept_suggestion
from cvapp.domain.ai.schemas import (
    AcceptSuggestionIn,
    GapAnalysis,
    GapAnalysisIn,
    OptimizeTextIn,
    ProviderInfo,
    QuotaStatus,
    SkillSuggestions,
    SuggestSkillsIn,
    SummaryIn,
    SummarySuggestion,
    TextSuggestion,
)

router = APIRouter(prefix="/ai", tags=["ai"])

_LIMITS: dict[int | str, dict[str, Any]] = {
    429: {"description": "Daily AI quota used up (Retry-After: seconds to midnight UTC)"},
    502: {"description": "The AI provider's answer was unusable"},
    503: {"description": "The AI provider timed out or is unavailable"},
}


class ProviderStatus(ProviderInfo):
    quota: QuotaStatus


class JobAccepted(BaseModel):
    job: dict[str, Any]


@router.get("/provider", response_model=ProviderStatus)
def provider(user: CurrentUser, session: SessionDep) -> ProviderStatus:
    """Which AI provider is active, and the caller's quota for today."""
    info = ai_service.provider_info()
    return ProviderStatus(**info.model_dump(), quota=ai_service.usage(session, user=user))


@router.post("/optimize-text", response_model=TextSuggestion, responses=_LIMITS)
def optimize_text(body: OptimizeTextIn, user: CurrentUser, session: SessionDep) -> TextSuggestion:
    """A better version of a bullet or summary, its word diff and unsupported claims."""
    return ai_service.optimize_text(session, user=user, text=body.text, context=body.context)


@router.post("/suggest-skills", response_model=SkillSuggestions, responses=_LIMITS)
def suggest_skills(
    body: SuggestSkillsIn, user: CurrentUser, session: SessionDep
) -> SkillSuggestions:
    """Skills asked for in a role, marking the ones already in the profile."""
    return ai_service.suggest_skills(session, user=user, role=body.role, limit=body.limit)


@router.post(
    "/gap-analysis",
    response_model=GapAnalysis,
    responses={202: {"model": JobAccepted, "description": "Queued as a job"}, **_LIMITS},
)
def gap_analysis(
    body: GapAnalysisIn,
    user: CurrentUser,
    session: SessionDep,
    run_async: Annotated[bool, Query(alias="async")] = False,
) -> Any:
    """Matched / hidden (with evidence) / missing requirements of a job advert and a score;
    long adverts, or ``?async=true``, answer 202 with a job to poll."""
    if run_async or ai_service.is_long_job(body.job_description):
        job = ai_tasks.start_gap_analysis(
            session, user=user, job_description=body.job_description, cv_id=body.cv_id
        )
        return accepted(job)
    return ai_service.gap_analysis(
        session, user=user, job_description=body.job_description, cv_id=body.cv_id
    )


@router.post("/summary", response_model=SummarySuggestion, responses=_LIMITS)
def summary(body: SummaryIn, user: CurrentUser, session: SessionDep) -> SummarySuggestion:
    """A summary built from the profile's (or the CV's) facts, in the chosen tone."""
    return ai_service.generate_summary(
        session, user=user, cv_id=body.cv_id, tone=body.tone, variant=body.variant
    )


@router.post(
    "/suggestions/accept",
    status_code=204,
    response_class=Response,
    responses={
        409: {"description": "CONFLICT: the stored text is no longer `original`"},
        422: {"description": "VALIDATION_ERROR: a field a suggestion may not write"},
    },
)
def accept(body: AcceptSuggestionIn, user: CurrentUser, session: SessionDep) -> Response:
    """Store ``suggestion`` at ``target`` while the text there is still ``original``
    (experiences' responsibilities/description, projects' highlights/description,
    volunteering's highlights/summary, the profile's summary); undo by swapping the two."""
    accept_suggestion(
        session,
        user_id=user.id,
        target=body.target,
        original=body.original,
        suggestion=body.suggestion,
    )
    return Response(status_code=204)
