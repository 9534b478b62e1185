"""Reflex configuration; every value the app itself needs comes from cvapp.settings."""

import reflex as rx

from cvapp.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="cvapp",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    frontend_port=3000,
    backend_port=3000,
    deploy_url=_settings.public_url,
    api_url=_settings.public_url,
    redis_url=_settings.redis_url,
    # Closed by default: the app's own origin (and its loopback aliases on this machine) plus
    # CVAPP_CORS_ORIGINS (Reflex's default is "*").
    cors_allowed_origins=_settings.app_origins,
    state_manager_mode="redis" if _settings.redis_url else "disk",
    disable_plugins=[rx.plugins.SitemapPlugin],
    # Radix theme (replaces the deprecated App(theme=...)); "inherit" follows the color mode,
    # which follows the system until the user picks light or dark.
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(appearance="inherit", accent_color="indigo", radius="medium"),
        ),
    ],
)
