"""Builds the Reflex app; the REST API is mounted underneath it."""

import reflex as rx

import cvapp.pages  # noqa: F401  (each page module registers itself with @template)
from cvapp.api.app import create_api
from cvapp.components.layout import add_pages
from cvapp.worker.lifespan import embedded_worker

app = rx.App(
    stylesheets=["/styles.css"],
    api_transformer=create_api(),
)
add_pages(app)
app.register_lifespan_task(embedded_worker)
