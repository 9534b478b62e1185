"""Factories shared by the CV, export, public-page and share-link tests (no tests here)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session

from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.cvs import service as cvs
from cvapp.domain.cvs.schemas import CvView
from cvapp.domain.profiles import service as profiles
from cvapp.domain.sections import SECTIONS
from cvapp.models import User
from cvapp.storage import get_storage


@pytest.fixture(autouse=True)
def forget_exports() -> Iterator[None]:
    """Remove the files exports and thumbnails left in storage (import it to use it)."""
    yield
    from cvapp.domain.exports import thumbnails

    storage = get_storage()
    for prefix in ("exports", "thumbnails"):
        storage.delete_prefix(prefix)
    thumbnails.forget()


BULLETS = (
    "Built the billing pipeline in Python and Kafka",
    "Cut p95 latency of the payments API from 850 ms to 120 ms",
    "Mentored five engineers and ran the hiring loop",
    "Moved deployments from weekly to daily releases",
    "Designed the multi-tenant PostgreSQL data model",
)


def make_user(session: Session, *, name: str = "Ann Example", plan: str = "pro") -> User:
    user = User(
        email=f"{os.urandom(5).hex()}@example.org", full_name=name, password_hash="x", plan=plan
    )
    session.add(user)
    session.commit()
    return user


def auth(user: User) -> dict[str, str]:
    token = create_access_token(user_id=user.id, plan=user.plan)
    return {"Authorization": f"Bearer {token}"}


def add(session: Session, user: User, section: str, **data: Any) -> str:
    view = SECTIONS[section].create(session, user_id=user.id, data=data)
    return str(view.id)


def build_profile(session: Session, user: User, *, roles: int = 3) -> dict[str, list[str]]:
    """A small but complete master profile; returns the ids per section."""
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={
            "headline": "Backend engineer",
            "summary": "Ten years of payment systems and data pipelines.",
            "contact": {"email": "ann@example.org", "phone": "+33 1 23 45 67 89"},
            "location": {"city": "Lyon", "country_code": "FR", "address": "1 rue Secrète"},
            "links": [{"network": "GitHub", "username": "ann", "url": "https://github.com/ann"}],
        },
    )
    ids: dict[str, list[str]] = {"experiences": []}
    for index in range(roles):
        year = 2024 - 2 * index
        ids["experiences"].append(
            add(
                session,
                user,
                "experiences",
                company=f"Company {index}",
                title=f"Engineer {index}",
                location="Lyon",
                start_date=f"{year - 2}-01",
                end_date=None if index == 0 else f"{year}-01",
                responsibilities=[f"{b} (role {index})" for b in BULLETS[:3]],
            )
        )
    ids["skills"] = [
        add(session, user, "skills", name=n, category="Languages") for n in ("Python", "Go")
    ]
    ids["education"] = [
        add(
            session,
            user,
            "education",
            institution="Université de Lyon",
            study_type="MSc",
            area="Computer Science",
            start_date="2008",
            end_date="2010",
        )
    ]
    ids["languages"] = [add(session, user, "languages", language="French", fluency="Native")]
    session.commit()
    return ids


def anonymized_project(
    session: Session,
    user: User,
    *,
    client: str = "Acme Bank",
    alias: str = "a Tier-1 European bank",
    terms: tuple[str, ...] = ("Project Falcon",),
    **extra: Any,
) -> str:
    data = {
        "name": "Core banking migration",
        "description": f"Migrated {client}'s ledger for {terms[0] if terms else 'the bank'}.",
        "highlights": [f"Delivered {client} cut-over on time"],
        "client_name": client,
        "client_alias": alias,
        "anonymize": True,
        "sensitive_terms": list(terms),
        "start_date": "2019-01",
        "end_date": "2020-06",
        **extra,
    }
    project_id = add(session, user, "projects", **data)
    session.commit()
    return project_id


def make_cv(session: Session, user: User, **data: Any) -> CvView:
    cv = cvs.create_cv(session, user_id=user.id, data={"name": "Main CV", **data})
    session.commit()
    return cv


def long_profile(session: Session, user: User) -> dict[str, list[str]]:
    """15 years, 8 roles with 5 bullets each, projects and certifications: several pages."""
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={"headline": "Data platform engineer", "summary": "Fifteen years of data work."},
    )
    companies = (
        "Kafka streaming platform",
        "Retail web shop",
        "Kafka data lake",
        "Print magazine",
        "Python analytics",
        "Hotel booking",
        "Travel agency",
        "Mobile games",
    )
    ids: dict[str, list[str]] = {"experiences": [], "projects": [], "certifications": []}
    for index, focus in enumerate(companies):
        end = 2025 - 2 * index
        ids["experiences"].append(
            add(
                session,
                user,
                "experiences",
                company=f"{focus} Ltd",
                title=f"Engineer on {focus}",
                start_date=f"{end - 2}-02",
                end_date=None if index == 0 else f"{end}-01",
                description=f"Worked on the {focus} team.",
                responsibilities=[f"{b} for the {focus}" for b in BULLETS],
            )
        )
    for index in range(4):
        ids["projects"].append(
            add(
                session,
                user,
                "projects",
                name=f"Side project {index}",
                description="A long description of a side project " * 4,
                highlights=["Open-sourced it", "Wrote the docs"],
                start_date=f"{2012 + index}",
            )
        )
        ids["certifications"].append(
            add(
                session,
                user,
                "certifications",
                name=f"Certificate {index}",
                issuer="Board",
                date=f"{2011 + index}-05",
            )
        )
    session.commit()
    return ids
