"""Cover letters: an offline draft, the letter's PDF, DOCX and Markdown, and "letter + CV"
(``python bench/letters.py``).

Runs against a throw-away SQLite database (or ``--database-url``) migrated with alembic: the
web developer of the AI tests applies to a job; prints the median of ``--runs`` runs of each
step. The draft is computed fresh each run (the AI answer cache is bypassed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_db import configure  # noqa: E402

ADVERT = """Web Developer at Fabrikam GmbH, Berlin
Requirements:
- 3+ years of experience with JavaScript and React
- TypeScript
- Node.js back ends
- Nice to have: MongoDB
"""


def _median_ms(step: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    configure(args.database_url, prefix="cvapp-bench-letters-")

    from sqlmodel import Session

    from cvapp import cache
    from cvapp.db import get_engine
    from cvapp.domain.applications import service as applications
    from cvapp.domain.exports import pdf
    from cvapp.domain.letters import drafting, render, service
    from cvapp.models import User
    from tests.fakes.ai_profile import build_web_developer

    pdf.warm_up()
    with Session(get_engine(), expire_on_commit=False) as session:
        dev = build_web_developer(session, plan="expert")
        user = session.get(User, dev.user_id)
        assert user is not None
        job = applications.create_application(
            session,
            user_id=user.id,
            data={"company": "Fabrikam GmbH", "role": "Web Developer", "job_text": ADVERT},
        )
        letter = service.create_letter(
            session,
            user_id=user.id,
            data={"title": "Fabrikam", "application_id": job.id, "cv_id": dev.cv_id},
        )
        session.commit()

        def draft() -> Any:
            cache.delete_matching(lambda key, _value: key.startswith("ai:letter:"))
            made = drafting.draft_letter(session, user=user, letter_id=letter.id)
            session.commit()
            return made

        draft_ms, made = _median_ms(draft, args.runs)
        timings = {"offline draft (analysis + letter + check)": draft_ms}
        for fmt in ("pdf", "docx", "md"):
            timings[f"export {fmt}"], _ = _median_ms(
                lambda fmt=fmt: render.export_letter(
                    session, user_id=user.id, letter_id=letter.id, fmt=fmt
                ),
                args.runs,
            )
        timings["letter + CV (one PDF)"], bundle = _median_ms(
            lambda: render.export_bundle(session, user_id=user.id, letter_id=letter.id), args.runs
        )

    print(f"Cover letter: {len(made.letter.body)} characters, {len(made.evidence)} quotes, "
          f"{len(made.warnings)} warnings; letter + CV {bundle.pages} pages")  # fmt: skip
    print(f"  database: {get_engine().dialect.name}, median of {args.runs} runs")
    for name, value in timings.items():
        print(f"  {name:<44}{value:8.1f} ms")


if __name__ == "__main__":
    main()
