"""Factories of the plan, API-key and account tests (no tests here)."""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from PIL import Image
from sqlmodel import Session, select

from cvapp.domain.ai import service as ai
from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.applications import service as applications
from cvapp.domain.auth.legal import CONSENT_PRIVACY_POLICY
from cvapp.domain.auth.passwords import hash_password
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.cvs import service as cvs
from cvapp.domain.imports import tasks as import_tasks
from cvapp.domain.letters import service as letters
from cvapp.domain.plans.service import count_cv_versions
from cvapp.domain.profiles import photo
from cvapp.domain.profiles import service as profiles
from cvapp.domain.public import share_links
from cvapp.domain.sections import SECTIONS
from cvapp.models import ConsentRecord, Profile, User
from cvapp.settings import get_settings

PASSWORD = "correct horse battery"
_HASH = hash_password(PASSWORD)


def make_user(session: Session, *, plan: str = "free", **fields: Any) -> User:
    """A committed account (password ``PASSWORD``) that accepted the current privacy policy."""
    user = User(
        email=fields.pop("email", f"{os.urandom(5).hex()}@example.org"),
        full_name=fields.pop("full_name", "Ann Example"),
        password_hash=_HASH,
        plan=plan,
        email_verified=True,
        **fields,
    )
    session.add(user)
    session.flush()
    version = get_settings().privacy_policy_version
    session.add(
        ConsentRecord(user_id=user.id, kind=CONSENT_PRIVACY_POLICY, version=version, granted=True)
    )
    session.commit()
    return user


def bearer(user: User) -> dict[str, str]:
    token = create_access_token(user_id=user.id, plan=user.plan)
    return {"Authorization": f"Bearer {token}"}


def make_cvs(session: Session, user: User, count: int, **data: Any) -> list[str]:
    """``count`` CV versions of ``user`` (committed); their ids, oldest first."""
    first = count_cv_versions(session, user_id=user.id)
    ids = [
        cvs.create_cv(session, user_id=user.id, data={"name": f"CV {n}", **data}).id
        for n in range(first, first + count)
    ]
    session.commit()
    return ids


@dataclass
class World:
    """A user with something of every kind of data, and what identifies it."""

    user: User
    profile_id: str
    marker: str
    section_ids: dict[str, str] = field(default_factory=dict)
    cv_ids: list[str] = field(default_factory=list)
    share_link_id: str = ""
    photo_key: str = ""
    import_id: str = ""
    api_key_id: str = ""
    application_id: str = ""
    letter_id: str = ""


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def populate(session: Session, *, plan: str = "expert", slug: str = "zora-quill") -> World:
    """A committed user with a public profile, every section, CVs, a viewed share link, a
    photo, an import upload, an AI answer in the cache and an API key."""
    marker = f"Quillfeather{os.urandom(3).hex()}"
    user = make_user(session, plan=plan, full_name=f"Zora {marker}")
    profiles.update_profile(
        session,
        user_id=user.id,
        changes={
            "headline": f"Engineer at {marker}",
            "summary": f"Payments engineer; {marker} is my signature.",
            "slug": slug,
            "visibility": "PUBLIC",
        },
    )
    world = World(user=user, profile_id=profile_id_of(session, user.id), marker=marker)
    section_data: dict[str, dict[str, Any]] = {
        "experiences": {"company": f"{marker} Payments", "title": "Engineer", "start_date": "2020"},
        "projects": {"name": f"{marker} ledger", "description": "Double-entry"},
        "skills": {"name": "Python", "level": 4},
        "education": {"institution": f"{marker} University", "area": "Maths"},
        "certifications": {"name": "CKA", "issuer": "CNCF"},
        "achievements": {"title": f"{marker} award"},
        "languages": {"language": "French", "fluency": "Native"},
        "publications": {"name": f"On {marker}"},
        "volunteering": {"organization": f"{marker} club"},
    }
    for key, data in section_data.items():
        world.section_ids[key] = str(SECTIONS[key].create(session, user_id=user.id, data=data).id)
    world.cv_ids = [
        cvs.create_cv(session, user_id=user.id, data={"name": name, "target_role": marker}).id
        for name in ("Backend", "Payments lead")
    ]
    link = share_links.create_share_link(
        session, user_id=user.id, cv_id=world.cv_ids[0], data={"label": "Acme"}
    )
    world.share_link_id = link.id
    share_links.count(session, link_id=link.id)
    share_links.count(session, link_id=link.id, download=True)
    photo.set_photo(session, user_id=user.id, data=_png())
    world.photo_key = str(session.get(Profile, world.profile_id).photo_key)  # type: ignore[union-attr]
    resume = json.dumps({"basics": {"name": f"Zora {marker}"}}).encode()
    batch, _ = import_tasks.start_jsonresume_import(
        session, user_id=user.id, filename="resume.json", data=resume
    )
    world.import_id = batch.id
    ai.optimize_text(session, user=user, text=f"Responsible for the {marker} platform")
    world.application_id = applications.create_application(
        session,
        user_id=user.id,
        data={"company": f"{marker} Corp", "role": "Engineer", "notes": f"Met {marker}"},
    ).id
    world.letter_id = letters.create_letter(
        session,
        user_id=user.id,
        data={
            "title": f"{marker} Corp",
            "application_id": world.application_id,
            "body": f"Dear {marker} team,",
        },
    ).id
    if plan == "expert":
        world.api_key_id = api_keys.create_key(session, user=user, data={"name": "CI"}).id
    session.commit()
    return world


def profile_id_of(session: Session, user_id: str) -> str:
    return str(session.exec(select(Profile.id).where(Profile.user_id == user_id)).one())


@pytest.fixture(autouse=True)
def _empty_storage() -> Iterator[None]:
    """Files written by a test (photos, exports, archives) go with it, like its rows."""
    yield
    parsed = urlparse(get_settings().storage_url)
    root = Path(parsed.netloc + parsed.path)
    if root.is_dir():
        shutil.rmtree(root)
