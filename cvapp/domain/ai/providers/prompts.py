"""What an OpenAI-compatible model is asked, and the JSON shapes it must answer with.

Only what the task needs is sent: no contact details, and names the user marked
confidential (clients of anonymized projects) are replaced in every string before anything
leaves (:mod:`~cvapp.domain.ai.providers.redaction`).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.jobposting import JobPosting
from cvapp.domain.ai.letter import LetterBrief
from cvapp.domain.ai.providers.redaction import Redaction
from cvapp.domain.ai.schemas import Requirement, Tone

SYSTEM = (
    "You help one person improve their CV. Use only facts that appear in PROFILE or in the "
    "text you are given. Never invent numbers, employers, clients, tools, job titles or dates; "
    "when a number would make a point stronger, leave it out and say so in a tip. Answer with "
    "one JSON object matching this JSON schema, and nothing else:\n{schema}"
)
_MAX_ITEMS = 40
_MAX_TEXT = 500


class RewriteAnswer(BaseModel):
    suggestion: str = Field(min_length=1)
    changes: list[str] = []
    tips: list[str] = []


class SkillAnswer(BaseModel):
    name: str = Field(min_length=1)
    category: str | None = None
    reason: str = ""


class SkillsAnswer(BaseModel):
    skills: list[SkillAnswer]


class RequirementsAnswer(BaseModel):
    requirements: list[Requirement]


class SummaryAnswer(BaseModel):
    summary: str = Field(min_length=1)


def _clip(text: str) -> str:
    return text[:_MAX_TEXT]


def profile_for_prompt(facts: ProfileFacts) -> dict[str, Any]:
    """The profile as the model sees it: sections of items, dates, the user's own words."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for item in facts.items[:_MAX_ITEMS]:
        entry: dict[str, Any] = {"item": _clip(item.label)}
        if item.start or item.end:
            entry["dates"] = f"{item.start or '?'} – {item.end or 'present'}"
        if item.years is not None:
            entry["years"] = item.years
        details = [_clip(text) for text in item.texts if text not in item.label]
        if details:
            entry["details"] = details
        sections.setdefault(item.section, []).append(entry)
    profile: dict[str, Any] = {"headline": facts.headline, "summary": facts.current_summary}
    if facts.cv and facts.cv.target_role:
        profile["target_role"] = facts.cv.target_role
    return {k: v for k, v in {**profile, **sections}.items() if v}


def messages(
    answer: type[BaseModel], task: str, payload: dict[str, Any], *, redaction: Redaction
) -> list[dict[str, str]]:
    """The conversation, every string of ``task`` and ``payload`` redacted."""
    schema = json.dumps(answer.model_json_schema(), separators=(",", ":"))
    task, payload = redaction.outgoing(task), redaction.outgoing(payload)
    return [
        {"role": "system", "content": SYSTEM.format(schema=schema)},
        {"role": "user", "content": f"{task}\n\n{json.dumps(payload, ensure_ascii=False)}"},
    ]


def optimize(
    text: str,
    *,
    kind: str,
    tense: str,
    facts: ProfileFacts,
    about: str | None,
    redaction: Redaction,
) -> Any:
    task = (
        f"Rewrite this CV {kind} to be clear and strong: an action verb first, {tense} tense, "
        "no filler, active voice. Keep every fact as it is; add none. List what you changed "
        "in `changes` and what the person could add themselves in `tips`. A finished "
        "achievement that already opens in the past tense stays past even in a current role; "
        "never drop a word that carries meaning. If it is already good, return it unchanged."
    )
    payload = {"text": _clip(text), "context": about, "PROFILE": profile_for_prompt(facts)}
    return messages(RewriteAnswer, task, payload, redaction=redaction)


def skills(role: str, *, limit: int, facts: ProfileFacts, redaction: Redaction) -> Any:
    task = (
        f"List up to {limit} skills (tools, methods, abilities) most asked for in '{role}' job "
        "adverts, most important first, each with its category and a one-line reason."
    )
    held = sorted({s for item in facts.section("skills") for s in item.skills})
    payload = {"role": role, "skills_already_held": held}
    return messages(SkillsAnswer, task, payload, redaction=redaction)


def requirements(job: JobPosting, *, redaction: Redaction) -> Any:
    task = (
        "Extract every requirement of this job advert: skills and tools (kind `skill`, one "
        "per item, canonical names such as 'JavaScript' or 'Kubernetes'), degrees (kind "
        "`qualification` with `degree` bachelor|master|phd|degree and `field`), years of "
        "experience (kind `experience` with `years` and `field`), spoken languages (kind "
        "`language`), soft skills such as mentoring, leadership or communication (kind `soft`) "
        "and the seniority of the role (kind `seniority`: Junior, Senior, Lead, Staff…). "
        "Alternatives such as 'Go or Python' are ONE requirement named 'Go or Python' with "
        "`alternatives` ['Go', 'Python'] (any one satisfies it). Do not repeat the field of a "
        "years requirement as a separate skill. Mark nice-to-have ones `preferred`; quote the "
        "advert's words in `source`."
    )
    payload = {"advert": job.text()[:12_000]}
    return messages(RequirementsAnswer, task, payload, redaction=redaction)


_SUMMARY_SHAPES = (
    "",
    " This is another attempt: open with the highlight (a result), then the role and skills.",
    " This is another attempt: open with the skills, then the experience behind them, and "
    "pick a different highlight than the most obvious one.",
)


def summary(facts: ProfileFacts, *, tone: Tone, redaction: Redaction, variant: int = 0) -> Any:
    task = (
        f"Write a 2–4 sentence CV summary in a {tone} tone from PROFILE only: years of "
        "experience, roles, top skills with where they were used, one real highlight. Name a "
        "skill together with an organisation only where PROFILE shows it used there."
        + _SUMMARY_SHAPES[variant % len(_SUMMARY_SHAPES)]
    )
    payload = {"PROFILE": profile_for_prompt(facts.on_cv())}
    return messages(SummaryAnswer, task, payload, redaction=redaction)


class ResumeJob(BaseModel):
    title: str
    company: str
    location: str | None = None
    start: str | None = Field(default=None, description="As written in the CV")
    end: str | None = Field(default=None, description="As written; 'Present' for a current job")
    bullets: list[str] = []


class ResumeSchool(BaseModel):
    institution: str
    degree: str | None = None
    area: str | None = None
    start: str | None = None
    end: str | None = None


class ResumeLanguage(BaseModel):
    language: str
    fluency: str | None = None


class ResumeAnswer(BaseModel):
    """A CV's text structured: every value copied from the text, nothing added."""

    name: str | None = None
    headline: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] = []
    summary: str | None = None
    experiences: list[ResumeJob] = []
    education: list[ResumeSchool] = []
    skills: list[str] = []
    languages: list[ResumeLanguage] = []


def resume(text: str, *, redaction: Redaction) -> Any:
    task = (
        "Structure this CV. Copy every value exactly as it is written in the text (same words, "
        "same date format); leave out what is not there; never add, translate or improve "
        "anything. One experience per job, its bullet points in order."
    )
    return messages(ResumeAnswer, task, {"cv": text[:30_000]}, redaction=redaction)


class LetterAnswer(BaseModel):
    greeting: str = ""
    paragraphs: list[str] = Field(min_length=1)
    closing: str = ""


def letter(
    job: JobPosting, facts: ProfileFacts, *, brief: LetterBrief, redaction: Redaction
) -> Any:
    task = (
        f"Write a cover letter in the language '{brief.language}' for this job advert, from "
        "PROFILE only: 3–5 short paragraphs, the strongest evidence for the advert's main "
        "requirements, each with the role and organisation where PROFILE shows it. Never "
        "claim a skill, employer, number or title PROFILE does not state. No address block, "
        "no signature: greeting, paragraphs and closing only."
    )
    payload = {
        "role": brief.role,
        "company": brief.company,
        "recipient": brief.recipient,
        "advert": job.text()[:8_000],
        "PROFILE": profile_for_prompt(facts),
    }
    return messages(LetterAnswer, task, payload, redaction=redaction)
