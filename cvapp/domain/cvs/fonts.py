"""The bundled fonts for the browser: the files themselves, and a stylesheet of the pairings'
families, so the design card can show a sample of each pairing before it is picked.

One source for every family: ``fonts.css`` (what the PDF renderer reads) says which file is
which family and weight; the pairings (``design.FONT_PAIRINGS``) say which families a browser
needs. A file is served only when it is one of the ``.ttf`` files bundled beside
``fonts.css``, looked up by its exact name (no path is ever built from the request).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from fontTools.ttLib import TTFont

from cvapp.domain.cvs.design import FONT_PAIRINGS
from cvapp.domain.exports.catalog import TEMPLATES_DIR
from cvapp.errors import NotFound

FONTS_CSS = TEMPLATES_DIR / "fonts.css"
FONTS_DIR = TEMPLATES_DIR / "fonts"
FONT_URL = "/api/v1/designs/fonts/{file}?v={version}"
STYLESHEET_URL = "/api/v1/designs/fonts.css"
CONTENT_TYPE = "font/ttf"
WOFF2_TYPE = "font/woff2"

_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_FAMILY = re.compile(r'font-family:\s*"([^"]+)"')
_SRC = re.compile(r"src:\s*url\(fonts/([^)\s]+)\)")
_QUOTED = re.compile(r'"([^"]+)"')
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class Face:
    """One ``@font-face`` of ``fonts.css``."""

    family: str
    file: str
    bold: bool
    italic: bool


@dataclass(frozen=True)
class Served:
    """A file as the API answers it: its bytes and their ETag."""

    name: str
    data: bytes
    etag: str
    media_type: str = CONTENT_TYPE

    @classmethod
    def of(cls, name: str, data: bytes, media_type: str = CONTENT_TYPE) -> Served:
        etag = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
        return cls(name=name, data=data, etag=etag, media_type=media_type)

    @property
    def version(self) -> str:
        """A short hash for a URL's ``?v=``."""
        return self.etag.strip('"')[:12]


def _bundled() -> frozenset[str]:
    return frozenset(path.name for path in FONTS_DIR.glob("*.ttf") if path.is_file())


BUNDLED = _bundled()
"""The allow-list: the names of the font files shipped, and nothing else."""


@lru_cache(maxsize=1)
def faces() -> tuple[Face, ...]:
    """The faces ``fonts.css`` declares, in its order."""
    found = []
    for rule in _FACE.findall(FONTS_CSS.read_text(encoding="utf-8")):
        family, src = _FAMILY.search(rule), _SRC.search(rule)
        if family and src:
            found.append(
                Face(
                    family=family.group(1),
                    file=src.group(1),
                    bold="font-weight: bold" in rule,
                    italic="font-style: italic" in rule,
                )
            )
    return tuple(found)


def families(css_list: str) -> list[str]:
    """The quoted families of a CSS ``font-family`` list, in order."""
    return _QUOTED.findall(css_list)


def pairing_families() -> list[str]:
    """The bundled families the pairings name, each once, in the pairings' order."""
    declared = {face.family for face in faces()}
    named = (f for p in FONT_PAIRINGS for f in families(p.body) + families(p.head))
    return [f for f in dict.fromkeys(named) if f in declared]


@lru_cache(maxsize=len(BUNDLED) or 1)
def _read(name: str) -> Served:
    return Served.of(name, (FONTS_DIR / name).read_bytes())


@lru_cache(maxsize=len(BUNDLED) or 1)
def _woff2(name: str) -> Served:
    """The bundled ``name`` (a .ttf) compressed as WOFF2: about 60 % smaller; made once."""
    font = TTFont(io.BytesIO(_read(name).data))
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return Served.of(f"{name.removesuffix('.ttf')}.woff2", out.getvalue(), WOFF2_TYPE)


def font_file(name: str) -> Served:
    """A bundled font file by its exact name, or the same font as ``.woff2``; NotFound for
    anything else (another suffix, a path, a file that is not shipped)."""
    if name in BUNDLED:
        return _read(name)
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix == "woff2" and f"{stem}.ttf" in BUNDLED:
        return _woff2(f"{stem}.ttf")
    raise NotFound("No such font")


@lru_cache(maxsize=1)
def stylesheet() -> Served:
    """``@font-face`` rules for the pairings' families, regular and bold (what the design
    card's sample draws with), each file's URL carrying its hash so it can be kept forever."""
    wanted = set(pairing_families())
    rules = [
        f'@font-face {{ font-family: "{face.family}"; '
        f'src: url("{font_url(face.file, woff2=True)}") format("woff2"), '
        f'url("{font_url(face.file)}") format("truetype"); '
        f"font-weight: {700 if face.bold else 400}; font-style: normal; font-display: swap; }}"
        for face in faces()
        if face.family in wanted and not face.italic and face.file in BUNDLED
    ]
    head = "/* The CV designs' font pairings, for a sample in the browser. */"
    css = "\n".join([head, *rules, ""]).encode()
    return Served.of("fonts.css", css, "text/css; charset=utf-8")


def font_url(name: str, *, woff2: bool = False) -> str:
    """The URL of a bundled .ttf (or of its WOFF2), with the .ttf's hash: the WOFF2 is made
    from it, so it changes with it."""
    file = f"{name.removesuffix('.ttf')}.woff2" if woff2 else name
    return FONT_URL.format(file=file, version=_read(name).version)


def stylesheet_href() -> str:
    """The stylesheet's URL with its hash: a deploy that changes a font changes the URL."""
    return f"{STYLESHEET_URL}?v={stylesheet().version}"


def family_name(family: str) -> str:
    """How a family reads to a person: "CV Serif" is Liberation Serif (the name of its
    regular file, ``LiberationSerif-Regular.ttf``); any other family as it is written."""
    for face in faces():
        if face.family == family and not face.bold and not face.italic:
            return _CAMEL.sub(" ", face.file.split("-", 1)[0])
    return family


def pairing_name(body: str, head: str) -> str:
    """The name of the fonts of two CSS ``font-family`` lists: a pairing's name when they are
    a pairing's, else the families' names."""
    first = (families(body)[:1] or [body])[0], (families(head)[:1] or [head])[0]
    for pairing in FONT_PAIRINGS:
        if (families(pairing.body)[0], families(pairing.head)[0]) == first:
            return pairing.name
    text, headings = (family_name(f) for f in first)
    return text if text == headings else f"{text} text, {headings} headings"
