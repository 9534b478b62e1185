"""The hostile input corpus (``tests/fixtures/hostile/``) and what checks its output is inert.

``fill`` writes corpus strings into every free-text field an operation's documented body
has (dates, enums, ids and other patterned fields keep their plain value), so a new text
field meets the corpus the day it is added. ``inspect_html`` finds what an injected string
could have turned into: scripts, event handlers, ``javascript:`` URLs, frames, forms…
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.hardening.bodies import Document, minimal_value, resolve

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
# Elements no user text may become (the page's own are counted in a baseline page).
ACTIVE_TAGS = {
    "script", "iframe", "object", "embed", "form", "input", "style", "link", "meta", "base",
    "svg", "math", "body", "img", "details", "textarea",
}  # fmt: skip
CHECKED_FORMATS = {"slug", "visibility", "last_used", "locale", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "content"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text")


def lines(name: str) -> list[str]:
    """The non-empty lines of a corpus file."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def unicode_cases() -> dict[str, dict[str, str]]:
    return dict(json.loads((CORPUS / "unicode.json").read_text(encoding="utf-8")))


def _free_text(schema: dict[str, Any]) -> bool:
    return schema.get("type") == "string" and not {"enum", "pattern", "format"} & set(schema)


def _unwrap(document: Document, schema: dict[str, Any]) -> dict[str, Any]:
    """``X`` of a ``X | null`` field, resolved."""
    schema = resolve(document, schema)
    options = [resolve(document, s) for s in schema.get("anyOf", [])]
    present = [s for s in options if s.get("type") != "null"]
    return present[0] if len(present) == 1 else schema


def fill(document: Document, schema: dict[str, Any], values: Iterator[str]) -> Any:
    """A body for ``schema`` with the next of ``values`` in each free-text field."""
    schema = resolve(document, schema)
    body = minimal_value(document, schema)
    for name, prop in schema.get("properties", {}).items():
        if name.endswith("date") and name in body:
            body[name] = "2020-01"
        if name.endswith(("id", "ids", "date")) or name in CHECKED_FORMATS:
            continue  # ids, dates and the like are checked formats, not free text
        prop = _unwrap(document, prop)
        items = _unwrap(document, prop.get("items", {})) if prop.get("type") == "array" else {}
        if "url" in name or name == "website":
            body[name] = "https://example.org/?q=" + next(values).replace(" ", "%20")[:200]
        elif "email" in name:
            body[name] = "hostile@example.org"
        elif _free_text(prop):
            body[name] = _fitting(values, prop.get("maxLength", 10_000))
        elif _free_text(items):
            body[name] = [_fitting(values, items.get("maxLength", 2_000))]
        elif prop.get("properties"):
            body[name] = fill(document, prop, values)
        elif items.get("properties"):
            body[name] = [fill(document, items, values)]
    return body


def write_everything(api: Any, document: Document, account: Any, values: Iterator[str]) -> None:
    """Through the API: the profile, an item of every section, the CV and a share link label,
    every free-text field taking the next of ``values``."""
    from tests.hardening.support import API, SECTION_DATA

    def body(method: str, path: str) -> Any:
        content = document["paths"][path][method]["requestBody"]["content"]
        return fill(document, content["application/json"]["schema"], values)

    writes = [("patch", f"{API}/profiles/me", f"{API}/profiles/me")]
    writes += [("post", f"{API}/{key}", f"{API}/{key}") for key in SECTION_DATA]
    cv_id = account.ids["cv_id"]
    writes += [
        ("patch", f"{API}/cvs/{{cv_id}}", f"{API}/cvs/{cv_id}"),
        ("post", f"{API}/cvs/{{cv_id}}/share-links", f"{API}/cvs/{cv_id}/share-links"),
    ]
    for method, template, url in writes:
        sent = body(method, template)
        for _ in range(10):  # a field with a format of its own (phone…) gets left out
            response = api.request(method, url, json=sent, headers=account.headers)
            if response.status_code != 422:
                break
            for detail in response.json()["error"]["details"]:
                _drop(sent, detail["field"])
        assert response.status_code in (200, 201), (url, response.text)


def _drop(body: Any, dotted: str) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        body = body[int(part)] if isinstance(body, list) else body.get(part, {})
    if isinstance(body, dict):
        body.pop(last, None)


def _fitting(values: Iterator[str], limit: int) -> str:
    for value in itertools.islice(values, 50):
        if len(value) <= limit:
            return value
    return "x"


@dataclass
class HtmlFindings:
    tags: Counter[str] = field(default_factory=Counter)
    handlers: list[str] = field(default_factory=list)
    bad_urls: list[str] = field(default_factory=list)
    scripts: list[tuple[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = HtmlFindings()
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ACTIVE_TAGS:
            self.found.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.found.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(BAD_SCHEMES):
                self.found.bad_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type is not None:
            self.found.scripts.append((self._script_type, data))
        else:
            self.found.text.append(data)


def inspect_html(page: str) -> HtmlFindings:
    parser = _Inspector()
    parser.feed(page)
    parser.close()
    return parser.found


def assert_inert(page: str, baseline: str) -> None:
    """``page`` has no active element, handler or URL that ``baseline`` (the same page with
    plain text) does not have, and its JSON scripts still parse (nothing broke out)."""
    found, normal = inspect_html(page), inspect_html(baseline)
    added = {tag: n for tag, n in (found.tags - normal.tags).items() if n}
    assert not added, f"elements injected: {added}"
    assert found.handlers == normal.handlers, found.handlers
    assert not found.bad_urls, found.bad_urls
    for kind, content in found.scripts:
        assert kind == "application/ld+json", f"a {kind} script appeared: {content[:200]}"
        json.loads(content)


def page_text(page: str) -> str:
    """The visible text of a page, entities decoded, whitespace collapsed."""
    return " ".join(" ".join(inspect_html(page).text).split())
