"""CV versions cut from the master profile, and the links that share them."""

from datetime import datetime
from typing import Any

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field

from cvapp.models.base import JSONType, TableBase, check_in, fk, json_dict, json_list, timestamp

PAGE_SIZES = ("A4", "Letter")


class CvVersion(TableBase, table=True):
    """A tailored CV: which sections and items show, in what order, with which overrides.

    ``sections`` is ``[{key, visible, order, title}]``; ``items`` is
    ``{section_key: [{id, visible, order, overrides}]}``; ``override_sources`` keeps the hash
    of the master text each override was written against, to flag overrides for review when
    the master changes.
    """

    __tablename__ = "cv_versions"
    __table_args__ = (UniqueConstraint("user_id", "name"), check_in("page_size", PAGE_SIZES))

    user_id: str = fk("users.id", index=False)
    profile_id: str = fk("profiles.id")
    name: str = Field(max_length=100)
    target_role: str | None = Field(default=None, max_length=200)
    # The line under the name: the person's headline, or this CV's target role.
    title_line: str = Field(
        default="headline", max_length=16, sa_column_kwargs={"server_default": "headline"}
    )
    template: str = Field(default="classic", max_length=32)
    locale: str = Field(default="en", max_length=10)
    page_size: str = Field(default="A4", max_length=8)
    one_page: bool = False
    sections: list[dict[str, Any]] = json_list()
    items: dict[str, Any] = json_dict()
    summary_override: str | None = Field(default=None, sa_type=Text)
    override_sources: dict[str, Any] = json_dict()
    # How it looks beyond its template (``domain/cvs/design.py``): only the keys chosen.
    design: dict[str, Any] = Field(
        default_factory=dict,
        sa_type=JSONType,
        nullable=False,
        sa_column_kwargs={"server_default": "{}"},
    )
    archived: bool = False
    read_only: bool = False
    # Optimistic locking: every change bumps it, a change based on an older one is refused.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class ShareLink(TableBase, table=True):
    """A per-recipient link to one CV (token stored hashed), with its counters."""

    __tablename__ = "share_links"

    cv_id: str = fk("cv_versions.id")
    user_id: str = fk("users.id")
    token_hash: str = Field(max_length=128, unique=True)
    token_prefix: str = Field(max_length=16)
    label: str | None = Field(default=None, max_length=100)
    expires_at: datetime | None = timestamp()
    views: int = 0
    downloads: int = 0
    revoked_at: datetime | None = timestamp()
    last_viewed_at: datetime | None = timestamp()
    # A link made for one job application: its opens appear on that application's timeline.
    application_id: str | None = fk("applications.id", nullable=True, ondelete="SET NULL")
