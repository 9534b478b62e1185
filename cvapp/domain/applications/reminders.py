"""Reminder emails: an interview the day before, a follow-up on its day, a deadline two days
ahead (still on the wishlist). Each is sent once per date, through the mail outbox, and
dated on the application's timeline; a changed date is a new reminder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from cvapp import routes
from cvapp.domain.applications import service
from cvapp.domain.auth.messages import SIGNATURE, link
from cvapp.domain.mail.message import Message
from cvapp.domain.mail.service import deliver
from cvapp.models import Application, User
from cvapp.models.base import as_utc, utcnow

INTERVIEW_NOTICE = timedelta(hours=24)
DEADLINE_NOTICE = timedelta(days=2)
# A date set in the past after its time is no reminder any more.
LATE_FOLLOW_UP = timedelta(days=2)
FINISHED = ("accepted", "rejected", "withdrawn")


@dataclass(frozen=True)
class Reminder:
    application: Application
    field: str  # the column whose date it is: interview_at, follow_up_on or deadline
    value: str  # that date as sent, ISO


def _due(row: Application, now: datetime) -> list[Reminder]:
    sent = row.reminders_sent or {}
    today = now.date()
    due = []
    interview = as_utc(row.interview_at)
    if interview is not None and now < interview <= now + INTERVIEW_NOTICE:
        due.append(Reminder(row, "interview_at", interview.isoformat()))
    if row.follow_up_on is not None and today - LATE_FOLLOW_UP <= row.follow_up_on <= today:
        due.append(Reminder(row, "follow_up_on", row.follow_up_on.isoformat()))
    if (
        row.deadline is not None
        and row.status == "wishlist"
        and today <= row.deadline <= today + DEADLINE_NOTICE
    ):
        due.append(Reminder(row, "deadline", row.deadline.isoformat()))
    return [r for r in due if sent.get(r.field) != r.value]


def due_reminders(session: Session, *, now: datetime) -> list[Reminder]:
    """Reminders owed now to users still here, for applications still under way."""
    today = now.date()
    rows = session.exec(
        select(Application)
        .join(User, col(User.id) == col(Application.user_id))
        .where(
            col(User.deleted_at).is_(None),
            col(Application.archived).is_(False),
            col(Application.status).not_in(FINISHED),
            or_(
                col(Application.interview_at).between(now, now + INTERVIEW_NOTICE),
                col(Application.follow_up_on).between(today - LATE_FOLLOW_UP, today),
                col(Application.deadline).between(today, today + DEADLINE_NOTICE),
            ),
        )
        .order_by(col(Application.id))
    ).all()
    return [reminder for row in rows for reminder in _due(row, now)]


def message(user: User, reminder: Reminder) -> Message:
    row = reminder.application
    page = link(routes.application_detail(row.id))
    what = f"{row.role} at {row.company}"
    if reminder.field == "interview_at":
        when = as_utc(row.interview_at)
        subject = f"Interview tomorrow: {what}"
        lead = f"your interview for {what} is on {when:%A %d %B %Y at %H:%M} UTC."
        kind = "interview"
    elif reminder.field == "follow_up_on":
        subject = f"Follow up today: {what}"
        lead = f"you planned to follow up on your application for {what} today."
        kind = "follow_up"
    else:
        subject = f"Deadline soon: {what}"
        lead = f"applications for {what} close on {row.deadline:%A %d %B %Y}."
        kind = "deadline"
    calendar = link(f"{routes.API_APPLICATIONS}/{row.id}/calendar.ics", event=kind)
    greeting = f"Hello {user.full_name}," if user.full_name else "Hello,"
    text = (
        f"{greeting}\n\n{lead}\n\nThe application, its notes and contacts:\n{page}\n\n"
        f"Add it to your calendar:\n{calendar}{SIGNATURE}"
    )
    return Message(to=user.email, subject=subject, text=text)


def send_due_reminders(session: Session, *, now: datetime | None = None) -> int:
    """Mail every reminder owed now (once each) and date it on its timeline; how many."""
    moment = now or utcnow()
    sent = 0
    for reminder in due_reminders(session, now=moment):
        row = reminder.application
        user = session.get(User, row.user_id)
        if user is None:
            continue
        deliver(session, message=message(user, reminder))
        row.reminders_sent = {**(row.reminders_sent or {}), reminder.field: reminder.value}
        session.add(row)
        label = {"interview_at": "interview", "follow_up_on": "follow-up", "deadline": "deadline"}
        service.record(session, row, "reminder", detail=label[reminder.field])
        sent += 1
    session.flush()
    return sent
