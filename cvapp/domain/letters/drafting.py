"""Drafting a letter from the advert and the master profile, then checking it.

The advert's requirements are matched against the profile by the gap analysis's rules (no
network); the provider writes the letter from that evidence: offline, a structured draft
quoting the user's own words; an OpenAI-compatible model, a generated text. Either way the
no-invention check reads the result and every claim the profile does not back comes back as
a warning. The draft is saved into the letter as a new revision, so Undo restores the text
it replaced. Counts as an AI call (a cached draft does not).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from cvapp.domain.ai.gaps import analyse_gaps
from cvapp.domain.ai.invention import known_facts, unsupported_claims
from cvapp.domain.ai.jobposting import JobPosting, parse_job
from cvapp.domain.ai.letter import CLOSING, GENERIC_GREETING, LetterBrief
from cvapp.domain.ai.metering import cache_key, metered
from cvapp.domain.ai.profile_reader import load_facts
from cvapp.domain.ai.providers import get_provider
from cvapp.domain.ai.requirements import extract_requirements
from cvapp.domain.applications import service as applications
from cvapp.domain.applications.links import advert_of
from cvapp.domain.letters import service
from cvapp.domain.letters.schemas import DraftText, LetterDraft
from cvapp.errors import ValidationFailed
from cvapp.models import Application, CoverLetter, User

OPERATION = "letter"


def _advert(application: Application | None, job_text: str | None) -> Any:
    if job_text and job_text.strip():
        return job_text
    if application is not None:
        return advert_of(application)
    raise ValidationFailed.field(
        "job_text", "Paste the job advert (or link the letter to an application that has it)"
    )


def _brief(row: CoverLetter, application: Application | None, job: JobPosting) -> LetterBrief:
    contacts = list(application.contacts or []) if application else []
    recipient = row.recipient or (contacts[0].get("name") if contacts else None)
    return LetterBrief(
        role=(application.role if application else None) or job.title,
        company=(application.company if application else None) or job.company,
        recipient=recipient,
        language=row.language,
    )


def _their_words(brief: LetterBrief, application: Application | None) -> list[str]:
    """What the letter may name without the profile saying it: the job, the company, the
    people and places of the application, the usual greeting and closing."""
    words = [brief.role or "", brief.company or "", brief.recipient or ""]
    words += [GENERIC_GREETING, CLOSING]
    if application is not None:
        words += [application.location or ""]
        words += [str(c.get("name") or "") for c in application.contacts or []]
    return [w for w in words if w]


def draft_letter(
    session: Session,
    *,
    user: User,
    letter_id: str,
    job_text: str | None = None,
    version: int | None = None,
) -> LetterDraft:
    """Draft the letter from the advert and the profile, save it as a new revision and say
    which of its claims the profile does not back."""
    row = service.get_row(session, user_id=user.id, letter_id=letter_id)
    if version is not None and version != row.version:
        service.update_letter(  # refuses with the usual stale-version message
            session, user_id=user.id, letter_id=row.id, changes={"version": version}
        )
    application = session.get(Application, row.application_id) if row.application_id else None
    job = parse_job(_advert(application, job_text))
    facts = load_facts(session, user=user, cv_id=row.cv_id)
    provider = get_provider()
    brief = _brief(row, application, job)

    def compute() -> DraftText:
        analysis = analyse_gaps(
            extract_requirements(job), facts, provider="offline", job_title=job.title
        )
        text = provider.write_letter(job=job, facts=facts, analysis=analysis, brief=brief)
        known = known_facts(
            facts, sources=_their_words(brief, application), today=datetime.now(UTC).date()
        )
        whole = "\n\n".join([text.greeting, text.body, text.closing])
        return DraftText(
            greeting=text.greeting,
            body=text.body,
            closing=text.closing,
            warnings=unsupported_claims(whole, known),
            evidence=text.evidence,
            provider=provider.name,
        )

    inputs = {"job": job.model_dump(), "brief": brief.__dict__, "cv_id": row.cv_id}
    key = cache_key(user=user, operation=OPERATION, inputs=inputs, facts=facts, provider=provider)
    draft = metered(session, user=user, key=key, result_type=DraftText, compute=compute)
    letter = service.save_text(
        session, row=row, greeting=draft.greeting, body=draft.body, closing=draft.closing
    )
    return LetterDraft(
        letter=letter, warnings=draft.warnings, evidence=draft.evidence, provider=draft.provider
    )


def letter_for_application(
    session: Session,
    *,
    user: User,
    application_id: str,
    title: str | None = None,
    cv_id: str | None = None,
    draft: bool = True,
) -> LetterDraft:
    """A new letter for the caller's application ("Company – Role"), drafted from its advert
    unless ``draft`` is false (then empty, without warnings)."""
    row = applications.get_row(session, user_id=user.id, application_id=application_id)
    data = {
        "title": title or f"{row.company} – {row.role}"[:200],
        "application_id": row.id,
        "cv_id": cv_id,
    }
    created = service.create_letter(session, user_id=user.id, data=data)
    if not draft:
        return LetterDraft(letter=created, warnings=[], evidence=[], provider="none")
    return draft_letter(session, user=user, letter_id=created.id)
