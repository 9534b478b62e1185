"""Achievements (JSON Resume ``awards``)."""

from __future__ import annotations

from pydantic import Field

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, LongText, Name, Text200, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.models import Achievement


class AchievementIn(Body):
    title: Name
    awarder: Text200 | None = None
    date: PartialDate | None = None
    summary: LongText | None = None
    order: int | None = Field(default=None, ge=0, le=100_000)


class AchievementPatch(Body):
    """Partial update of AchievementIn: only the fields sent change."""

    title: Name = unset()
    awarder: Text200 | None = unset()
    date: PartialDate | None = unset()
    summary: LongText | None = unset()
    order: int | None = unset(ge=0, le=100_000)


class AchievementView(ItemView):
    title: str
    awarder: str | None = None
    date: str | None = None
    summary: str | None = None


service: SectionService[Achievement, AchievementIn, AchievementView] = SectionService(
    key="achievements",
    label="Achievement",
    model=Achievement,
    schema=AchievementIn,
    patch=AchievementPatch,
    view=AchievementView,
    sort_fields=("date", "title"),
)
