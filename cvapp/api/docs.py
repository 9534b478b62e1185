"""Swagger UI served from the swagger-ui-bundle package: the docs work without a CDN."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path


def install_docs(app: FastAPI, *, prefix: str) -> None:
    """Serve ``{prefix}/docs`` with Swagger UI assets from this server."""
    assets = f"{prefix}/docs-assets"
    app.mount(assets, StaticFiles(directory=swagger_ui_path), name="swagger-assets")

    @app.get(f"{prefix}/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=f"{prefix}/openapi.json",
            title="cvapp API",
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon-32x32.png",
        )
