"""Public profile page ``/p/{slug}`` from cache vs nginx serving the same HTML bytes from disk.

    .venv/bin/python bench/public_page.py [--seconds 8] [--rounds 3] [--connections 16]

Starts the production server (2 granian workers, PostgreSQL, Redis db 9) on a free port and
nginx (2 workers) on another, checks the page's ETag/Cache-Control/304, then runs ``wrk``
against both in alternating rounds of the same run and prints a markdown table (medians
over the rounds). More rows: the app answering a revalidation (304), nginx as a caching
proxy in front of the app (what a CDN does with the page's Cache-Control), and granian (the
app's server) sending the same bytes from a bare ASGI function, the ceiling of any Python app
on this server.
Everything stops by itself; traffic goes to 127.0.0.1 only.
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
    bare_granian,
    configure_here,
    flush_redis,
    free_port,
    migrate,
    nginx,
    prod_server,
    scratch_database,
    wrk,
)

SLUG = "bench-public"
TARGET_SHARE, TARGET_P99_MS = 0.40, 20.0


def seed_profile(*, roles: int = 8) -> None:
    """A PUBLIC profile with ``roles`` roles of 5 bullets, skills, education and languages."""
    from cvapp.db import session_scope
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import User

    with session_scope() as session:
        user = User(email="public@bench.example", full_name="Alex Bench", password_hash="x")
        session.add(user)
        session.flush()
        profiles.update_profile(
            session,
            user_id=user.id,
            changes={
                "headline": "Staff engineer, payments and data platforms",
                "summary": "Fifteen years of building payment systems and data pipelines.",
                "location": {"city": "Lyon", "country_code": "FR"},
                "visibility": "PUBLIC",
                "slug": SLUG,
            },
        )
        for index in range(roles):
            end = 2025 - 2 * index
            SECTIONS["experiences"].create(
                session,
                user_id=user.id,
                data={
                    "company": f"Company {index}",
                    "title": f"Senior engineer {index}",
                    "location": "Lyon",
                    "start_date": f"{end - 2}-02",
                    "end_date": None if index == 0 else f"{end}-01",
                    "responsibilities": [
                        f"Shipped the {topic} for team {index} with measurable results"
                        for topic in ("billing API", "ledger", "data lake", "CI", "on-call")
                    ],
                },
            )
        for name in ("Python", "PostgreSQL", "Kafka", "Go", "Kubernetes"):
            SECTIONS["skills"].create(
                session, user_id=user.id, data={"name": name, "category": "Tech"}
            )
        SECTIONS["education"].create(
            session,
            user_id=user.id,
            data={"institution": "Université de Lyon", "study_type": "MSc", "area": "CS"},
        )


def check_caching_headers(url: str) -> bytes:
    """The page answers 200 with ETag + public Cache-Control, and 304 on If-None-Match."""
    page = httpx.get(url, trust_env=False)
    assert page.status_code == 200, page.status_code
    etag, cache_control = page.headers["etag"], page.headers["cache-control"]
    assert cache_control.startswith("public, max-age="), cache_control
    again = httpx.get(url, headers={"If-None-Match": etag}, trust_env=False)
    assert again.status_code == 304 and again.headers["etag"] == etag
    return page.content


def run(seconds: int, rounds: int, connections: int) -> list[tuple[str, list[WrkResult]]]:
    data_dir = Path(tempfile.mkdtemp(prefix="cvapp-bench-public-"))
    port, nginx_port, proxy_port, bare_port = free_port(), free_port(), free_port(), free_port()
    with scratch_database("cvapp_bench_public") as database_url:
        # Like the nginx anchor (access_log off): no log line per answer served from memory
        # (they are still counted in /metrics).
        env = app_env(data_dir, database_url, port, CVAPP_LOG_MEMORY_ANSWERS="false")
        migrate(env)
        flush_redis()
        configure_here(env)
        seed_profile()
        with prod_server(env, port) as base:
            ours = f"{base}/p/{SLUG}"
            html = check_caching_headers(ours)
            etag = httpx.get(ours, trust_env=False).headers["etag"]
            root = data_dir / "nginx"
            (root / "p").mkdir(parents=True)
            (root / "p" / SLUG).write_bytes(html)
            upstream = base.removeprefix("http://")
            with (
                nginx(root, nginx_port) as static,
                nginx(root, proxy_port, upstream=upstream) as proxy,
                bare_granian(root / "p" / SLUG, bare_port) as bare,
            ):
                theirs, cdn = f"{static}/p/{SLUG}", f"{proxy}/p/{SLUG}"
                assert httpx.get(theirs, trust_env=False).content == html
                assert httpx.get(cdn, trust_env=False).content == html
                assert httpx.get(bare, trust_env=False).content == html
                subjects = {
                    "cvapp /p/{slug} (from cache)": (ours, {}),
                    "nginx, same HTML from disk": (theirs, {}),
                    "granian, same HTML from a bare ASGI function": (f"{bare}/", {}),
                    "cvapp /p/{slug} with If-None-Match (304)": (ours, {"If-None-Match": etag}),
                    "nginx proxy_cache in front of cvapp (a CDN)": (cdn, {}),
                }
                results: dict[str, list[WrkResult]] = {name: [] for name in subjects}
                for url, headers in subjects.values():  # warm-up: connections, caches, JIT-less
                    wrk(url, seconds=2, connections=connections, headers=headers)
                for _ in range(rounds):
                    for name, (url, headers) in subjects.items():
                        results[name].append(
                            wrk(url, seconds=seconds, connections=connections, headers=headers)
                        )
        flush_redis()
    return list(results.items())


def table(rows: list[tuple[str, list[WrkResult]]], connections: int, seconds: int) -> str:
    median = {name: _median(results) for name, results in rows}
    nginx_rps = median["nginx, same HTML from disk"][0]
    lines = [
        f"wrk -t1 -c{connections}, {len(rows[0][1])} rounds of {seconds} s per subject "
        "(alternating), medians; the server has 2 granian workers, nginx 2 worker processes; "
        "neither writes a log line per request (nginx `access_log off`, cvapp "
        "`CVAPP_LOG_MEMORY_ANSWERS=false`).",
        "",
        "| subject | requests/s | p50 ms | p99 ms | vs nginx | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, results in rows:
        rps, p50, p99 = median[name]
        errors = sum(r.errors for r in results)
        lines.append(
            f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {rps / nginx_rps:.0%} | {errors} |"
        )
    rps, _, p99 = median["cvapp /p/{slug} (from cache)"]
    share = rps / nginx_rps
    verdict = "met" if share >= TARGET_SHARE and p99 <= TARGET_P99_MS else "NOT met"
    lines += [
        "",
        f"Target ≥ {TARGET_SHARE:.0%} of nginx's requests/s and p99 ≤ {TARGET_P99_MS:.0f} ms: "
        f"{verdict} ({share:.0%}, p99 {p99:.2f} ms).",
    ]
    return "\n".join(lines)


def _median(results: list[WrkResult]) -> tuple[float, float, float]:
    return (
        statistics.median(r.requests_per_second for r in results),
        statistics.median(r.p50_ms for r in results),
        statistics.median(r.p99_ms for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    rows = run(args.seconds, args.rounds, args.connections)
    print("### Public profile page `/p/{slug}` vs nginx\n")
    print(table(rows, args.connections, args.seconds))


if __name__ == "__main__":
    main()
