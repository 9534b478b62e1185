"""How much of a JSON Resume survives import → CV → JSON Resume export.

``python bench/import_fidelity.py [--lost]``

For the JSON Resume sample and every real-world file in ``tests/fixtures/jsonresume_real``:
import it into an empty profile (read → preview → apply, as the app does), make a CV showing
everything, export it as JSON Resume, and compare. A field counts once per value: its section,
its name and its value (dates and URLs as the import normalises them, list entries one by
one, order ignored). Prints fields in, fields out, the share kept and what was lost. Runs on a
throw-away SQLite database (or ``--database-url``). Target: at least 99.5 % kept, no file
refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_db import configure  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "jsonresume" / "sample.resume.json"
CORPUS = ROOT / "tests" / "fixtures" / "jsonresume_real"
SKIPPED = {"$schema", "meta"}
# Not CV content: a photo is uploaded in the editor (the import says so), never fetched.
NOT_CV = {("basics", "image")}
_SWAPPED = {"startDate": "endDate", "endDate": "startDate"}


def _leaves(value: Any, section: str, field: str) -> list[tuple[str, str, str]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, section, f"{field}.{k}")]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, section, field)]
    if value is None or value == "":
        return []
    return [(section, field.strip("."), str(value))]


def fields(document: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    """Every (section, field, value) of a JSON Resume document."""
    found: Counter[tuple[str, str, str]] = Counter()
    for section, content in document.items():
        if section in SKIPPED:
            continue
        items = content if isinstance(content, list) else [content]
        for item in items:
            if isinstance(item, dict):
                for key, value in item.items():
                    if (section, key) not in NOT_CV:
                        found.update(_leaves(value, section, key))
    return found


def normalised(data: bytes) -> dict[str, Any]:
    """The document as the import reads it (old names, dates, URLs, countries repaired)."""
    from cvapp.domain.imports.draft import Draft
    from cvapp.domain.imports.jsonresume import lenient, reader, validation

    draft = Draft(source="jsonresume")
    return lenient.repair(reader._compatible(validation.parse(data), draft), draft)


def round_trip(data: bytes) -> dict[str, Any]:
    """Import ``data`` into a new account, make a CV, export it as JSON Resume."""
    from sqlmodel import Session

    from cvapp.db import get_engine
    from cvapp.domain.cvs import service as cvs
    from cvapp.domain.exports import service as exports
    from cvapp.domain.imports import applying, preview
    from cvapp.domain.imports.jsonresume import reader
    from cvapp.models import ImportBatch, User

    draft = reader.read(data)
    # A new user who signed up with the résumé's own name and address, as people do.
    contact = draft.profile.get("contact") or {}
    email = contact.get("email") or f"f{id(data)}@example.org"
    with Session(get_engine(), expire_on_commit=False) as session:
        name = draft.profile.get("full_name") or "Fidelity"
        user = User(email=email, full_name=name, password_hash="x")
        session.add(user)
        session.commit()
        built = preview.build(preview.entries(session, user_id=user.id, draft=draft), draft)
        batch = ImportBatch(
            user_id=user.id, source="jsonresume", status="previewed", fingerprint="fidelity",
            preview={**built, "draft": draft.to_dict()},
        )  # fmt: skip
        session.add(batch)
        session.commit()
        applying.apply(session, user_id=user.id, import_id=batch.id)
        cv = cvs.create_cv(session, user_id=user.id, data={"name": "Everything"})
        session.commit()
        out = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="jsonresume")
        return dict(json.loads(out.data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--lost", action="store_true", help="list every field lost")
    args = parser.parse_args()
    configure(args.database_url, prefix="cvapp-fidelity-")

    files = [SAMPLE, *sorted(p for p in CORPUS.glob("*.json") if p.name != "expected.json")]
    total_in = total_kept = refused = 0
    print("| file | fields in | fields out | kept | lost |")
    print("| --- | ---: | ---: | ---: | --- |")
    lost_lines: list[str] = []
    for path in files:
        data = path.read_bytes()
        try:
            given = fields(normalised(data))
            back = fields(round_trip(data))
        except Exception as exc:  # a refusal is what this measures
            refused += 1
            print(f"| {path.name} | – | – | refused | {type(exc).__name__}: {exc} |")
            continue
        kept = sum((given & back).values())
        lost = given - back
        # Dates typed the wrong way round are swapped on purpose (and warned): repaired.
        repaired = Counter(
            {
                (s, f, v): n
                for (s, f, v), n in lost.items()
                if f in _SWAPPED and (s, _SWAPPED[f], v) in back
            }
        )
        kept += sum(repaired.values())
        lost -= repaired
        total_in += sum(given.values())
        total_kept += kept
        share = 100 * kept / max(1, sum(given.values()))
        names = ", ".join(sorted({f"{s}.{f}" for s, f, _ in lost})) or "–"
        print(
            f"| {path.name} | {sum(given.values())} | {sum(back.values())} | {share:.1f} % "
            f"| {names} |"
        )
        lost_lines += [f"  {path.name}: {s}.{f} = {v!r}" for s, f, v in sorted(lost.elements())]
    share = 100 * total_kept / max(1, total_in)
    print(
        f"\nAll files: {total_kept} of {total_in} fields kept ({share:.2f} %), {refused} refused."
    )
    if args.lost and lost_lines:
        print("\nLost:\n" + "\n".join(lost_lines))


if __name__ == "__main__":
    main()
