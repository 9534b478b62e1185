"""Volunteering (JSON Resume ``volunteer``)."""

from __future__ import annotations

from pydantic import Field

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, Bullets, LongText, Name, Text200, Url, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.models import Volunteering


class VolunteeringIn(Body):
    organization: Name
    position: Text200 | None = None
    url: Url | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    summary: LongText | None = None
    highlights: Bullets = Field(default_factory=list)
    order: int | None = Field(default=None, ge=0, le=100_000)


class VolunteeringPatch(Body):
    """Partial update of VolunteeringIn: only the fields sent change."""

    organization: Name = unset()
    position: Text200 | None = unset()
    url: Url | None = unset()
    start_date: PartialDate | None = unset()
    end_date: PartialDate | None = unset()
    summary: LongText | None = unset()
    highlights: Bullets = unset()
    order: int | None = unset(ge=0, le=100_000)


class VolunteeringView(ItemView):
    organization: str
    position: str | None = None
    url: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    summary: str | None = None
    highlights: list[str] = []


service: SectionService[Volunteering, VolunteeringIn, VolunteeringView] = SectionService(
    key="volunteering",
    label="Volunteering",
    model=Volunteering,
    schema=VolunteeringIn,
    patch=VolunteeringPatch,
    view=VolunteeringView,
    sort_fields=("start_date", "end_date", "organization"),
    date_pairs=(("start_date", "end_date"),),
)
