"""Reading a pasted job advert: the company, role and location where the text makes them
obvious ("Company: Acme", "Acme is hiring a …", "Standort: Berlin"); nothing is guessed
beyond that, the user checks and completes the rest."""

from __future__ import annotations

import re

from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.applications.schemas import MAX_AD_CHARS, AdDraft
from cvapp.errors import ValidationFailed

# "Label: value" lines, in the languages adverts reach us in most.
_LABELS = {
    "company": r"company|employer|organi[sz]ation|unternehmen|firma|arbeitgeber|entreprise|"
    r"société|empresa|azienda|bedrijf|werkgever",
    "role": r"job\s*title|title|position|role|stelle|stellenbezeichnung|jobtitel|poste|"
    r"intitulé du poste|puesto|cargo|posizione|functie|vacature",
    "location": r"location|place of work|based in|standort|arbeitsort|einsatzort|ort|lieu|"
    r"localisation|ubicación|ubicacion|lugar de trabajo|sede|luogo di lavoro|locatie|"
    r"werklocatie",
}
_LABELLED = {
    key: re.compile(rf"^\s*(?:{names})\s*[:：]\s*(?P<value>\S.{{0,150}}?)\s*$", re.I | re.M)
    for key, names in _LABELS.items()
}
_HIRING = re.compile(
    r"^(?P<company>[A-ZÄÖÜÉ][\w&.,'’ -]{1,60}?)\s+(?:is hiring|is looking for|are hiring|"
    r"are looking for|sucht|suchen|recrute|recherche|busca|está buscando|cerca|zoekt)\b",
    re.M,
)
# What follows "Acme is hiring" / "Acme sucht": the role when an article leads it or a gender
# tag closes it ("a Data Engineer", "Data Engineer (m/w/d)"; not "sucht Verstärkung"), and the
# place after "in"/"à" ("… in Hamburg.").
_HIRED = re.compile(
    r"\s+(?:ab sofort\s+)?(?:(?P<article>a|an|einen|eine|un|une|una|uno|een)\s+)?"
    r"(?P<role>[^\n.,;:!?()]{2,80}?)(?P<tag>\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\))?"
    r"(?:\s+(?:in|à|en|a)\s+(?P<location>[A-ZÄÖÜÉ][\w'’-]*(?:\s+[A-ZÄÖÜÉ][\w'’-]*){0,2}))?"
    r"\s*(?:[.,;:!?\n]|$)",
    re.I,
)
_AT_COMPANY = re.compile(
    r"\b(?:at|bei|chez|en|presso|bij)\s+(?P<company>[A-ZÄÖÜÉ][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
)
# A gender tag German and Austrian adverts put after the title: "(m/w/d)", "(w/m/x)".
_GENDER_TAG = re.compile(r"\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\)\s*|\s*\(all genders?\)", re.I)
# Not a company: "We are hiring", "Wir suchen", "Our team is looking for".
_PRONOUNS = re.compile(
    r"^(?:we|wir|nous|our|unser|unsere|notre|nuestro|nuestra|you|du|sie|ihr)\b", re.I
)
_ARTICLE = re.compile(r"^(?:the|die|der|das|la|le|les|el|los|las|il|lo|de|het)\s+", re.I)
_TITLE_PLACE = re.compile(r"^(?P<role>.+?)\s+[–—|-]\s+(?P<location>[A-ZÄÖÜ][\w .'-]{1,40})$")


def _labelled(key: str, text: str) -> str | None:
    found = _LABELLED[key].search(text)
    return found["value"].strip(" ,;") if found else None


def _title_line(lines: list[str]) -> str | None:
    """The first line when it reads like a title: short, no sentence, no label."""
    if not lines:
        return None
    first = lines[0]
    if len(first.split()) > 12 or first[-1:] in ".:!?" or ":" in first:
        return None
    return first


def read_ad(text: str) -> AdDraft:
    """The company, role and location a pasted advert states plainly (labels, a title line,
    "Acme is hiring a …", "Acme sucht … (m/w/d) in …", "… at Acme")."""
    if len(text) > MAX_AD_CHARS:
        raise ValidationFailed.field("text", f"At most {MAX_AD_CHARS} characters")
    job = parse_job(text) if text.strip() else None
    if job is None:
        raise ValidationFailed.field("text", "Paste a job advert")
    full = job.description or text.strip()
    lines = [line.strip(" \t-*•·#") for line in full.splitlines() if line.strip(" \t-*•·#")]
    role = _labelled("role", full)
    location = _labelled("location", full)
    title = _title_line(lines)
    if role is None and title is not None:
        role = title
    if role is not None:
        role = _GENDER_TAG.sub(" ", role).strip()
        placed = _TITLE_PLACE.match(role)
        if placed:
            role = placed["role"].strip()
            location = location or placed["location"].strip()
    company = _labelled("company", full)
    hiring = _HIRING.search(full)
    if hiring is not None and _PRONOUNS.match(hiring["company"]):
        hiring = None
    if company is None and hiring is not None:
        company = _ARTICLE.sub("", hiring["company"].strip())
    if role is None and hiring is not None:
        hired = _HIRED.match(full, hiring.end())
        if hired is not None and (hired["article"] or hired["tag"]):
            role = hired["role"].strip()
            location = location or hired["location"]
    if company is None and title is not None:
        at = _AT_COMPANY.search(title) or (_AT_COMPANY.search(lines[1]) if len(lines) > 1 else None)
        if at is not None:
            company = at["company"].strip()
            if role and role.endswith(at.group(0)):
                role = role[: -len(at.group(0))].strip(" ,-–")
    return AdDraft(
        company=company[:200] if company else None,
        role=role[:200] if role else None,
        location=location[:200] if location else None,
        job_text=text.strip(),
    )
