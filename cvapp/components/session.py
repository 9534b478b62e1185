"""The browser side of the session: page loads the server asks for, sign-out, guarded content.

Everything here runs from code compiled into the bundle: scripts sent by event handlers are
``eval``-ed by Reflex, which the Content-Security-Policy (no 'unsafe-eval') forbids.
"""

import json

import reflex as rx
from reflex.vars.base import Var, VarData

from cvapp import routes
from cvapp.api.cookies import CSRF_COOKIE
from cvapp.state.session import SessionState

_CSRF_VALUE = f'((document.cookie.match(/(?:^|;\\s*){CSRF_COOKIE}=([^;]*)/) || [])[1] || "")'


def sign_out(next_path: str = routes.HOME) -> rx.event.EventSpec:
    """Load the logout endpoint with the CSRF cookie as it is now (it rotates on refresh)."""
    url = json.dumps(routes.session_logout(next_path) + "&csrf=")
    script = f"window.location.assign({url} + encodeURIComponent({_CSRF_VALUE}))"
    return rx.run_script(Var(_js_expr=script))


def document_navigator() -> rx.Component:
    """Does the page load SessionState asks for: set the handoff cookie, then go."""
    url, cookie = SessionState.document_navigation, SessionState.navigation_cookie
    script: Var[str] = Var(
        _js_expr=(f"({cookie} && (document.cookie = {cookie}), window.location.replace({url}))"),
        _var_data=VarData.merge(url._get_all_var_data(), cookie._get_all_var_data()),
    )
    return rx.cond(
        url != "",
        # Keyed by the URL, so a second request on the same page mounts (and runs) again.
        rx.box(key=url, display="none", on_mount=rx.run_script(script)),
    )


def session_bridge() -> rx.Component:
    """Both of the above, for the page shell."""
    return rx.fragment(
        document_navigator(),
        rx.cond(
            SessionState.signing_out,
            rx.box(display="none", on_mount=sign_out(routes.LOGIN)),
        ),
    )


def checking_session() -> rx.Component:
    """What a protected page shows until the session is proven (or the redirect happens)."""
    return rx.center(
        rx.hstack(
            rx.spinner(size="3"),
            rx.text("Checking your session…", size="3", color=rx.color("gray", 11)),
            spacing="3",
            align="center",
        ),
        role="status",
        min_height="50vh",
        width="100%",
    )


def signed_in_only(content: rx.Component) -> rx.Component:
    """``content`` once this connection's cookies proved a signed-in user."""
    return rx.cond(SessionState.signed_in, content, checking_session())
