"""Education (JSON Resume ``education``)."""

from __future__ import annotations

from pydantic import Field

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, Keywords, Name, Text50, Text100, Text200, Url, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.models import Education


class EducationIn(Body):
    institution: Name
    url: Url | None = None
    area: Text200 | None = None
    study_type: Text100 | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    score: Text50 | None = None
    courses: Keywords = Field(default_factory=list)
    location: Text200 | None = None
    order: int | None = Field(default=None, ge=0, le=100_000)


class EducationPatch(Body):
    """Partial update of EducationIn: only the fields sent change."""

    institution: Name = unset()
    url: Url | None = unset()
    area: Text200 | None = unset()
    study_type: Text100 | None = unset()
    start_date: PartialDate | None = unset()
    end_date: PartialDate | None = unset()
    score: Text50 | None = unset()
    courses: Keywords = unset()
    location: Text200 | None = unset()
    order: int | None = unset(ge=0, le=100_000)


class EducationView(ItemView):
    institution: str
    url: str | None = None
    area: str | None = None
    study_type: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    score: str | None = None
    courses: list[str] = []
    location: str | None = None


service: SectionService[Education, EducationIn, EducationView] = SectionService(
    key="education",
    label="Education",
    model=Education,
    schema=EducationIn,
    patch=EducationPatch,
    view=EducationView,
    sort_fields=("start_date", "end_date", "institution"),
    date_pairs=(("start_date", "end_date"),),
)
