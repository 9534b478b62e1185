"""Request and read schemas of the profile (contact, location, links, publication)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field, StringConstraints

from cvapp.domain.sections.achievements import AchievementView
from cvapp.domain.sections.certifications import CertificationView
from cvapp.domain.sections.education import EducationView
from cvapp.domain.sections.experiences import ExperienceView
from cvapp.domain.sections.fields import (
    MAX_ITEMS,
    Body,
    ItemId,
    Keywords,
    LongText,
    Name,
    Text64,
    Text100,
    Text200,
    Url,
)
from cvapp.domain.sections.languages import LanguageView
from cvapp.domain.sections.projects import ProjectView
from cvapp.domain.sections.publications import PublicationView
from cvapp.domain.sections.skills import SkillView
from cvapp.domain.sections.views import View
from cvapp.domain.sections.volunteering import VolunteeringView

Visibility = Literal["PRIVATE", "UNLISTED", "PUBLIC"]

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,63}$")
RESERVED_SLUGS = frozenset(
    {"admin", "api", "app", "assets", "auth", "login", "logout", "me", "new", "p", "register",
     "s", "settings", "static", "support", "www"}
)  # fmt: skip
PHOTO_URL = "/api/v1/profiles/{profile_id}/photo?v={version}"


def _slug(value: str) -> str:
    value = value.lower()
    if not SLUG_PATTERN.match(value):
        raise ValueError("Use 3-64 lowercase letters, digits and single hyphens")
    if value in RESERVED_SLUGS:
        raise ValueError("This address is reserved")
    return value


def _phone(value: str) -> str:
    if not re.fullmatch(r"\+?[0-9 ().\-/]{3,40}", value) or sum(c.isdigit() for c in value) < 3:
        raise ValueError("Use digits, spaces, + ( ) . - /")
    return value


Slug = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_slug)]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=50), AfterValidator(_phone)
]
CountryCode = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]


class Contact(Body):
    email: EmailStr | None = None
    phone: Phone | None = None


class Location(Body):
    """JSON Resume ``basics.location``, snake_case."""

    address: Text200 | None = None
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None = (
        None
    )
    city: Text100 | None = None
    region: Text100 | None = None
    country_code: CountryCode | None = None


class ProfileLink(Body):
    """JSON Resume ``basics.profiles``: a network account."""

    network: Text64
    username: Text100 | None = None
    url: Url | None = None


class Interest(Body):
    name: Name
    keywords: Keywords = Field(default_factory=list)


class Reference(Body):
    name: Name
    reference: LongText = ""


class ProfileUpdate(Body):
    """PATCH /profiles/me: only the fields sent change; ``contact`` and ``location`` merge."""

    full_name: Text200 | None = None
    headline: Text200 | None = None
    summary: LongText | None = None
    contact: Contact | None = None
    location: Location | None = None
    links: Annotated[list[ProfileLink], Field(max_length=50)] | None = None
    website: Url | None = None
    slug: Slug | None = None
    visibility: Visibility | None = None
    public_cv_id: ItemId | None = Field(
        default=None,
        description="The CV version the public page and its PDF show (one of yours); "
        "null: the whole master profile",
    )
    interests: Annotated[list[Interest], Field(max_length=MAX_ITEMS)] | None = None
    references: Annotated[list[Reference], Field(max_length=MAX_ITEMS)] | None = None


class ContactView(BaseModel):
    email: str | None = None
    phone: str | None = None


class LocationView(BaseModel):
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country_code: str | None = None


class ProfileLinkView(BaseModel):
    network: str
    username: str | None = None
    url: str | None = None


class InterestView(BaseModel):
    name: str
    keywords: list[str] = []


class ReferenceView(BaseModel):
    name: str
    reference: str = ""


class ProfileCard(View):
    """A public profile in a list."""

    id: str
    full_name: str
    headline: str | None = None
    slug: str | None = None
    location: LocationView = LocationView()
    photo_url: str | None = None
    updated_at: datetime


class ProfileView(View):
    """The whole profile with every section: what the owner edits and outputs render.

    In a public view ``contact``, ``completeness`` and ``missing`` are empty, the street
    address is dropped and anonymization has been applied.
    """

    id: str
    full_name: str
    headline: str | None = None
    summary: str | None = None
    contact: ContactView | None = None
    location: LocationView = LocationView()
    links: list[ProfileLinkView] = []
    website: str | None = None
    slug: str | None = None
    visibility: Visibility
    public_cv_id: str | None = Field(
        default=None,
        description="The CV version the public page shows; null: the whole master profile",
    )
    photo_url: str | None = None
    completeness: int | None = Field(default=None, ge=0, le=100)
    missing: list[str] = Field(default_factory=list, description="What would raise completeness")
    interests: list[InterestView] = []
    references: list[ReferenceView] = []
    created_at: datetime
    updated_at: datetime
    experiences: list[ExperienceView] = []
    projects: list[ProjectView] = []
    skills: list[SkillView] = []
    education: list[EducationView] = []
    certifications: list[CertificationView] = []
    achievements: list[AchievementView] = []
    languages: list[LanguageView] = []
    publications: list[PublicationView] = []
    volunteering: list[VolunteeringView] = []


class PhotoView(BaseModel):
    """The stored photo after re-encoding."""

    photo_url: str
    content_type: str
    size_bytes: int
    width: int
    height: int
