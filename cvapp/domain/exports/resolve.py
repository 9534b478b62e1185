"""The render model: a CV version applied to the master, then anonymized.

Every format is produced from a :class:`ResolvedCv`, never from the tables directly, so they
all show the same items and all go through the one anonymization function.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlmodel import Session

from cvapp.domain.anonymize.service import anonymize, masker_for
from cvapp.domain.cvs import layout
from cvapp.domain.cvs.sections import BULLET_FIELDS
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.schemas import ProfileView
from cvapp.domain.profiles.views import build_view, public_view
from cvapp.models import CvVersion

_BASICS = ("full_name", "headline", "summary", "website", "photo_url", "slug", "interests")


class ResolvedSection(BaseModel):
    key: str
    title: str | None = None
    items: list[dict[str, Any]] = []


class ResolvedCv(BaseModel):
    """What a CV shows, in order, overrides applied, hidden things gone, anonymized."""

    cv_id: str | None = None
    name: str
    target_role: str | None = None
    title_line: str = "headline"
    template: str = "classic"
    locale: str = "en"
    page_size: str = "A4"
    one_page: bool = False
    design: dict[str, Any] = {}
    basics: dict[str, Any]
    sections: list[ResolvedSection]
    # Where the profile photo is stored: read by templates that show one, never in a dump.
    photo_key: str | None = Field(default=None, exclude=True)

    def title(self) -> str:
        """The line under the name: the headline, or the target role where the CV chose it
        (either one when the other is empty)."""
        headline = str(self.basics.get("headline") or "")
        if self.title_line == "target_role" and self.target_role:
            return self.target_role
        return headline or self.target_role or ""

    def section(self, key: str) -> ResolvedSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def without(self, dropped: set[tuple[str, str]]) -> ResolvedCv:
        """A copy without the ``(section, item id)`` pairs in ``dropped``."""
        sections = [
            s.model_copy(
                update={"items": [i for i in s.items if (s.key, i.get("id")) not in dropped]}
            )
            for s in self.sections
        ]
        return self.model_copy(update={"sections": [s for s in sections if s.items]})


def load_resolved(session: Session, *, cv: CvVersion, public: bool = False) -> ResolvedCv:
    """``cv`` resolved against its owner's master (``public``: without contact details)."""
    row = get_or_create_profile(session, user_id=cv.user_id)
    return resolve(cv, build_view(session, profile=row), public=public, photo_key=row.photo_key)


def resolve(
    cv: CvVersion, profile: ProfileView, *, public: bool = False, photo_key: str | None = None
) -> ResolvedCv:
    """Apply ``cv``'s choices to ``profile`` (the owner's view) and anonymize the result
    (``photo_key``: where the photo is stored, for the templates that show it)."""
    masker = masker_for(profile.projects)
    shown = public_view(profile) if public else profile
    masters = layout.master_items(shown)
    sections, items = layout.effective_layout(cv, masters)
    by_id = {key: {item.id: item for item in values} for key, values in masters.items()}
    resolved: list[ResolvedSection] = []
    for section in sections:
        if not section["visible"]:
            continue
        key = section["key"]
        entries: list[dict[str, Any]]
        if key == "summary":
            entries = (
                [{"text": cv.summary_override or shown.summary}] if _has_summary(cv, shown) else []
            )
        elif key == "interests":
            entries = [interest.model_dump(mode="json") for interest in shown.interests]
        elif key == "references":
            entries = [reference.model_dump(mode="json") for reference in shown.references]
        else:
            entries = [
                _apply(key, by_id[key][entry["id"]].model_dump(mode="json"), entry)
                for entry in items[key]
                if entry["visible"]
            ]
        if entries:
            resolved.append(ResolvedSection(key=key, title=section["title"], items=entries))
    basics = {name: getattr(shown, name) for name in _BASICS}
    basics["interests"] = [i.model_dump(mode="json") for i in shown.interests]
    # What a hidden section holds is in no part of the output (meta tags, JSON-LD, exports).
    shown_keys = {section.key for section in resolved}
    basics["summary"] = (cv.summary_override or shown.summary) if "summary" in shown_keys else None
    if "interests" not in shown_keys:
        basics["interests"] = []
    basics["contact"] = shown.contact.model_dump() if shown.contact else {}
    basics["location"] = shown.location.model_dump()
    basics["links"] = [link.model_dump() for link in shown.links]
    model = ResolvedCv(
        cv_id=cv.id,
        name=cv.name,
        target_role=cv.target_role,
        title_line=cv.title_line,
        template=cv.template,
        locale=cv.locale,
        page_size=cv.page_size,
        one_page=cv.one_page,
        design=dict(cv.design or {}),
        basics=basics,
        sections=resolved,
    )
    shown_cv = anonymize(model, masker=masker)
    return shown_cv.model_copy(update={"photo_key": photo_key}) if photo_key else shown_cv


def _has_summary(cv: CvVersion, profile: ProfileView) -> bool:
    return bool((cv.summary_override or profile.summary or "").strip())


def _apply(section: str, data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    bullets_field = BULLET_FIELDS.get(section)
    bullets = list(data.get(bullets_field) or []) if bullets_field else []
    for path, text in entry["overrides"].items():
        field, _, index = path.partition(".")
        if not index:
            data[field] = text
        elif field == bullets_field and int(index) < len(bullets):
            bullets[int(index)] = text
    if bullets_field:
        hidden = {int(p.partition(".")[2]) for p in entry["hidden"] if p.startswith(bullets_field)}
        data[bullets_field] = [b for i, b in enumerate(bullets) if i not in hidden]
    return data
