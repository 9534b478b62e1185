"""Section headings CVs use, in the languages cvapp prints, and date words."""

from __future__ import annotations

import re
import unicodedata

HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary", "profile", "professional summary", "career summary", "about", "about me",
        "objective", "career objective", "personal statement", "profil", "kurzprofil",
        "zusammenfassung", "uber mich", "resume", "a propos", "perfil", "perfil profesional",
        "resumen", "sobre mi", "profilo", "sommario", "profiel", "samenvatting", "sobre mim",
    ),
    "experiences": (
        "experience", "work experience", "professional experience", "employment",
        "employment history", "work history", "career history", "career", "relevant experience",
        "berufserfahrung", "erfahrung", "berufliche erfahrung", "beruflicher werdegang",
        "experience professionnelle", "experiences professionnelles", "parcours professionnel",
        "experiencia", "experiencia laboral", "experiencia profesional", "esperienza",
        "esperienze lavorative", "esperienza professionale", "werkervaring", "ervaring",
        "experiencia profissional",
    ),
    "education": (
        "education", "academic background", "education and training", "studies",
        "qualifications", "ausbildung", "bildung", "studium", "bildungsweg", "formation",
        "education et formation", "etudes", "formacion", "educacion", "formacion academica",
        "istruzione", "formazione", "opleiding", "opleidingen", "formacao", "educacao",
    ),
    "skills": (
        "skills", "technical skills", "key skills", "core skills", "core competencies",
        "competencies", "expertise", "technologies", "tools", "tech stack",
        "skills and tools", "kenntnisse", "fahigkeiten", "kompetenzen", "it-kenntnisse",
        "competences", "competences techniques", "habilidades", "competencias",
        "conocimientos", "competenze", "vaardigheden", "competencias tecnicas",
    ),
    "projects": (
        "projects", "personal projects", "selected projects", "side projects", "projekte",
        "projets", "proyectos", "progetti", "projecten", "projetos",
    ),
    "certifications": (
        "certifications", "certificates", "certification", "licenses and certifications",
        "licenses & certifications", "zertifikate", "zertifizierungen", "certificaciones",
        "certificazioni", "certificaten", "certificacoes",
    ),
    "languages": (
        "languages", "language skills", "sprachen", "sprachkenntnisse", "langues", "idiomas",
        "lingue", "talen", "linguas",
    ),
    "achievements": (
        "awards", "honors", "honours", "achievements", "awards and honors", "honors and awards",
        "auszeichnungen", "distinctions", "prix", "premios", "logros", "riconoscimenti",
        "premi", "prijzen", "premios e distincoes",
    ),
    "publications": (
        "publications", "selected publications", "publikationen", "veroffentlichungen",
        "publicaciones", "pubblicazioni", "publicaties", "publicacoes",
    ),
    "volunteering": (
        "volunteering", "volunteer", "volunteer experience", "volunteer work", "ehrenamt",
        "ehrenamtliches engagement", "benevolat", "voluntariado", "volontariato",
        "vrijwilligerswerk",
    ),
    "interests": (
        "interests", "hobbies", "hobbies and interests", "interessen", "hobbys",
        "centres d interet", "loisirs", "intereses", "aficiones", "interessi", "interesses",
    ),
    "references": ("references", "referenzen", "references professionnelles", "referencias"),
    "contact": (
        "contact", "contact details", "contact information", "personal details", "kontakt",
        "kontaktdaten", "coordonnees", "contacto", "contatti", "contactgegevens",
    ),
}  # fmt: skip


def folded(text: str) -> str:
    """Lowercase, no accents, punctuation as spaces: how headings are compared."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )
    return " ".join(re.sub(r"[^\w+#]+", " ", plain).split())


_BY_WORDS = {folded(word): key for key, words in HEADINGS.items() for word in words}


def heading_key(text: str) -> str | None:
    """The section a heading names (``"Berufserfahrung"`` → ``experiences``), if any."""
    words = folded(text)
    if len(words) > 40:
        return None
    return _BY_WORDS.get(words)


SEASONS = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "fruhling": 3,
    "fruhjahr": 3, "sommer": 6, "herbst": 9, "printemps": 3, "ete": 6, "automne": 9,
    "hiver": 12, "primavera": 3, "verano": 6, "otono": 9, "invierno": 12,
}  # fmt: skip
