"""The AI evaluation set (tests/fixtures/ai_eval) meets its targets (issue #23): through the
offline rules, and through the OpenAI-compatible provider against the local fake server.

The rules were tuned on these same cases: these tests keep them from regressing, they are
not a held-out measure.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import pytest

from cvapp.domain.ai.evaluation import dataset, runner
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.providers import get_provider
from cvapp.domain.ai.providers.offline import OfflineProvider
from cvapp.domain.ai.requirements import extract_requirements
from cvapp.domain.ai.rewrite import rewrite
from cvapp.domain.ai.summary import compose_summary
from tests.fakes.openai_server import FakeOpenAI, Reply, answer, openai_server

__all__ = ["openai_server"]  # the fixture, used by name below

DATA = dataset.load()


def _assert_targets(report: runner.Report, *, parts: set[str]) -> None:
    if "bullets" in parts:
        assert [o.bullet.id for o in report.tense_regressions] == []
        assert [(o.bullet.id, o.invented) for o in report.invented_facts] == []
        assert [(o.bullet.id, o.dropped) for o in report.meaning_drops] == []
        assert report.change_detection.fp == 0  # an already good bullet is left alone
    if "jobs" in parts:
        assert report.extraction.total().f1 >= 0.9, report.extraction_misses
        assert report.match_accuracy >= 0.9, report.job_errors
        assert report.quotes.value >= 0.9
    if "roles" in parts:
        assert report.unrelated_roles == [] and report.roles.value >= 0.9
    if "summaries" in parts:
        assert report.summary_invented == [] and report.summary_misattributed == []
        assert report.variants_differ.value == 1.0


def test_the_set_is_as_large_and_varied_as_asked() -> None:
    assert len(DATA.bullets) >= 150 and len(DATA.jobs) >= 25
    assert {b.role for b in DATA.bullets} == {"ended", "current"}
    assert {"weak", "filler", "good", "achieved"} <= {b.kind for b in DATA.bullets}
    assert len({j.language for j in DATA.jobs}) >= 5
    assert {"list", "prose", "json", "oneline"} <= {j.style for j in DATA.jobs}
    kinds = {r.kind for j in DATA.jobs for r in j.requirements}
    assert {"skill", "years", "soft", "seniority", "language", "degree"} <= kinds
    assert any(len(r.alternatives) > 1 for j in DATA.jobs for r in j.requirements)
    assert any(r.importance == "preferred" for j in DATA.jobs for r in j.requirements)


def test_the_offline_rules_meet_the_targets() -> None:
    report = runner.evaluate(OfflineProvider(), DATA)
    _assert_targets(report, parts={"bullets", "jobs", "roles", "summaries"})


def test_the_evaluation_catches_a_wrong_tense_and_an_invented_fact() -> None:
    class Careless(OfflineProvider):
        def optimize_text(self, **kwargs: Any) -> Any:
            result = super().optimize_text(**kwargs)
            result.suggestion = re.sub(r"^Led\b", "Lead", result.suggestion) + " by 30%"
            return result

    led = next(b for b in DATA.bullets if b.text.startswith("Led ") and b.role == "ended")
    report = runner.evaluate(Careless(), replace(DATA, bullets=[led]), parts=("bullets",))
    assert [o.bullet.id for o in report.tense_regressions] == [led.id]
    assert report.invented_facts[0].invented == ["30"]


def _rules_model(body: dict[str, Any]) -> Reply:
    """A fake model that answers as the offline rules would, so what the OpenAI-compatible
    path adds (prompts, JSON, validation, canonical names, classification) is measured."""
    schema = body["response_format"]["json_schema"]["name"]
    task, _, payload = body["messages"][-1]["content"].partition("\n\n")
    data = json.loads(payload)
    if schema == "RewriteAnswer":
        tense = re.search(r"(past|present) tense", task)
        draft = rewrite(data["text"], tense=tense[1] if tense else "past")  # type: ignore[arg-type]
        return answer({"suggestion": draft.suggestion, "changes": draft.changes})
    if schema == "RequirementsAnswer":
        found = extract_requirements(parse_job(data["advert"]))
        return answer({"requirements": [r.model_dump() for r in found]})
    if schema == "SummaryAnswer":
        facts = next(f for f in DATA.profiles.values() if f.headline == data["PROFILE"]["headline"])
        tone = re.search(r"in a (\w+) tone", task)
        variant = (
            1 if "open with the highlight" in task else 2 if "open with the skills" in task else 0
        )
        chosen: Any = tone[1] if tone else "professional"
        text = compose_summary(facts, tone=chosen, today=DATA.today, variant=variant)
        return answer({"summary": text})
    raise AssertionError(f"unexpected request {schema}")


@pytest.mark.parametrize("parts", [("bullets",), ("jobs",), ("summaries",)])
def test_the_openai_path_runs_the_same_evaluation(
    openai_server: FakeOpenAI, parts: tuple[str, ...]
) -> None:
    openai_server.responder = _rules_model
    provider = get_provider()
    assert provider.name == "openai"
    report = runner.evaluate(provider, DATA, parts=parts)
    _assert_targets(report, parts=set(parts))
    offline = runner.evaluate(OfflineProvider(), DATA, parts=parts)
    assert runner.format_report(report).replace("openai", "offline") == runner.format_report(
        offline
    )
    expected = {"bullets": len(DATA.bullets), "jobs": len(DATA.jobs)}
    asked = expected.get(parts[0], len(DATA.profiles) * 4 * 2)  # summaries: 4 tones × 2 tries
    assert len(openai_server.requests) == asked
