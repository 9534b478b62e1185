"""Imports end to end in the domain: start, parse job, preview, decisions, atomic apply."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from cvapp.db import session_scope
from cvapp.domain.imports import parsing, service, tasks
from cvapp.domain.sections import SECTIONS, experiences, skills
from cvapp.errors import Conflict, NotFound, UnsupportedMediaType, ValidationFailed
from cvapp.models import Experience, ImportBatch, Job, Language, Skill, StoredFile, User
from cvapp.storage import get_storage
from cvapp.worker.broker import broker
from tests.fixtures.linkedin import build
from tests.services import needs_redis

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "jsonresume" / "sample.resume.json"


def _user(email: str = "lena@example.org") -> str:
    with session_scope() as session:
        user = User(email=email, full_name="Lena M.", password_hash="x")
        session.add(user)
        session.flush()
        return user.id


def _import(user_id: str, data: bytes, source: str = "linkedin") -> dict[str, Any]:
    """Start an import, run its parse job, return the preview."""
    with session_scope() as session:
        batch, job = tasks.start_imports(
            session, user_id=user_id, source=source, files=[("export.zip", data)]
        )[0]
        ids = batch.id, job.id
    broker.join("default", timeout=30_000)
    with session_scope() as session:
        finished = session.get(Job, ids[1])
        assert finished is not None and finished.status == "succeeded", finished and finished.error
        assert finished.progress == 100 and finished.result is not None
        assert finished.result["import_id"] == ids[0]
        return service.get_preview(session, user_id=user_id, import_id=ids[0])


def _apply(user_id: str, import_id: str, decisions: list[dict[str, str]] | None = None) -> Any:
    with session_scope() as session:
        return service.apply(
            session, user_id=user_id, import_id=import_id, decisions=decisions or []
        )


def _count(model: Any) -> int:
    with session_scope() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def _refs(preview: dict[str, Any], kind: str) -> list[str]:
    return [item["item_ref"] for item in preview[kind]]


def test_linkedin_import_previews_then_applies_every_section() -> None:
    user_id = _user()
    preview = _import(user_id, build.complete_export())
    assert preview["status"] == "previewed" and preview["source"] == "linkedin"
    assert len(preview["creates"]) == 17 and preview["duplicates"] == []
    (profile,) = preview["updates"]  # the profile exists: name and email come from the account
    assert profile["item_ref"] == "profile" and profile["suggested_action"] == "merge"
    changed = {change["field"] for change in profile["changes"]}
    assert {"headline", "summary", "contact.phone", "location.city", "links"} <= changed
    assert {c["field"] for c in profile["conflicts"]} == {"full_name", "contact.email"}
    assert all(item["suggested_action"] == "create" for item in preview["creates"])
    summary = _apply(user_id, preview["import_id"])
    assert (summary["created"], summary["merged"], summary["skipped"]) == (17, 1, 0)
    with session_scope() as session:
        from cvapp.domain.profiles.views import my_profile

        view = my_profile(session, user_id=user_id)
        assert view.full_name == "Lena M." and view.headline.startswith("Backend Engineer")
        assert view.contact and view.contact.phone == "+49 170 5550123"
        assert len(view.experiences) == 3 and len(view.certifications) == 2
        assert view.experiences[0].responsibilities[2] == "Mentored four engineers"
        assert view.completeness and view.completeness > 50
        batch = session.get(ImportBatch, preview["import_id"])
        assert batch is not None and batch.status == "applied" and batch.applied_at
    ids = {item["id"] for item in summary["items"] if item["action"] == "created"}
    assert len(ids) == 17 and None not in ids


def test_the_upload_is_not_kept_once_read() -> None:
    user_id = _user()
    preview = _import(user_id, build.complete_export())
    key = f"imports/{user_id}/{preview['import_id']}/upload"
    assert get_storage().get(key) is None
    assert _count(StoredFile) == 0


def test_importing_the_same_export_twice_creates_nothing_the_second_time() -> None:
    user_id = _user()
    first = _import(user_id, build.complete_export())
    _apply(user_id, first["import_id"])
    rows = {key: _count(service_.model) for key, service_ in SECTIONS.items()}
    second = _import(user_id, build.complete_export())
    assert second["creates"] == [] and len(second["duplicates"]) == 17
    (profile,) = second["updates"]  # only the differing name and email, kept as they are
    assert profile["changes"] == [] and profile["suggested_action"] == "skip"
    assert {c["field"] for c in profile["conflicts"]} == {"full_name", "contact.email"}
    assert "already_imported" in {w["code"] for w in second["warnings"]}
    refs = ["profile", *_refs(second, "duplicates")]
    summary = _apply(
        user_id, second["import_id"], [{"item_ref": r, "action": "create"} for r in refs]
    )
    assert summary["created"] == 0 and summary["skipped"] == 18
    assert {key: _count(service_.model) for key, service_ in SECTIONS.items()} == rows


def test_two_previews_of_one_file_applied_one_after_the_other() -> None:
    user_id = _user()
    first = _import(user_id, build.basic_export())
    second = _import(user_id, build.basic_export())
    _apply(user_id, first["import_id"])
    summary = _apply(user_id, second["import_id"])
    assert summary["created"] == 0
    assert _count(Experience) == 3 and _count(Skill) == 5 and _count(Language) == 2


def test_applying_again_returns_the_same_summary() -> None:
    user_id = _user()
    preview = _import(user_id, build.basic_export())
    summary = _apply(user_id, preview["import_id"])
    again = _apply(user_id, preview["import_id"], [{"item_ref": "skills-0", "action": "skip"}])
    assert again == summary and _count(Skill) == 5


def _existing_experience(user_id: str, **overrides: Any) -> str:
    data = {
        "company": "Quellwerk Software",
        "title": "Senior Backend Engineer",
        "start_date": "2021",
        "responsibilities": ["Mentored four engineers."],
        **overrides,
    }
    with session_scope() as session:
        return experiences.service.create(session, user_id=user_id, data=data).id


def test_a_clear_match_is_merged_without_losing_what_the_user_wrote() -> None:
    user_id = _user()
    existing = _existing_experience(user_id, location="Remote")
    preview = _import(user_id, build.basic_export())
    (match,) = [item for item in preview["updates"] if item["section"] == "experiences"]
    assert match["match"]["id"] == existing and match["match"]["confidence"] == "clear"
    assert match["suggested_action"] == "merge"
    changes = {change["field"]: change for change in match["changes"]}
    assert changes["start_date"] == {
        "field": "start_date",
        "current": "2021",
        "incoming": "2021-03",
    }
    assert len(changes["responsibilities"]["incoming"]) == 2  # "Mentored…" is already there
    assert match["conflicts"] == [
        {"field": "location", "current": "Remote", "incoming": "Berlin, Germany"}
    ]
    _apply(user_id, preview["import_id"])
    with session_scope() as session:
        row = session.get(Experience, existing)
        assert row is not None
        assert row.company == "Quellwerk Software" and row.location == "Remote"
        assert row.start_date == "2021-03" and row.description
        assert row.responsibilities[0] == "Mentored four engineers."
        assert len(row.responsibilities) == 3
    assert _count(Experience) == 3


def test_a_possible_match_is_merged_unless_the_user_creates_it() -> None:
    """Issue #19 point 3: "possibly the same" defaults to merge (a second copy is the worse
    mistake); the user may still create it as a new item."""
    user_id = _user()
    existing = _existing_experience(user_id, title="Platform Engineer", start_date="2020-11")
    preview = _import(user_id, build.basic_export())
    (possible,) = [item for item in preview["updates"] if item["section"] == "experiences"]
    assert possible["match"]["confidence"] == "possible"
    assert possible["suggested_action"] == "merge"
    summary = _apply(user_id, preview["import_id"])
    merged = [item for item in summary["items"] if item["action"] == "merged"]
    assert [item["id"] for item in merged if item["section"] == "experiences"] == [existing]
    assert _count(Experience) == 3  # two new positions and the merged one

    again = _user("lena.again@example.org")
    _existing_experience(again, title="Platform Engineer", start_date="2020-11")
    preview = _import(again, build.basic_export())
    (possible,) = [item for item in preview["updates"] if item["section"] == "experiences"]
    decision = [{"item_ref": possible["item_ref"], "action": "create"}]
    _apply(again, preview["import_id"], decision)
    assert _count(Experience) == 3 + 4  # created beside the one it resembles


def test_skip_and_unknown_decisions() -> None:
    user_id = _user()
    preview = _import(user_id, build.basic_export())
    with pytest.raises(ValidationFailed) as error:
        _apply(user_id, preview["import_id"], [{"item_ref": "nope-1", "action": "create"}])
    assert error.value.details[0]["field"] == "decisions[0].item_ref"
    with pytest.raises(ValidationFailed):
        _apply(user_id, preview["import_id"], [{"item_ref": "skills-0", "action": "merge"}])
    skip_all = [{"item_ref": ref, "action": "skip"} for ref in _refs(preview, "creates")]
    summary = _apply(user_id, preview["import_id"], skip_all)
    assert summary["created"] == 0 and _count(Skill) == 0


def test_apply_is_all_or_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    user_id = _user()
    preview = _import(user_id, build.complete_export())
    real_create = skills.service.create
    created: list[str] = []

    def failing(session: Session, **kwargs: Any) -> Any:
        if len(created) == 3:
            raise Conflict("You already have this skill", details=[{"field": "name"}])
        created.append(kwargs["data"]["name"])
        return real_create(session, **kwargs)

    monkeypatch.setattr(skills.service, "create", failing)
    with pytest.raises(Conflict) as error:
        _apply(user_id, preview["import_id"])
    assert error.value.details == [{"field": "skills-3.name"}]
    assert error.value.message.startswith("Kafka: ")
    assert created and _count(Skill) == 0 and _count(Experience) == 0
    with session_scope() as session:
        batch = session.get(ImportBatch, preview["import_id"])
        assert batch is not None and batch.status == "previewed"
        profile_view = service.get_preview(session, user_id=user_id, import_id=batch.id)
        assert profile_view["summary"] is None


def test_imports_are_private() -> None:
    owner, other = _user(), _user("other@example.org")
    preview = _import(owner, build.basic_export())
    with session_scope() as session, pytest.raises(NotFound):
        service.get_preview(session, user_id=other, import_id=preview["import_id"])
    with pytest.raises(NotFound):
        _apply(other, preview["import_id"])


def test_a_failed_parse_writes_nothing_but_the_reason() -> None:
    user_id = _user()
    with session_scope() as session:
        batch, job = tasks.start_linkedin_import(
            session, user_id=user_id, filename="x.zip", data=build.basic_export()
        )
        # Replaced after the check: the job finds a file that is not a ZIP.
        get_storage().put(parsing.upload_key(batch), b"garbage", "application/zip")
        ids = batch.id, job.id
    broker.join("default", timeout=30_000)
    with session_scope() as session:
        failed = session.get(Job, ids[1])
        assert failed is not None and failed.status == "failed"
        assert failed.error and failed.error["code"] == "UNSUPPORTED_MEDIA_TYPE"
        preview = service.get_preview(session, user_id=user_id, import_id=ids[0])
    assert preview["status"] == "failed" and preview["creates"] == []
    assert preview["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert _count(Experience) == 0 and _count(StoredFile) == 0
    with pytest.raises(Conflict):
        _apply(user_id, ids[0])


def test_bad_uploads_are_refused_before_anything_is_stored() -> None:
    user_id = _user()
    with session_scope() as session, pytest.raises(UnsupportedMediaType):
        tasks.start_imports(
            session,
            user_id=user_id,
            source="linkedin",
            files=[("good.zip", build.basic_export()), ("bad.pdf", b"%PDF-1.4")],
        )
    assert _count(ImportBatch) == 0 and _count(Job) == 0 and _count(StoredFile) == 0


def test_a_batch_upload_gives_each_file_its_own_preview() -> None:
    user_id = _user()
    with session_scope() as session:
        started = tasks.start_imports(
            session,
            user_id=user_id,
            source="linkedin",
            files=[("basic.zip", build.basic_export()), ("odd.zip", build.odd_dates_export())],
        )
        ids = [batch.id for batch, _ in started]
    broker.join("default", timeout=30_000)
    with session_scope() as session:
        previews = [service.get_preview(session, user_id=user_id, import_id=i) for i in ids]
    assert [p["filename"] for p in previews] == ["basic.zip", "odd.zip"]
    assert [p["status"] for p in previews] == ["previewed", "previewed"]
    assert [len(p["creates"]) for p in previews] == [11, 4]


def test_json_resume_import_and_background_apply() -> None:
    user_id = _user()
    preview = _import(user_id, SAMPLE.read_bytes(), source="jsonresume")
    assert len(preview["creates"]) == 9
    with session_scope() as session:
        job = tasks.start_apply(session, user_id=user_id, import_id=preview["import_id"])
        job_id = job.id
    broker.join("default", timeout=30_000)
    with session_scope() as session:
        done = session.get(Job, job_id)
        assert done is not None and done.status == "succeeded", done and done.error
        assert done.result and done.result["created"] == 9
        from cvapp.domain.profiles.views import my_profile

        view = my_profile(session, user_id=user_id)
    document = json.loads(SAMPLE.read_text())
    assert view.interests[0].name == "Wildlife" and view.references[0].name == "Erlich Bachman"
    assert view.links[1].network == "SoundCloud"
    assert view.experiences[0].company_description == document["work"][0]["description"]
    assert view.skills[0].level == 5
    assert os.environ["CVAPP_ENV"] == "test"


def test_overwrite_takes_the_files_side_of_a_conflict_only() -> None:
    user_id = _user()
    existing = _existing_experience(user_id, location="Remote")
    preview = _import(user_id, build.basic_export())
    (match,) = [item for item in preview["updates"] if item["section"] == "experiences"]
    ref = match["item_ref"]
    for wrong in (
        {"item_ref": ref, "action": "merge", "overwrite": ["title"]},  # not a conflict
        {"item_ref": ref, "action": "create", "overwrite": ["location"]},
    ):
        with pytest.raises(ValidationFailed) as error:
            _apply(user_id, preview["import_id"], [wrong])
        assert error.value.details[0]["field"] == "decisions[0].overwrite"
    _apply(user_id, preview["import_id"], [{"item_ref": ref, "action": "merge",
                                            "overwrite": ["location"]}])  # fmt: skip
    with session_scope() as session:
        row = session.get(Experience, existing)
        assert row is not None and row.location == "Berlin, Germany"


@pytest.fixture
def redis_worker() -> Any:
    """The parse actor on a real Redis broker with a worker (skipped without Redis)."""
    url = os.environ["CVAPP_TEST_REDIS_URL"]
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker
    from dramatiq.middleware import CurrentMessage

    from cvapp.domain.imports.tasks import parse_import

    real = RedisBroker(url=url, namespace="cvapp-test-imports")
    real.add_middleware(CurrentMessage())
    real.flush_all()
    original = parse_import.broker
    parse_import.broker = real
    real.declare_actor(parse_import)
    worker = dramatiq.Worker(real, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        yield real
    finally:
        worker.stop()
        real.flush_all()
        real.close()
        parse_import.broker = original


@needs_redis
def test_parse_job_on_real_redis(redis_worker: Any) -> None:
    user_id = _user()
    with session_scope() as session:
        batch, job = tasks.start_linkedin_import(
            session, user_id=user_id, filename="basic.zip", data=build.basic_export()
        )
        ids = batch.id, job.id
    redis_worker.join("default", timeout=30_000)
    with session_scope() as session:
        done = session.get(Job, ids[1])
        assert done is not None and done.status == "succeeded", done and done.error
        assert service.get_preview(session, user_id=user_id, import_id=ids[0])["creates"]
