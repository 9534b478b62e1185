"""Light / dark / system switcher for the top bar; runs entirely in the browser."""

from typing import Literal

import reflex as rx
from reflex.style import set_color_mode

ColorMode = Literal["light", "dark", "system"]

_MODES: tuple[tuple[ColorMode, str, str], ...] = (
    ("light", "Light", "sun"),
    ("dark", "Dark", "moon"),
    ("system", "System", "monitor"),
)


def _mode_item(mode: ColorMode, label: str, icon: str) -> rx.Component:
    return rx.menu.item(
        rx.hstack(rx.icon(icon, size=16), rx.text(label), spacing="2", align="center"),
        on_click=set_color_mode(mode),
    )


def color_mode_menu() -> rx.Component:
    """An icon button showing the current mode that opens the mode choices."""
    return rx.menu.root(
        rx.menu.trigger(
            rx.icon_button(
                rx.color_mode.icon(),
                variant="ghost",
                color_scheme="gray",
                size="2",
                aria_label="Colour theme",
                title="Colour theme",
            ),
        ),
        rx.menu.content(*(_mode_item(*mode) for mode in _MODES), align="end"),
    )
