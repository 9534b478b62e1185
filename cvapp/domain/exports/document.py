"""The presentation model: a resolved CV as titled sections of uniform entries.

HTML/PDF templates, Markdown and DOCX all read this shape, so a section is laid out by
one mapping per section kind, not once per format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cvapp.domain.cvs.design import NO_DESIGN, CvDesign, design_of
from cvapp.domain.exports.catalog import TEMPLATES, get_template
from cvapp.domain.exports.i18n import babel_locale, format_date, format_range, words
from cvapp.domain.exports.portrait import photo_src
from cvapp.domain.exports.resolve import ResolvedCv


@dataclass
class Entry:
    id: str | None = None
    title: str = ""
    subtitle: str = ""
    meta: str = ""
    dates: str = ""
    url: str | None = None
    text: str = ""
    bullets: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    kind: str  # "text" | "entries" | "groups" | "inline"
    entries: list[Entry]


@dataclass
class Contact:
    kind: str
    value: str
    url: str | None = None


@dataclass
class Document:
    name: str
    headline: str
    contacts: list[Contact]
    sections: list[Section]
    lang: str
    title: str
    words: dict[str, str]
    template: str
    page_size: str
    design: CvDesign = NO_DESIGN
    # The sections a two-column template puts in its side column (in the CV's order).
    side_sections: tuple[str, ...] = ()

    @property
    def classes(self) -> str:
        """The design's classes on the root element ("" for the template as designed)."""
        design, names = self.design, []
        if design.section_titles:
            names.append(f"titles-{design.section_titles}")
        if design.header:
            names.append(f"header-{design.header}")
        if design.photo is False:
            names.append("no-photo")
        if design.photo_shape:
            names.append(f"photo-{design.photo_shape}")
        return " ".join(names)

    photo: str | None = None  # the photo's src, only for a template that shows one

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def build_document(cv: ResolvedCv) -> Document:
    """The document of a resolved CV, dates and fixed words in the CV's locale."""
    code = cv.locale
    labels = words(code)
    design = design_of(cv.design)
    when = Dates(code, design.date_format or "short")
    basics = cv.basics
    sections = []
    for section in cv.sections:
        kind, mapper = _MAPPERS[section.key]
        entries = (
            _skill_groups(section.items)
            if section.key == "skills"
            else [mapper(item, when) for item in section.items]
        )
        title = section.title or labels[section.key]
        sections.append(Section(key=section.key, title=title, kind=kind, entries=entries))
    name = basics.get("full_name") or ""
    return Document(
        name=name,
        headline=cv.title(),
        contacts=_contacts(basics),
        sections=sections,
        lang=babel_locale(code).language,
        title=f"{name} — {cv.title() or 'CV'}" if name else cv.name,
        words=labels,
        template=cv.template,
        page_size=cv.page_size,
        design=design,
        side_sections=_side_sections(cv.template, design),
        photo=photo_src(cv) if _shows_photo(cv.template, design) else None,
    )


@dataclass(frozen=True)
class Dates:
    """Dates as the CV's locale and design write them."""

    code: str
    style: str

    def one(self, value: str | None) -> str:
        return format_date(value, self.code, self.style)

    def range(self, start: str | None, end: str | None, *, current: bool) -> str:
        return format_range(start, end, self.code, current=current, style=self.style)


def _shows_photo(template: str, design: CvDesign) -> bool:
    """A photo template shows the profile photo unless the CV's design turns it off."""
    return get_template(template).photo and design.photo is not False


def _side_sections(template: str, design: CvDesign) -> tuple[str, ...]:
    """The design's side column, or the template's own (none for one-column templates)."""
    known = TEMPLATES.get(template)
    if known is None or not known.side_sections:
        return ()
    return design.side_sections if design.side_sections is not None else known.side_sections


def _contacts(basics: dict[str, Any]) -> list[Contact]:
    contact = basics.get("contact") or {}
    location = basics.get("location") or {}
    result = []
    if contact.get("email"):
        result.append(Contact("email", contact["email"], f"mailto:{contact['email']}"))
    if contact.get("phone"):
        phone = contact["phone"]
        result.append(
            Contact("phone", phone, "tel:" + "".join(c for c in phone if c in "+0123456789"))
        )
    place = ", ".join(p for p in (location.get("city"), location.get("region")) if p)
    if location.get("country_code"):
        place = f"{place}, {location['country_code']}" if place else location["country_code"]
    if place:
        result.append(Contact("location", place))
    shown: set[str] = set()
    for kind, url in [("website", basics.get("website"))] + [
        (link.get("network") or "link", link.get("url")) for link in basics.get("links") or []
    ]:
        if url and _same_url_key(url) not in shown:  # a website also listed as a link: once
            shown.add(_same_url_key(url))
            result.append(Contact(kind, _bare(url), url))
    return result


def _same_url_key(url: str) -> str:
    """``https://www.Example.org/x/`` and ``http://example.org/x`` are the same address."""
    bare = _bare(url).casefold()
    return bare.removeprefix("www.").rstrip("/")


def _bare(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


def _join(*parts: str | None, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _summary(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(text=item.get("text") or "")


def _experience(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(
        id=item["id"],
        title=item.get("title") or "",
        subtitle=item.get("company") or "",
        meta=item.get("location") or "",
        dates=when.range(
            item.get("start_date"), item.get("end_date"), current=item.get("end_date") is None
        ),
        url=item.get("url"),
        text=item.get("description") or "",
        bullets=list(item.get("responsibilities") or []),
        tags=[s["name"] for s in item.get("skills") or []],
    )


def _project(item: dict[str, Any], when: Dates) -> Entry:
    client = item.get("client_alias") if item.get("anonymize") else item.get("client_name")
    current = bool(item.get("start_date")) and item.get("end_date") is None
    return Entry(
        id=item["id"],
        title=item.get("name") or "",
        subtitle=_join(item.get("role"), client, item.get("entity")),
        dates=when.range(item.get("start_date"), item.get("end_date"), current=current),
        url=item.get("url"),
        text=item.get("description") or "",
        bullets=list(item.get("highlights") or []),
        tags=list(item.get("keywords") or []) or [s["name"] for s in item.get("skills") or []],
    )


def _education(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(
        id=item["id"],
        title=_join(item.get("study_type"), item.get("area"), sep=", ") or item["institution"],
        subtitle=item["institution"] if (item.get("study_type") or item.get("area")) else "",
        meta=item.get("location") or "",
        dates=when.range(item.get("start_date"), item.get("end_date"), current=False),
        url=item.get("url"),
        text=item.get("score") or "",
        tags=list(item.get("courses") or []),
    )


def _certification(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(
        id=item["id"],
        title=item["name"],
        subtitle=item.get("issuer") or "",
        dates=when.one(item.get("date")),
        url=item.get("url"),
    )


def _publication(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(
        id=item["id"],
        title=item["name"],
        subtitle=item.get("publisher") or "",
        dates=when.one(item.get("release_date")),
        url=item.get("url"),
        text=item.get("summary") or "",
    )


def _achievement(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(
        id=item["id"],
        title=item["title"],
        subtitle=item.get("awarder") or "",
        dates=when.one(item.get("date")),
        text=item.get("summary") or "",
    )


def _volunteering(item: dict[str, Any], when: Dates) -> Entry:
    current = bool(item.get("start_date")) and item.get("end_date") is None
    return Entry(
        id=item["id"],
        title=item.get("position") or item["organization"],
        subtitle=item["organization"] if item.get("position") else "",
        dates=when.range(item.get("start_date"), item.get("end_date"), current=current),
        url=item.get("url"),
        text=item.get("summary") or "",
        bullets=list(item.get("highlights") or []),
    )


def _language(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(id=item["id"], title=item["language"], subtitle=item.get("fluency") or "")


def _reference(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(title=item.get("name") or "", text=item.get("reference") or "")


def _interest(item: dict[str, Any], when: Dates) -> Entry:
    return Entry(title=item["name"], tags=list(item.get("keywords") or []))


def _skill_groups(items: list[dict[str, Any]]) -> list[Entry]:
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(item.get("category") or "", []).append(item["name"])
    return [Entry(title=category, tags=names) for category, names in groups.items()]


Mapper = Callable[[dict[str, Any], Dates], Entry]
_MAPPERS: dict[str, tuple[str, Mapper]] = {
    "summary": ("text", _summary),
    "experiences": ("entries", _experience),
    "projects": ("entries", _project),
    "skills": ("groups", _interest),
    "education": ("entries", _education),
    "certifications": ("entries", _certification),
    "publications": ("entries", _publication),
    "achievements": ("entries", _achievement),
    "volunteering": ("entries", _volunteering),
    "languages": ("inline", _language),
    "interests": ("inline", _interest),
    "references": ("entries", _reference),
}
