"""What an application links to: the CV sent, a CV tailored from the gap analysis of its
advert (the analysis kept with it), and a share link whose opens show on its timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from cvapp.domain.ai import service as ai
from cvapp.domain.ai.schemas import GapAnalysis
from cvapp.domain.applications import service
from cvapp.domain.applications.schemas import ApplicationView
from cvapp.domain.cvs import service as cvs
from cvapp.domain.cvs import versions
from cvapp.domain.cvs.layout import master_items
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.views import build_view
from cvapp.domain.public import share_links
from cvapp.domain.public.share_links import ShareLinkView
from cvapp.errors import ValidationFailed
from cvapp.models import Application, ShareLink, User


def advert_of(row: Application) -> str | dict[str, Any]:
    """The application's advert (its JSON Resume job, else its text) for the analysis."""
    if row.job:
        return dict(row.job)
    if row.job_text:
        return row.job_text
    raise ValidationFailed.field("job_text", "Paste the job advert into the application first")


def backing_items(analysis: GapAnalysis) -> dict[str, set[str]]:
    """The profile items that back a requirement (matched, or on the profile only), by
    section."""
    backing: dict[str, set[str]] = {}
    for result in [*analysis.matched, *analysis.hidden]:
        for evidence in result.evidence:
            backing.setdefault(evidence.section, set()).add(evidence.id)
    return backing


def tailored_items(
    session: Session, *, user_id: str, backing: dict[str, set[str]]
) -> dict[str, list[dict[str, Any]]]:
    """Items for a new CV: in a section where something backs the advert, those items only;
    the other sections keep everything."""
    profile = get_or_create_profile(session, user_id=user_id)
    items: dict[str, list[dict[str, Any]]] = {}
    for section, masters in master_items(build_view(session, profile=profile)).items():
        wanted = backing.get(section)
        if not wanted or not masters:
            continue
        items[section] = [
            {"id": item.id, "visible": item.id in wanted, "order": index}
            for index, item in enumerate(masters)
        ]
    return items


def tailor_cv(
    session: Session,
    *,
    user: User,
    application_id: str,
    progress: Callable[[int], None] | None = None,
) -> tuple[ApplicationView, CvView]:
    """Run the gap analysis of the application's advert against the profile, keep it with the
    application, and make a CV for the job that shows the items backing its requirements."""
    row = service.get_row(session, user_id=user.id, application_id=application_id)
    analysis = ai.gap_analysis(
        session, user=user, job_description=advert_of(row), progress=progress
    )
    backing = backing_items(analysis)
    cv = cvs.create_cv(
        session,
        user_id=user.id,
        data={
            "target_role": row.role,
            "title_line": "target_role",
            "items": tailored_items(session, user_id=user.id, backing=backing),
        },
    )
    versions.claim(session, row, noun=service.NOUN)
    row.gap_analysis = analysis.model_dump(mode="json")
    row.cv_id = cv.id
    session.add(row)
    shown = sum(len(ids) for ids in backing.values())
    service.record(
        session, row, "tailored", detail=f"CV “{cv.name}”: fit {analysis.score}/100, {shown} items"
    )
    return service.view(session, row), cv


def share(
    session: Session, *, user_id: str, application_id: str, label: str | None = None
) -> ShareLinkView:
    """A share link to the application's CV, for this application: its opens are dated on
    the timeline."""
    row = service.get_row(session, user_id=user_id, application_id=application_id)
    if row.cv_id is None:
        raise ValidationFailed.field("cv_id", "Choose the CV you send for this job first")
    link = share_links.create_share_link(
        session,
        user_id=user_id,
        cv_id=row.cv_id,
        data={"label": (label or f"{row.company} – {row.role}")[:100]},
    )
    stored = session.get(ShareLink, link.id)
    assert stored is not None
    stored.application_id = row.id
    session.add(stored)
    session.flush()
    return link


def note_opened(session: Session, *, link: ShareLink, download: bool) -> None:
    """Date an open of an application's share link on its timeline (nothing about who)."""
    if link.application_id is None:
        return
    row = session.get(Application, link.application_id)
    if row is None or row.user_id != link.user_id:
        return
    what = "PDF downloaded" if download else "CV viewed"
    service.record(session, row, "opened", detail=f"{what} via “{link.label or 'share link'}”")
