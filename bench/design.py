"""What a CV's design costs a render: the sample CV (3 A4 pages) laid out and written as a PDF
in each template as designed, then with a full design (accent, Noto fonts, bigger size,
comfortable spacing, bar titles, split header, long dates).

    .venv/bin/python bench/design.py [--runs 15]

Stylesheets and fonts are parsed once before timing (as in a running app); a row is the
median of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cvapp.domain.cvs.design import design_of  # noqa: E402
from cvapp.domain.exports import pdf  # noqa: E402
from cvapp.domain.exports.catalog import TEMPLATES  # noqa: E402
from cvapp.domain.exports.document import build_document  # noqa: E402
from cvapp.domain.exports.html import render_html  # noqa: E402
from cvapp.domain.exports.sample import sample_cv  # noqa: E402

FULL = {
    "accent": "#7a1f3d",
    "font": "noto-sans+noto-serif",
    "size_pt": 11,
    "density": "comfortable",
    "section_titles": "bar",
    "header": "split",
    "date_format": "long",
}


def _median_ms(template: str, design: dict[str, object], runs: int) -> tuple[float, int]:
    cv = sample_cv(template=template, roles=8).model_copy(update={"design": design})
    chosen = design_of(design)
    html = render_html(build_document(cv))
    laid = pdf.layout(html, template=TEMPLATES[template], page_size="A4", design=chosen)
    laid.write()  # warm: stylesheets parsed, fonts loaded
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        laid = pdf.layout(html, template=TEMPLATES[template], page_size="A4", design=chosen)
        laid.write()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), laid.pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'template':<12} {'as designed':>14} {'full design':>14}")
    for key in TEMPLATES:
        plain, pages = _median_ms(key, {}, args.runs)
        designed, designed_pages = _median_ms(key, FULL, args.runs)
        print(f"{key:<12} {plain:>8.0f} ms {pages}p {designed:>8.0f} ms {designed_pages}p")


if __name__ == "__main__":
    main()
