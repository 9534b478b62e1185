"""Languages (JSON Resume ``languages``): one entry per language."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints
from sqlalchemy import func
from sqlmodel import Session, select

from cvapp.domain.sections.fields import Body, Text100, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.errors import Conflict
from cvapp.models import Language


class LanguageIn(Body):
    language: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    fluency: Text100 | None = Field(default=None, description='e.g. "Native", "C1"')
    order: int | None = Field(default=None, ge=0, le=100_000)


class LanguagePatch(Body):
    """Partial update of LanguageIn: only the fields sent change."""

    language: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ] = unset()
    fluency: Text100 | None = unset(description='e.g. "Native", "C1"')
    order: int | None = unset(ge=0, le=100_000)


class LanguageView(ItemView):
    language: str
    fluency: str | None = None


def _unique_language(
    session: Session, profile_id: str, item_id: str | None, data: LanguageIn
) -> None:
    statement = select(Language.id).where(
        Language.profile_id == profile_id,
        func.lower(Language.language) == data.language.lower(),
    )
    existing = session.exec(statement).first()
    if existing is not None and existing != item_id:
        raise Conflict(
            "You already listed this language",
            details=[{"field": "language", "message": f"{data.language!r} is already listed"}],
        )


service: SectionService[Language, LanguageIn, LanguageView] = SectionService(
    key="languages",
    label="Language",
    model=Language,
    schema=LanguageIn,
    patch=LanguagePatch,
    view=LanguageView,
    sort_fields=("language", "fluency"),
    conflict_check=_unique_language,
)
