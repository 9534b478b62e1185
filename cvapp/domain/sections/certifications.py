"""Certifications (JSON Resume ``certificates``)."""

from __future__ import annotations

from pydantic import Field

from cvapp.domain.sections.dates import PartialDate
from cvapp.domain.sections.fields import Body, Name, Text200, Url, unset
from cvapp.domain.sections.service import SectionService
from cvapp.domain.sections.views import ItemView
from cvapp.models import Certification


class CertificationIn(Body):
    name: Name
    issuer: Text200 | None = None
    date: PartialDate | None = None
    url: Url | None = None
    credential_id: Text200 | None = None
    expires_date: PartialDate | None = None
    order: int | None = Field(default=None, ge=0, le=100_000)


class CertificationPatch(Body):
    """Partial update of CertificationIn: only the fields sent change."""

    name: Name = unset()
    issuer: Text200 | None = unset()
    date: PartialDate | None = unset()
    url: Url | None = unset()
    credential_id: Text200 | None = unset()
    expires_date: PartialDate | None = unset()
    order: int | None = unset(ge=0, le=100_000)


class CertificationView(ItemView):
    name: str
    issuer: str | None = None
    date: str | None = None
    url: str | None = None
    credential_id: str | None = None
    expires_date: str | None = None


service: SectionService[Certification, CertificationIn, CertificationView] = SectionService(
    key="certifications",
    label="Certification",
    model=Certification,
    schema=CertificationIn,
    patch=CertificationPatch,
    view=CertificationView,
    sort_fields=("date", "name", "issuer", "expires_date"),
    date_pairs=(("date", "expires_date"),),
)
