"""The AI assistant's evaluation set (``tests/fixtures/ai_eval``) through a provider: prints
precision/recall/F1 and accuracy per category, tense regressions and invented facts
(issue #23). ``python bench/ai_eval.py`` runs the offline rules; with ``CVAPP_AI_PROVIDER=openai``
and ``CVAPP_AI_BASE_URL`` / ``CVAPP_AI_API_KEY`` / ``CVAPP_AI_MODEL`` set it runs the same set
against that endpoint (real calls: not in CI). ``--parts bullets jobs`` runs a part only.

Targets: 0 tense regressions, 0 invented facts, requirement extraction F1 ≥ 0.9, match
classification accuracy ≥ 0.9. The rules were tuned on these same cases: the numbers are
not held-out results.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvapp.domain.ai.evaluation import dataset, runner  # noqa: E402
from cvapp.domain.ai.providers import get_provider  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", nargs="*", default=[], help="bullets jobs roles summaries")
    parser.add_argument("--quiet", action="store_true", help="numbers only, no failing cases")
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="the held-out set (tests/fixtures/ai_eval/holdout: 40 bullets, 10 adverts written "
        "after the rules were frozen) instead of the tuning set",
    )
    parser.add_argument(
        "--provider",
        choices=["auto", "offline", "openai"],
        default="auto",
        help="auto: the OpenAI-compatible endpoint when CVAPP_AI_BASE_URL or CVAPP_AI_API_KEY "
        "is set, else the offline rules",
    )
    args = parser.parse_args()
    configured = bool(os.environ.get("CVAPP_AI_BASE_URL") or os.environ.get("CVAPP_AI_API_KEY"))
    if args.provider == "openai" or (args.provider == "auto" and configured):
        os.environ["CVAPP_AI_PROVIDER"] = "openai"
    elif args.provider == "offline":
        os.environ["CVAPP_AI_PROVIDER"] = "offline"
    data = dataset.load(dataset.DEFAULT_DIR / "holdout" if args.holdout else None)
    provider = get_provider()
    parts = tuple(args.parts)
    if not parts and provider.name != "offline":
        # The roles part checks the bundled taxonomy's answers (a model may know any role).
        parts = ("bullets", "jobs", "summaries")
    started = time.perf_counter()
    report = runner.evaluate(provider, data, parts=parts)
    print(runner.format_report(report, details=not args.quiet))
    print(f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
