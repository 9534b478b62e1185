"""Rows of a CV (``layout``) into a :class:`~cvapp.domain.imports.draft.Draft`, offline.

The header (before the first heading) gives the name, the headline and the contact details;
headings are recognised by their words in several languages or by their typography (bold,
larger, capitals, short); each section's rows are split into entries at a title row (bold,
or carrying a date range), and an entry's rows into its header lines, dates, description
and bullets (wrapped bullet lines joined). Every item keeps its source (page, line) and a
confidence; items below ``draft.REVIEW_BELOW`` are flagged for review in the preview.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from typing import Any

from cvapp.domain.imports.dates import PRESENT, UnreadableDate, career_date
from cvapp.domain.imports.draft import Draft, compact
from cvapp.domain.imports.places import location, web_url
from cvapp.domain.imports.resume.layout import Row
from cvapp.domain.imports.resume.vocabulary import SEASONS, folded, heading_key

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d ()./-]{6,}\d(?![\w/])")
_URL = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/[^\s,;|·]*)?", re.I)
_BULLET = re.compile(r"^\s*(?:[•●▪■◦‣∙·►▶➢➤✓✔→*+«-]|\(?\d{1,2}[.)])\s*")
_SEPARATORS = re.compile(r"\s+(?:·|\||•|–|—)\s+|\s{3,}")
_MONTH_WORD = r"[^\W\d_]{3,10}\.?"
_DATE = (
    rf"(?:(?:{_MONTH_WORD}\s+)?\d{{4}}|\d{{1,2}}[/.]\d{{4}}|\d{{4}}[-/.]\d{{1,2}}"
    rf"|present|current|now|today|heute|aujourd['’]hui|actuel|actualidad|presente|oggi|heden)"
)
_DATE = rf"(?<![\w/.-]){_DATE}(?![\w/-])"
_RANGE = re.compile(
    rf"(?P<start>{_DATE})\s*(?:–|—|-|−|to|bis|à|a|au|until|till|→)\s*(?P<end>{_DATE})"
    rf"|(?:since|seit|depuis|desde|dal)\s+(?P<since>{_DATE})"
    rf"|(?P<single>{_DATE})",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?sc|m\.?sc|b\.?a|m\.?a|mba|ph\.?d|doctor|diplom|licence|"
    r"bac|bts|dut|associate|degree|b\.?tech|m\.?tech|b\.?eng|m\.?eng|abitur|magister)\b",
    re.IGNORECASE,
)
_SCHOOL = re.compile(
    r"\b(?:universit\w*|college|school|institut\w*|hochschule|academy|akademie|école|ecole|"
    r"polytechni\w*|escuela|universidad|politecnico|lycée|gymnasium|tu|eth|epfl|mit)\b",
    re.IGNORECASE,
)
_LINKS = {"linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab",
          "twitter.com": "Twitter", "x.com": "X", "stackoverflow.com": "Stack Overflow",
          "behance.net": "Behance", "dribbble.com": "Dribbble", "medium.com": "Medium"}  # fmt: skip
_ENTRY_SECTIONS = (
    "experiences", "projects", "education", "certifications", "achievements", "publications",
    "volunteering",
)  # fmt: skip


@dataclass
class Block:
    """The rows under one heading."""

    key: str | None
    heading: Row | None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Dates:
    start: str | None = None
    end: str | None = None
    current: bool = False


# --- dates -------------------------------------------------------------------------------------


def _one_date(text: str) -> tuple[str | None, bool]:
    """``text`` as a career date, and whether it means "to this day"."""
    words = folded(text)
    if words in {folded(p) for p in PRESENT} or words in ("actuel", "heden", "current"):
        return None, True
    season = re.fullmatch(r"([^\W\d_]+)\s+(\d{4})", words)
    if season and season.group(1) in SEASONS:
        return f"{season.group(2)}-{SEASONS[season.group(1)]:02d}", False
    try:
        return career_date(text), False
    except UnreadableDate:
        return None, False


def _period_end(text: str, start: str) -> str:
    """The last month of a single period: a season lasts three months, else ``start``."""
    season = re.fullmatch(r"([^\W\d_]+)\s+(\d{4})", folded(text))
    if not (season and season.group(1) in SEASONS):
        return start
    months = int(season.group(2)) * 12 + SEASONS[season.group(1)] - 1 + 2
    return f"{months // 12}-{months % 12 + 1:02d}"


def find_dates(text: str) -> tuple[Dates | None, str]:
    """The date range in ``text`` and the text without it."""
    for match in _RANGE.finditer(text):
        if match.group("start"):
            start, _ = _one_date(match.group("start"))
            end, current = _one_date(match.group("end"))
            if start is None or (end is None and not current):
                continue
            dates = Dates(start, end, current)
        elif match.group("since"):
            start, _ = _one_date(match.group("since"))
            if start is None:
                continue
            dates = Dates(start, None, True)
        else:
            single, current = _one_date(match.group("single"))
            if single is None:
                continue
            # One period on its own ("2018", "Mar 2020", "Summer 2018") began and ended then:
            # without an end, it would read as still going on.
            dates = Dates(single, _period_end(match.group("single"), single), False)
        rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,·|–—-()")
        return dates, " ".join(rest.split())
    return None, text


# --- sections ----------------------------------------------------------------------------------


def _body_size(rows: list[Row]) -> float:
    sizes = [row.size for row in rows if len(row.text) > 30]
    return statistics.median(sizes) if sizes else 10.0


def _is_heading(row: Row, body: float, named_yet: bool) -> str | None:
    """``"<section key>"``, ``"other"`` for a heading we cannot name (only once a named one
    was seen: above it, a large line is the headline), or None."""
    if row.bullet or row.right:
        return None
    key = heading_key(row.text.rstrip(":"))
    if key is not None:
        return key
    words = row.text.split()
    larger = row.size > body + 1 and not row.scanned  # OCR'd sizes are too rough to tell
    looks = row.heading or (row.text.isupper() and len(row.text) > 3) or larger
    if "," in row.text or ":" in row.text.rstrip(":"):
        return None
    if named_yet and looks and 0 < len(words) <= 4 and not any(c.isdigit() for c in row.text):
        return "other"
    return None


def blocks(rows: list[Row]) -> list[Block]:
    """The header block (key None), then one block per heading."""
    body = _body_size(rows)
    found = [Block(None, None)]
    for index, row in enumerate(rows):
        key = _is_heading(row, body, len(found) > 1) if index else None
        if key is not None:
            found.append(Block(key, row))
        else:
            found[-1].rows.append(row)
    return found


# --- header ------------------------------------------------------------------------------------


def _contacts(texts: list[str], profile: dict[str, Any]) -> list[str]:
    """Emails, phones and links out of ``texts``; what is left over, piece by piece."""
    contact: dict[str, Any] = profile.setdefault("contact", {})
    links: list[dict[str, Any]] = profile.setdefault("links", [])
    rest: list[str] = []
    for text in texts:
        for piece in _SEPARATORS.split(text):
            piece = piece.strip(" ,;")
            email = _EMAIL.search(piece)
            if email:
                contact.setdefault("email", email.group(0))
                piece = piece.replace(email.group(0), "")
            phone = _PHONE.search(piece)
            if phone and sum(c.isdigit() for c in phone.group(0)) >= 7:
                contact.setdefault("phone", phone.group(0).strip())
                piece = piece.replace(phone.group(0), "")
            for url in _URL.findall(piece):
                address = web_url(url)
                if address is None:
                    continue
                host = address.split("://", 1)[1].removeprefix("www.").split("/", 1)[0].lower()
                network = next((name for domain, name in _LINKS.items() if host == domain), None)
                if network:
                    links.append({"network": network, "url": address})
                elif "website" not in profile:
                    profile["website"] = address
                else:
                    links.append({"network": "Website", "url": address})
                piece = piece.replace(url, "")
            piece = piece.strip(" ,;:|·")
            if piece:
                rest.append(piece)
    return rest


def header(block: Block, draft: Draft, contact_rows: list[Row]) -> float:
    """Name, headline, location and contact details; the confidence of the name."""
    rows = block.rows
    if not rows:
        draft.warn("not_found", "No name found at the top of the file", "page 1, line 1")
        return 0.0
    profile = draft.profile
    name_row = max(rows[:4], key=lambda row: row.size)
    profile["full_name"] = name_row.text
    others = [row for row in rows if row is not name_row] + contact_rows
    texts: list[str] = []
    # A header laid out as a table puts contacts on the name's line, at the right margin.
    beside_name = [name_row.right] if name_row.right else []
    for text in [row.text for row in others] + [r.right for r in others if r.right] + beside_name:
        if texts and texts[-1].endswith(("-", "/")) and text[:1].isalnum():
            head, _, tail = text.partition(" ")  # an address the line broke at - or /
            texts[-1] += head
            if tail.strip(" ·|,"):
                texts.append(tail.strip(" ·|,"))
        else:
            texts.append(text)
    rest = _contacts(texts, profile)
    for piece in rest:
        if "headline" not in profile and not any(c.isdigit() for c in piece) and "," not in piece:
            profile["headline"] = piece
        elif "location" not in profile and "," in piece and len(piece) < 60:
            profile["location"] = compact(location(piece))
    profile["contact"] = compact(profile.get("contact", {}))
    if not profile.get("links"):
        profile.pop("links", None)
    words = name_row.text.split()
    return 0.9 if 2 <= len(words) <= 5 and not any(c.isdigit() for c in name_row.text) else 0.5


# --- entries -----------------------------------------------------------------------------------


@dataclass
class Entry:
    rows: list[Row] = field(default_factory=list)
    dates: Dates | None = None
    lines: list[str] = field(default_factory=list)  # header lines, dates removed
    text: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    _bullet_x: float = 0.0

    @property
    def where(self) -> str:
        return self.rows[0].where if self.rows else ""


def _starts_entry(row: Row, entry: Entry) -> bool:
    if not entry.rows:
        return True
    if row.bullet:
        return False
    dated = find_dates(row.right or row.text)[0] is not None
    if row.bold and not row.italic and (entry.bullets or entry.text or entry.dates):
        return True
    started = bool(entry.bullets or entry.text or len(entry.lines) > 1)
    return dated and entry.dates is not None and started


def _add(entry: Entry, row: Row, right_edge: float) -> None:
    previous = entry.rows[-1] if entry.rows else None
    entry.rows.append(row)
    if row.bullet:
        entry.bullets.append(_BULLET.sub("", row.text, count=1))
        entry._bullet_x = row.x0
        return
    if entry.bullets and (row.x0 > entry._bullet_x + 1 or row.text[:1].islower()):
        entry.bullets[-1] += " " + row.text  # a wrapped bullet line
        return
    # A list drawn without text markers (HTML lists printed by a browser): indented lines
    # under the entry's title; a line that follows a full one continues its item.
    title_x = entry.rows[0].x0
    if entry.lines and row.x0 >= title_x + 6 and not row.right and row.x1:
        full = (
            previous is not None and previous.x0 >= title_x + 6 and previous.x1 >= right_edge - 40
        )
        if entry.bullets and full:
            entry.bullets[-1] += " " + row.text
        else:
            entry.bullets.append(row.text)
        entry._bullet_x = row.x0 - 1
        return
    text = row.text
    if entry.dates is None:
        dates, rest = find_dates(row.right) if row.right else find_dates(row.text)
        if dates is not None:
            entry.dates = dates
            text = row.text if row.right else rest
        elif row.right:
            text = f"{row.text} · {row.right}"
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if (entry.bullets or entry.text) and len(parts) >= 2 and all(len(p) <= 30 for p in parts):
        entry.tags.extend(p.strip() for p in parts)  # "Python · Kafka · AWS" under an entry
        return
    header_full = len(entry.lines) >= 2 and not (row.bold or row.italic)
    if entry.bullets or entry.text or header_full or len(text) > 90:
        entry.text.append(text)
    elif text:
        entry.lines.append(text)


_CUT_RANGE = re.compile(rf"(?:[–—-]|\bto|\bbis|\buntil)\s*$|^\s*{_MONTH_WORD}\s*$", re.I)


def _join_wrapped_dates(rows: list[Row]) -> list[Row]:
    """A date range a narrow column wrapped ("Manager Jul 2019 –" / "Present", or "Jun" at
    the right margin / "2016 – Jun 2019") put back on its line."""
    joined: list[Row] = []
    index = 0
    while index < len(rows):
        row, after = rows[index], rows[index + 1] if index + 1 < len(rows) else None
        own = row.right or row.text
        if after is not None and not after.bullet and not after.right and len(after.text) <= 30:
            if _CUT_RANGE.search(own):
                dates, rest = find_dates(f"{own} {after.text}")
                if (
                    dates
                    and (dates.end or dates.current)
                    and not set(after.text.split()) & set(rest.split())
                ):
                    whole = f"{own} {after.text}"
                    joined.append(
                        replace(row, right=whole) if row.right else replace(row, text=whole)
                    )
                    index += 2
                    continue
        joined.append(row)
        index += 1
    return joined


def entries(rows: list[Row]) -> list[Entry]:
    found: list[Entry] = []
    right_edge = max((row.x1 for row in rows), default=0.0)
    for row in _join_wrapped_dates(rows):
        if not found or _starts_entry(row, found[-1]):
            found.append(Entry())
        _add(found[-1], row, right_edge)
    return [entry for entry in found if entry.lines or entry.bullets or entry.text]


def _split(line: str) -> list[str]:
    parts = [p.strip() for p in _SEPARATORS.split(line) if p.strip()]
    if len(parts) == 1:
        for word in (" at ", " bei ", " chez ", " en ", " presso ", " @ "):
            if word in line:
                return [p.strip() for p in line.split(word, 1)]
    return parts


def _dated(data: dict[str, Any], entry: Entry, start: str, end: str | None) -> None:
    if entry.dates is None:
        return
    data[start] = entry.dates.start
    if end and entry.dates.end:
        data[end] = entry.dates.end


def _description(entry: Entry) -> str | None:
    return " ".join(entry.text) or None


_COMPANY_SUFFIX = re.compile(
    r"^(?:inc|ltd|llc|gmbh|ag|se|sa|sas|sarl|bv|nv|plc|co|corp|kg|oy|ab|as|spa|srl)\.?$", re.I
)


def _company_and_place(parts: list[str]) -> list[str]:
    """ "Zalando SE, Berlin" → company "Zalando SE", place "Berlin" (not "Google, Inc.")."""
    if len(parts) == 2 and ", " in parts[1] and len(parts[1]) < 80:
        company, _, place = parts[1].rpartition(", ")
        words = place.split()
        if 0 < len(words) <= 3 and place[:1].isupper() and not _COMPANY_SUFFIX.match(place):
            return [parts[0], company, place]
    return parts


def experience(entry: Entry) -> tuple[dict[str, Any], float]:
    head = _company_and_place([part for line in entry.lines for part in _split(line)])
    title = head[0] if head else None
    company = head[1] if len(head) > 1 else None
    rest = head[2:]
    data: dict[str, Any] = {"title": title, "company": company}
    if rest:
        data["location"] = rest[0]
    _dated(data, entry, "start_date", "end_date")
    data["description"] = _description(entry)
    data["responsibilities"] = entry.bullets
    confidence = 0.9 if title and company and entry.dates else 0.6 if title and company else 0.3
    return compact(data), confidence


def education(entry: Entry) -> tuple[dict[str, Any], float]:
    head = [part for line in entry.lines for part in _split(line)]
    school = next((part for part in head if _SCHOOL.search(part)), None)
    degree = next((part for part in head if part != school and _DEGREE.search(part)), None)
    others = [part for part in head if part not in (school, degree)]
    if school is None and others:
        school = others.pop(0 if degree else 1 if len(others) > 1 else 0)
    data: dict[str, Any] = {"institution": school}
    if degree:
        abbreviated = re.match(r"^((?:[A-Z][a-z]{0,4}\.)+(?:[A-Z][a-z]*\.?)?)\s+(.+)$", degree)
        parts = (
            [abbreviated.group(1), abbreviated.group(2)]
            if abbreviated
            else re.split(r",\s*|\s+in\s+|\s+of\s+|\s+en\s+", degree, maxsplit=1)
        )
        study = parts[0]
        area = parts[1] if len(parts) > 1 else ""
        data["study_type"] = study
        if area:
            data["area"] = area
    if others and "area" not in data:
        data["area"] = others.pop(0)
    if others:
        data["score"] = others[0][:64]
    _dated(data, entry, "start_date", "end_date")
    if entry.bullets:
        data["courses"] = entry.bullets
    return compact(data), 0.9 if school and entry.dates else 0.6 if school else 0.3


def project(entry: Entry) -> tuple[dict[str, Any], float]:
    head = [part for line in entry.lines for part in _split(line)]
    data: dict[str, Any] = {"name": head[0] if head else None}
    if len(head) > 1:
        data["role"] = head[1]
    if len(head) > 2:
        data["entity"] = head[2]
    _dated(data, entry, "start_date", "end_date")
    data["description"] = _description(entry)
    data["highlights"] = entry.bullets
    data["keywords"] = entry.tags
    return compact(data), 0.8 if head else 0.3


def _named(fields: tuple[str, str, str]) -> Any:
    name, by, when = fields

    def read(entry: Entry) -> tuple[dict[str, Any], float]:
        head = [part for line in entry.lines for part in _split(line)]
        data: dict[str, Any] = {name: head[0] if head else None}
        if len(head) > 1:
            data[by] = head[1]
        if entry.dates:
            data[when] = entry.dates.start
        text = " ".join(entry.text + entry.bullets)
        if text and name != "name":
            data["summary"] = text
        return compact(data), 0.8 if head else 0.3

    return read


def volunteering(entry: Entry) -> tuple[dict[str, Any], float]:
    head = [part for line in entry.lines for part in _split(line)]
    data: dict[str, Any] = {"position": head[0] if head else None}
    data["organization"] = head[1] if len(head) > 1 else head[0] if head else None
    _dated(data, entry, "start_date", "end_date")
    data["summary"] = _description(entry)
    data["highlights"] = entry.bullets
    return compact(data), 0.8 if len(head) > 1 else 0.5


READERS = {
    "experiences": experience,
    "education": education,
    "projects": project,
    "certifications": _named(("name", "issuer", "date")),
    "achievements": _named(("title", "awarder", "date")),
    "publications": _named(("name", "publisher", "release_date")),
    "volunteering": volunteering,
}


# --- list sections -----------------------------------------------------------------------------


def _list_lines(rows: list[Row]) -> list[str]:
    """A list section's lines, a line that wrapped (ends with a comma, or the next one starts
    in lower case or with a parenthesis) joined to the next."""
    lines: list[str] = []
    for row in rows:
        text = _BULLET.sub("", row.text, count=1) if row.bullet else row.text
        if (
            lines
            and not row.bullet
            and (lines[-1].endswith((",", ";")) or text[:1] in "(" or text[:1].islower())
        ):
            lines[-1] += " " + text
        else:
            lines.append(text)
    return lines


# Commas, semicolons, dots and bars split a skills line, outside parentheses; a slash too,
# unless a side is one or two letters: "A/B testing", "CI/CD", "TCP/IP" stay whole.
_SKILL_SEPARATOR = re.compile(r"\s*[,;·|•]\s*(?![^()]*\))|(?<!\b\w)(?<!\b\w\w)\s*/\s*(?!\w\w?\b)")


def skills(rows: list[Row]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for text in _list_lines(rows):
        category = None
        if ":" in text and text.index(":") < 40:
            category, text = (part.strip() for part in text.split(":", 1))
        for name in _SKILL_SEPARATOR.split(text):
            name = name.strip(" .")
            if 0 < len(name) <= 60:
                found.append(compact({"name": name, "category": category}))
    return found


def interests(rows: list[Row]) -> list[dict[str, Any]]:
    """ "Wildlife: Ferrets, Unicorns" is one interest with keywords; a plain list, one each."""
    found: list[dict[str, Any]] = []
    for entry in skills(rows):
        if entry.get("category"):
            known = next((i for i in found if i["name"] == entry["category"]), None)
            if known is None:
                known = {"name": entry["category"], "keywords": []}
                found.append(known)
            known["keywords"].append(entry["name"])
        else:
            found.append({"name": entry["name"]})
    return found


def languages(rows: list[Row]) -> list[dict[str, Any]]:
    found = []
    for line in _list_lines(rows):
        for piece in re.split(r"\s*[,;·|•]\s*(?![^()]*\))", line):
            match = re.match(
                r"^(?P<language>[^\W\d_][\w\s-]*?)\s*(?:\((?P<a>[^)]*)\)|[:–—-]\s*(?P<b>.+))?$",
                piece.strip(),
            )
            if match:
                fluency = match.group("a") or match.group("b")
                found.append(
                    compact({"language": match.group("language").strip(), "fluency": fluency})
                )
    return found


def summary_text(rows: list[Row]) -> str:
    return " ".join(_BULLET.sub("", row.text, count=1) if row.bullet else row.text for row in rows)
