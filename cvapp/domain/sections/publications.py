"""Publications (JSON Resume ``publications``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, LongText, Text200, Url, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.models import Publication


class PublicationIn(Body):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
    publisher: Text200 | None = None
    release_date: PartialDate | None = None
    url: Url | None = None
    summary: LongText | None = None
    order: int | None = Field(default=None, ge=0, le=100_000)


class PublicationPatch(Body):
    """Partial update of PublicationIn: only the fields sent change."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = (
        unset()
    )
    publisher: Text200 | None = unset()
    release_date: PartialDate | None = unset()
    url: Url | None = unset()
    summary: LongText | None = unset()
    order: int | None = unset(ge=0, le=100_000)


class PublicationView(ItemView):
    name: str
    publisher: str | None = None
    release_date: str | None = None
    url: str | None = None
    summary: str | None = None


service: SectionService[Publication, PublicationIn, PublicationView] = SectionService(
    key="publications",
    label="Publication",
    model=Publication,
    schema=PublicationIn,
    patch=PublicationPatch,
    view=PublicationView,
    sort_fields=("release_date", "name", "publisher"),
)
