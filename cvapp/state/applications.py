"""What the job tracker's pages show, built from the domain's views (pure functions)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from cvapp.domain.applications.schemas import (
    ApplicationSummary,
    StatusLabel,
    TimelineEntry,
)


@dataclasses.dataclass
class StatusOption:
    status: str = ""
    label: str = ""


@dataclasses.dataclass
class ApplicationCard:
    id: str = ""
    company: str = ""
    role: str = ""
    location: str = ""
    deadline: str = ""
    status: str = ""
    status_label: str = ""
    updated: str = ""
    archived: bool = False


@dataclasses.dataclass
class BoardColumn:
    status: str = ""
    label: str = ""
    cards: list[ApplicationCard] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class TimelineRow:
    at: str = ""
    text: str = ""


def _day(value: date | datetime | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


def status_options(labels: list[StatusLabel]) -> list[StatusOption]:
    return [StatusOption(status=label.status, label=label.label) for label in labels]


def card(summary: ApplicationSummary, labels: dict[str, str]) -> ApplicationCard:
    return ApplicationCard(
        id=summary.id,
        company=summary.company,
        role=summary.role,
        location=summary.location or "",
        deadline=_day(summary.deadline),
        status=summary.status,
        status_label=labels.get(summary.status, summary.status),
        updated=_day(summary.updated_at),
        archived=summary.archived,
    )


def board(cards: list[ApplicationCard], labels: list[StatusLabel]) -> list[BoardColumn]:
    """One column per status, in pipeline order, each with its cards."""
    return [
        BoardColumn(
            status=label.status,
            label=label.label,
            cards=[c for c in cards if c.status == label.status],
        )
        for label in labels
    ]


def timeline_rows(entries: list[TimelineEntry], labels: dict[str, str]) -> list[TimelineRow]:
    """The timeline in words, newest first."""
    rows = []
    for entry in entries:
        to = labels.get(entry.to_status or "", entry.to_status or "")
        text = {
            "created": f"Added as {to}",
            "status": f"{labels.get(entry.from_status or '', entry.from_status)} → {to}",
            "archived": "Archived",
            "unarchived": "Back from the archive",
            "reminder": f"Reminder sent: {entry.detail or ''}".strip(),
            "tailored": f"Tailored a CV: {entry.detail or ''}".strip(),
            "opened": f"Share link opened{': ' + entry.detail if entry.detail else ''}",
        }.get(entry.kind, entry.detail or entry.kind)
        rows.append(TimelineRow(at=f"{entry.at:%d %b %Y, %H:%M} UTC", text=text))
    return list(reversed(rows))
