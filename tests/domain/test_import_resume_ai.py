"""AI-assisted CV reading (issue #18 point 3) against a local OpenAI-compatible server: the
model's fields are kept only where the file has them; any failure falls back to offline."""

from __future__ import annotations

from typing import Any

from cvapp.domain.imports.resume import reader
from tests.fakes.openai_server import FakeOpenAI, answer, failure, openai_server, raw

__all__ = ["openai_server"]  # the fixture, used by name below

TEXT = """Mira Okafor
Product Designer · mira@example.com

Experience
Design Lead at Spotify	Jun 2020 – Present
- Led the redesign of the playlist editor
- Ran weekly design critiques

Education
BA Interaction Design, Royal College of Art	2014 – 2017
"""
MODEL = {
    "name": "Mira Okafor",
    "headline": "Product Designer",
    "email": "mira@example.com",
    "experiences": [
        {
            "title": "Design Lead",
            "company": "Spotify",
            "start": "Jun 2020",
            "end": "Present",
            "bullets": [
                "Led the redesign of the playlist editor",
                "Ran weekly design critiques",
                "Grew the team from 3 to 12 designers",  # not in the file: invented
            ],
        },
        {"title": "Designer", "company": "Google", "start": "2012", "end": "2014"},
    ],
    "education": [
        {"institution": "Royal College of Art", "degree": "BA", "area": "Interaction Design",
         "start": "2014", "end": "2017"}
    ],
    "skills": ["Figma", "Prototyping"],
}  # fmt: skip


def _items(draft: Any, section: str) -> list[dict[str, Any]]:
    return [item.data for item in draft.items if item.section == section]


def test_the_models_fields_are_checked_against_the_file(openai_server: FakeOpenAI) -> None:
    openai_server.script(answer(MODEL))
    draft = reader.read(TEXT.encode())
    (job,) = _items(draft, "experiences")  # the Google job is not in the file: left out
    assert (job["title"], job["company"], job["start_date"]) == (
        "Design Lead",
        "Spotify",
        "2020-06",
    )
    assert "end_date" not in job
    assert job["responsibilities"] == [
        "Led the redesign of the playlist editor", "Ran weekly design critiques"
    ]  # fmt: skip
    assert _items(draft, "education")[0]["institution"] == "Royal College of Art"
    assert _items(draft, "skills") == []  # Figma is nowhere in the file
    dropped = " ".join(w.message for w in draft.warnings if w.code == "not_in_file")
    assert "Grew the team" in dropped and "Google" in dropped and "Figma" in dropped
    (request,) = openai_server.requests
    assert "Royal College of Art" in request["body"]["messages"][1]["content"]


def test_a_failing_provider_falls_back_to_the_offline_reader(openai_server: FakeOpenAI) -> None:
    openai_server.script(failure(500))
    draft = reader.read(TEXT.encode())
    assert [j["company"] for j in _items(draft, "experiences")] == ["Spotify"]
    assert any(w.code == "read_offline" for w in draft.warnings)
    openai_server.script(raw("not json"), raw("still not json"))
    again = reader.read(TEXT.encode())
    assert [j["company"] for j in _items(again, "experiences")] == ["Spotify"]
