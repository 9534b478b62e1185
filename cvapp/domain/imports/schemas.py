"""Request and read schemas of imports (the REST contract and the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from cvapp.domain.sections.fields import Body

ImportAction = Literal["create", "merge", "skip"]


class DecisionIn(Body):
    """What to do with one previewed item."""

    item_ref: str = Field(min_length=1, max_length=64, description='e.g. "experiences-0"')
    action: ImportAction
    overwrite: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="With merge: conflicting fields to take from the file (e.g. full_name)",
    )


class ApplyIn(Body):
    """Decisions per item; an item without one takes the preview's suggested action."""

    decisions: list[DecisionIn] = Field(default_factory=list, max_length=5_000)


class MatchView(BaseModel):
    id: str
    label: str
    score: float
    confidence: Literal["clear", "possible"]


class FieldDiff(BaseModel):
    field: str
    current: Any = None
    incoming: Any = None


class PreviewItem(BaseModel):
    """An imported item, its match in the profile and the suggested action."""

    item_ref: str
    section: str
    label: str
    source: str
    data: dict[str, Any]
    suggested_action: ImportAction
    match: MatchView | None = None
    changes: list[FieldDiff] = Field(default_factory=list, description="What a merge changes")
    conflicts: list[FieldDiff] = Field(
        default_factory=list, description="Values that differ; a merge keeps the current one"
    )
    links: dict[str, list[str]] = Field(
        default_factory=dict, description="Items of this import it is linked to, by section"
    )
    confidence: float = Field(
        1.0, description="How sure the reader is, 0-1 (a parsed CV file; structured files: 1)"
    )
    review: bool = Field(
        False, description="Read with low confidence: check it before applying (CV files)"
    )


class ImportWarning(BaseModel):
    code: str
    message: str
    location: str | None = None


class AppliedItem(BaseModel):
    item_ref: str
    section: str
    action: Literal["created", "merged", "skipped"]
    id: str | None = None
    label: str


class UndoResult(BaseModel):
    """What undoing an import did."""

    import_id: str
    removed: int = Field(description="Items the import had created, deleted")
    restored: int = Field(description="Items (and the profile) given their earlier values back")
    kept: int = Field(description="Fields changed since the import: left as the user made them")


class ApplySummary(BaseModel):
    """What an apply wrote (the same summary when applied again)."""

    import_id: str
    status: Literal["applied"]
    applied_at: str
    created: int
    merged: int
    skipped: int
    items: list[AppliedItem]
    undone_at: str | None = Field(None, description="When the import was undone, if it was")


class AffectedCv(BaseModel):
    id: str
    name: str


class AffectedLink(BaseModel):
    id: str
    label: str | None = None
    cv_id: str


class ImportImpact(BaseModel):
    """What applying (with the suggested actions) changes besides the profile."""

    cvs: list[AffectedCv] = Field(default_factory=list)
    share_links: list[AffectedLink] = Field(default_factory=list)
    public_page: bool = False


class ImportView(BaseModel):
    """An import's preview and state."""

    import_id: str
    source: Literal["linkedin", "jsonresume", "resume"]
    status: Literal["pending", "previewed", "applied", "failed"]
    filename: str | None = None
    job_id: str | None = None
    creates: list[PreviewItem] = []
    updates: list[PreviewItem] = []
    duplicates: list[PreviewItem] = []
    warnings: list[ImportWarning] = []
    files: list[str] = Field(default_factory=list, description="Files read from the archive")
    counts: dict[str, int] = {}
    error: dict[str, Any] | None = None
    summary: ApplySummary | None = None
    affects: ImportImpact | None = Field(
        None, description="While previewed: the CV versions, share links and public page it changes"
    )
    created_at: str
    applied_at: str | None = None
