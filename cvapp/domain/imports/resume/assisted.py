"""AI-assisted reading of a CV file, when an OpenAI-compatible provider is configured.

The model structures the file's text into fields; each value is then looked for in that text
(case, spacing and accents aside): one the file does not contain is left out with a warning,
so the model cannot add anything. The offline reader's draft is kept when the provider fails
or finds less than it did.
"""

from __future__ import annotations

import re
from typing import Any

import structlog

from cvapp.domain.ai.errors import AiBadResponse, AiProviderTimeout, AiProviderUnavailable
from cvapp.domain.ai.providers import get_provider
from cvapp.domain.imports.conform import conform
from cvapp.domain.imports.draft import Draft, DraftItem, compact
from cvapp.domain.imports.duplicates import merge_duplicates
from cvapp.domain.imports.resume import parse
from cvapp.domain.imports.resume.layout import Row
from cvapp.domain.imports.resume.vocabulary import folded

log = structlog.get_logger(__name__)
SOURCE_NOTE = "structured by the AI provider"


class _Checker:
    """Whether a value occurs in the document's text."""

    def __init__(self, rows: list[Row]) -> None:
        self.text = folded(" ".join(f"{row.text} {row.right}" for row in rows))
        self.dropped: list[str] = []

    def keep(self, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        if folded(value) in self.text:
            return value.strip()
        self.dropped.append(value)
        return None

    def date(self, value: str | None) -> tuple[str | None, bool]:
        """A date the text contains (its year at least), read like the offline reader does."""
        if not value:
            return None, False
        found, _ = parse.find_dates(value)
        year = re.search(r"\d{4}", value)
        if found is None or (year and year.group(0) not in self.text):
            if value.strip():
                self.dropped.append(value)
            return None, False
        return found.start, found.current


def draft_of_answer(answer: Any, rows: list[Row]) -> Draft:
    """The model's answer as a draft, every value checked against ``rows``."""
    check = _Checker(rows)
    draft = Draft(source="resume")
    where = f"{SOURCE_NOTE}, checked against the file"
    draft.profile = compact(
        {
            "full_name": check.keep(answer.name),
            "headline": check.keep(answer.headline),
            "summary": check.keep(answer.summary),
            "contact": compact(
                {"email": check.keep(answer.email), "phone": check.keep(answer.phone)}
            ),
        }
    )
    for job in answer.experiences:
        start, _ = check.date(job.start)
        end, current = check.date(job.end)
        data = compact(
            {
                "title": check.keep(job.title),
                "company": check.keep(job.company),
                "location": check.keep(job.location),
                "start_date": start,
                "end_date": None if current else end,
                "responsibilities": [b for b in map(check.keep, job.bullets) if b],
            }
        )
        draft.items.append(DraftItem("experiences", data, where, confidence=0.8))
    for school in answer.education:
        start, _ = check.date(school.start)
        end, _ = check.date(school.end)
        data = compact(
            {
                "institution": check.keep(school.institution),
                "study_type": check.keep(school.degree),
                "area": check.keep(school.area),
                "start_date": start,
                "end_date": end,
            }
        )
        draft.items.append(DraftItem("education", data, where, confidence=0.8))
    for name in answer.skills:
        if check.keep(name):
            draft.items.append(DraftItem("skills", {"name": name.strip()}, where, confidence=0.8))
    for language in answer.languages:
        data = compact(
            {"language": check.keep(language.language), "fluency": check.keep(language.fluency)}
        )
        draft.items.append(DraftItem("languages", data, where, confidence=0.8))
    for value in check.dropped:
        draft.warn(
            "not_in_file", f"The AI provider answered “{value}”, which is not in the file; left out"
        )
    merge_duplicates(draft, ("skills", "languages"), "listed twice")
    return conform(draft).numbered()


def improve(offline: Draft, rows: list[Row]) -> Draft:
    """The AI-assisted draft when a provider is configured and it found at least as much as
    the offline reader; else ``offline`` (with a word on why)."""
    provider = get_provider()
    if provider.name != "openai":
        return offline
    text = "\n".join(f"{row.text}\t{row.right}" if row.right else row.text for row in rows)
    try:
        answer = provider.structure_resume(text=text)
    except (AiBadResponse, AiProviderTimeout, AiProviderUnavailable) as exc:
        offline.warn("read_offline", f"Read without the AI provider: {exc.message}")
        return offline
    if answer is None:
        return offline
    assisted = draft_of_answer(answer, rows)
    if len(assisted.items) < len(offline.items):
        offline.warn("read_offline", "The AI provider found less than the offline reader; kept")
        return offline
    # What the model missed of the profile, the offline reader may have (links, location).
    assisted.profile = {**offline.profile, **assisted.profile}
    return assisted
