"""Volunteering (JSON Resume ``volunteer``)."""

from __future__ import annotations

from pydantic import Field

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, Bullets, LongText, Name, Text200, Url
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
    view=VolunteeringView,
    sort_fields=("start_date", "end_date", "organization"),
    date_pairs=(("start_date", "end_date"),),
)
