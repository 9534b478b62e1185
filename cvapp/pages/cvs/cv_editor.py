"""One CV version's editor at /app/cvs/{id}: content, design and sharing beside a live preview.

Wide screens show the preview in a sticky column; phones switch between editing and the
preview. The states live in ``cvapp.state.cvs`` (one per concern), the panels in
``cvapp.components.cvs``.
"""

from __future__ import annotations

import reflex as rx

from cvapp import routes
from cvapp.components.cvs.content import cv_content
from cvapp.components.cvs.design import cv_design
from cvapp.components.cvs.downloads import downloads
from cvapp.components.cvs.history import cv_history, cv_undo_redo
from cvapp.components.cvs.preview import cv_preview
from cvapp.components.cvs.share_links import cv_share_links
from cvapp.components.forms import form_alert
from cvapp.components.layout import template
from cvapp.components.links import back_link
from cvapp.components.section import contained
from cvapp.components.upgrade import limit_notice
from cvapp.state.cvs.editor import CvEditorState as S
from cvapp.state.cvs.history import CvHistoryState
from cvapp.state.cvs.share import ShareLinksState

MUTED = rx.color("gray", 11)
TABS = (
    ("content", "Content"),
    ("design", "Design"),
    ("share", "Share"),
    ("history", "History"),
)


def _header() -> rx.Component:
    return rx.vstack(
        back_link("All CVs", routes.CVS),
        rx.heading(
            S.name, as_="h1", size=rx.breakpoints(initial="6", sm="7"), class_name="cv-break"
        ),
        rx.flex(
            rx.cond(S.target_role, rx.text("For ", S.target_role, size="2", color=MUTED)),
            rx.badge(S.template_name, variant="soft", size="1"),
            rx.badge(S.page_size, variant="soft", color_scheme="gray", size="1"),
            rx.cond(
                S.one_page, rx.badge("One page", variant="soft", color_scheme="gray", size="1")
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        cv_undo_redo(),
        spacing="2",
        width="100%",
    )


def _pane_switch() -> rx.Component:
    """Phones only: the editor or the preview."""
    return rx.segmented_control.root(
        rx.segmented_control.item("Edit", value="edit"),
        rx.segmented_control.item("Preview", value="preview"),
        value=S.pane,
        on_change=S.set_pane,
        width="100%",
        display=rx.breakpoints(initial="grid", md="none"),
        aria_label="Show",
    )


def _editor() -> rx.Component:
    return rx.tabs.root(
        rx.tabs.list(*(rx.tabs.trigger(label, value=key) for key, label in TABS)),
        rx.tabs.content(cv_content(), value="content", padding_top="16px"),
        rx.tabs.content(cv_design(), value="design", padding_top="16px"),
        rx.tabs.content(cv_share_links(), value="share", padding_top="16px"),
        rx.tabs.content(cv_history(), value="history", padding_top="16px"),
        default_value="content",
        on_change=CvHistoryState.tab_changed,
        width="100%",
        min_width="0",
        display=rx.breakpoints(initial=rx.cond(S.pane == "edit", "block", "none"), md="block"),
    )


def _preview_column() -> rx.Component:
    return rx.vstack(
        downloads(),
        cv_preview(),
        spacing="4",
        width="100%",
        min_width="0",
        position=rx.breakpoints(initial="static", md="sticky"),
        top="76px",
        align_self="start",
        display=rx.breakpoints(initial=rx.cond(S.pane == "preview", "flex", "none"), md="flex"),
    )


def _missing() -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("file-question", size=32, color=rx.color("gray", 9)),
            rx.heading("This CV does not exist", as_="h1", size="5"),
            rx.text("It may have been deleted, or the address is wrong.", size="2", color=MUTED),
            rx.link("Back to your CVs", href=routes.CVS),
            spacing="3",
            align="center",
        ),
        padding_y="64px",
    )


def _body() -> rx.Component:
    return rx.vstack(
        _header(),
        rx.cond(
            S.read_only,
            rx.callout(
                "This CV is read-only: it is over your plan's limits. You can still download it.",
                icon="lock",
                color_scheme="amber",
                width="100%",
            ),
        ),
        rx.cond(
            S.limit_kind == "",
            form_alert(S.error),
            # A locked template says so beside the templates; other limits here.
            rx.cond(
                S.limit_kind != "templates",
                limit_notice(S.error, S.upgrade_to, test_id="cv-limit"),
            ),
        ),
        _pane_switch(),
        rx.grid(
            _editor(),
            _preview_column(),
            columns=rx.breakpoints(
                initial="1", md="minmax(0, 1fr) 360px", lg="minmax(0, 1fr) 420px"
            ),
            spacing="6",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


@template(
    route=routes.CV_DETAIL,
    title="Edit CV",
    description="Choose what a CV version shows, how it looks, and share it.",
    on_load=[S.load, ShareLinksState.load_links, CvHistoryState.reset_history],
    protected=True,
)
def cv_editor() -> rx.Component:
    return contained(
        rx.box(
            rx.cond(
                S.missing,
                _missing(),
                rx.cond(
                    S.loaded,
                    _body(),
                    rx.center(rx.spinner(size="3"), padding_y="64px", width="100%"),
                ),
            ),
            padding_y=["20px", "32px"],
            width="100%",
        ),
    )
