"""The basics form: who you are, how to reach you, where you are, your links, interests,
references and photo."""

from __future__ import annotations

import dataclasses
from typing import Any

import reflex as rx
from reflex.vars.base import Var

from cvapp.components.ai.improve_text import improve_button, improve_dialog
from cvapp.components.forms import form_alert, form_notice, named_file_input
from cvapp.components.profile.fields import MUTED, field_message, save_row, text_control
from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.basics import BasicsState

FORM_ID = "basics-form"
PHOTO_UPLOAD_ID = "profile-photo"
_ACCEPTED = {"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"], "image/webp": [".webp"]}
# The AI "Improve" dialog of the summary: an accepted suggestion replaces the text in the form
# (saved with it), Undo puts the original back.
IMPROVE_CHANNEL = "basics-summary"


def _text(name: str, label: str, *, wide: bool = False, **props: object) -> rx.Component:
    control = text_control(
        label,
        field_id=f"basics-{name.replace('.', '-')}",
        value=ProfileState.basics[name],
        on_change=lambda value: BasicsState.set_basic(name, value),
        error=BasicsState.errors.get(name, ""),
        **props,
    )
    return rx.box(control, grid_column="1 / -1" if wide else "auto", min_width="0")


@dataclasses.dataclass(frozen=True)
class _Cell:
    """One control of a row: the row field it edits and how it reads ("Network of link 2")."""

    field: str
    label: str
    props: dict[str, Any]
    multiline: bool = False


@dataclasses.dataclass(frozen=True)
class _Rows:
    """A group of rows with add and remove buttons (links, interests, references)."""

    key: str
    title: str
    noun: str
    add_label: str
    hint: str
    cells: tuple[_Cell, ...]
    align: str = "center"


# The first control of a row: fixed width beside the others, full width on a phone.
_FIRST = {"width": rx.breakpoints(initial="100%", sm="160px")}
# The control that takes the rest of the row.
_REST = {"flex": "1", "width": "100%"}

LINKS = _Rows(
    key="links",
    title="Links",
    noun="link",
    add_label="Add a link",
    hint="LinkedIn, GitHub, a portfolio… The network is guessed from the address if empty.",
    cells=(
        _Cell("network", "Network", {"placeholder": "LinkedIn", **_FIRST}),
        _Cell("url", "Address", {"placeholder": "https://", "type": "url", **_REST}),
    ),
)
INTERESTS = _Rows(
    key="interests",
    title="Interests",
    noun="interest",
    add_label="Add an interest",
    hint="Shown in CV versions that include the Interests section.",
    cells=(
        _Cell("name", "Name", {"placeholder": "Outdoors", **_FIRST}),
        _Cell("keywords", "Keywords", {"placeholder": "hiking, chess", **_REST}),
    ),
)
REFERENCES = _Rows(
    key="references",
    title="References",
    noun="reference",
    add_label="Add a reference",
    hint="Kept in your master profile and your data export; CV versions do not show them.",
    cells=(
        _Cell("name", "Name", {"placeholder": "Jane Doe, CTO at Acme", **_FIRST}),
        _Cell(
            "reference",
            "Text",
            {"placeholder": "What they say about your work", "rows": "3", **_REST},
            multiline=True,
        ),
    ),
    align="start",
)


def _cell(rows: _Rows, cell: _Cell, row: Var[Any], index: Var[int]) -> rx.Component:
    props: dict[str, Any] = {
        "value": getattr(row, cell.field),
        "on_change": lambda value: BasicsState.set_row(rows.key, index, cell.field, value),
        "aria_label": f"{cell.label} of {rows.noun} {index + 1}",
        "size": "2",
        **cell.props,
    }
    if cell.multiline:
        return rx.text_area(resize="vertical", **props)
    return rx.input(**props)


def _row(rows: _Rows, row: Var[Any], index: Var[int]) -> rx.Component:
    return rx.flex(
        *(_cell(rows, cell, row, index) for cell in rows.cells),
        rx.icon_button(
            rx.icon("trash-2", size=16),
            variant="ghost",
            color_scheme="red",
            type="button",
            aria_label=f"Remove {rows.noun} {index + 1}",
            on_click=BasicsState.drop_row(rows.key, index),
        ),
        spacing="2",
        align=rows.align,
        width="100%",
        wrap=rx.breakpoints(initial="wrap", sm="nowrap"),
    )


def _rows(rows: _Rows) -> rx.Component:
    """The group's rows, its add button and its message, labelled by its title."""
    label_id = f"basics-{rows.key}-label"
    return rx.vstack(
        rx.text(rows.title, size="2", weight="medium", id=label_id),
        rx.foreach(getattr(ProfileState, rows.key), lambda row, index: _row(rows, row, index)),
        rx.button(
            rx.icon("plus", size=16),
            rows.add_label,
            variant="soft",
            size="2",
            type="button",
            on_click=BasicsState.add_row(rows.key),
        ),
        field_message(
            BasicsState.errors.get(rows.key, ""),
            rows.hint,
            message_id=f"basics-{rows.key}-message",
        ),
        spacing="2",
        width="100%",
        role="group",
        aria_labelledby=label_id,
        grid_column="1 / -1",
    )


def _photo() -> rx.Component:
    return rx.hstack(
        rx.avatar(
            src=ProfileState.photo_url,
            fallback=ProfileState.basics["full_name"].to(str)[:1],
            size="6",
            radius="full",
        ),
        rx.vstack(
            named_file_input(
                rx.upload.root(
                    rx.button(
                        rx.icon("image-up", size=16),
                        rx.cond(ProfileState.photo_url, "Change photo", "Add a photo"),
                        variant="soft",
                        size="2",
                        type="button",
                        loading=BasicsState.uploading,
                    ),
                    id=PHOTO_UPLOAD_ID,
                    accept=_ACCEPTED,
                    max_files=1,
                    multiple=False,
                    on_drop=BasicsState.upload_photo(rx.upload_files(upload_id=PHOTO_UPLOAD_ID)),
                    border="none",
                    padding="0",
                ),
                "Profile photo (JPEG, PNG or WebP)",
            ),
            rx.cond(
                BasicsState.photo_error,
                rx.text(BasicsState.photo_error, size="2", color=rx.color("red", 11), role="alert"),
                rx.text("JPEG, PNG or WebP, up to 5 MB.", size="1", color=MUTED),
            ),
            spacing="1",
        ),
        spacing="4",
        align="center",
        grid_column="1 / -1",
    )


def _improve_summary() -> rx.Component:
    summary = ProfileState.basics["summary"].to(str)
    return rx.box(
        improve_button(
            summary,
            kind="summary",
            channel=IMPROVE_CHANNEL,
            label="Improve summary",
            disabled=summary.strip() == "",
        ),
        grid_column="1 / -1",
        margin_top="-8px",
    )


def basics_form(*, submit_label: str = "Save basics", then: str = "") -> rx.Component:
    """The form; in the wizard ``then`` is the step shown after a successful save."""
    return rx.vstack(
        rx.form(
            rx.grid(
                _photo(),
                _text("full_name", "Full name", required=True, auto_complete="name"),
                _text("headline", "Headline", placeholder="Senior data engineer · Python, AWS"),
                _text(
                    "summary",
                    "Summary",
                    wide=True,
                    multiline=True,
                    hint="Three or four sentences: what you do, for whom, what you do best.",
                ),
                _improve_summary(),
                _text("contact.email", "Contact email", type="email", auto_complete="email"),
                _text("contact.phone", "Phone", type="tel", auto_complete="tel"),
                _text("location.city", "City", auto_complete="address-level2"),
                _text("location.region", "Region", auto_complete="address-level1"),
                _text(
                    "location.country_code",
                    "Country code",
                    hint="Two letters, e.g. FR.",
                    max_length=2,
                    auto_complete="country",
                ),
                _text("website", "Website", type="url", placeholder="https://"),
                _rows(LINKS),
                _rows(INTERESTS),
                _rows(REFERENCES),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="4",
                width="100%",
            ),
            rx.el.input(type="hidden", name="then", value=then),
            id=FORM_ID,
            on_submit=BasicsState.save_basics,
            # The domain checks the fields; its messages show inline, not as browser bubbles.
            no_validate=True,
            width="100%",
        ),
        form_notice(BasicsState.notice),
        form_alert(BasicsState.form_error),
        save_row(submit_label, form_id=FORM_ID, loading=BasicsState.saving),
        improve_dialog(
            channel=IMPROVE_CHANNEL,
            on_apply=lambda _index, text: BasicsState.set_basic("summary", text),
        ),
        spacing="4",
        width="100%",
        data_testid="basics-form",
    )
