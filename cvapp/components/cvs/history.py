"""The CV editor's History tab and its Undo / Redo (see ``components.history``)."""

from __future__ import annotations

import reflex as rx

from cvapp.components.history import history_panel, undo_redo
from cvapp.state.cvs.history import CvHistoryState


def cv_history() -> rx.Component:
    """The History tab of the CV editor."""
    return history_panel(
        CvHistoryState,
        subject="CV",
        kept="named versions as long as the CV exists",
        testid="cv-history",
        item_testid="cv-version",
    )


def cv_undo_redo() -> rx.Component:
    return undo_redo(CvHistoryState, subject="CV")
