"""Request and read schemas of CV versions."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from cvapp.domain.cvs.design import CvDesign
from cvapp.domain.cvs.sections import SectionKey
from cvapp.domain.sections.fields import Body, ItemId, LongText, Text100, Text200, unset
from cvapp.domain.sections.views import View

PageSize = Literal["A4", "Letter"]
TitleLine = Literal["headline", "target_role"]
OVERRIDE_PATH = re.compile(r"^[a-z_]{1,40}(\.\d{1,3})?$")


def _locale(value: str) -> str:
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise ValueError("Use a locale such as en, fr, de or pt-BR") from None
    return value


def _path(value: str) -> str:
    if not OVERRIDE_PATH.match(value):
        raise ValueError("Use a field name, or a bullet as field.index (responsibilities.0)")
    return value


LocaleCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=10),
    AfterValidator(_locale),
]
OverridePath = Annotated[str, AfterValidator(_path)]
OverrideText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5_000)]
CvName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class CvSection(Body):
    """A section of the CV: shown or not, its place, and an optional custom title."""

    key: SectionKey
    visible: bool = True
    order: int = Field(default=0, ge=0, le=1_000)
    title: Text100 | None = None


class CvItem(Body):
    """A master item as this CV shows it: on/off, its place, rewritten texts, hidden bullets."""

    id: ItemId
    visible: bool = True
    order: int = Field(default=0, ge=0, le=100_000)
    overrides: dict[OverridePath, OverrideText] = Field(
        default_factory=dict,
        description='Rewritten texts by field ("title") or bullet ("responsibilities.2")',
    )
    hidden: Annotated[list[OverridePath], Field(max_length=200)] = Field(
        default_factory=list, description='Bullets not shown, e.g. ["responsibilities.3"]'
    )


class CvIn(Body):
    """A CV version as written by its owner (POST and PUT body)."""

    name: CvName
    target_role: Text200 | None = None
    title_line: TitleLine = Field(
        default="headline",
        description="The line under the name: your headline, or this CV's target role",
    )
    template: Annotated[str, StringConstraints(max_length=32)] = "classic"
    locale: LocaleCode = "en"
    page_size: PageSize = "A4"
    one_page: bool = False
    sections: Annotated[list[CvSection], Field(max_length=20)] | None = Field(
        default=None, description="Omitted: every section, in the default order"
    )
    items: dict[SectionKey, Annotated[list[CvItem], Field(max_length=1_000)]] | None = Field(
        default=None, description="Omitted: every master item, shown, in the master's order"
    )
    summary_override: LongText | None = None
    design: CvDesign | None = Field(
        default=None,
        description="How it looks beyond its template (GET /designs/options lists the choices); "
        "PATCH changes only the keys sent, a null key goes back to the template's own",
    )
    version: int | None = Field(
        default=None,
        ge=1,
        description="The version this change was made from (GET's `version`): if the CV has "
        "changed since, the change is refused with 409 instead of overwriting the other one",
    )


class CvPatch(Body):
    """Partial update of CvIn: only the fields sent change."""

    name: CvName = unset()
    target_role: Text200 | None = unset()
    title_line: TitleLine = unset()
    template: Annotated[str, StringConstraints(max_length=32)] = unset()
    locale: LocaleCode = unset()
    page_size: PageSize = unset()
    one_page: bool = unset()
    sections: Annotated[list[CvSection], Field(max_length=20)] | None = unset()
    items: dict[SectionKey, Annotated[list[CvItem], Field(max_length=1_000)]] | None = unset()
    summary_override: LongText | None = unset()
    design: CvDesign | None = unset()
    version: int | None = unset(ge=1)


class CvCreate(CvIn):
    """POST /cvs: like PUT, but the name may be left out when a target role is given."""

    name: CvName | None = None  # type: ignore[assignment]


class CvSectionView(BaseModel):
    key: str
    visible: bool
    order: int
    title: str | None = None


class CvItemView(BaseModel):
    """A master item in this CV, with its label and the overrides that need a review."""

    id: str
    label: str
    visible: bool
    order: int
    overrides: dict[str, str] = {}
    hidden: list[str] = []
    review: list[str] = Field(
        default_factory=list, description="Overrides whose master text changed since"
    )


class CvView(View):
    """A CV version, merged with the master: new master items appear, deleted ones vanish."""

    id: str
    name: str
    target_role: str | None = None
    title_line: TitleLine = "headline"
    template: str
    locale: str
    page_size: PageSize
    one_page: bool
    sections: list[CvSectionView]
    items: dict[str, list[CvItemView]]
    summary_override: str | None = None
    summary_review: bool = False
    review_count: int = 0
    design: dict[str, Any] = Field(
        default_factory=dict, description="The design keys chosen (others: the template's)"
    )
    version: int = Field(description="Changes with every update (also the ETag)")
    created_at: datetime
    updated_at: datetime


class CvSummary(View):
    """A CV version in a list."""

    id: str
    name: str
    target_role: str | None = None
    template: str
    locale: str
    page_size: PageSize
    one_page: bool
    version: int
    created_at: datetime
    updated_at: datetime


class ReviewAck(Body):
    """Keep an override although its master text changed (clears the review flag)."""

    section: SectionKey | None = Field(default=None, description="Omitted: the whole CV")
    item_id: ItemId | None = None
    path: OverridePath | None = None


class SectionOrderIn(Body):
    """The CV's sections first to last (sections left out follow in their old order)."""

    keys: Annotated[list[SectionKey], Field(min_length=1, max_length=20)]
    version: int | None = Field(default=None, ge=1, description="As in PATCH /cvs/{id}")


class ItemOrderIn(Body):
    """One section's items first to last, by id (items left out follow in their old order)."""

    ids: Annotated[list[ItemId], Field(min_length=1, max_length=1_000)]
    version: int | None = Field(default=None, ge=1, description="As in PATCH /cvs/{id}")
