"""What the editor shows of each profile section: its form fields and its list cards.

One :class:`SectionSpec` per section key of ``cvapp.domain.sections.SECTIONS``; the states
build drafts and request bodies from it, the components render forms and cards from it.
The rules (required fields, lengths, date order) stay in the domain schemas.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Literal

from cvapp.state.profile.dates import label, period

Kind = Literal["text", "url", "textarea", "number", "level", "tags", "month", "range"]
View = dict[str, Any]

LEVELS = ("Basic", "Working", "Good", "Advanced", "Expert")
"""Skill levels 1 to 5, as the picker names them."""


@dataclasses.dataclass
class ItemCard:
    """One item as its section's list shows it."""

    id: str = ""
    title: str = ""
    subtitle: str = ""
    period: str = ""
    text: str = ""
    bullets: list[str] = dataclasses.field(default_factory=list)
    tags: list[str] = dataclasses.field(default_factory=list)
    note: str = ""
    badge: str = ""


@dataclasses.dataclass
class Option:
    """An item another section's picker can link to."""

    id: str = ""
    label: str = ""


@dataclasses.dataclass(frozen=True)
class FormField:
    """A field of an item form. ``range`` is a start date with its ``end`` date."""

    name: str
    label: str
    kind: Kind = "text"
    required: bool = False
    hint: str = ""
    placeholder: str = ""
    end: str = ""
    end_label: str = ""
    present: bool = False
    wide: bool = False


@dataclasses.dataclass(frozen=True)
class LinkField:
    """Ids of items of the ``source`` section (``skill_ids`` → skills)."""

    name: str
    label: str
    source: str
    hint: str = ""


@dataclasses.dataclass(frozen=True)
class SectionSpec:
    key: str
    singular: str
    plural: str
    icon: str
    intro: str
    empty: str
    fields: tuple[FormField, ...]
    card: Callable[[View], ItemCard]
    bullets: FormField | None = None
    links: tuple[LinkField, ...] = ()
    anonymization: bool = False

    @property
    def field_names(self) -> tuple[str, ...]:
        """Every request field the form edits (where inline errors can appear)."""
        names = [name for f in self.fields for name in (f.name, f.end) if name]
        names += [self.bullets.name] if self.bullets else []
        names += [link.name for link in self.links]
        if self.anonymization:
            names += ["client_name", "client_alias", "anonymize", "sensitive_terms"]
        return tuple(names)


def _short(text: str | None, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _joined(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(part for part in parts if part)


def _names(refs: list[View], key: str = "name") -> str:
    return ", ".join(str(ref[key]) for ref in refs)


def _period(v: View) -> str:
    """The item's start and end, "Present" when it has begun and not ended."""
    return period(v.get("start_date"), v.get("end_date"))


def _experience_card(v: View) -> ItemCard:
    projects = _names(v["projects"])
    return ItemCard(
        id=v["id"],
        title=v["title"],
        subtitle=_joined(v["company"], v.get("location"), v.get("employment_type")),
        period=_period(v),
        text=_short(v.get("description")),
        bullets=list(v["responsibilities"]),
        tags=[skill["name"] for skill in v["skills"]],
        note=f"Projects: {projects}" if projects else "",
    )


def _project_card(v: View) -> ItemCard:
    client = v.get("client_name")
    if client and v.get("anonymize"):
        client = f"{client}, shown as “{v.get('client_alias') or 'a confidential client'}”"
    experiences = ", ".join(f"{e['title']} at {e['company']}" for e in v["experiences"])
    return ItemCard(
        id=v["id"],
        title=v["name"],
        subtitle=_joined(v.get("role"), f"Client: {client}" if client else None),
        period=_period(v),
        text=_short(v.get("description")),
        bullets=list(v["highlights"]),
        tags=[skill["name"] for skill in v["skills"]],
        note=f"Part of: {experiences}" if experiences else "",
        badge="Anonymized" if v.get("anonymize") else "",
    )


def _skill_card(v: View) -> ItemCard:
    level = v.get("level")
    years = v.get("years")
    evidence = v["evidence"]
    used = [f"{e['title']} at {e['company']}" for e in evidence["experiences"]]
    used += [p["name"] for p in evidence["projects"]]
    return ItemCard(
        id=v["id"],
        title=v["name"],
        subtitle=_joined(
            v.get("category"),
            LEVELS[level - 1] if level else None,
            f"{years:g} year{'s' if years != 1 else ''}" if years is not None else None,
            f"last used {label(v.get('last_used'))}" if v.get("last_used") else None,
        ),
        tags=list(v["keywords"]),
        note=f"Used in: {', '.join(used)}"
        if used
        else "Not linked to an experience or project yet",
    )


def _education_card(v: View) -> ItemCard:
    return ItemCard(
        id=v["id"],
        title=_joined(v.get("study_type"), v.get("area"), sep=", ") or v["institution"],
        subtitle=_joined(
            v["institution"] if v.get("study_type") or v.get("area") else None,
            v.get("location"),
            v.get("score"),
        ),
        period=_period(v),
        tags=list(v["courses"]),
    )


def _certification_card(v: View) -> ItemCard:
    expires = label(v.get("expires_date"))
    return ItemCard(
        id=v["id"],
        title=v["name"],
        subtitle=_joined(v.get("issuer"), v.get("credential_id")),
        period=_joined(label(v.get("date")), f"expires {expires}" if expires else None),
    )


def _achievement_card(v: View) -> ItemCard:
    return ItemCard(
        id=v["id"],
        title=v["title"],
        subtitle=v.get("awarder") or "",
        period=label(v.get("date")),
        text=_short(v.get("summary")),
    )


def _language_card(v: View) -> ItemCard:
    return ItemCard(id=v["id"], title=v["language"], subtitle=v.get("fluency") or "")


def _publication_card(v: View) -> ItemCard:
    return ItemCard(
        id=v["id"],
        title=v["name"],
        subtitle=v.get("publisher") or "",
        period=label(v.get("release_date")),
        text=_short(v.get("summary")),
    )


def _volunteering_card(v: View) -> ItemCard:
    return ItemCard(
        id=v["id"],
        title=v.get("position") or v["organization"],
        subtitle=v["organization"] if v.get("position") else "",
        period=_period(v),
        text=_short(v.get("summary")),
        bullets=list(v["highlights"]),
    )


def _dates(*, required: bool = False) -> FormField:
    """The start and end pickers, side by side; no end means the item is current."""
    return FormField(
        "start_date",
        "Start",
        "range",
        required=required,
        end="end_date",
        end_label="End",
        present=True,
        wide=True,
    )


def _url(label: str = "Website", *, wide: bool = False) -> FormField:
    return FormField("url", label, "url", placeholder="https://", wide=wide)


def _textarea(name: str, label: str) -> FormField:
    return FormField(name, label, "textarea", wide=True)


def _tags(name: str, label: str) -> FormField:
    return FormField(name, label, "tags", hint="Separate with commas.", wide=True)


_SKILLS = LinkField("skill_ids", "Skills used", "skills", "Pick skills, or type a new one.")

SPECS: tuple[SectionSpec, ...] = (
    SectionSpec(
        key="experiences",
        singular="experience",
        plural="Experience",
        icon="briefcase",
        intro="The positions you held, newest first, with what you did in each.",
        empty="No experience yet. Add your current or latest position to start.",
        fields=(
            FormField("title", "Job title", required=True, placeholder="Senior data engineer"),
            FormField("company", "Company", required=True),
            FormField("location", "Location", placeholder="Paris, remote…"),
            FormField("employment_type", "Type", placeholder="Full-time, freelance…"),
            _dates(required=True),
            _textarea("description", "About the role"),
            _url("Company website", wide=True),
        ),
        bullets=FormField(
            "responsibilities",
            "Responsibilities and achievements",
            hint="One bullet per line of your CV; start with a verb and add numbers.",
            placeholder="Cut report generation time from 4 hours to 10 minutes",
        ),
        links=(_SKILLS, LinkField("project_ids", "Projects in this role", "projects")),
        card=_experience_card,
    ),
    SectionSpec(
        key="projects",
        singular="project",
        plural="Projects",
        icon="folder-kanban",
        intro="Projects you led or took part in; hide a client's name when it is confidential.",
        empty="No projects yet. Add one and link it to the experience it belongs to.",
        fields=(
            FormField("name", "Project name", required=True),
            FormField("role", "Your role", placeholder="Tech lead"),
            FormField("entity", "Organisation", placeholder="Who it was for or with"),
            _dates(),
            _textarea("description", "Description"),
            _tags("keywords", "Keywords"),
            _url("Project link", wide=True),
        ),
        bullets=FormField(
            "highlights",
            "Highlights",
            hint="What the project achieved, one bullet each.",
            placeholder="Migrated 40 services to Kubernetes without downtime",
        ),
        links=(LinkField("experience_ids", "Experiences", "experiences"), _SKILLS),
        anonymization=True,
        card=_project_card,
    ),
    SectionSpec(
        key="skills",
        singular="skill",
        plural="Skills",
        icon="sparkles",
        intro="What you are good at; link skills to experiences and projects as evidence.",
        empty="No skills yet. Add the five you would want a recruiter to see first.",
        fields=(
            FormField("name", "Skill", required=True, placeholder="Python"),
            FormField("category", "Category", placeholder="Languages, cloud, leadership…"),
            FormField("level", "Level", "level"),
            FormField("years", "Years of practice", "number", placeholder="3"),
            FormField("last_used", "Last used", "month"),
            _tags("keywords", "Keywords"),
        ),
        card=_skill_card,
    ),
    SectionSpec(
        key="education",
        singular="education",
        plural="Education",
        icon="graduation-cap",
        intro="Degrees, schools and training.",
        empty="No education yet. Add your highest degree or latest training.",
        fields=(
            FormField("institution", "School or university", required=True),
            FormField("study_type", "Degree", placeholder="Master's degree"),
            FormField("area", "Field of study", placeholder="Computer science"),
            FormField("location", "Location"),
            _dates(),
            FormField("score", "Grade", placeholder="Distinction"),
            _url(),
            _tags("courses", "Courses"),
        ),
        card=_education_card,
    ),
    SectionSpec(
        key="certifications",
        singular="certification",
        plural="Certifications",
        icon="badge-check",
        intro="Certificates and licences, with where to check them.",
        empty="No certifications yet. Add one if you hold any.",
        fields=(
            FormField("name", "Certification", required=True),
            FormField("issuer", "Issued by"),
            FormField("date", "Obtained", "month"),
            FormField("expires_date", "Expires", "month"),
            FormField("credential_id", "Credential ID"),
            _url("Verification link"),
        ),
        card=_certification_card,
    ),
    SectionSpec(
        key="achievements",
        singular="achievement",
        plural="Achievements",
        icon="trophy",
        intro="Awards, prizes and distinctions.",
        empty="No achievements yet. Add an award or a distinction you are proud of.",
        fields=(
            FormField("title", "Title", required=True),
            FormField("awarder", "Awarded by"),
            FormField("date", "Date", "month"),
            _textarea("summary", "Summary"),
        ),
        card=_achievement_card,
    ),
    SectionSpec(
        key="languages",
        singular="language",
        plural="Languages",
        icon="languages",
        intro="The languages you speak and how well.",
        empty="No languages yet. Add your native language and any others.",
        fields=(
            FormField("language", "Language", required=True, placeholder="English"),
            FormField("fluency", "Fluency", placeholder="Native, C1, professional…"),
        ),
        card=_language_card,
    ),
    SectionSpec(
        key="publications",
        singular="publication",
        plural="Publications",
        icon="book-open",
        intro="Articles, papers, books and talks.",
        empty="No publications yet. Add an article, a paper or a talk.",
        fields=(
            FormField("name", "Title", required=True),
            FormField("publisher", "Publisher"),
            FormField("release_date", "Published", "month"),
            _url("Link"),
            _textarea("summary", "Summary"),
        ),
        card=_publication_card,
    ),
    SectionSpec(
        key="volunteering",
        singular="volunteering role",
        plural="Volunteering",
        icon="heart-handshake",
        intro="Unpaid work and causes you give time to.",
        empty="No volunteering yet. Add a cause you gave your time to.",
        fields=(
            FormField("organization", "Organisation", required=True),
            FormField("position", "Role"),
            _dates(),
            _textarea("summary", "Summary"),
            _url(),
        ),
        bullets=FormField("highlights", "Highlights", hint="What you did, one bullet each."),
        card=_volunteering_card,
    ),
)

BY_KEY: dict[str, SectionSpec] = {spec.key: spec for spec in SPECS}
