"""How well the offline CV reader reads CVs whose content is known (``python bench/parse_eval.py``).

Corpus (built here, nothing downloaded):
- ``ours``: three profiles (the JSON Resume sample, a German and a Japanese one from
  ``tests/fixtures/jsonresume_real``, a data engineer from the test fixtures) exported with
  every PDF template of the catalog, and as DOCX: the ground truth is the profile itself;
- ``other engines``: ``tests/fixtures/cv_files`` (Chromium-printed single- and two-column
  PDFs, a German Word CV and a two-column (table) Word CV written with python-docx, both
  also printed to PDF by LibreOffice), with their truth written below.

For each file, every field of the truth is looked up in what the reader found: a field is
found when the same value (case and spacing aside) is there. Prints recall and precision per
field and per source, and the parse time per file. Targets (issue #18): recall ≥ 95 % on our
templates, ≥ 90 % on other engines' single-column CVs, ≥ 80 % on two-column ones; ≤ 500 ms
for a 3-page PDF.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_db import configure  # noqa: E402

SHARED = ROOT.parent / "shared" / "jsonresume"
FILES = ROOT / "tests" / "fixtures" / "cv_files"
PROFILES = [
    SHARED / "sample.resume.json",
    ROOT / "tests" / "fixtures" / "jsonresume_real" / "israel-mixed-fields.json",
    ROOT / "tests" / "fixtures" / "jsonresume_real" / "windows-utf16.json",
]
Truth = dict[str, list[str]]

OTHER_ENGINES: dict[str, tuple[str, Truth]] = {
    "chromium-single.pdf": ("single column", {}),
    "chromium-two-column.pdf": ("two columns", {}),
    "german.docx": ("single column", {}),
}
_LUCIA: Truth = {
    "name": ["Lucía Fernández"],
    "headline": ["Data Engineer"],
    "email": ["lucia.fernandez@example.com"],
    "phone": ["+49 151 2345 6789"],
    "link": ["https://linkedin.com/in/lucia-fernandez", "https://github.com/luciaf"],
    "job title": ["Senior Data Engineer", "Data Engineer", "Research Intern"],
    "company": ["Zalando SE", "Delivery Hero", "Fraunhofer FOKUS"],
    "start": ["2023-09", "2019-03", "2018-06"],
    "end": ["2023-08", "2018-08"],
    "bullet": [
        "Moved the order events pipeline from nightly batches to Kafka streams, cutting data "
        "latency from 24 hours to 5 minutes for 40 downstream teams",
        "Mentored four engineers",
        "Built the courier ETA model's feature store in Python and Spark",
        "Cut the warehouse bill by 30 % with partitioned Parquet tables",
        "Prototyped anomaly detection for traffic sensors",
    ],
    "school": ["Technische Universität Berlin", "Universidad de Granada"],
    "skill": ["Python", "SQL", "Scala", "Kafka", "Spark", "Airflow", "dbt"],
    "language": ["Spanish", "English", "German"],
}
OTHER_ENGINES["chromium-single.pdf"] = ("single column", _LUCIA)
OTHER_ENGINES["chromium-two-column.pdf"] = ("two columns", _LUCIA)
OTHER_ENGINES["german.docx"] = (
    "single column",
    {
        "name": ["Jonas Becker"],
        "headline": ["Backend-Entwickler"],
        "email": ["jonas.becker@example.de"],
        "phone": ["+49 30 1234567"],
        "job title": ["Softwareentwickler", "Werkstudent"],
        "company": ["Siemens AG", "BMW Group"],
        "start": ["2020-06", "2017-10"],
        "end": ["2020-05"],
        "bullet": [
            "Microservices für die Gebäudetechnik in Java und Kotlin entwickelt",
            "Lastzeiten der API um 40 % gesenkt",
            "Testautomatisierung mit Python aufgebaut",
        ],
        "school": ["Technische Universität München"],
        "skill": ["Java", "Kotlin", "Spring Boot", "PostgreSQL", "Docker"],
        "language": ["Deutsch", "Englisch"],
    },
)


_PRIYA: Truth = {
    "name": ["Priya Raman"],
    "headline": ["Product Manager"],
    "email": ["priya.raman@example.in"],
    "phone": ["+91 98765 43210"],
    "link": ["https://linkedin.com/in/priyaraman"],
    "job title": ["Senior Product Manager", "Associate Product Manager"],
    "company": ["Flipkart", "Infosys"],
    "start": ["2019-07", "2016-06"],
    "end": ["2019-06"],
    "bullet": [
        "Launched pay-later checkout for 12 million users",
        "Cut checkout drop-off by 18 % with a one-page flow",
        "Ran the discovery interviews of the banking portal",
    ],
    "school": ["Indian Institute of Technology Madras"],
    "skill": ["Roadmapping", "SQL", "A/B testing", "Figma"],
    "language": ["English", "Tamil", "Hindi"],
}
OTHER_ENGINES["sidebar.docx"] = ("two columns", _PRIYA)
OTHER_ENGINES["libreoffice-sidebar.pdf"] = ("two columns", _PRIYA)
OTHER_ENGINES["libreoffice-german.pdf"] = ("single column", OTHER_ENGINES["german.docx"][1])


def truth_of_view(view: Any) -> Truth:
    """What a profile view holds, as the fields the evaluation compares."""
    truth: Truth = defaultdict(list)
    truth["name"].append(view.full_name)
    if view.headline:
        truth["headline"].append(view.headline)
    if view.contact and view.contact.email:
        truth["email"].append(str(view.contact.email))
    if view.contact and view.contact.phone:
        truth["phone"].append(view.contact.phone)
    if view.website:
        truth["link"].append(view.website)
    truth["link"].extend(link.url for link in view.links if link.url)
    for job in view.experiences:
        truth["job title"].append(job.title)
        truth["company"].append(job.company)
        # Templates print month and year: a day in the profile is not in the file.
        truth["start"].append(job.start_date[:7])
        if job.end_date:
            truth["end"].append(job.end_date[:7])
        truth["bullet"].extend(job.responsibilities)
    truth["school"].extend(e.institution for e in view.education)
    truth["skill"].extend(s.name for s in view.skills)
    truth["language"].extend(lang.language for lang in view.languages)
    return {key: [v for v in values if v] for key, values in truth.items()}


def found_of_draft(draft: Any) -> Truth:
    found: Truth = defaultdict(list)
    profile = draft.profile
    for key, value in (("name", profile.get("full_name")), ("headline", profile.get("headline"))):
        if value:
            found[key].append(value)
    contact = profile.get("contact") or {}
    for key in ("email", "phone"):
        if contact.get(key):
            found[key].append(contact[key])
    if profile.get("website"):
        found["link"].append(profile["website"])
    found["link"].extend(link["url"] for link in profile.get("links") or [] if link.get("url"))
    for item in draft.items:
        data = item.data
        if item.section == "experiences":
            found["job title"].append(data.get("title", ""))
            found["company"].append(data.get("company", ""))
            found["start"].append(data.get("start_date", ""))
            if data.get("end_date"):
                found["end"].append(data["end_date"])
            found["bullet"].extend(data.get("responsibilities") or [])
        elif item.section == "education":
            found["school"].append(data.get("institution", ""))
        elif item.section == "skills":
            found["skill"].append(data["name"])
        elif item.section == "languages":
            found["language"].append(data["language"])
    return found


def _key(value: str) -> str:
    """Case and spacing aside; an address without its scheme (a CV prints none)."""
    value = value.split("://", 1)[-1].rstrip("/") if "://" in value else value
    return " ".join(value.casefold().split())


def score(truth: Truth, found: Truth) -> dict[str, tuple[int, int, int]]:
    """Per field: (true values found, true values, values found)."""
    result = {}
    for field in sorted(set(truth) | set(found)):
        want = [_key(v) for v in truth.get(field, [])]
        got = [_key(v) for v in found.get(field, [])]
        remaining = list(got)
        hits = 0
        for value in want:
            if value in remaining:
                remaining.remove(value)
                hits += 1
        result[field] = (hits, len(want), len(got))
    return result


def our_corpus() -> list[tuple[str, str, bytes, Truth]]:
    """(source, file label, bytes, truth) for every profile × template (+ DOCX)."""
    from sqlmodel import Session

    from cvapp.db import get_engine
    from cvapp.domain.cvs import service as cvs
    from cvapp.domain.exports import service as exports
    from cvapp.domain.exports.catalog import TEMPLATES
    from cvapp.domain.imports.jsonresume import reader as jsonresume
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.profiles.views import my_profile
    from cvapp.domain.sections import SECTIONS
    from cvapp.models import User

    corpus = []
    with Session(get_engine(), expire_on_commit=False) as session:
        for index, path in enumerate(PROFILES):
            draft = jsonresume.read(path.read_bytes())
            user = User(
                email=f"eval{index}@example.org",
                full_name=draft.profile.get("full_name", "X"),
                password_hash="x",
                plan="expert",
            )
            session.add(user)
            session.commit()
            profiles.update_profile(session, user_id=user.id, changes=draft.profile)
            for item in draft.items:
                SECTIONS[item.section].create(session, user_id=user.id, data=item.data)
            session.commit()
            truth = truth_of_view(my_profile(session, user_id=user.id))
            # The one-pager leaves items out by design: its truth is not the whole profile.
            for template in [key for key in TEMPLATES if key != "one-pager"]:
                cv = cvs.create_cv(
                    session, user_id=user.id, data={"name": template, "template": template}
                )
                session.commit()
                for fmt in ("pdf", "docx") if template == "classic" else ("pdf",):
                    data = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt=fmt).data
                    corpus.append(("ours", f"{path.stem} {template}.{fmt}", data, truth))
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--misses", action="store_true", help="list every value not found")
    args = parser.parse_args()
    configure(args.database_url, prefix="cvapp-parse-eval-")
    from cvapp.domain.imports.resume import reader

    corpus = our_corpus()
    corpus += [
        (f"other engines, {layout}", name, (FILES / name).read_bytes(), truth)
        for name, (layout, truth) in OTHER_ENGINES.items()
    ]
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_field: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    times: list[tuple[float, int, str]] = []
    misses: list[str] = []
    for source, label, data, truth in corpus:
        started = time.perf_counter()
        draft = reader.read(data)
        elapsed = (time.perf_counter() - started) * 1000
        pages = data.count(b"/Type /Page\n") or data.count(b"/Type/Page") or 1
        times.append((elapsed, pages, label))
        found = found_of_draft(draft)
        for field, (hits, wanted, got) in score(truth, found).items():
            for totals in (by_source[source], by_field[field]):
                totals[0] += hits
                totals[1] += wanted
                totals[2] += got
            if args.misses and hits < wanted:
                missing = [
                    v
                    for v in truth.get(field, [])
                    if _key(v) not in map(_key, found.get(field, []))
                ]
                misses.append(f"  {label}: {field}: {missing}")

    def line(name: str, hits: int, wanted: int, got: int) -> str:
        recall = 100 * hits / wanted if wanted else 100.0
        precision = 100 * hits / got if got else 100.0
        return f"| {name} | {wanted} | {recall:.1f} % | {precision:.1f} % |"

    print(f"{len(corpus)} files\n")
    print("| source | values | recall | precision |\n| --- | ---: | ---: | ---: |")
    for source, (hits, wanted, got) in sorted(by_source.items()):
        print(line(source, hits, wanted, got))
    print("\n| field | values | recall | precision |\n| --- | ---: | ---: | ---: |")
    for field, (hits, wanted, got) in sorted(by_field.items()):
        print(line(field, hits, wanted, got))
    pdf_times = [ms for ms, _, label in times if label.endswith(".pdf")]
    slowest = max(times)
    print(
        f"\nParse time per file: median {statistics.median(ms for ms, _, _ in times):.0f} ms, "
        f"PDF median {statistics.median(pdf_times):.0f} ms, slowest {slowest[0]:.0f} ms "
        f"({slowest[2]})"
    )
    if misses:
        print("\nNot found:\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
