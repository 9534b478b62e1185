"""How JSON Resume fields map onto cvapp's, section by section — the one table an import
and an export both follow, so that exporting then importing loses nothing.

Keys are JSON Resume names; values the cvapp field. Fields cvapp keeps that JSON Resume has
no name for travel as camelCase extensions (the schema allows extra properties).
"""

from __future__ import annotations

SECTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "work": ("experiences", {
        "name": "company", "position": "title", "location": "location",
        "description": "company_description", "url": "url", "startDate": "start_date",
        "endDate": "end_date", "summary": "description", "highlights": "responsibilities",
        "employmentType": "employment_type",
    }),
    "projects": ("projects", {
        "name": "name", "description": "description", "highlights": "highlights",
        "keywords": "keywords", "startDate": "start_date", "endDate": "end_date", "url": "url",
        "roles": "role", "entity": "entity", "type": "type",
    }),
    "skills": ("skills", {
        "name": "name", "level": "level", "keywords": "keywords", "category": "category",
        "years": "years", "lastUsed": "last_used",
    }),
    "education": ("education", {
        "institution": "institution", "url": "url", "area": "area", "studyType": "study_type",
        "startDate": "start_date", "endDate": "end_date", "score": "score",
        "courses": "courses", "location": "location",
    }),
    "certificates": ("certifications", {
        "name": "name", "date": "date", "url": "url", "issuer": "issuer",
        "credentialId": "credential_id", "expiresDate": "expires_date",
    }),
    "awards": ("achievements", {
        "title": "title", "date": "date", "awarder": "awarder", "summary": "summary",
    }),
    "languages": ("languages", {"language": "language", "fluency": "fluency"}),
    "publications": ("publications", {
        "name": "name", "publisher": "publisher", "releaseDate": "release_date", "url": "url",
        "summary": "summary",
    }),
    "volunteer": ("volunteering", {
        "organization": "organization", "position": "position", "url": "url",
        "startDate": "start_date", "endDate": "end_date", "summary": "summary",
        "highlights": "highlights",
    }),
}  # fmt: skip
"""JSON Resume section → (cvapp section, {JSON Resume field: cvapp field})."""

ALIASES: dict[str, dict[str, str]] = {
    "work": {"company": "name", "website": "url"},
    "volunteer": {"website": "url"},
    "education": {"gpa": "score", "website": "url"},
    "awards": {"website": "url"},
    "publications": {"website": "url"},
    "projects": {"website": "url"},
    "basics": {"website": "url", "picture": "image"},
}
"""Pre-1.0 field names, read when the current name is absent."""

REQUIRED: dict[str, tuple[str, ...]] = {
    "work": ("name", "position", "startDate"),
    "projects": ("name",),
    "skills": ("name",),
    "education": ("institution",),
    "certificates": ("name",),
    "awards": ("title",),
    "languages": ("language",),
    "publications": ("name",),
    "volunteer": ("organization",),
    "interests": ("name",),
    "references": ("name",),
}
"""What a cvapp item cannot be without (JSON Resume itself requires nothing)."""

LOCATION = {
    "address": "address", "postalCode": "postal_code", "city": "city",
    "countryCode": "country_code", "region": "region",
}  # fmt: skip
"""``basics.location`` → the profile's ``location``."""

LEVELS = {1: "Beginner", 2: "Intermediate", 3: "Advanced", 4: "Expert", 5: "Master"}
"""A skill's level 1–5 as the JSON Resume export writes it (``exports.jsonresume``)."""

LEVEL_WORDS = {
    **{word.casefold(): level for level, word in LEVELS.items()},
    "basic": 1, "novice": 1, "elementary": 1, "fundamental": 1, "junior": 2, "working": 2,
    "competent": 2, "proficient": 3, "senior": 3, "strong": 3, "mastery": 5, "native": 5,
}  # fmt: skip
"""Level words an import understands: the export's own, and common others."""

EXTRAS = "cvapp"
"""``meta.cvapp``: what the export adds for cvapp (client aliases, skill evidence)."""
