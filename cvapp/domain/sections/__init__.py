"""Profile sections: one owner-checked service per section, all built on ``service.py``.

A UI or an adapter calls e.g. ``experiences.service.create(session, user_id=…, data={…})``;
``SECTIONS`` lists every section service by its key (the URL segment).
"""

from __future__ import annotations

from typing import Any

from cvapp.domain.sections import (
    achievements,
    certifications,
    education,
    experiences,
    languages,
    projects,
    publications,
    skills,
    volunteering,
)
from cvapp.domain.sections.service import SectionService

SECTIONS: dict[str, SectionService[Any, Any, Any]] = {
    module.service.key: module.service
    for module in (
        experiences,
        projects,
        skills,
        education,
        certifications,
        achievements,
        languages,
        publications,
        volunteering,
    )
}

__all__ = [
    "SECTIONS",
    "achievements",
    "certifications",
    "education",
    "experiences",
    "languages",
    "projects",
    "publications",
    "skills",
    "volunteering",
]
