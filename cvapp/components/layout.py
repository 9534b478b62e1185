"""The page shell, and the `template` decorator every page is registered with.

A page module writes::

    @template(route=routes.PRIVACY, title="Privacy policy", description="...")
    def privacy() -> rx.Component: ...

and cvapp.py calls `add_pages(app)` once after importing `cvapp.pages`. Every page first
checks the session cookies; ``protected=True`` pages show their content to signed-in users
only and send everybody else to the login page (and back afterwards).
"""

import dataclasses
import functools
from collections.abc import Callable

import reflex as rx
from reflex.event import EventType

from cvapp.components.app_nav import with_sidebar
from cvapp.components.consent_prompt import consent_prompt
from cvapp.components.footer import footer
from cvapp.components.navbar import navbar
from cvapp.components.session import session_bridge, signed_in_only
from cvapp.state.session import SessionState

PageFn = Callable[[], rx.Component]

SITE_NAME = "cvapp"


@dataclasses.dataclass(frozen=True)
class _Page:
    render: PageFn
    route: str
    title: str
    description: str
    on_load: list[EventType[()]]


# Filled at import time by @template. Pages are added with App.add_page rather than
# rx.page: Reflex 0.10 re-applies rx.page registrations on the prod worker's second
# compile and logs "Page ... is being redefined" for each.
_PAGES: list[_Page] = []


def shell(content: rx.Component) -> rx.Component:
    """Top bar, main content and footer in a full-height column."""
    return rx.flex(
        rx.el.a("Skip to content", href="#main", class_name="skip-link"),
        navbar(),
        rx.el.main(content, id="main", flex="1", width="100%"),
        footer(),
        session_bridge(),
        consent_prompt(),
        direction="column",
        min_height="100vh",
        width="100%",
    )


def template(
    *,
    route: str,
    title: str,
    description: str,
    on_load: EventType[()] | list[EventType[()]] | None = None,
    protected: bool = False,
) -> Callable[[PageFn], PageFn]:
    """Register the decorated function as the page at `route`, wrapped in the app shell.

    The session check runs before the page's own ``on_load`` (which checks again itself).
    """
    session_check = SessionState.require_login if protected else SessionState.check_session
    own = on_load if isinstance(on_load, list) else [on_load] if on_load else []
    loaders: list[EventType[()]] = [session_check, *own]

    def decorator(content: PageFn) -> PageFn:
        @functools.wraps(content)
        def page() -> rx.Component:
            body = content()
            if protected:
                return shell(with_sidebar(route, signed_in_only(body)))
            return shell(body)

        full_title = title if title == SITE_NAME else f"{title} · {SITE_NAME}"
        _PAGES.append(_Page(page, route, full_title, description, loaders))
        return page

    return decorator


def add_pages(app: rx.App) -> None:
    """Add every page registered with @template to the app; call once."""
    for page in _PAGES:
        app.add_page(
            page.render,
            route=page.route,
            title=page.title,
            description=page.description,
            on_load=page.on_load,
        )
