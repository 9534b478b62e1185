"""``GET /api/v1/profiles/me`` with 40 experiences: p50/p95 at 50 concurrent connections.

    .venv/bin/python bench/profile_read.py [--seconds 10] [--rounds 3] [--connections 50]

Starts the production server (2 granian workers, PostgreSQL, Redis db 9), signs a user in
(a real session: refresh-token family + access token) whose master profile has 40
experiences of 4 bullets (each linked to 3 of its 12 skills), 2 schools and 3 languages,
checks the answer, then runs
``wrk`` with the bearer token and prints a markdown table. Stops by itself; 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from prodserver import (  # noqa: E402
    WrkResult,
    app_env,
    configure_here,
    flush_redis,
    free_port,
    migrate,
    prod_server,
    scratch_database,
    wrk,
)

EXPERIENCES = 40
TARGET_P95_MS = 25.0


def seed_owner(*, experiences: int = EXPERIENCES, email: str = "owner@bench.example") -> str:
    """A signed-in user with a full master profile; returns the access token."""
    from cvapp.db import session_scope
    from cvapp.domain.auth import refresh_tokens
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import User

    with session_scope() as session:
        user = User(email=email, full_name="Sam Owner", password_hash="x")
        session.add(user)
        session.flush()
        profiles.update_profile(
            session,
            user_id=user.id,
            changes={"headline": "Principal engineer", "summary": "Thirty years of software."},
        )
        skill_ids = [
            str(
                SECTIONS["skills"]
                .create(session, user_id=user.id, data={"name": f"Skill {n}", "category": "Tech"})
                .id
            )
            for n in range(12)
        ]
        for index in range(experiences):
            year = 2025 - index
            SECTIONS["experiences"].create(
                session,
                user_id=user.id,
                data={
                    "company": f"Company {index}",
                    "title": f"Engineer {index}",
                    "location": "Remote",
                    "start_date": f"{year - 1}-03",
                    "end_date": f"{year}-02",
                    "description": "A team of eight building the platform.",
                    "responsibilities": [
                        f"Delivered outcome {n} in role {index}" for n in range(4)
                    ],
                    "skill_ids": [skill_ids[(index + n) % 12] for n in range(3)],
                },
            )
        for index in range(2):
            SECTIONS["education"].create(
                session,
                user_id=user.id,
                data={"institution": f"School {index}", "study_type": "MSc", "area": "CS"},
            )
        for language in ("English", "French", "German"):
            SECTIONS["languages"].create(
                session, user_id=user.id, data={"language": language, "fluency": "Fluent"}
            )
        tokens = refresh_tokens.issue(session, user=user, ip="127.0.0.1", user_agent="bench")
        return tokens.access_token


def run(seconds: int, rounds: int, connections: int) -> tuple[list[WrkResult], int]:
    data_dir = Path(tempfile.mkdtemp(prefix="cvapp-bench-profile-"))
    port = free_port()
    with scratch_database("cvapp_bench_profile") as database_url:
        env = app_env(data_dir, database_url, port)
        migrate(env)
        flush_redis()
        configure_here(env)
        token = seed_owner()
        headers = {"Authorization": f"Bearer {token}"}
        with prod_server(env, port) as base:
            url = f"{base}/api/v1/profiles/me"
            answer = httpx.get(url, headers=headers, trust_env=False)
            assert answer.status_code == 200, answer.text
            assert len(answer.json()["experiences"]) == EXPERIENCES
            size = len(answer.content)
            wrk(url, seconds=2, connections=connections, headers=headers)  # warm-up
            results = [
                wrk(url, seconds=seconds, connections=connections, headers=headers)
                for _ in range(rounds)
            ]
        flush_redis()
    return results, size


def table(results: list[WrkResult], connections: int, seconds: int, size: int) -> str:
    def median(values: list[float]) -> float:
        return statistics.median(values)

    p95 = median([r.p95_ms for r in results])
    verdict = "met" if p95 <= TARGET_P95_MS else "NOT met"
    return "\n".join(
        [
            f"wrk -t1 -c{connections}, {len(results)} rounds of {seconds} s, medians; "
            f"2 granian workers; answer {size / 1024:.0f} KiB of JSON.",
            "",
            "| subject | requests/s | p50 ms | p95 ms | p99 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            f"| GET /api/v1/profiles/me, {EXPERIENCES} experiences "
            f"| {median([r.requests_per_second for r in results]):,.0f} "
            f"| {median([r.p50_ms for r in results]):.2f} | {p95:.2f} "
            f"| {median([r.p99_ms for r in results]):.2f} | {sum(r.errors for r in results)} |",
            "",
            f"Target p95 ≤ {TARGET_P95_MS:.0f} ms at {connections} connections: {verdict}.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    results, size = run(args.seconds, args.rounds, args.connections)
    print("### Profile read `GET /api/v1/profiles/me`\n")
    print(table(results, args.connections, args.seconds, size))


if __name__ == "__main__":
    main()
