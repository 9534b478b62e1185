"""Request and read schemas of cover letters."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cvapp.domain.ai.schemas import UnsupportedClaim
from cvapp.domain.applications.schemas import AdText
from cvapp.domain.sections.fields import Body, ItemId, Name, Text200, Text500, unset

LetterBody = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Language = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
]
ExportFormat = Literal["pdf", "docx", "md"]
LETTER_FIELDS = ("title", "recipient", "greeting", "body", "closing", "language", "cv_id")


class LetterIn(Body):
    """A letter as its owner writes it (POST body; PATCH sends any of these)."""

    title: Name = Field(description='Your name for it: "Acme – Data engineer"')
    application_id: ItemId | None = Field(default=None, description="The application it is for")
    cv_id: ItemId | None = Field(
        default=None, description="The CV whose template and contact details make the letterhead"
    )
    recipient: Text500 | None = Field(default=None, description="Name and address, one per line")
    greeting: Text200 | None = Field(default=None, description='"Dear Ms Rossi,"')
    body: LetterBody = Field(default="", description="Paragraphs separated by a blank line")
    closing: Text200 | None = Field(default=None, description='"Kind regards,"')
    language: Language = "en"
    version: int | None = Field(
        default=None, description="The version you read: refused (409) if it changed since"
    )


class LetterPatch(Body):
    """Partial update of LetterIn: only the fields sent change."""

    title: Name = unset()
    application_id: ItemId | None = unset()
    cv_id: ItemId | None = unset()
    recipient: Text500 | None = unset()
    greeting: Text200 | None = unset()
    body: LetterBody = unset()
    closing: Text200 | None = unset()
    language: Language = unset()
    version: int | None = unset()


class LetterSummary(BaseModel):
    """A letter in a list."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str
    application_id: str | None
    cv_id: str | None
    language: str
    version: int
    created_at: datetime
    updated_at: datetime


class LetterView(LetterSummary):
    """One letter with its text and where its undo history stands."""

    recipient: str | None
    greeting: str | None
    body: str
    closing: str | None
    can_undo: bool = False
    can_redo: bool = False
    revisions: int = Field(default=0, description="Saved states kept for undo")


class DraftIn(Body):
    """What to draft from: the application's advert, or an advert pasted here."""

    job_text: AdText | None = Field(
        default=None, description="An advert (needed when the letter has no application)"
    )
    version: int | None = None


class LetterDraft(BaseModel):
    """The drafted letter (saved: Undo brings the previous text back) and the claims in it
    that the profile does not back."""

    letter: LetterView
    warnings: list[UnsupportedClaim]
    evidence: list[str] = Field(description="The profile items it draws on (section:id)")
    provider: str


class DraftText(BaseModel):
    """A draft as the provider wrote it (cached by its inputs)."""

    greeting: str
    body: str
    closing: str
    warnings: list[UnsupportedClaim]
    evidence: list[str]
    provider: str
    cached: bool = False


class LetterFor(Body):
    """A letter for an application (``POST /applications/{id}/letter``)."""

    title: Text200 | None = None
    cv_id: ItemId | None = None
    draft: bool = Field(default=True, description="Draft it from the advert at once")
