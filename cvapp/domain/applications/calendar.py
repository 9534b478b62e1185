"""An application's dates as iCalendar events (``.ics``): the interview, the follow-up and the
deadline, each one event a calendar app can import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from icalendar import Calendar, Event

from cvapp.errors import NotFound
from cvapp.models import Application
from cvapp.models.base import utcnow

EventKind = Literal["interview", "follow_up", "deadline"]
EVENT_KINDS: tuple[EventKind, ...] = ("interview", "follow_up", "deadline")
INTERVIEW_LENGTH = timedelta(hours=1)
_NAMES = {"interview": "Interview", "follow_up": "Follow up", "deadline": "Application deadline"}


@dataclass(frozen=True)
class DatedEvent:
    kind: EventKind
    summary: str
    start: date | datetime


def dated_events(row: Application) -> list[DatedEvent]:
    """The application's events that have a date, interview first."""
    where = f"{row.role} at {row.company}"
    starts: dict[EventKind, date | datetime | None] = {
        "interview": row.interview_at,
        "follow_up": row.follow_up_on,
        "deadline": row.deadline,
    }
    return [
        DatedEvent(kind, f"{_NAMES[kind]}: {where}", start)
        for kind, start in starts.items()
        if start is not None
    ]


def to_ics(row: Application, *, kind: EventKind | None = None, link: str = "") -> bytes:
    """An iCalendar file with the application's events (only ``kind`` when given)."""
    events = [e for e in dated_events(row) if kind is None or e.kind == kind]
    if not events:
        what = _NAMES[kind].lower() if kind else "date"
        raise NotFound(f"This application has no {what} to put in a calendar")
    calendar = Calendar()
    calendar.add("prodid", "-//cvapp//applications//EN")
    calendar.add("version", "2.0")
    for dated in events:
        event = Event()
        event.add("uid", f"{row.id}-{dated.kind}@cvapp")
        event.add("dtstamp", utcnow())
        event.add("summary", dated.summary)
        event.add("dtstart", dated.start)
        if isinstance(dated.start, datetime):
            event.add("dtend", dated.start + INTERVIEW_LENGTH)
        else:
            event.add("dtend", dated.start + timedelta(days=1))
        lines = [line for line in (row.location, row.job_url, link) if line]
        if lines:
            event.add("description", "\n".join(lines))
        if row.location:
            event.add("location", row.location)
        if link:
            event.add("url", link)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
