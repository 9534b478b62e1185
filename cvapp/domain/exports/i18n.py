"""Words a CV prints besides the user's own, and dates, per locale (babel for dates)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton

_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "pt")
# One row a word, one column a language, in the order of ``_LANGUAGES``.
_TABLE: dict[str, tuple[str, ...]] = {
    "summary": ("Summary", "Profil", "Profil", "Perfil", "Profilo", "Profiel", "Perfil"),
    "experiences": ("Experience", "Expérience", "Berufserfahrung", "Experiencia", "Esperienza",
                    "Werkervaring", "Experiência"),
    "projects": ("Projects", "Projets", "Projekte", "Proyectos", "Progetti", "Projecten",
                 "Projetos"),
    "skills": ("Skills", "Compétences", "Kenntnisse", "Habilidades", "Competenze", "Vaardigheden",
               "Competências"),
    "education": ("Education", "Formation", "Ausbildung", "Formación", "Istruzione", "Opleiding",
                  "Formação"),
    "certifications": ("Certifications", "Certifications", "Zertifikate", "Certificaciones",
                       "Certificazioni", "Certificaten", "Certificações"),
    "publications": ("Publications", "Publications", "Publikationen", "Publicaciones",
                     "Pubblicazioni", "Publicaties", "Publicações"),
    "achievements": ("Awards", "Distinctions", "Auszeichnungen", "Premios", "Riconoscimenti",
                     "Prijzen", "Prémios"),
    "volunteering": ("Volunteering", "Bénévolat", "Ehrenamt", "Voluntariado", "Volontariato",
                     "Vrijwilligerswerk", "Voluntariado"),
    "languages": ("Languages", "Langues", "Sprachen", "Idiomas", "Lingue", "Talen", "Idiomas"),
    "interests": ("Interests", "Centres d’intérêt", "Interessen", "Intereses", "Interessi",
                  "Interesses", "Interesses"),
    "references": ("References", "Références", "Referenzen", "Referencias", "Referenze",
                   "Referenties", "Referências"),
    "present": ("Present", "aujourd’hui", "heute", "actualidad", "oggi", "heden", "atual"),
    "client": ("Client", "Client", "Kunde", "Cliente", "Cliente", "Klant", "Cliente"),
    "contact": ("Contact", "Contact", "Kontakt", "Contacto", "Contatti", "Contact", "Contacto"),
    "page": ("Page", "Page", "Seite", "Página", "Pagina", "Pagina", "Página"),
    "download_pdf": ("Download PDF", "Télécharger le PDF", "PDF herunterladen", "Descargar PDF",
                     "Scarica PDF", "PDF downloaden", "Descarregar PDF"),
}  # fmt: skip


def _by_language() -> dict[str, dict[str, str]]:
    """Each language's words, down its column of ``_TABLE`` (a row of the wrong length fails)."""
    columns: dict[str, dict[str, str]] = {language: {} for language in _LANGUAGES}
    for key, row in _TABLE.items():
        for language, word in zip(_LANGUAGES, row, strict=True):
            columns[language][key] = word
    return columns


_WORDS = _by_language()
_EN = _WORDS["en"]


@lru_cache(maxsize=64)
def babel_locale(code: str) -> Locale:
    """The babel locale for ``code`` (``pt-BR`` or ``pt_BR``), English if unknown."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def words(code: str) -> dict[str, str]:
    """The CV's fixed words in the locale's language (English for other languages); every
    language has every word (``_by_language``). Shared: read it, do not change it."""
    return _WORDS.get(babel_locale(code).language, _EN)


# Date styles of a CV's design (``cvs.design.DATE_FORMATS``): babel skeletons, localized.
_SKELETONS = {"short": "yMMM", "long": "yMMMM", "numeric": "yMM"}
_LONE_DIGIT_MONTH = re.compile(r"^(\d)(?=\D)")


@lru_cache(maxsize=4096)
def format_date(value: str | None, code: str, style: str = "short") -> str:
    """A career date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as the locale writes month and
    year in ``style``: short ("Jan 2020", the default), long ("January 2020"), numeric
    ("01/2020", "01.2020" in German), iso ("2020-01") or year ("2020")."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 1 or style == "year":
        return parts[0]
    try:
        day = date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return value
    if style == "iso":
        return f"{day.year:04d}-{day.month:02d}"
    text = format_skeleton(_SKELETONS.get(style, "yMMM"), day, locale=babel_locale(code))
    return _LONE_DIGIT_MONTH.sub(r"0\1", text) if style == "numeric" else text


def format_range(
    start: str | None, end: str | None, code: str, *, current: bool, style: str = "short"
) -> str:
    """``Mar 2021 – Present``; a single date when only one is known."""
    first = format_date(start, code, style)
    last = words(code)["present"] if current and start else format_date(end, code, style)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last
