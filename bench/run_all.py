"""``make bench``: run every benchmark in bench/, print the tables, write bench/RESULTS.md.

    .venv/bin/python bench/run_all.py [--only public_page scale …] [--timeout 900]

Each script runs in its own process group with a time limit (killed with its children when
it overruns) and prints its own table; scripts that print plain text are kept verbatim in a
code block. RESULTS.md starts with the machine, the commit and the load average, since the
numbers only mean something beside them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from prodserver import machine  # noqa: E402

# Ours first (they need the ports and the CPU to themselves), then the others' in name order.
ORDER = ("public_page", "profile_read", "scale")
HELPERS = {"prodserver", "run_all", "scratch_db"}


def scripts(only: list[str] | None) -> list[Path]:
    found = {path.stem: path for path in BENCH.glob("*.py") if path.stem not in HELPERS}
    names = [name for name in ORDER if name in found]
    names += sorted(name for name in found if name not in ORDER)
    return [found[name] for name in names if not only or name in only]


def run(script: Path, timeout: float) -> tuple[str, float, str | None]:
    """The script's stdout, its run time and an error line (None when it succeeded)."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        return out, time.monotonic() - started, f"killed after {timeout:.0f} s"
    elapsed = time.monotonic() - started
    if process.returncode != 0:
        tail = err.strip().splitlines()[-1:] or ["no error output"]
        return out, elapsed, f"exit status {process.returncode}: {tail[0]}"
    return out, elapsed, None


def section(script: Path, out: str, elapsed: float, error: str | None) -> str:
    body = out.strip()
    if not body.startswith("#"):  # a plain-text report: keep it as printed
        heading = f"### {script.name}"
        body = f"{heading}\n\n```text\n{body}\n```" if body else heading
    footer = f"_`bench/{script.name}`, {elapsed:.0f} s"
    footer += f"; FAILED: {error}_" if error else "_"
    return f"{body}\n\n{footer}\n"


def header() -> str:
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "# Benchmark results\n\n"
        f"`make bench` on {now}, commit `{commit or 'unknown'}`.\n\n"
        f"Machine: {machine()} (at the start).\n\n"
        "Every HTTP benchmark talks to 127.0.0.1 only; the load generator (wrk) shares the "
        "machine's cores with the server it measures.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="script names without .py")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per script")
    parser.add_argument("--output", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args()
    parts = [header()]
    print(parts[0], flush=True)
    failed = 0
    for script in scripts(args.only):
        print(f"running bench/{script.name} …", file=sys.stderr, flush=True)
        out, elapsed, error = run(script, args.timeout)
        failed += error is not None
        parts.append(section(script, out, elapsed, error))
        print(parts[-1], flush=True)
    parts.append(f"Load average at the end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}.\n")
    args.output.write_text("\n".join(parts))
    print(f"written to {args.output.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
