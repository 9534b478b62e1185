"""A CV's and a master profile's version history after 1 000 edits each
(``python bench/history.py``).

Target (issue #22): the history page loads in ≤ 100 ms. Runs against a throw-away SQLite
database (or ``--database-url``, e.g. a scratch PostgreSQL) migrated with alembic; makes a
profile and one CV, saves ``--edits`` changes to it (each one a revision), then prints the
median of ``--runs`` reads of: the history list (what the History tab and
``GET /cvs/{id}/history`` do), one old revision compared with now, and the size kept.
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


def _median_ms(step: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    configure(args.database_url)

    from sqlalchemy import func
    from sqlmodel import Session, select

    from cvapp.db import get_engine
    from cvapp.domain.cvs import service as cvs
    from cvapp.domain.history import service as history
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import Revision, User

    engine = get_engine()
    with Session(engine) as session:
        user = User(email="bench@example.org", full_name="Ada Bench", password_hash="x")
        session.add(user)
        session.flush()
        profiles.update_profile(
            session, user_id=user.id, changes={"headline": "Engineer", "summary": "Builds."}
        )
        ids = [
            SECTIONS["experiences"]
            .create(
                session,
                user_id=user.id,
                data={
                    "company": f"Company {n}",
                    "title": "Engineer",
                    "start_date": f"{2000 + n}-01",
                    "responsibilities": [f"Shipped thing {n}.{b}" for b in range(4)],
                },
            )
            .id
            for n in range(8)
        ]
        cv = cvs.create_cv(session, user_id=user.id, data={"name": "Main"})
        session.commit()
        user_id, cv_id = user.id, cv.id

    started = time.perf_counter()
    templates = ("classic", "modern", "compact")
    for edit in range(args.edits):
        with Session(engine) as session:
            change: dict[str, Any]
            if edit % 3 == 0:
                change = {"template": templates[edit % 2]}
            elif edit % 3 == 1:
                hidden = ids[edit % len(ids)]
                change = {"items": {"experiences": [{"id": hidden, "visible": edit % 2 == 0}]}}
            else:
                change = {"summary_override": f"Summary, take {edit}."}
            cvs.update_cv(session, user_id=user_id, cv_id=cv_id, changes=change)
            session.commit()
    edit_seconds = time.perf_counter() - started

    with Session(engine) as session:
        kept = session.exec(
            select(func.count()).select_from(Revision).where(Revision.subject_id == cv_id)
        ).one()
        page_ms = _median_ms(
            lambda: history.history(session, user_id=user_id, cv_id=cv_id), args.runs
        )
        compare_ms = _median_ms(
            lambda: history.revision(session, user_id=user_id, cv_id=cv_id, number=2), args.runs
        )
        rows = session.exec(select(Revision).where(Revision.subject_id == cv_id)).all()
        size = sum(len(str(r.state)) + len(str(r.changes)) for r in rows)

    print(f"edits saved: {args.edits} in {edit_seconds:.1f} s ({kept} revisions kept)")
    print(f"history page (newest {history.LIMIT}): median {page_ms:.1f} ms (target ≤ 100 ms)")
    print(f"one revision compared with now: median {compare_ms:.1f} ms")
    print(f"kept per revision: {size / max(kept, 1):,.0f} characters of JSON on average")
    _profile(engine, user_id, ids, args)


def _profile(engine: Any, user_id: str, ids: list[str], args: argparse.Namespace) -> None:
    """The same for the master profile: bullet edits, headline edits, items added and deleted;
    each commit is one revision. The oldest revision is the costliest to show (every later
    one is taken back), which is what "compare" and "restore" measure here."""
    from sqlalchemy import func
    from sqlmodel import Session, select

    from cvapp.domain.history import profile as history
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import Revision

    experiences = SECTIONS["experiences"]
    started = time.perf_counter()
    for edit in range(args.edits):
        with Session(engine) as session:
            if edit % 4 == 0:
                profiles.update_profile(
                    session, user_id=user_id, changes={"headline": f"Engineer, take {edit}"}
                )
            elif edit % 4 == 3:
                added = experiences.create(
                    session,
                    user_id=user_id,
                    data={"company": f"Short {edit}", "title": "Intern", "start_date": "2001-01"},
                )
                session.commit()
                experiences.delete(session, user_id=user_id, item_id=added.id)
            else:
                target = ids[edit % len(ids)]
                bullets = [f"Shipped thing {edit}.{b}" for b in range(4)]
                experiences.update(
                    session,
                    user_id=user_id,
                    item_id=target,
                    changes={"responsibilities": bullets},
                )
            session.commit()
    edit_seconds = time.perf_counter() - started

    with Session(engine) as session:
        profile_id = history.get_or_create_profile(session, user_id=user_id).id
        kept = session.exec(
            select(func.count()).select_from(Revision).where(Revision.subject_id == profile_id)
        ).one()
        oldest = history.history(session, user_id=user_id).data[-1].number
        page_ms = _median_ms(lambda: history.history(session, user_id=user_id), args.runs)
        compare_ms = _median_ms(
            lambda: history.revision(session, user_id=user_id, number=oldest), args.runs
        )
        started = time.perf_counter()
        history.restore(session, user_id=user_id, number=oldest)
        session.commit()
        restore_ms = (time.perf_counter() - started) * 1000
        rows = session.exec(select(Revision).where(Revision.subject_id == profile_id)).all()
        size = sum(len(str(r.state)) + len(str(r.changes)) for r in rows)

    print(f"profile edits saved: {args.edits} in {edit_seconds:.1f} s ({kept} revisions kept)")
    print(f"profile history page: median {page_ms:.1f} ms (target ≤ 100 ms)")
    print(f"oldest of {history.LIMIT} shown compared with now: median {compare_ms:.1f} ms")
    print(f"restoring it (with its own revision): {restore_ms:.0f} ms")
    print(f"kept per revision: {size / max(kept, 1):,.0f} characters of JSON on average")


if __name__ == "__main__":
    main()
