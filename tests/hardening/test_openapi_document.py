"""The OpenAPI document describes every endpoint the app serves, and errors as they are."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from cvapp.api.app import API_PREFIX
from tests.hardening.support import api_routes

# Served under /api/v1 but not endpoints of the API: the document itself and its viewer.
NOT_ENDPOINTS = {f"{API_PREFIX}/openapi.json", f"{API_PREFIX}/docs"}
PUBLIC_PAGES = ("/p/", "/s/")


def _document(api: TestClient) -> dict[str, Any]:
    response = api.get(f"{API_PREFIX}/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def test_every_route_of_the_app_is_in_the_document(api: TestClient, api_app: FastAPI) -> None:
    paths = _document(api)["paths"]
    served = {
        (method.lower(), path)
        for method, path, _ in api_routes(api_app)
        if (path.startswith(API_PREFIX + "/") or path.startswith(PUBLIC_PAGES))
        and path not in NOT_ENDPOINTS
    }
    documented = {(method, path) for path, ops in paths.items() for method in ops}
    assert served - documented == set()
    assert len(served) > 100


def test_every_error_answer_is_the_envelope(api: TestClient) -> None:
    document = _document(api)
    envelope = {"$ref": "#/components/schemas/ErrorEnvelope"}
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status == "default" or int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    if path.startswith(PUBLIC_PAGES):  # or their HTML error page
                        assert "text/html" in response["content"]
                    assert schema == envelope, (method, path, status)


def test_signed_in_operations_declare_their_security(api: TestClient) -> None:
    paths = _document(api)["paths"]
    assert paths[f"{API_PREFIX}/cvs"]["get"]["security"] == [{"bearer": []}, {"cookie": []}]
    assert "security" not in paths[f"{API_PREFIX}/auth/login"]["post"]
    assert "security" not in paths["/p/{slug}"]["get"]
