"""Parse + preview time of a 15-year LinkedIn export (``python bench/import.py``).

Runs against a throw-away SQLite database (or ``--database-url``, e.g. a scratch PostgreSQL)
migrated with alembic; prints the median of ``--runs`` runs of each step:
check (what the upload request does), read (ZIP → draft), preview against an empty profile,
apply, and preview again once everything is in the profile (the worst case for matching).
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


def _median_ms(step: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    configure(args.database_url)

    from sqlmodel import Session

    from cvapp.db import get_engine
    from cvapp.domain.imports import applying, preview
    from cvapp.domain.imports.draft import Draft
    from cvapp.domain.imports.linkedin import export
    from cvapp.models import ImportBatch, User
    from tests.fixtures.linkedin.build import career_export

    data = career_export(args.years)
    check_ms, _ = _median_ms(lambda: export.inspect(data), args.runs)
    read_ms, draft = _median_ms(lambda: export.read(data), args.runs)
    counts: dict[str, int] = {}
    for item in draft.items:
        counts[item.section] = counts.get(item.section, 0) + 1

    with Session(get_engine(), expire_on_commit=False) as session:
        user = User(
            email=f"bench-{time.time_ns()}@example.org", full_name="Bench", password_hash="x"
        )
        session.add(user)
        session.commit()

        def previewed() -> dict[str, Any]:
            found = preview.entries(
                session, user_id=user.id, draft=Draft.from_dict(draft.to_dict())
            )
            return preview.build(found, draft)

        empty_ms, first = _median_ms(previewed, args.runs)
        batch = ImportBatch(
            user_id=user.id, source="linkedin", status="previewed", fingerprint="bench",
            preview={**first, "draft": draft.to_dict()},
        )  # fmt: skip
        session.add(batch)
        session.commit()
        started = time.perf_counter()
        summary = applying.apply(session, user_id=user.id, import_id=batch.id)
        session.commit()
        apply_ms = (time.perf_counter() - started) * 1000
        full_ms, again = _median_ms(previewed, args.runs)

    size = f"{len(data) / 1024:.0f} KiB ZIP"
    print(f"LinkedIn export, {args.years} years: {size}, {len(draft.items)} items")
    print(f"  sections: {', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}")
    print(f"  database: {get_engine().dialect.name}, median of {args.runs} runs")
    print(f"  check upload (request)          {check_ms:8.1f} ms")
    print(f"  read ZIP → draft                {read_ms:8.1f} ms")
    print(
        f"  preview vs empty profile        {empty_ms:8.1f} ms  ({len(first['creates'])} creates)"
    )
    print(f"  parse + preview (job total)     {read_ms + empty_ms:8.1f} ms")
    print(f"  apply (one run)                 {apply_ms:8.1f} ms  ({summary['created']} created)")
    print(
        f"  preview vs full profile         {full_ms:8.1f} ms  "
        f"({len(again['duplicates'])} duplicates, {len(again['creates'])} creates)"
    )


if __name__ == "__main__":
    main()
