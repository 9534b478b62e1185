"""The master profile read into :mod:`~cvapp.domain.ai.facts`, table by table.

Read straight from the tables (simple selects), so the AI works whatever the state of the
profile services. An item is on a CV when its section is visible there (a section missing
from ``sections`` counts as visible) and it has no entry with ``visible: false``.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, col, select

from cvapp.domain.ai.facts import CvFacts, Item, ProfileFacts
from cvapp.domain.ai.vocabulary import canonical_skill, skill_key, skills_in
from cvapp.errors import NotFound
from cvapp.models import (
    Achievement,
    Certification,
    CvVersion,
    Education,
    Experience,
    Language,
    Profile,
    Project,
    Publication,
    Skill,
    User,
    Volunteering,
)


def strings(*values: object) -> tuple[str, ...]:
    """The non-blank strings among ``values`` (lists flattened), trimmed."""
    out: list[str] = []
    for value in values:
        if isinstance(value, str) and value.strip():
            out.append(value.strip())
        elif isinstance(value, list | tuple):
            out.extend(strings(*value))
    return tuple(out)


def _skills(names: list[str], texts: tuple[str, ...]) -> frozenset[str]:
    """Linked skill names plus the skills the item's own words mention, normalised."""
    return frozenset({skill_key(name) for name in names} | skills_in("\n".join(texts)))


def _experiences(session: Session, pid: str) -> list[Item]:
    query = select(Experience).where(Experience.profile_id == pid)
    items = []
    for e in session.exec(query.order_by(col(Experience.sort_order))):
        texts = strings(
            e.title, e.company, e.company_description, e.location, e.description, e.responsibilities
        )
        names = [s.name for s in e.skills]
        items.append(
            Item(
                section="experiences", id=e.id, label=f"{e.title} at {e.company}",
                texts=texts + strings(names), skills=_skills(names, texts),
                start=e.start_date, end=e.end_date, title=e.title, organisation=e.company,
            )
        )  # fmt: skip
    return items


def _projects(session: Session, pid: str) -> list[Item]:
    query = select(Project).where(Project.profile_id == pid)
    items = []
    for p in session.exec(query.order_by(col(Project.sort_order))):
        client = p.client_alias if p.anonymize else (p.client_name or p.client_alias)
        texts = strings(p.name, p.role, p.entity, client, p.description, p.highlights)
        names = [s.name for s in p.skills] + list(p.keywords or [])
        items.append(
            Item(
                section="projects", id=p.id, label=f"Project {p.name}",
                texts=texts + strings(names), skills=_skills(names, texts),
                start=p.start_date, end=p.end_date, title=p.role, organisation=client,
            )
        )  # fmt: skip
    return items


def _skill_rows(session: Session, pid: str) -> list[Item]:
    query = select(Skill).where(Skill.profile_id == pid)
    return [
        Item(
            section="skills",
            id=s.id,
            label=f"Skill {s.name}",
            texts=strings(s.name, s.category, s.keywords),
            skills=frozenset(skill_key(n) for n in [s.name, *(s.keywords or [])]),
            end=s.last_used,
            years=s.years,
            level=s.level,
        )  # fmt: skip
        for s in session.exec(query.order_by(col(Skill.sort_order)))
    ]


def _education(session: Session, pid: str) -> list[Item]:
    items = []
    for ed in session.exec(select(Education).where(Education.profile_id == pid)):
        texts = strings(ed.study_type, ed.area, ed.institution, ed.score, ed.courses)
        degree = " in ".join(strings(ed.study_type, ed.area)) or "Education"
        items.append(
            Item(
                section="education", id=ed.id, label=f"{degree}, {ed.institution}", texts=texts,
                skills=_skills([], texts), start=ed.start_date, end=ed.end_date, title=degree,
                organisation=ed.institution,
            )
        )  # fmt: skip
    return items


def _other_sections(session: Session, pid: str) -> list[Item]:
    items: list[Item] = []
    for c in session.exec(select(Certification).where(Certification.profile_id == pid)):
        own = canonical_skill(c.name)
        texts = strings(c.name, c.issuer)
        items.append(
            Item(
                section="certifications", id=c.id, label=f"Certification {c.name}", texts=texts,
                skills=_skills([own] if own else [], texts), start=c.date, end=c.expires_date,
                title=c.name, organisation=c.issuer,
            )
        )  # fmt: skip
    for a in session.exec(select(Achievement).where(Achievement.profile_id == pid)):
        texts = strings(a.title, a.awarder, a.summary)
        items.append(
            Item(
                section="achievements", id=a.id, label=a.title, texts=texts,
                skills=_skills([], texts), start=a.date, organisation=a.awarder,
            )
        )  # fmt: skip
    for lang in session.exec(select(Language).where(Language.profile_id == pid)):
        texts = strings(lang.language, lang.fluency)
        items.append(
            Item(section="languages", id=lang.id, label=lang.language, texts=texts,
                 skills=frozenset())
        )  # fmt: skip
    for pub in session.exec(select(Publication).where(Publication.profile_id == pid)):
        texts = strings(pub.name, pub.publisher, pub.summary)
        items.append(
            Item(
                section="publications", id=pub.id, label=pub.name, texts=texts,
                skills=_skills([], texts), start=pub.release_date, organisation=pub.publisher,
            )
        )  # fmt: skip
    for v in session.exec(select(Volunteering).where(Volunteering.profile_id == pid)):
        texts = strings(v.position, v.organization, v.summary, v.highlights)
        items.append(
            Item(
                section="volunteering", id=v.id, label=f"{v.position or 'Volunteer'} at "
                f"{v.organization}", texts=texts, skills=_skills([], texts), start=v.start_date,
                end=v.end_date, title=v.position, organisation=v.organization,
            )
        )  # fmt: skip
    return items


def profile_items(session: Session, profile_id: str) -> list[Item]:
    """Every item of the profile, sections in CV order, each in the user's order."""
    return [
        *_experiences(session, profile_id),
        *_projects(session, profile_id),
        *_skill_rows(session, profile_id),
        *_education(session, profile_id),
        *_other_sections(session, profile_id),
    ]


def private_terms(session: Session, profile_id: str) -> tuple[str, ...]:
    """Names the user asked to keep confidential (clients of anonymized projects)."""
    query = select(Project).where(Project.profile_id == profile_id, col(Project.anonymize))
    terms: list[str] = []
    for p in session.exec(query):
        terms.extend(strings(p.client_name, p.sensitive_terms))
    return tuple(dict.fromkeys(terms))


def _visibility(cv: CvVersion | None) -> tuple[set[str], dict[str, set[str]]]:
    if cv is None:
        return set(), {}
    hidden_sections = {s.get("key", "") for s in cv.sections or [] if s.get("visible") is False}
    hidden_items = {
        key: {str(e.get("id")) for e in entries or [] if e.get("visible") is False}
        for key, entries in (cv.items or {}).items()
    }
    return hidden_sections, hidden_items


def load_facts(session: Session, *, user: User, cv_id: str | None = None) -> ProfileFacts:
    """The user's facts; with ``cv_id`` each item also knows whether that CV shows it."""
    cv = None
    if cv_id is not None:
        cv = session.get(CvVersion, cv_id)
        if cv is None or cv.user_id != user.id:
            raise NotFound("CV not found")
    profile = session.exec(select(Profile).where(Profile.user_id == user.id)).first()
    if profile is None:
        return ProfileFacts(user_id=user.id, cv=_cv_facts(cv))
    hidden_sections, hidden_items = _visibility(cv)
    items = [
        replace(
            item,
            on_cv=item.section not in hidden_sections
            and item.id not in hidden_items.get(item.section, set()),
        )
        for item in profile_items(session, profile.id)
    ]
    places = strings(*(profile.location or {}).values())
    return ProfileFacts(
        user_id=user.id,
        headline=profile.headline,
        summary=profile.summary,
        places=places,
        items=tuple(items),
        private_terms=private_terms(session, profile.id),
        cv=_cv_facts(cv),
    )


def _cv_facts(cv: CvVersion | None) -> CvFacts | None:
    if cv is None:
        return None
    return CvFacts(cv.id, cv.name, cv.target_role, cv.summary_override)
