"""The master profile: one per user, the source every CV version is cut from."""

from typing import Any

from sqlalchemy import CheckConstraint, Index, Text, text
from sqlmodel import Field

from cvapp.models.base import (
    TableBase,
    check_in,
    fk,
    json_dict,
    json_list,
    postgresql_only,
)

VISIBILITIES = ("PRIVATE", "UNLISTED", "PUBLIC")

# Parenthesized as PostgreSQL stores it, so autogenerate sees no difference.
PROFILE_SEARCH_DOCUMENT = "to_tsvector('simple', coalesce(public_search_text, ''))"
"""The indexed full-text document of public-profile search; queries must use this expression.
It covers ``public_search_text`` only: what the public page shows, anonymized."""


class Profile(TableBase, table=True):
    """Identity, contact and publication settings of a user's career profile.

    ``location`` is ``{address, postal_code, city, region, country_code}``; ``links`` are
    ``[{network, username, url}]``; ``interests`` ``[{name, keywords}]``; ``references``
    ``[{name, reference}]`` (JSON Resume shapes, snake_case).
    """

    __tablename__ = "profiles"
    __table_args__ = (
        check_in("visibility", VISIBILITIES),
        CheckConstraint("completeness BETWEEN 0 AND 100", name="completeness"),
        postgresql_only(
            Index(
                "ix_profiles_public_slug",
                "slug",
                postgresql_where=text("visibility = 'PUBLIC'"),
            )
        ),
        postgresql_only(
            Index("ix_profiles_search", text(PROFILE_SEARCH_DOCUMENT), postgresql_using="gin")
        ),
    )

    user_id: str = fk("users.id", unique=True)
    full_name: str = Field(default="", max_length=200)
    headline: str | None = Field(default=None, max_length=200)
    summary: str | None = Field(default=None, sa_type=Text)
    # What public search may match (see cvapp.domain.public.projection.search_document);
    # NULL: not written yet (the migrate command fills it for public profiles).
    public_search_text: str | None = Field(default=None, sa_type=Text)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=50)
    location: dict[str, Any] = json_dict()
    links: list[dict[str, Any]] = json_list()
    website: str | None = Field(default=None, max_length=500)
    photo_key: str | None = Field(default=None, max_length=512)
    slug: str | None = Field(default=None, max_length=64, unique=True)
    visibility: str = Field(default="PRIVATE", max_length=16)
    # The CV version the public page shows (None: the whole master). Deleting that CV sets it
    # back to None. profiles and cv_versions reference each other, hence use_alter.
    public_cv_id: str | None = fk(
        "cv_versions.id", nullable=True, ondelete="SET NULL", use_alter=True
    )
    completeness: int = 0
    completeness_missing: list[str] = json_list()
    interests: list[dict[str, Any]] = json_list()
    references: list[dict[str, Any]] = json_list()
