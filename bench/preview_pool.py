"""The editor's live preview rendered in the web process vs in cvapp.previews' pool.

    .venv/bin/python bench/preview_pool.py [--runs 10] [--redis redis://127.0.0.1:6379/15]

The pool shares the export cache through Redis, so one is needed (each edit makes new keys).
For each way: the preview's latency after an edit (page 1 at 640 px, the CV rendered again),
and what the renders cost everyone else on that web process: how late a 5 ms ticker on the
event loop runs while the previews render in the request thread pool, as FastAPI runs them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scratch_db import configure  # noqa: E402

TICK_SECONDS = 0.005


def _arrange() -> tuple[str, str]:
    from sqlmodel import Session

    from cvapp.db import get_engine
    from cvapp.domain.cvs import service as cvs
    from cvapp.domain.exports.sample import sample_cv
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import User

    with Session(get_engine(), expire_on_commit=False) as session:
        user = User(email="preview@example.org", full_name="Zoë Ångström", password_hash="x")
        session.add(user)
        session.flush()
        for section in sample_cv(roles=6, bullets=5).sections:
            if section.key in ("experiences", "education", "languages"):
                for item in section.items:
                    data = {k: v for k, v in item.items() if k not in ("id", "skills")}
                    SECTIONS[section.key].create(session, user_id=user.id, data=data)
        cv = cvs.create_cv(session, user_id=user.id, data={"name": "Preview"})
        session.commit()
        return user.id, cv.id


def _edit(user_id: str, run: int) -> None:
    from cvapp.db import session_scope
    from cvapp.domain.profiles import service as profiles

    with session_scope() as session:
        profiles.update_profile(session, user_id=user_id, changes={"headline": f"Take {run}"})


async def _measure(
    user_id: str, cv_id: str, runs: int, first: int
) -> tuple[list[float], list[float]]:
    from cvapp import previews

    latencies: list[float] = []
    lags: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            before = time.perf_counter()
            await asyncio.sleep(TICK_SECONDS)
            lags.append((time.perf_counter() - before - TICK_SECONDS) * 1000)

    ticking = asyncio.create_task(ticker())
    for run in range(first, first + runs):  # a headline never shown before: no cache hit
        _edit(user_id, run)
        started = time.perf_counter()
        await asyncio.to_thread(previews.preview_png, user_id=user_id, cv_id=cv_id, width=640)
        latencies.append((time.perf_counter() - started) * 1000)
    done.set()
    await ticking
    return latencies, lags


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/15")
    args = parser.parse_args()
    os.environ["CVAPP_REDIS_URL"] = args.redis
    os.environ["CVAPP_PRERENDER_DELAY_MS"] = "0"  # no background render beside the measured one
    configure(None, prefix="cvapp-bench-preview-")
    from cvapp import previews
    from cvapp.domain.exports import pdf
    from cvapp.settings import get_settings

    pdf.warm_up()
    user_id, cv_id = _arrange()
    print(f"\n{'where the preview renders':<28}{'runs':>5}{'median ms':>11}{'max ms':>9}"
          f"{'loop lag p95 ms':>17}{'max ms':>9}")  # fmt: skip
    for way, (label, processes) in enumerate((("web process", 0), ("render pool", 1))):
        get_settings().preview_processes = processes
        if processes:
            previews._executor().submit(pdf.warm_up).result()
        first = way * 1000
        asyncio.run(_measure(user_id, cv_id, 1, first))  # the first render of this way
        latencies, lags = asyncio.run(_measure(user_id, cv_id, args.runs, first + 1))
        p95 = statistics.quantiles(lags, n=20)[-1]
        print(f"{label:<28}{len(latencies):>5}{statistics.median(latencies):>11.1f}"
              f"{max(latencies):>9.1f}{p95:>17.1f}{max(lags):>9.1f}")  # fmt: skip
    previews.shut_down()
    print(f"\n({os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
