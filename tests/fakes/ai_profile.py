"""A master profile built for the JSON Resume sample job (a web developer), and a CV of it."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlmodel import Session

from cvapp.domain.auth.tokens import create_access_token
from cvapp.models import (
    CvVersion,
    Education,
    Experience,
    ExperienceSkill,
    Language,
    Profile,
    Project,
    ProjectSkill,
    Skill,
    User,
)


@dataclass
class WebDeveloper:
    user_id: str
    profile_id: str
    cv_id: str
    northwind_id: str
    contoso_id: str
    recipes_id: str
    education_id: str
    skill_ids: dict[str, str]

    def headers(self, plan: str = "free") -> dict[str, str]:
        token = create_access_token(user_id=self.user_id, plan=plan)
        return {"Authorization": f"Bearer {token}"}


def create_user(session: Session, *, plan: str = "free") -> User:
    user = User(
        email=f"{os.urandom(4).hex()}@example.org",
        full_name="Ada Example",
        password_hash="x",
        plan=plan,
    )
    session.add(user)
    session.flush()
    return user


def _skill(session: Session, profile: Profile, name: str, order: int, **extra: object) -> Skill:
    skill = Skill(
        profile_id=profile.id, name=name, name_normalized=name.casefold(), sort_order=order, **extra
    )
    session.add(skill)
    return skill


def build_web_developer(session: Session, *, plan: str = "free") -> WebDeveloper:
    """Frontend work on the CV; the Node.js/MongoDB back-end work only in the master profile."""
    user = create_user(session, plan=plan)
    profile = Profile(
        user_id=user.id,
        full_name="Ada Example",
        headline="Web developer",
        summary="Web developer who builds fast, accessible web applications.",
        location={"city": "Berlin", "country_code": "DE"},
    )
    session.add(profile)
    session.flush()
    names = ["JavaScript", "React", "TypeScript", "HTML", "CSS", "PHP", "MySQL", "Node.js"]
    skills = {name: _skill(session, profile, name, i) for i, name in enumerate(names)}
    skills["JavaScript"].years = 7.0
    skills["MongoDB"] = _skill(session, profile, "MongoDB", len(names))
    northwind = Experience(
        profile_id=profile.id,
        company="Northwind Studio",
        title="Frontend Developer",
        location="Berlin, Germany",
        start_date="2021-04",
        end_date=None,
        responsibilities=[
            "Built React and TypeScript interfaces for 12 client web applications",
            "Cut page load time by 40% by code-splitting with Webpack",
        ],
    )
    contoso = Experience(
        profile_id=profile.id,
        company="Contoso Media",
        title="Junior Web Developer",
        start_date="2018-09",
        end_date="2021-03",
        responsibilities=[
            "Developed PHP and MySQL back ends for the newsroom",
            "Maintained Node.js services that sent 50,000 newsletters a week",
        ],
        sort_order=1,
    )
    recipes = Project(
        profile_id=profile.id,
        name="Recipe Finder",
        description="A side project: a REST API storing recipes in MongoDB",
        highlights=["Served 3,000 monthly users"],
        start_date="2020-01",
        end_date="2020-12",
    )
    education = Education(
        profile_id=profile.id,
        institution="TU Example",
        study_type="Bachelor",
        area="Computer Science",
        start_date="2014",
        end_date="2018",
    )
    language = Language(profile_id=profile.id, language="English", fluency="Fluent")
    session.add_all([northwind, contoso, recipes, education, language])
    session.flush()
    links = [(northwind, n) for n in ("JavaScript", "React", "TypeScript", "HTML", "CSS")]
    links += [(contoso, n) for n in ("PHP", "MySQL", "Node.js")]
    for experience, name in links:
        session.add(ExperienceSkill(experience_id=experience.id, skill_id=skills[name].id))
    for name in ("Node.js", "MongoDB"):
        session.add(ProjectSkill(project_id=recipes.id, skill_id=skills[name].id))
    hidden = {"id": None, "visible": False, "order": 0, "overrides": {}}
    cv = CvVersion(
        user_id=user.id,
        profile_id=profile.id,
        name="Frontend",
        target_role="Frontend Developer",
        sections=[{"key": "projects", "visible": False, "order": 3, "title": "Projects"}],
        items={
            "experiences": [{**hidden, "id": contoso.id}],
            "skills": [
                {**hidden, "id": skills[n].id} for n in ("PHP", "MySQL", "Node.js", "MongoDB")
            ],
        },
    )
    session.add(cv)
    session.commit()
    return WebDeveloper(
        user_id=user.id,
        profile_id=profile.id,
        cv_id=cv.id,
        northwind_id=northwind.id,
        contoso_id=contoso.id,
        recipes_id=recipes.id,
        education_id=education.id,
        skill_ids={name: skill.id for name, skill in skills.items()},
    )
