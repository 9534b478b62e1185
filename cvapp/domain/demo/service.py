"""The demo account that ``make run`` seeds: a realistic master profile to explore."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from cvapp.domain.account.consent import accept_privacy_policy
from cvapp.domain.auth.legal import current_privacy_policy
from cvapp.domain.auth.passwords import hash_password
from cvapp.domain.cvs.service import create_cv
from cvapp.domain.demo.account import DEMO_EMAIL  # noqa: E402 - re-exported
from cvapp.domain.events import publish
from cvapp.models import (
    Achievement,
    Certification,
    Education,
    Experience,
    ExperienceSkill,
    Language,
    Profile,
    Project,
    ProjectExperience,
    ProjectSkill,
    Skill,
    User,
)
from cvapp.models.base import utcnow

EXPERIENCES: list[dict[str, Any]] = [
    {
        "company": "Fjordline Payments",
        "title": "Staff Backend Engineer",
        "location": "Oslo, Norway",
        "employment_type": "full_time",
        "start_date": "2021-03",
        "end_date": None,
        "responsibilities": [
            "Led the migration of the settlement platform from a monolith to 6 services",
            "Cut p95 latency of the payments API from 850 ms to 120 ms",
            "Mentored 5 engineers; introduced design reviews and on-call runbooks",
        ],
        "skills": ["Python", "PostgreSQL", "Kubernetes", "Kafka"],
    },
    {
        "company": "Brightwater Analytics",
        "title": "Senior Software Engineer",
        "location": "Berlin, Germany",
        "employment_type": "full_time",
        "start_date": "2017-06",
        "end_date": "2021-02",
        "responsibilities": [
            "Built the ingestion pipeline processing 2 billion events per day",
            "Designed the multi-tenant data model used by 300 enterprise customers",
        ],
        "skills": ["Python", "Go", "PostgreSQL", "AWS"],
    },
    {
        "company": "Nordic Consulting Group",
        "title": "Software Engineer",
        "location": "Stockholm, Sweden",
        "employment_type": "full_time",
        "start_date": "2014-09",
        "end_date": "2017-05",
        "responsibilities": [
            "Delivered 4 client projects in banking and retail as part of 6-person teams",
            "Automated release pipelines, taking deployments from weekly to daily",
        ],
        "skills": ["Java", "Python", "Docker"],
    },
]

SKILLS = [
    ("Python", "Languages", 5, 11.0),
    ("Go", "Languages", 3, 3.0),
    ("Java", "Languages", 3, 3.0),
    ("PostgreSQL", "Databases", 5, 10.0),
    ("Kafka", "Data", 4, 4.0),
    ("Kubernetes", "Infrastructure", 4, 5.0),
    ("Docker", "Infrastructure", 4, 8.0),
    ("AWS", "Cloud", 4, 6.0),
]


def _demo_password(data_dir: Path) -> str:
    path = data_dir / "demo_password"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password)
    path.chmod(0o600)
    return password


def ensure_demo_account(session: Session, *, data_dir: Path) -> str:
    """Create the demo user with a full profile unless it exists; returns its password."""
    password = _demo_password(data_dir)
    if session.exec(select(User).where(User.email == DEMO_EMAIL)).first() is not None:
        return password
    user = User(
        email=DEMO_EMAIL,
        full_name="Alex Morgan",
        password_hash=hash_password(password),
        email_verified=True,
        email_verified_at=utcnow(),
    )
    session.add(user)
    session.flush()
    # The demo person has read the policy in force: the first login opens the dashboard, not
    # the "policy has changed" prompt (which is for real accounts when the policy changes).
    accept_privacy_policy(session, user=user, version=current_privacy_policy().version)
    profile = Profile(
        user_id=user.id,
        full_name="Alex Morgan",
        headline="Staff Backend Engineer — payments and data platforms",
        summary=(
            "Backend engineer with 11 years of experience building payment and data "
            "platforms in Python and Go, from first prototype to millions of daily users."
        ),
        email=DEMO_EMAIL,
        location={"city": "Oslo", "country_code": "NO"},
        links=[{"network": "GitHub", "username": "alexmorgan", "url": "https://github.com/"}],
        slug="alex-morgan-demo",
        visibility="PUBLIC",
    )
    session.add(profile)
    session.flush()
    skills: dict[str, Skill] = {}
    for order, (name, category, level, years) in enumerate(SKILLS):
        skill = Skill(
            profile_id=profile.id,
            name=name,
            name_normalized=name.casefold(),
            category=category,
            level=level,
            years=years,
            last_used="2026",
            sort_order=order,
        )
        session.add(skill)
        skills[name] = skill
    session.flush()
    experiences = []
    for order, data in enumerate(EXPERIENCES):
        fields = {k: v for k, v in data.items() if k != "skills"}
        experience = Experience(profile_id=profile.id, sort_order=order, **fields)
        session.add(experience)
        session.flush()
        experiences.append(experience)
        for name in data["skills"]:
            session.add(ExperienceSkill(experience_id=experience.id, skill_id=skills[name].id))
    project = Project(
        profile_id=profile.id,
        name="Core banking reconciliation",
        description="Rebuilt the nightly reconciliation of Northwind Bank's ledgers.",
        role="Lead developer",
        start_date="2015-04",
        end_date="2016-08",
        highlights=["Reconciliation time went from 6 hours to 25 minutes at Northwind Bank"],
        client_name="Northwind Bank",
        client_alias="a Tier-1 Nordic bank",
        anonymize=True,
        sensitive_terms=["Northwind"],
    )
    session.add(project)
    session.flush()
    session.add(ProjectExperience(project_id=project.id, experience_id=experiences[2].id))
    session.add(ProjectSkill(project_id=project.id, skill_id=skills["Java"].id))
    session.add(
        Education(
            profile_id=profile.id,
            institution="KTH Royal Institute of Technology",
            area="Computer Science",
            study_type="MSc",
            start_date="2012",
            end_date="2014",
        )
    )
    session.add(Certification(profile_id=profile.id, name="CKA", issuer="CNCF", date="2022-05"))
    session.add(Language(profile_id=profile.id, language="English", fluency="Fluent"))
    session.add(Language(profile_id=profile.id, language="Norwegian", fluency="Professional"))
    session.add(
        Achievement(profile_id=profile.id, title="Engineering Excellence Award", date="2023")
    )
    session.flush()
    publish(session, "profile.changed", user_id=user.id, profile_id=profile.id)
    create_cv(session, user_id=user.id, data={"target_role": "Staff Backend Engineer"})
    create_cv(
        session,
        user_id=user.id,
        data={"target_role": "Engineering Manager", "template": "modern", "one_page": True},
    )
    return password
