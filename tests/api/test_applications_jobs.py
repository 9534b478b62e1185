"""Adverts in and out of the tracker: JSON Resume jobs (round trip, schema-valid), pasted text
and saved HTML pages (type- and size-checked, nothing of the markup kept)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from jsonschema import Draft7Validator
from sqlmodel import Session

from tests.domain.cv_support import auth, make_user

API = "/api/v1/applications"
SCHEMA = json.loads(
    (Path(__file__).parents[2] / "cvapp/domain/applications/job-schema.json").read_text()
)
# A realistic German advert in JSON Resume's job form.
STELLE = {
    "title": "Senior Dateningenieur (m/w/d)",
    "company": "Nordlicht Software GmbH",
    "type": "Vollzeit",
    "date": "2026-11",
    "description": "Wir suchen eine erfahrene Person für den Aufbau unserer Datenplattform "
    "in Hamburg. Hybrides Arbeiten mit zwei Bürotagen pro Woche.",
    "location": {
        "address": "Große Elbstraße 145",
        "postalCode": "22767",
        "city": "Hamburg",
        "countryCode": "DE",
        "region": "Hamburg",
    },
    "remote": "Hybrid",
    "salary": "75.000–90.000 € brutto/Jahr",
    "experience": "Senior",
    "responsibilities": [
        "Entwurf und Betrieb von Datenpipelines mit Python und Apache Kafka",
        "Modellierung unseres Data Warehouse in PostgreSQL",
    ],
    "qualifications": [
        "Mindestens fünf Jahre Erfahrung im Data Engineering",
        "Sehr gute Deutsch- und gute Englischkenntnisse",
    ],
    "skills": [{"name": "Datenverarbeitung", "level": "Experte", "keywords": ["Kafka", "dbt"]}],
    "meta": {"canonical": "https://karriere.nordlicht.example/stellen/42", "version": "v1.0.0"},
}


def test_a_json_resume_job_round_trips(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    created = api.post(f"{API}/import", json=STELLE, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["company"], body["role"]) == ("Nordlicht Software GmbH", STELLE["title"])
    assert body["location"] == "Hamburg, DE" and body["salary"] == STELLE["salary"]
    assert body["job_url"] == "https://karriere.nordlicht.example/stellen/42"
    assert "Apache Kafka" in body["job_text"] and "Englischkenntnisse" in body["job_text"]

    exported = api.get(f"{API}/{body['id']}/job.json", headers=headers)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    job = exported.json()
    assert not list(Draft7Validator(SCHEMA).iter_errors(job))
    assert job == {**STELLE, "url": body["job_url"]}  # nothing lost, umlauts included

    api.patch(f"{API}/{body['id']}", json={"location": "Remote", "salary": None}, headers=headers)
    changed = api.get(f"{API}/{body['id']}/job.json", headers=headers).json()
    assert changed["location"] == {"city": "Remote"} and "salary" not in changed
    assert changed["responsibilities"] == STELLE["responsibilities"]
    assert not list(Draft7Validator(SCHEMA).iter_errors(changed))


def test_an_application_typed_in_exports_a_valid_job(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    typed = {"company": "Acme", "role": "Designer", "job_text": "Design things.\nWell."}
    created = api.post(API, json=typed, headers=headers).json()
    job = api.get(f"{API}/{created['id']}/job.json", headers=headers).json()
    assert job == {"title": "Designer", "company": "Acme", "description": "Design things.\nWell."}
    again = api.post(f"{API}/import", json=job, headers=headers).json()
    assert (again["company"], again["role"], again["job_text"]) == (
        "Acme", "Designer", "Design things.\nWell."
    )  # fmt: skip


def test_an_invalid_job_is_refused_by_path(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    bad = api.post(f"{API}/import", json={**STELLE, "remote": "Sometimes"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["field"] == "job.remote"
    untitled = api.post(f"{API}/import", json={"company": "Acme"}, headers=headers)
    assert untitled.status_code == 422
    assert untitled.json()["error"]["details"][0]["field"] == "job.title"
    assert api.post(f"{API}/import", json=["x"], headers=headers).status_code == 422


def test_a_pasted_advert_is_read(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    text = (
        "Ingénieur logiciel backend (H/F)\n"
        "Société : Exemple Logiciels SA\n"
        "Lieu : Lyon\n\n"
        "Nous recherchons un ingénieur pour notre équipe paiements."
    )
    read = api.post(f"{API}/read-ad", json={"text": text}, headers=headers)
    assert read.status_code == 200, read.text
    assert read.json() == {
        "company": "Exemple Logiciels SA",
        "role": "Ingénieur logiciel backend (H/F)",
        "location": "Lyon",
        "job_text": text,
    }
    assert api.post(f"{API}/read-ad", json={"text": " "}, headers=headers).status_code == 422


PAGE = b"""<!DOCTYPE html><html lang="es"><head><meta charset="utf-8">
<title>Empleo</title>
<script>document.cookie = "stolen"</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
 "title": "Desarrolladora de datos", "hiringOrganization": {"@type": "Organization",
 "name": "Ejemplo Datos S.L."}, "jobLocation": {"@type": "Place", "address": {
 "@type": "PostalAddress", "addressLocality": "Madrid", "addressCountry": "ES"}},
 "description": "<p>Buscamos una persona con <b>Python</b>.</p><script>alert(1)<\\/script>"}
</script></head><body><h1>Desarrolladora de datos</h1><p>Texto visible</p></body></html>"""


def test_a_saved_page_is_read_without_its_markup(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    files = {"file": ("oferta.html", PAGE, "text/html")}
    read = api.post(f"{API}/read-page", files=files, headers=headers)
    assert read.status_code == 200, read.text
    draft = read.json()
    assert (draft["company"], draft["role"], draft["location"]) == (
        "Ejemplo Datos S.L.", "Desarrolladora de datos", "Madrid, ES"
    )  # fmt: skip
    assert draft["job_text"] == "Buscamos una persona con Python."
    assert "<" not in draft["job_text"] and "alert" not in draft["job_text"]

    plain = b"<html><body><h2>Data Engineer</h2><p>Location: Oslo</p>" + (
        b"<script>evil()</script><p>Acme is hiring.</p></body></html>"
    )
    read = api.post(
        f"{API}/read-page", files={"file": ("job.htm", plain, "text/html")}, headers=headers
    ).json()
    assert (read["company"], read["role"], read["location"]) == ("Acme", "Data Engineer", "Oslo")
    assert "evil" not in read["job_text"]


def test_a_page_upload_is_type_and_size_checked(api: TestClient, session: Session) -> None:
    headers = auth(make_user(session))
    pdf = {"file": ("job.pdf", b"%PDF-1.7 ...", "application/pdf")}
    assert api.post(f"{API}/read-page", files=pdf, headers=headers).status_code == 415
    disguised = {"file": ("job.html", b"\x89PNG\r\n\x1a\n....", "text/html")}
    refused = api.post(f"{API}/read-page", files=disguised, headers=headers)
    assert refused.status_code == 415
    assert refused.json()["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    huge = {"file": ("job.html", b"<html>" + b"x" * (3 * 1024 * 1024), "text/html")}
    assert api.post(f"{API}/read-page", files=huge, headers=headers).status_code == 413
