"""Layout quality of the PDF templates: blank space before page breaks, and the one-page fit.

    .venv/bin/python bench/layout.py [--runs 3]

Blank before breaks: for each template and CV size (the built-in sample CV and the demo
account's CVs), the largest blank left at the bottom of a page before a break (mm, from the
laid-out boxes), with the page-break rules of before issue #20 point 4 (an entry never split;
an entry's last line kept with what follows) beside the current ones.

One-page fit: for sample CVs of growing size, the density level reached, the items left out,
the layouts it took and its time (median wall ms of ``--runs``, the cache not involved).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_db import configure  # noqa: E402

from cvapp.domain.exports.catalog import TEMPLATES  # noqa: E402  (no settings read)

# The page-break rules base.css had before: entries moved whole, and "avoid" after an
# entry's last line passed to its parents, chaining short entries into one block.
BEFORE_CSS = """
.entry { break-inside: avoid; }
.entry > :last-child { break-after: auto; }
.entry > h3:last-child, .entry > .sub:last-child { break-after: avoid; }
li { break-inside: auto; }
"""
TEMPLATE_KEYS = tuple(key for key, t in TEMPLATES.items() if not t.one_page)
SIZES = ((3, 4), (5, 6), (8, 4))


def blank_before_breaks(html: str, template_key: str, extra: str | None) -> tuple[int, float]:
    """Pages and the largest blank (mm) before a page break, with ``extra`` rules added."""
    from weasyprint import CSS

    from cvapp.domain.exports import pdf
    from cvapp.domain.exports.catalog import TEMPLATES

    sheets = pdf.stylesheets(TEMPLATES[template_key], "A4", 0)
    if extra:
        sheets = [*sheets, CSS(string=extra)]
    document = pdf.parse_html(html).render(stylesheets=sheets, font_config=pdf.font_config())
    laid_out = pdf.LaidOut(document)
    blanks = laid_out.blank_mm()[:-1]
    return laid_out.pages, max(blanks, default=0.0)


def demo_cvs() -> list[tuple[str, str]]:
    """(label, HTML) of every CV of the demo account, as the app renders them."""
    from sqlmodel import Session, select

    from cvapp.db import get_engine
    from cvapp.domain.demo.service import ensure_demo_account
    from cvapp.domain.exports.document import build_document
    from cvapp.domain.exports.html import render_html
    from cvapp.domain.exports.service import load_source
    from cvapp.models import CvVersion
    from cvapp.settings import get_settings

    out = []
    with Session(get_engine()) as session:
        ensure_demo_account(session, data_dir=Path(get_settings().data_dir))
        session.commit()
        for cv in session.exec(select(CvVersion)).all():
            for key in TEMPLATE_KEYS:
                resolved = load_source(session, cv=cv).resolved.model_copy(
                    update={"template": key, "one_page": False}
                )
                out.append((f"demo '{cv.name}' ({key})", render_html(build_document(resolved))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    configure(None)

    from cvapp.domain.exports.catalog import TEMPLATES
    from cvapp.domain.exports.document import build_document
    from cvapp.domain.exports.fit import Layout, fit_one_page
    from cvapp.domain.exports.html import render_html
    from cvapp.domain.exports.resolve import ResolvedCv
    from cvapp.domain.exports.sample import sample_cv
    from cvapp.domain.exports.service import _layout_for
    from cvapp.domain.exports.styles import density

    print("Blank before page breaks (largest per document, mm; A4)")
    print(f"{'document':<44} {'pages':>5} {'before':>7} {'now':>7}")
    rows = [
        (f"sample {roles} roles x {bullets} bullets ({key})", key,
         render_html(build_document(sample_cv(template=key, roles=roles, bullets=bullets))))
        for key in TEMPLATE_KEYS
        for roles, bullets in SIZES
    ]  # fmt: skip
    rows += [(label, label.rsplit("(", 1)[1].rstrip(")"), html) for label, html in demo_cvs()]
    worst_before = worst_now = 0.0
    for label, key, html in rows:
        _, before = blank_before_breaks(html, key, BEFORE_CSS)
        pages, now = blank_before_breaks(html, key, None)
        worst_before, worst_now = max(worst_before, before), max(worst_now, now)
        print(f"{label:<44} {pages:>5} {before:>7.1f} {now:>7.1f}")
    print(f"{'worst':<44} {'':>5} {worst_before:>7.1f} {worst_now:>7.1f}")

    print()
    print("One-page fit (classic, target role 'Kafka engineer')")
    print(f"{'sample':<22} {'level':>5} {'font pt':>7} {'dropped':>7} {'layouts':>7} {'ms':>7}")
    for roles, bullets in ((3, 4), (4, 4), (5, 5), (8, 4), (8, 6), (12, 6)):
        cv = sample_cv(roles=roles, bullets=bullets).model_copy(
            update={"target_role": "Kafka engineer"}
        )
        layout = _layout_for(TEMPLATES["classic"], "A4")
        levels: list[int] = []

        def counted(
            resolved: ResolvedCv, level: int, layout: Layout = layout, levels: list[int] = levels
        ) -> object:
            levels.append(level)
            return layout(resolved, level)

        times = []
        for _ in range(args.runs):
            levels.clear()
            started = time.perf_counter()
            fit = fit_one_page(cv, counted)
            times.append((time.perf_counter() - started) * 1000)
        calls = len(levels)
        font = density(TEMPLATES["classic"], fit.level).font_pt
        print(
            f"{roles} roles x {bullets} bullets{'':<6} {fit.level:>5} {font:>7.1f}"
            f" {len(fit.dropped):>7} {calls:>7} {statistics.median(times):>7.0f}"
        )


if __name__ == "__main__":
    main()
