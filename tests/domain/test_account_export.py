"""The data export ZIP holds every piece of the user's data: compared with what was made."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from sqlmodel import Session, select

from cvapp.db import session_scope
from cvapp.domain.account import export, tasks
from cvapp.domain.account.download_links import verify
from cvapp.models import Job, OutboxEmail, StoredFile
from cvapp.settings import get_settings
from cvapp.storage import get_storage
from tests.api.auth_support import _quiet_queue, wait_for_jobs  # noqa: F401
from tests.domain.account_support import World, _empty_storage, populate  # noqa: F401


def _export(world: World) -> tuple[Job, zipfile.ZipFile]:
    with session_scope() as session:
        job_id = tasks.start_export(session, user=world.user).id
    wait_for_jobs()
    with session_scope() as session:
        job = session.get(Job, job_id)
        assert job is not None and job.status == "succeeded", job and job.error
        token = str(job.result["download_url"]).rsplit("/", 1)[1]  # type: ignore[index]
        download = export.open_download(session, token=token)
    return job, zipfile.ZipFile(io.BytesIO(download.data))


def _json(archive: zipfile.ZipFile, name: str) -> Any:
    return json.loads(archive.read(name))


def test_the_archive_holds_everything_that_was_created(session: Session) -> None:
    world = populate(session)
    wait_for_jobs()  # the import's parsing job
    job, archive = _export(world)
    names = set(archive.namelist())

    account = _json(archive, "account.json")
    assert account["id"] == world.user.id and account["email"] == world.user.email
    assert "password_hash" not in account and "totp_secret" not in account

    profile = _json(archive, "profile.json")
    assert profile["id"] == world.profile_id and world.marker in profile["summary"]
    for section, item_id in world.section_ids.items():
        assert item_id in [item["id"] for item in profile[section]], section

    assert [cv["id"] for cv in _json(archive, "cv_versions.json")] == world.cv_ids
    (link,) = _json(archive, "share_links.json")
    assert (link["id"], link["views"], link["downloads"]) == (world.share_link_id, 1, 1)
    assert link["url"].startswith(get_settings().public_url)

    (consent,) = _json(archive, "consent_records.json")
    assert consent["version"] == get_settings().privacy_policy_version and consent["granted"]
    actions = {event["action"] for event in _json(archive, "audit_log.json")}
    assert {"apikeys.created", "account.export_requested"} <= actions
    (key,) = _json(archive, "api_keys.json")
    assert key["id"] == world.api_key_id and "key_hash" not in key
    assert [batch["id"] for batch in _json(archive, "imports.json")] == [world.import_id]
    assert _json(archive, "ai_usage.json")[0]["count"] == 1
    assert job.id in [row["id"] for row in _json(archive, "jobs.json")]
    tracked = _json(archive, "applications.json")
    (application,) = tracked["applications"]
    assert application["id"] == world.application_id and world.marker in application["notes"]
    assert [entry["kind"] for entry in application["timeline"]] == ["created"]
    assert [s["status"] for s in tracked["statuses"]][:2] == ["wishlist", "applied"]
    (letter,) = _json(archive, "cover_letters.json")
    assert letter["id"] == world.letter_id and world.marker in letter["body"]
    assert letter["application_id"] == world.application_id
    assert [r["body"] for r in letter["revisions"]] == [letter["body"]]

    resume = _json(archive, "resume.json")
    assert resume["basics"]["name"] == world.user.full_name
    assert {"cvs/01-backend.pdf", "cvs/02-payments-lead.pdf"} <= names
    assert archive.read("cvs/01-backend.pdf").startswith(b"%PDF")
    assert _json(archive, "cvs/02-payments-lead.jsonresume.json")["basics"]["name"]

    uploads = session.exec(select(StoredFile).where(StoredFile.user_id == world.user.id)).all()
    for stored in uploads:
        if stored.purpose != "account_export":
            assert archive.read(f"files/{stored.key}") == get_storage().get(stored.key)
    assert f"files/{world.photo_key}" in names

    manifest = _json(archive, "manifest.json")
    assert manifest["problems"] == [] and manifest["user_id"] == world.user.id
    assert "README.txt" in names
    assert job.progress == 100


def test_the_link_is_mailed_and_a_running_export_is_reused(session: Session) -> None:
    world = populate(session, plan="free")
    with session_scope() as db:
        first = tasks.start_export(db, user=world.user).id
        assert tasks.start_export(db, user=world.user).id == first
    wait_for_jobs()
    mail = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == world.user.email)).one()
    url = next(word for word in mail.body_text.split() if "/account/export/" in word)
    assert verify(url.rsplit("/", 1)[1]) == (world.user.id, first)
