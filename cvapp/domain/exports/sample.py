"""A made-up CV to draw template thumbnails and to benchmark renders (no real person)."""

from __future__ import annotations

from typing import Any

from cvapp.domain.exports.catalog import get_template
from cvapp.domain.exports.portrait import SAMPLE_PHOTO
from cvapp.domain.exports.resolve import ResolvedCv, ResolvedSection

_COMPANIES = (
    "Northwind Labs",
    "Bluefin Systems",
    "Kestrel Data",
    "Orchard Health",
    "Lumen Freight",
    "Tidewater Bank",
    "Copperleaf Retail",
    "Harbor Analytics",
)
_BULLETS = (
    "Designed and shipped the event ingestion service handling 40k messages per second",
    "Cut infrastructure costs by 35% by consolidating clusters and right-sizing databases",
    "Led a team of 6 engineers through a zero-downtime migration to PostgreSQL 15",
    "Introduced contract tests and trunk-based delivery, releasing 20 times a day",
    "Mentored junior engineers and ran the hiring loop for the platform group",
    "Built observability dashboards and SLOs that halved the mean time to recovery",
)


def _experience(index: int, bullets: int) -> dict[str, Any]:
    end_year = 2025 - 2 * index
    return {
        "id": f"exp{index}",
        "title": ("Staff Engineer", "Senior Engineer", "Software Engineer")[min(index, 2)],
        "company": _COMPANIES[index % len(_COMPANIES)],
        "location": ("Berlin", "Lisbon", "Oslo", "Remote")[index % 4],
        "start_date": f"{end_year - 2}-03",
        "end_date": None if index == 0 else f"{end_year}-02",
        "description": "Platform team owning the data pipeline and its public API.",
        "responsibilities": [_BULLETS[(index + j) % len(_BULLETS)] for j in range(bullets)],
        "skills": [{"name": "Python"}, {"name": "PostgreSQL"}, {"name": "Kafka"}],
    }


def sample_cv(*, template: str = "classic", roles: int = 3, bullets: int = 4) -> ResolvedCv:
    """A plausible CV with ``roles`` experiences of ``bullets`` bullets each, on the
    template's own paper, with a made-up photo."""
    skills = [
        {"id": f"s{i}", "name": name, "category": category}
        for i, (name, category) in enumerate(
            [("Python", "Languages"), ("Go", "Languages"), ("SQL", "Languages"),
             ("PostgreSQL", "Data"), ("Kafka", "Data"), ("Kubernetes", "Infrastructure"),
             ("Terraform", "Infrastructure")]
        )
    ]  # fmt: skip
    sections = [
        ResolvedSection(
            key="summary",
            items=[
                {
                    "text": "Backend engineer with a decade of data platforms, APIs and "
                    "teams that ship calmly. Happiest where reliability meets product."
                }
            ],
        ),  # fmt: skip
        ResolvedSection(key="experiences", items=[_experience(i, bullets) for i in range(roles)]),
        ResolvedSection(key="skills", items=skills),
        ResolvedSection(
            key="education",
            items=[
                {
                    "id": "ed1",
                    "institution": "Technical University",
                    "study_type": "MSc",
                    "area": "Computer Science",
                    "start_date": "2010",
                    "end_date": "2012",
                }
            ],
        ),  # fmt: skip
        ResolvedSection(
            key="publications",
            items=[
                {
                    "id": "pub1",
                    "name": "Backpressure in streaming pipelines",
                    "publisher": "Systems Journal",
                    "release_date": "2019-05",
                }
            ],
        ),  # fmt: skip
        ResolvedSection(
            key="languages",
            items=[
                {"id": "l1", "language": "English", "fluency": "Native"},
                {"id": "l2", "language": "German", "fluency": "C1"},
            ],
        ),  # fmt: skip
    ]
    basics = {
        "full_name": "Alex Sample",
        "headline": "Staff Backend Engineer",
        "contact": {"email": "alex@example.com", "phone": "+49 30 1234567"},
        "location": {"city": "Berlin", "country_code": "DE"},
        "links": [{"network": "GitHub", "url": "https://github.com/example"}],
        "website": "https://example.com",
    }
    return ResolvedCv(
        name="Sample",
        template=template,
        page_size=get_template(template).page_size,
        basics=basics,
        sections=sections,
        photo_key=SAMPLE_PHOTO,
    )
