"""Words a CV prints besides the user's own, and dates, per locale (babel for dates)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton

_EN = {
    "summary": "Summary",
    "experiences": "Experience",
    "projects": "Projects",
    "skills": "Skills",
    "education": "Education",
    "certifications": "Certifications",
    "publications": "Publications",
    "achievements": "Awards",
    "volunteering": "Volunteering",
    "languages": "Languages",
    "interests": "Interests",
    "present": "Present",
    "client": "Client",
    "contact": "Contact",
    "page": "Page",
    "download_pdf": "Download PDF",
}
_WORDS: dict[str, dict[str, str]] = {
    "en": _EN,
    "fr": {
        "summary": "Profil", "experiences": "Expérience", "projects": "Projets",
        "skills": "Compétences", "education": "Formation", "certifications": "Certifications",
        "publications": "Publications", "achievements": "Distinctions",
        "volunteering": "Bénévolat", "languages": "Langues", "interests": "Centres d’intérêt",
        "present": "aujourd’hui", "client": "Client", "contact": "Contact", "page": "Page",
        "download_pdf": "Télécharger le PDF",
    },
    "de": {
        "summary": "Profil", "experiences": "Berufserfahrung", "projects": "Projekte",
        "skills": "Kenntnisse", "education": "Ausbildung", "certifications": "Zertifikate",
        "publications": "Publikationen", "achievements": "Auszeichnungen",
        "volunteering": "Ehrenamt", "languages": "Sprachen", "interests": "Interessen",
        "present": "heute", "client": "Kunde", "contact": "Kontakt", "page": "Seite",
        "download_pdf": "PDF herunterladen",
    },
    "es": {
        "summary": "Perfil", "experiences": "Experiencia", "projects": "Proyectos",
        "skills": "Habilidades", "education": "Formación", "certifications": "Certificaciones",
        "publications": "Publicaciones", "achievements": "Premios",
        "volunteering": "Voluntariado", "languages": "Idiomas", "interests": "Intereses",
        "present": "actualidad", "client": "Cliente", "contact": "Contacto", "page": "Página",
        "download_pdf": "Descargar PDF",
    },
    "it": {
        "summary": "Profilo", "experiences": "Esperienza", "projects": "Progetti",
        "skills": "Competenze", "education": "Istruzione", "certifications": "Certificazioni",
        "publications": "Pubblicazioni", "achievements": "Riconoscimenti",
        "volunteering": "Volontariato", "languages": "Lingue", "interests": "Interessi",
        "present": "oggi", "client": "Cliente", "contact": "Contatti", "page": "Pagina",
        "download_pdf": "Scarica PDF",
    },
    "nl": {
        "summary": "Profiel", "experiences": "Werkervaring", "projects": "Projecten",
        "skills": "Vaardigheden", "education": "Opleiding", "certifications": "Certificaten",
        "publications": "Publicaties", "achievements": "Prijzen",
        "volunteering": "Vrijwilligerswerk", "languages": "Talen", "interests": "Interesses",
        "present": "heden", "client": "Klant", "contact": "Contact", "page": "Pagina",
        "download_pdf": "PDF downloaden",
    },
    "pt": {
        "summary": "Perfil", "experiences": "Experiência", "projects": "Projetos",
        "skills": "Competências", "education": "Formação", "certifications": "Certificações",
        "publications": "Publicações", "achievements": "Prémios",
        "volunteering": "Voluntariado", "languages": "Idiomas", "interests": "Interesses",
        "present": "atual", "client": "Cliente", "contact": "Contacto", "page": "Página",
        "download_pdf": "Descarregar PDF",
    },
}  # fmt: skip


@lru_cache(maxsize=64)
def babel_locale(code: str) -> Locale:
    """The babel locale for ``code`` (``pt-BR`` or ``pt_BR``), English if unknown."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def words(code: str) -> dict[str, str]:
    """The CV's fixed words in the locale's language (English for the rest)."""
    return {**_EN, **_WORDS.get(babel_locale(code).language, {})}


@lru_cache(maxsize=4096)
def format_date(value: str | None, code: str) -> str:
    """A career date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as the locale writes month+year."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 1:
        return parts[0]
    try:
        day = date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return value
    return format_skeleton("yMMM", day, locale=babel_locale(code))


def format_range(start: str | None, end: str | None, code: str, *, current: bool) -> str:
    """``Mar 2021 – Present``; a single date when only one is known."""
    first = format_date(start, code)
    last = words(code)["present"] if current and start else format_date(end, code)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last
