"""The bundled taxonomy: its data file, synonym normalisation and role lookup."""

from __future__ import annotations

import json

import pytest

from cvapp.domain.ai.taxonomy import DATA_FILE, closest_roles, find_role, load_taxonomy
from cvapp.domain.ai.vocabulary import canonical_skill, find_skills, normalise_key, same_skill


def test_data_file_has_over_100_roles_with_categories_synonyms_and_sources() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.roles) >= 100
    assert {source["name"].split(" ")[0] for source in taxonomy.sources} >= {"O*NET-SOC", "ESCO"}
    for role in taxonomy.roles:
        assert role.category in taxonomy.role_categories, role.name
        assert role.synonyms, role.name
        assert len(role.core) >= 5, role.name
        missing = [name for name in role.skills if name not in taxonomy.skills]
        assert missing == [], role.name
    for skill in taxonomy.skills.values():
        assert skill.category in taxonomy.skill_categories, skill.name


def test_no_form_names_two_skills() -> None:
    raw = json.loads(DATA_FILE.read_text())
    forms = [form.casefold() for s in raw["skills"] for form in [s["name"], *s["synonyms"]]]
    assert len(forms) == len(set(forms))
    assert set(raw["case_sensitive"]) <= {
        form for s in raw["skills"] for form in [s["name"], *s["synonyms"]]
    }


@pytest.mark.parametrize(
    ("term", "canonical"),
    [
        ("JS", "JavaScript"),
        ("js", "JavaScript"),
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("postgre sql", "PostgreSQL"),
        ("PostgresQL", "PostgreSQL"),
        ("ReactJS", "React"),
        ("node.js", "Node.js"),
        ("golang", "Go"),
        ("GCP", "Google Cloud"),
        ("c#", "C#"),
        ("Kubernets", "Kubernetes"),
        ("Terraform Cloud", "Terraform"),
    ],
)
def test_synonyms_and_spellings_normalise(term: str, canonical: str) -> None:
    assert canonical_skill(term) == canonical


def test_unknown_terms_stay_unknown() -> None:
    assert canonical_skill("Temporal") is None
    assert canonical_skill("") is None
    assert same_skill("Temporal.io", "temporal io")
    assert not same_skill("Java", "JavaScript")


def test_scanning_text_finds_whole_words_longest_first() -> None:
    text = "Go and k8s on Postgres; C++ and C# with Node.js, HTML/CSS, CI/CD. R&D, excel at Excel."
    found = [(m.canonical, m.surface) for m in find_skills(text)]
    assert found == [
        ("Go", "Go"),
        ("Kubernetes", "k8s"),
        ("PostgreSQL", "Postgres"),
        ("C++", "C++"),
        ("C#", "C#"),
        ("Node.js", "Node.js"),
        ("HTML", "HTML"),
        ("CSS", "CSS"),
        ("CI/CD", "CI/CD"),
        ("Excel", "Excel"),
    ]
    second = find_skills(text)[1]
    assert text[second.start : second.end] == "k8s"


def test_common_words_are_not_skills_unless_written_as_names() -> None:
    assert find_skills("we go to the market and excel at it; lean teams") == []
    assert [m.canonical for m in find_skills("Lean and Go")] == ["Lean", "Go"]


@pytest.mark.parametrize(
    ("query", "role"),
    [
        ("Backend Developer", "Backend Developer"),
        ("senior back-end engineer", "Backend Developer"),
        ("Sr. Front-end Dev", "Frontend Developer"),
        ("ML engineer", "Machine Learning Engineer"),
        ("k8s", None),
        ("data enginer", "Data Engineer"),
        ("Registered nurse", "Registered Nurse"),
        ("product mgr", "Product Manager"),
    ],
)
def test_roles_are_found_by_title_alternative_title_or_typo(query: str, role: str | None) -> None:
    found = find_role(query)
    assert (found.name if found else None) == role


def test_close_role_names_are_offered_for_unknown_roles() -> None:
    assert "Software Engineer" in closest_roles("softwre enginering")
    assert normalise_key("Node.js") == normalise_key("node js") == "nodejs"
