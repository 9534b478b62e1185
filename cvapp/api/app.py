"""The FastAPI application: /api/v1 routes, the error envelope, request ids."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from cvapp.api.docs import install_docs
from cvapp.api.errors import install_error_handlers
from cvapp.api.limits import install_limits
from cvapp.api.observe import install_observability
from cvapp.api.openapi import install_openapi
from cvapp.api.routes import (
    account,
    ai,
    api_keys,
    applications,
    auth,
    billing,
    cvs,
    designs,
    experiences,
    exports,
    history,
    imports,
    jobs,
    letters,
    profiles,
    projects,
    public,
    sections,
    share_links,
    skills,
    system,
    templates,
    ui_session,
)
from cvapp.api.security import install_security
from cvapp.api.static_cache import install_static_cache
from cvapp.errors import NotFound

API_PREFIX = "/api/v1"


def _v1_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX)
    router.include_router(system.router)
    router.include_router(jobs.router)
    router.include_router(ai.router)
    router.include_router(auth.router)
    router.include_router(account.router)
    router.include_router(billing.router)
    router.include_router(api_keys.router)
    router.include_router(ui_session.router)
    router.include_router(history.profile_router)  # /profiles/me/history before /{id}
    router.include_router(profiles.router)
    router.include_router(imports.router)
    router.include_router(applications.router)
    router.include_router(letters.router)
    for cv_router in (
        history.router,  # first: GET /cvs/deleted before GET /cvs/{cv_id}
        cvs.router,
        exports.router,
        share_links.router,
        templates.router,
        designs.router,
    ):
        router.include_router(cv_router)
    for section in (experiences.router, projects.router, skills.router):
        router.include_router(section)
    for section in sections.simple_routers():
        router.include_router(section)
    return router


def create_api() -> FastAPI:
    """Build the REST app; Reflex mounts itself underneath it."""
    app = FastAPI(
        title="cvapp API",
        version="1.0.0",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)
    install_limits(app)
    install_security(app)
    install_observability(app)
    install_static_cache(app)

    # /p/{slug} and /s/{token}, outside /api/v1; first, as FastAPI tries routes in order and
    # the anonymous public pages are the busiest (matching 140 API routes cost them 0.4 ms).
    app.include_router(public.router)
    app.include_router(_v1_router())
    install_docs(app, prefix=API_PREFIX)
    install_openapi(app)

    @app.api_route(
        "/api/{path:path}",
        methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        include_in_schema=False,
    )
    def unknown_api_route(path: str) -> None:
        raise NotFound(f"No API route /api/{path}")

    return app
