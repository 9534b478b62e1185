"""How complete a profile is (0–100) and what is missing, kept on the profile.

Recomputed by the ``profile.changed`` handler (``handlers.py``), inside the transaction of
the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from cvapp.models import Education, Experience, Profile, Project, Skill

MIN_SKILLS = 5


@dataclass(frozen=True)
class Facts:
    """What completeness is judged on, gathered in two queries."""

    has_full_name: bool
    has_headline: bool
    has_summary: bool
    has_email: bool
    has_location: bool
    has_photo: bool
    has_links: bool
    experiences: int
    experiences_without_bullets: int
    skills: int
    education: int
    projects: int


def score(facts: Facts) -> tuple[int, list[str]]:
    """The score and the missing items, heaviest first (weights sum to 100)."""
    checks: list[tuple[int, float, str]] = [
        (15, facts.has_summary, "Add a summary"),
        (15, facts.experiences > 0, "Add at least one experience"),
        (10, facts.has_headline, "Add a headline"),
        (10, min(facts.skills, MIN_SKILLS) / MIN_SKILLS, f"Add at least {MIN_SKILLS} skills"),
        (10, facts.education > 0, "Add your education"),
        (5, facts.has_full_name, "Add your full name"),
        (5, facts.has_email, "Add a contact email"),
        (5, facts.has_location, "Add your location"),
        (5, facts.has_photo, "Add a photo"),
        (5, facts.has_links, "Add a link (LinkedIn, GitHub, website…)"),
        (5, facts.projects > 0, "Add a project"),
    ]
    without = facts.experiences_without_bullets
    bullets_done = 1 - without / facts.experiences if facts.experiences else 0.0
    noun = "experience has" if without == 1 else "experiences have"
    bullets_hint = f"{without} {noun} no bullets" if without else "Add bullets to an experience"
    checks.insert(3, (10, bullets_done, bullets_hint))
    total = sum(weight * float(done) for weight, done, _ in checks)
    missing = [hint for _, done, hint in sorted(checks, key=lambda c: -c[0]) if float(done) < 1]
    return round(total), missing


def gather(session: Session, profile: Profile) -> Facts:
    """The facts about ``profile`` (one query for the counts, one for the bullets)."""

    def count(model: type[Education | Project | Skill]) -> object:
        return (
            select(func.count())
            .select_from(model)
            .where(model.profile_id == profile.id)
            .scalar_subquery()
        )

    skills, education, projects = session.exec(
        select(count(Skill), count(Education), count(Project))  # type: ignore[call-overload]
    ).one()
    bullets = session.exec(
        select(Experience.responsibilities).where(Experience.profile_id == profile.id)
    ).all()
    location = profile.location or {}
    return Facts(
        has_full_name=bool(profile.full_name),
        has_headline=bool(profile.headline),
        has_summary=bool(profile.summary),
        has_email=bool(profile.email),
        has_location=bool(location.get("city") or location.get("country_code")),
        has_photo=bool(profile.photo_key),
        has_links=bool(profile.links or profile.website),
        experiences=len(bullets),
        experiences_without_bullets=sum(1 for items in bullets if not items),
        skills=int(skills),
        education=int(education),
        projects=int(projects),
    )


def recompute(session: Session, *, profile: Profile) -> Profile:
    """Store the profile's current completeness and missing list."""
    session.flush()
    value, missing = score(gather(session, profile))
    if (profile.completeness, profile.completeness_missing) != (value, missing):
        profile.completeness, profile.completeness_missing = value, missing
        session.add(profile)
        session.flush()
    return profile
