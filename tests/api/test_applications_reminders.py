"""Reminders of the job tracker: .ics files calendar apps read, and reminder emails that land
in the mail outbox once per date (the periodic job included)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlmodel import Session, select

from cvapp.db import session_scope
from cvapp.domain.account.tasks import start_periodic
from cvapp.domain.applications import reminders
from cvapp.models import Job, OutboxEmail
from cvapp.models.base import utcnow
from tests.domain.cv_support import auth, make_user
from tests.hardening.support import wait_for_jobs

API = "/api/v1/applications"
NOW = datetime(2030, 1, 9, 10, 0, tzinfo=UTC)


def _create(api: TestClient, headers: dict[str, str], **fields: object) -> dict:
    body = {"company": "Ørsted Vind A/S", "role": "Dataingeniør", "location": "København"}
    created = api.post(API, json={**body, **fields}, headers=headers)
    assert created.status_code == 201, created.text
    return created.json()


def test_ics_files_parse_and_hold_each_event(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    created = _create(
        api,
        headers,
        interview_at="2030-01-10T09:30:00+01:00",
        follow_up_on="2030-01-20",
        deadline="2030-01-05",
    )
    answer = api.get(f"{API}/{created['id']}/calendar.ics", headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(answer.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == [
        "Interview: Dataingeniør at Ørsted Vind A/S",
        "Follow up: Dataingeniør at Ørsted Vind A/S",
        "Application deadline: Dataingeniør at Ørsted Vind A/S",
    ]
    interview = events[0]
    assert interview.decoded("dtstart") == datetime(2030, 1, 10, 8, 30, tzinfo=UTC)
    assert interview.decoded("dtend") - interview.decoded("dtstart") == timedelta(hours=1)
    assert str(interview["location"]) == "København"
    assert str(interview["uid"]) == f"{created['id']}-interview@cvapp"
    assert f"/app/applications/{created['id']}" in str(interview["url"])

    only = api.get(f"{API}/{created['id']}/calendar.ics?event=follow_up", headers=headers)
    (follow_up,) = Calendar.from_ical(only.content).walk("VEVENT")
    assert follow_up.decoded("dtstart") == date(2030, 1, 20)

    bare = _create(api, headers)
    missing = api.get(f"{API}/{bare['id']}/calendar.ics?event=interview", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "NOT_FOUND"
    other = auth(make_user(session))
    assert api.get(f"{API}/{created['id']}/calendar.ics", headers=other).status_code == 404
    wrong = api.get(f"{API}/{created['id']}/calendar.ics?event=party", headers=headers)
    assert wrong.status_code == 422


def _outbox(session: Session) -> list[OutboxEmail]:
    session.expire_all()
    return list(session.exec(select(OutboxEmail).order_by(OutboxEmail.created_at)).all())


def test_reminders_land_in_the_outbox_once_per_date(api: TestClient, session: Session) -> None:
    user = make_user(session)
    headers = auth(user)
    interview = _create(api, headers, status="interview", interview_at="2030-01-10T09:00:00Z")
    follow_up = _create(api, headers, status="applied", follow_up_on="2030-01-09")
    _create(api, headers, status="wishlist", deadline="2030-01-10")
    _create(api, headers, status="rejected", follow_up_on="2030-01-09")  # finished: none
    _create(api, headers, interview_at="2030-01-12T09:00:00Z")  # not yet
    later = _create(api, headers, follow_up_on="2030-01-09")
    api.patch(f"{API}/{later['id']}", json={"archived": True}, headers=headers)  # archived

    with session_scope() as db:
        assert reminders.send_due_reminders(db, now=NOW) == 3
    mails = _outbox(session)
    assert sorted(m.subject for m in mails) == [
        "Deadline soon: Dataingeniør at Ørsted Vind A/S",
        "Follow up today: Dataingeniør at Ørsted Vind A/S",
        "Interview tomorrow: Dataingeniør at Ørsted Vind A/S",
    ]
    assert all(m.to_address == user.email for m in mails)
    mail = next(m for m in mails if m.subject.startswith("Interview"))
    assert "Thursday 10 January 2030 at 09:00 UTC" in mail.body_text
    assert f"/app/applications/{interview['id']}" in mail.body_text
    assert "/calendar.ics?event=interview" in mail.body_text

    with session_scope() as db:  # once per date
        assert reminders.send_due_reminders(db, now=NOW + timedelta(minutes=30)) == 0
    timeline = api.get(f"{API}/{follow_up['id']}/timeline", headers=headers).json()
    assert [(e["kind"], e["detail"]) for e in timeline][-1] == ("reminder", "follow-up")

    # A new date is a new reminder.
    api.patch(
        f"{API}/{interview['id']}", json={"interview_at": "2030-01-10T08:00:00Z"}, headers=headers
    )
    with session_scope() as db:
        assert reminders.send_due_reminders(db, now=NOW) == 1
    assert len(_outbox(session)) == 4


def test_the_periodic_job_sends_them(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    soon = (utcnow() + timedelta(hours=3)).isoformat()
    _create(api, headers, status="interview", interview_at=soon)
    with session_scope() as db:
        job_id = start_periodic(db, name="reminders").id
    wait_for_jobs()
    session.expire_all()
    job = session.get(Job, job_id)
    assert job is not None and job.kind == "applications.send_reminders"
    assert job.status == "succeeded" and job.result == {"sent": 1}
    assert [m.subject for m in _outbox(session)] == [
        "Interview tomorrow: Dataingeniør at Ørsted Vind A/S"
    ]
