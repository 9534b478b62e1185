"""Accounts, their data and the route table, shared by the hardening tests (no tests here).

An :class:`Account` is a real user signed in through the auth service (a session-backed
access token), owning one resource of every kind; ``path_value`` fills any route's path
parameters with that account's ids, so a test walking the route table reaches real rows.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import select as sa_select
from sqlalchemy import text as text_query
from sqlmodel import Session, SQLModel

from cvapp.domain.apikeys import service as api_keys
from cvapp.domain.applications import service as applications
from cvapp.domain.auth import refresh_tokens
from cvapp.domain.auth.legal import CONSENT_PRIVACY_POLICY
from cvapp.domain.auth.passwords import hash_password
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.domain.auth.tokens import create_access_token
from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports.tasks import KIND as EXPORT_KIND
from cvapp.domain.imports import tasks as import_tasks
from cvapp.domain.jobs.service import create_job
from cvapp.domain.letters import service as letters
from cvapp.domain.profiles import service as profiles
from cvapp.domain.public import share_links
from cvapp.domain.sections import SECTIONS
from cvapp.models import ConsentRecord, User
from cvapp.settings import get_settings
from cvapp.worker.broker import broker

API = "/api/v1"
PASSWORD = "correct horse battery"
TEMPLATE = "classic"
_HASH = hash_password(PASSWORD)

SECTION_DATA: dict[str, dict[str, object]] = {
    "experiences": {"company": "Acme", "title": "Engineer", "start_date": "2020"},
    "projects": {"name": "Ledger", "description": "Double-entry"},
    "skills": {"name": "Python", "level": 4},
    "education": {"institution": "Uni", "area": "Maths"},
    "certifications": {"name": "CKA", "issuer": "CNCF"},
    "achievements": {"title": "Award"},
    "languages": {"language": "French", "fluency": "Native"},
    "publications": {"name": "On ledgers"},
    "volunteering": {"organization": "Club"},
}
PROFILE_IDS = "SELECT id FROM profiles WHERE user_id = :user_id"
ALL_NEEDS = {
    "slug",
    "profile_id",
    "cv_id",
    "import_id",
    "key_id",
    "application_id",
    "letter_id",
    *(f"items:{k}" for k in SECTION_DATA),
}


@dataclass
class Account:
    """A signed-in user and the ids of what they own."""

    user: User
    tokens: AuthTokens
    slug: str
    ids: dict[str, str] = field(default_factory=dict)
    section_ids: dict[str, str] = field(default_factory=dict)
    api_key: str = ""  # read-only, on Expert accounts

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens.access_token}"}

    def path_value(self, path: str, name: str) -> str | None:
        """This account's id for path parameter ``name`` of the route ``path``."""
        if name == "item_id":
            section = path.removeprefix(API + "/").split("/", 1)[0]
            return self.section_ids.get(section)
        if name == "key":  # a template: everyone's
            return TEMPLATE
        if name == "number":  # a CV's revision: its first
            return "1"
        if name == "token" and path.startswith("/s/"):
            return self.ids.get("share_token")
        return self.ids.get(name)


def make_user(session: Session, *, plan: str = "expert", **fields: object) -> User:
    """A committed, verified account that accepted the current privacy policy."""
    user = User(
        email=str(fields.pop("email", f"{os.urandom(5).hex()}@example.org")),
        full_name=str(fields.pop("full_name", "Ann Example")),
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


def sign_in(session: Session, user: User) -> AuthTokens:
    """A real session (refresh family) and its access token, as a login would give."""
    tokens = refresh_tokens.issue(session, user=user, ip="127.0.0.1", user_agent="hardening")
    session.commit()
    return tokens


def expired_token(user: User) -> str:
    """A correctly signed access token of ``user`` that expired a minute ago."""
    return create_access_token(user_id=user.id, plan=user.plan, minutes=-1)


def make_account(
    session: Session, *, plan: str = "expert", needs: Iterable[str] | None = None
) -> Account:
    """A signed-in user owning what ``needs`` names (path parameters; ``items:<section>``),
    or, by default, everything: a public profile, an item of every section, a CV, a share
    link, an export job, an import and (on Expert) an API key. All committed."""
    user = make_user(session, plan=plan)
    slug = f"user-{user.id.lower()}"
    account = Account(user=user, tokens=sign_in(session, user), slug=slug)
    account.ids["session_id"] = account.tokens.session_id
    wanted = set(ALL_NEEDS if needs is None else needs)
    if wanted & {"slug", "profile_id"}:
        changes = {"headline": "Engineer", "slug": slug, "visibility": "PUBLIC"}
        profile_id = profiles.update_profile(session, user_id=user.id, changes=changes).id
        account.ids.update(slug=slug, profile_id=str(profile_id))
    for key, data in SECTION_DATA.items():
        if f"items:{key}" in wanted:
            item = SECTIONS[key].create(session, user_id=user.id, data=data)
            account.section_ids[key] = str(item.id)
    if wanted & {"cv_id", "link_id", "token", "job_id"}:
        cv_id = cvs.create_cv(session, user_id=user.id, data={"name": "Backend"}).id
        job = create_job(session, user_id=user.id, kind=EXPORT_KIND, payload={"cv_id": cv_id})
        link = share_links.create_share_link(session, user_id=user.id, cv_id=cv_id, data={})
        token = share_links.token_for(link.id)
        account.ids.update(cv_id=cv_id, job_id=job.id, link_id=link.id, share_token=token)
    if "import_id" in wanted:
        resume = json.dumps({"basics": {"name": "Ann Example"}}).encode()
        batch, _ = import_tasks.start_jsonresume_import(
            session, user_id=user.id, filename="resume.json", data=resume
        )
        account.ids["import_id"] = batch.id
    if "application_id" in wanted:
        application = applications.create_application(
            session,
            user_id=user.id,
            data={"company": "Acme", "role": "Engineer", "follow_up_on": "2030-01-02"},
        )
        account.ids["application_id"] = application.id
    if "letter_id" in wanted:
        letter = letters.create_letter(
            session, user_id=user.id, data={"title": "Acme – Engineer", "body": "Dear Acme,"}
        )
        account.ids["letter_id"] = letter.id
    if "key_id" in wanted and plan == "expert":
        created = api_keys.create_key(session, user=user, data={"name": "CI"})
        account.ids["key_id"], account.api_key = created.id, created.key
    session.commit()
    return account


def needs_of(path: str) -> set[str]:
    """What an account must own for the route ``path`` to reach real rows."""
    names = set(re.findall(r"{(\w+)", path))
    if "item_id" in names:
        names.add("items:" + path.removeprefix(API + "/").split("/", 1)[0])
    return names


def wait_for_jobs() -> None:
    """Let the in-process worker finish what the test queued (before tables are emptied)."""
    broker.join("default", timeout=60_000)


def api_routes(app: FastAPI) -> Iterator[tuple[str, str, APIRoute]]:
    """Every (method, path, route) the app serves through FastAPI routes, HEAD left out."""
    for context in iter_route_contexts(app.routes):
        route = context.route
        if not isinstance(route, APIRoute):
            continue
        for method in sorted(context.methods or ()):
            if method != "HEAD":
                yield method, context.path, route


def owned_rows(session: Session, user: User) -> dict[str, list[dict[str, object]]]:
    """Every row of every table that belongs to ``user`` (by user, profile or id), sorted."""
    engine = session.get_bind()
    rows: dict[str, list[dict[str, object]]] = {}
    with engine.connect() as conn:
        profile_ids = [p for (p,) in conn.execute(text_query(PROFILE_IDS), {"user_id": user.id})]
        for table in SQLModel.metadata.sorted_tables:
            if "user_id" in table.c:
                condition = table.c.user_id == user.id
            elif "profile_id" in table.c:
                condition = table.c.profile_id.in_(profile_ids)
            elif table.name == "users":
                condition = table.c.id == user.id
            else:
                continue
            found = conn.execute(sa_select(table).where(condition).order_by(*table.primary_key))
            rows[table.name] = [dict(row._mapping) for row in found]
    return rows
