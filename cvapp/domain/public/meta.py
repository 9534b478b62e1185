"""Machine-readable facts of a public profile: Open Graph, Twitter card, schema.org JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from cvapp.domain.exports.resolve import ResolvedCv
from cvapp.domain.exports.richtext import plain


def _items(cv: ResolvedCv, key: str) -> list[dict[str, Any]]:
    section = cv.section(key)
    return section.items if section else []


def description(cv: ResolvedCv, limit: int = 200) -> str:
    text = plain(cv.basics.get("summary") or cv.basics.get("headline"))
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def person_json_ld(cv: ResolvedCv, *, url: str, image: str | None) -> Markup:
    """The schema.org ``Person`` of the page, safe to put in a ``<script>`` element."""
    b = cv.basics
    location = b.get("location") or {}
    current = [e for e in _items(cv, "experiences") if e.get("end_date") is None]
    same_as = [link["url"] for link in b.get("links") or [] if link.get("url")]
    if b.get("website"):
        same_as.insert(0, b["website"])
    person: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": b.get("full_name"),
        "url": url,
        "jobTitle": b.get("headline"),
        "description": description(cv, 500) or None,
        "image": image,
        "sameAs": same_as or None,
        "knowsAbout": [s["name"] for s in _items(cv, "skills")] or None,
        "knowsLanguage": [lang["language"] for lang in _items(cv, "languages")] or None,
        "worksFor": [{"@type": "Organization", "name": e["company"]} for e in current] or None,
        "alumniOf": [
            {"@type": "EducationalOrganization", "name": e["institution"]}
            for e in _items(cv, "education")
        ]
        or None,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": location.get("city"),
            "addressRegion": location.get("region"),
            "addressCountry": location.get("country_code"),
        }
        if any(location.get(k) for k in ("city", "region", "country_code"))
        else None,
    }
    person = {k: v for k, v in person.items() if v is not None}
    text = json.dumps(person, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # every markup character escaped
