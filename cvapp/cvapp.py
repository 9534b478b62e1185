"""Builds the Reflex app; the REST API is mounted underneath it."""

import reflex as rx
from starlette.types import ASGIApp

import cvapp.pages  # noqa: F401  (each page module registers itself with @template)
from cvapp.api.app import create_api
from cvapp.api.fastpath import HotReads
from cvapp.api.uploads import UploadGuard
from cvapp.components.layout import add_pages
from cvapp.worker.lifespan import embedded_worker


class CvApp(rx.App):
    """The Reflex app whose ASGI entry point answers the hottest reads from memory first."""

    def __call__(self) -> ASGIApp:
        # Outside Reflex's own middleware (CORS, contexts): an answer from memory needs neither,
        # and an upload is refused before Reflex spools it (see ``api.uploads``).
        return HotReads(UploadGuard(super().__call__()))


app = CvApp(
    stylesheets=["/styles.css"],
    api_transformer=create_api(),
)
add_pages(app)
app.register_lifespan_task(embedded_worker)
