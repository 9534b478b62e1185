"""A CV's design: accent colour, fonts, sizes, title and header styles, photo, dates, sides.

Stored on the CV version as the keys the owner chose (``CvVersion.design``); a key left out
is the template as designed, so an empty design changes nothing. Accent colours are text
colours (names, headings, links) on white paper: one with a WCAG contrast below 4.5:1 is
refused, and the error names the nearest darker shade that passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cvapp.domain.cvs.sections import SectionKey
from cvapp.domain.sections.fields import Body

MIN_CONTRAST = 4.5
HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
MIN_SIZE_PT, MAX_SIZE_PT = 8.5, 13.0
MIN_MARGIN_MM, MAX_MARGIN_MM = 8.0, 30.0


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    hex: str


# Every preset passes the contrast check on white (tests/api/test_cv_design.py checks it).
ACCENT_PRESETS: tuple[Preset, ...] = (
    Preset("navy", "Navy", "#1f3a68"),
    Preset("blue", "Blue", "#0b5cad"),
    Preset("teal", "Teal", "#0f6b6b"),
    Preset("green", "Forest", "#2d5b4f"),
    Preset("burgundy", "Burgundy", "#7a1f3d"),
    Preset("brown", "Brown", "#7a3e00"),
    Preset("plum", "Plum", "#5b2a86"),
    Preset("graphite", "Graphite", "#333333"),
)


@dataclass(frozen=True)
class FontPairing:
    key: str
    name: str
    body: str  # CSS font-family list (the families of fonts.css first)
    head: str
    docx_body: str  # the family Word looks for (installed on most machines, or embedded)
    docx_head: str
    scripts: str


FONT_PAIRINGS: tuple[FontPairing, ...] = (
    FontPairing(
        "carlito-caladea",
        "Carlito & Caladea",
        '"CV Carlito", "Carlito", "Calibri", sans-serif',
        '"CV Caladea", "Caladea", "Cambria", serif',
        "Calibri",
        "Cambria",
        "Latin, Greek, Cyrillic",
    ),
    FontPairing(
        "noto-sans",
        "Noto Sans",
        '"CV Noto Sans", "Noto Sans", sans-serif',
        '"CV Noto Sans", "Noto Sans", sans-serif',
        "Noto Sans",
        "Noto Sans",
        "Latin, Greek, Cyrillic",
    ),
    FontPairing(
        "noto-serif",
        "Noto Serif",
        '"CV Noto Serif", "Noto Serif", serif',
        '"CV Noto Serif", "Noto Serif", serif',
        "Noto Serif",
        "Noto Serif",
        "Latin, Greek, Cyrillic",
    ),
    FontPairing(
        "noto-sans+noto-serif",
        "Noto Sans text, Noto Serif headings",
        '"CV Noto Sans", "Noto Sans", sans-serif',
        '"CV Noto Serif", "Noto Serif", serif',
        "Noto Sans",
        "Noto Serif",
        "Latin, Greek, Cyrillic",
    ),
    FontPairing(
        "liberation-sans",
        "Liberation Sans",
        '"CV Sans", "Liberation Sans", Arial, sans-serif',
        '"CV Sans", "Liberation Sans", Arial, sans-serif',
        "Arial",
        "Arial",
        "Latin, Greek, Cyrillic",
    ),
    FontPairing(
        "liberation-serif",
        "Liberation Serif",
        '"CV Serif", "Liberation Serif", "Times New Roman", serif',
        '"CV Serif", "Liberation Serif", "Times New Roman", serif',
        "Times New Roman",
        "Times New Roman",
        "Latin, Greek, Cyrillic",
    ),
)
FONTS = {pairing.key: pairing for pairing in FONT_PAIRINGS}
FontKey = Literal[
    "carlito-caladea",
    "noto-sans",
    "noto-serif",
    "noto-sans+noto-serif",
    "liberation-sans",
    "liberation-serif",
]
Density = Literal["comfortable", "normal", "compact"]
TitleStyle = Literal["underline", "caps", "bar", "plain"]
HeaderLayout = Literal["left", "centered", "split"]
PhotoShape = Literal["circle", "rounded", "square"]
DateFormat = Literal["short", "long", "numeric", "iso", "year"]
DATE_FORMATS: dict[str, str] = {
    "short": "Jan 2020",
    "long": "January 2020",
    "numeric": "01/2020",
    "iso": "2020-01",
    "year": "2020",
}
DENSITIES = {"comfortable": "Comfortable", "normal": "Normal", "compact": "Compact"}
TITLE_STYLES = {
    "underline": "Underlined",
    "caps": "Capitals",
    "bar": "Bar on the left",
    "plain": "Plain",
}
HEADER_LAYOUTS = {"left": "Left", "centered": "Centred", "split": "Name left, contact right"}
PHOTO_SHAPES = {"circle": "Circle", "rounded": "Rounded", "square": "Square"}


def _channels(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_on_white(hex_colour: str) -> float:
    """The WCAG 2 contrast ratio of ``hex_colour`` (``#rrggbb``) on white paper."""
    return round(1.05 / (_luminance(_channels(hex_colour)) + 0.05), 2)


def darkened(hex_colour: str) -> str:
    """The lightest shade of ``hex_colour`` (same hue, channels scaled down) that reads on
    white with a contrast of at least 4.5:1."""
    rgb = _channels(hex_colour)
    for step in range(100, -1, -1):
        shade = tuple(round(c * step / 100) for c in rgb)
        candidate = "#{:02x}{:02x}{:02x}".format(*shade)
        if contrast_on_white(candidate) >= MIN_CONTRAST:
            return candidate
    return "#000000"


def normalized_hex(value: str) -> str:
    """``#ABC``, ``abc`` or ``#aabbcc`` as ``#aabbcc``, or ValueError."""
    match = HEX.match(value.strip())
    if match is None:
        raise ValueError("Use a colour as #rrggbb, e.g. #0b5cad")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _readable(value: str) -> str:
    colour = normalized_hex(value)
    ratio = contrast_on_white(colour)
    if ratio < MIN_CONTRAST:
        raise ValueError(
            f"{colour} is too light to read on white (contrast {ratio}:1, needs "
            f"{MIN_CONTRAST}:1); a darker shade such as {darkened(colour)} reads well"
        )
    return colour


def _unique(keys: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(keys)) != len(keys):
        raise ValueError("Each section may appear once")
    return keys


Accent = Annotated[str, Field(max_length=7), AfterValidator(_readable)]


class CvDesign(Body):
    """How a CV looks beyond its template; a key left out (or null) is the template's own."""

    model_config = ConfigDict(frozen=True)

    accent: Accent | None = Field(
        default=None, description="Headings and name colour, #rrggbb, contrast ≥ 4.5:1 on white"
    )
    font: FontKey | None = Field(default=None, description="A key of the font pairings")
    size_pt: float | None = Field(
        default=None, ge=MIN_SIZE_PT, le=MAX_SIZE_PT, description="Base text size in points"
    )
    density: Density | None = None
    margin_mm: float | None = Field(
        default=None, ge=MIN_MARGIN_MM, le=MAX_MARGIN_MM, description="Page margins in mm"
    )
    section_titles: TitleStyle | None = None
    header: HeaderLayout | None = None
    photo: bool | None = Field(default=None, description="Show the profile photo")
    photo_shape: PhotoShape | None = None
    date_format: DateFormat | None = None
    side_sections: Annotated[tuple[SectionKey, ...], AfterValidator(_unique)] | None = Field(
        default=None,
        max_length=12,
        description="Sections in the side column of two-column templates, in order",
    )


NO_DESIGN = CvDesign()


def design_of(stored: dict[str, Any] | None) -> CvDesign:
    """The design stored on a CV (keys the owner chose) as a model; unknown or outdated keys
    (say a font no longer shipped) fall back to the template's own."""
    if not stored:
        return NO_DESIGN
    try:
        return CvDesign.model_validate(stored)
    except ValueError:
        valid = {}
        for key, value in stored.items():
            try:
                CvDesign.model_validate({key: value})
            except ValueError:
                continue
            valid[key] = value
        return CvDesign.model_validate(valid)


def stored(design: CvDesign) -> dict[str, Any]:
    """What a CV row keeps of ``design``: the keys set, as JSON."""
    return design.model_dump(mode="json", exclude_none=True)


def merged(current: dict[str, Any] | None, changes: dict[str, Any]) -> dict[str, Any]:
    """``current`` with ``changes`` applied (PATCH): a null key goes back to the template."""
    result = dict(current or {})
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return stored(CvDesign.model_validate(result))


class Choice(BaseModel):
    key: str
    name: str


class AccentPreset(Choice):
    hex: str


class FontChoice(Choice):
    scripts: str
    body: str = Field(description="CSS font-family of the text")
    head: str = Field(description="CSS font-family of the name and headings")


class Range(BaseModel):
    min: float
    max: float
    step: float


class DesignOptions(BaseModel):
    """Everything a UI offers for a CV's design, so no client hard-codes it."""

    accent_presets: list[AccentPreset]
    min_contrast: float
    fonts: list[FontChoice]
    size_pt: Range
    margin_mm: Range
    densities: list[Choice]
    section_titles: list[Choice]
    headers: list[Choice]
    photo_shapes: list[Choice]
    date_formats: list[Choice] = Field(description="The key, and how January 2020 looks")


def options() -> DesignOptions:
    """The design's choices: presets, font pairings, limits, styles and date formats."""
    return DesignOptions(
        accent_presets=[AccentPreset(key=p.key, name=p.name, hex=p.hex) for p in ACCENT_PRESETS],
        min_contrast=MIN_CONTRAST,
        fonts=[
            FontChoice(key=f.key, name=f.name, scripts=f.scripts, body=f.body, head=f.head)
            for f in FONT_PAIRINGS
        ],
        size_pt=Range(min=MIN_SIZE_PT, max=MAX_SIZE_PT, step=0.5),
        margin_mm=Range(min=MIN_MARGIN_MM, max=MAX_MARGIN_MM, step=1),
        densities=_choices(DENSITIES),
        section_titles=_choices(TITLE_STYLES),
        headers=_choices(HEADER_LAYOUTS),
        photo_shapes=_choices(PHOTO_SHAPES),
        date_formats=_choices(DATE_FORMATS),
    )


def _choices(labels: dict[str, str]) -> list[Choice]:
    return [Choice(key=key, name=name) for key, name in labels.items()]
