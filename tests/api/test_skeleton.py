"""The REST skeleton: one error envelope for everything, request ids, health and readiness."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field

from cvapp.api.app import create_api
from cvapp.api.pagination import PageDep
from cvapp.errors import Conflict


class Payload(BaseModel):
    email: str = Field(min_length=3)
    age: int


def _app_with_probe_routes() -> FastAPI:
    app = create_api()
    probe = APIRouter(prefix="/api/v1/_probe")

    @probe.post("/echo")
    def echo(payload: Payload) -> dict[str, str]:
        return {"email": payload.email}

    @probe.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    @probe.get("/conflict")
    def conflict() -> None:
        raise Conflict("Already there")

    @probe.get("/items")
    def items(params: PageDep) -> dict[str, object]:
        field, desc = params.sort_by(["name", "start_date"], ("name", False))
        everything = [{"n": i} for i in range(45)]
        return params.page_of(everything[params.offset : params.offset + params.size], 45) | {
            "sorted_by": [field, desc]
        }

    app.router.routes[:0] = probe.routes
    return app


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(_app_with_probe_routes(), raise_server_exceptions=False) as test_client:
        yield test_client


def test_health(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response.headers["x-request-id"]


def test_request_id_is_echoed(client: TestClient) -> None:
    response = client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"


def test_unknown_api_route_is_a_404_envelope(client: TestClient) -> None:
    response = client.get("/api/v1/does-not-exist")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"


def test_validation_error_lists_fields(client: TestClient) -> None:
    response = client.post("/api/v1/_probe/echo", json={"email": "x", "age": "old"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    assert {d["field"] for d in error["details"]} == {"email", "age"}


def test_malformed_json_is_a_422_envelope(client: TestClient) -> None:
    response = client.post(
        "/api/v1/_probe/echo", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_crash_is_a_500_with_request_id_and_no_internals(client: TestClient) -> None:
    response = client.get("/api/v1/_probe/boom")
    assert response.status_code == 500
    body = response.json()
    assert body["error"]["code"] == "INTERNAL_ERROR"
    assert body["error"]["details"][0]["message"] == response.headers["x-request-id"]
    assert "passwd" not in response.text and "Traceback" not in response.text


def test_domain_error_maps_to_its_status(client: TestClient) -> None:
    response = client.get("/api/v1/_probe/conflict")
    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "CONFLICT", "message": "Already there", "details": []}
    }


def test_wrong_method_is_an_envelope(client: TestClient) -> None:
    response = client.delete("/api/v1/health")
    assert response.status_code in (404, 405)
    assert "error" in response.json()


def test_pagination_and_sort(client: TestClient) -> None:
    body = client.get("/api/v1/_probe/items?page=3&size=20&sort=start_date:desc").json()
    assert body["pagination"] == {"page": 3, "size": 20, "total": 45, "pages": 3}
    assert len(body["data"]) == 5 and body["sorted_by"] == ["start_date", True]
    assert client.get("/api/v1/_probe/items?size=101").status_code == 422
    bad_sort = client.get("/api/v1/_probe/items?sort=password:asc")
    assert bad_sort.status_code == 422
    assert bad_sort.json()["error"]["details"][0]["field"] == "sort"


def test_ready_checks_dependencies(client: TestClient) -> None:
    response = client.get("/api/v1/ready")
    assert response.status_code == 200, response.text
    assert response.json()["checks"]["database"] == "ok"


def test_ready_reports_a_dead_database(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from cvapp.api.routes import system
    from cvapp.db import make_engine

    dead = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1")
    monkeypatch.setattr(system, "get_engine", lambda: dead)
    response = client.get("/api/v1/ready")
    assert response.status_code == 503
    fields = [d["field"] for d in response.json()["error"]["details"]]
    assert "database" in fields


def test_openapi_document_is_served(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/health" in document["paths"]
    assert "/api/v1/jobs/{job_id}" in document["paths"]


def test_swagger_ui_is_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "/api/v1/docs-assets/swagger-ui-bundle.js" in page.text
    script = client.get("/api/v1/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
