"""The bundled fonts for the design card's sample: each file on the allow-list is served as a
TrueType font, or compressed as WOFF2, kept by browsers for good and revalidated by its ETag;
anything else is a 404 in the API's envelope; the stylesheet names every pairing's families
and only URLs that answer, WOFF2 first."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from fontTools.ttLib import TTFont

from cvapp.domain.cvs import fonts
from cvapp.domain.cvs.design import FONT_PAIRINGS

API = "/api/v1"
FONTS = f"{API}/designs/fonts"
TRUETYPE = (b"\x00\x01\x00\x00", b"true")
WOFF2 = b"wOF2"


def test_a_bundled_font_is_served_as_truetype_for_good(api: TestClient) -> None:
    answer = api.get(f"{FONTS}/NotoSerif-Regular.ttf")
    assert answer.status_code == 200
    assert answer.content.startswith(TRUETYPE)
    assert answer.content == (fonts.FONTS_DIR / "NotoSerif-Regular.ttf").read_bytes()
    assert answer.headers["content-type"] == "font/ttf"
    cache = {part.strip() for part in answer.headers["cache-control"].split(",")}
    assert {"public", "immutable", "max-age=31536000"} <= cache
    etag = answer.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)

    again = api.get(f"{FONTS}/NotoSerif-Regular.ttf", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    stale = api.get(f"{FONTS}/NotoSerif-Regular.ttf", headers={"If-None-Match": '"old"'})
    assert stale.status_code == 200 and stale.content == answer.content


def test_the_same_font_comes_as_woff2_much_smaller_and_whole(api: TestClient) -> None:
    ttf = api.get(f"{FONTS}/NotoSerif-Regular.ttf").content
    answer = api.get(f"{FONTS}/NotoSerif-Regular.woff2")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "font/woff2"
    assert answer.content.startswith(WOFF2)
    assert len(answer.content) < 0.5 * len(ttf)
    woff2, original = TTFont(io.BytesIO(answer.content)), TTFont(io.BytesIO(ttf))
    assert woff2.flavor == "woff2"
    assert woff2.getBestCmap() == original.getBestCmap()  # every character still there
    assert 0x416 in woff2.getBestCmap() and 0x3A9 in woff2.getBestCmap()  # Ж, Ω
    assert "immutable" in answer.headers["cache-control"]
    etag = answer.headers["etag"]
    headers = {"If-None-Match": etag}
    assert api.get(f"{FONTS}/NotoSerif-Regular.woff2", headers=headers).status_code == 304


def test_every_bundled_ttf_and_nothing_else_is_on_the_allow_list() -> None:
    shipped = {p.name for p in fonts.FONTS_DIR.iterdir() if p.suffix == ".ttf"}
    assert fonts.BUNDLED == shipped and len(shipped) >= 12
    assert not any(name.endswith((".txt", ".md", ".css")) for name in fonts.BUNDLED)


@pytest.mark.parametrize(
    "name",
    [
        "Nope-Regular.ttf",
        "LICENSE-Noto.txt",
        "README.md",
        "fonts.css",
        "notoserif-regular.ttf",
        "NotoSerif-Regular.ttf.bak",
        "..%2Fcvapp.db",
        "..%2F..%2Ffonts.css",
        "..%2F..%2F..%2Fsettings.py",
        "%2Fetc%2Fpasswd",
        "..%5CNotoSerif-Regular.ttf",
        "NotoSerif-Regular.ttf%00.png",
        "Nope-Regular.woff2",
        "NotoSerif-Regular.ttf.woff2",
        "..%2Ffonts%2FNotoSerif-Regular.woff2",
        "NotoSerif-Regular.woff",
    ],
)
def test_anything_else_is_not_found_in_the_envelope(api: TestClient, name: str) -> None:
    answer = api.get(f"{FONTS}/{name}")
    assert answer.status_code == 404, name
    assert answer.json()["error"]["code"] == "NOT_FOUND"
    assert not answer.content.startswith((*TRUETYPE, WOFF2))


def test_the_stylesheet_names_every_pairing_and_only_urls_that_answer(api: TestClient) -> None:
    answer = api.get(f"{API}/designs/fonts.css")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/css")
    css = answer.text
    rules = re.findall(r"@font-face\s*\{([^}]*)\}", css)
    declared = {re.search(r'font-family: "([^"]+)"', rule).group(1) for rule in rules}  # type: ignore[union-attr]
    for pairing in FONT_PAIRINGS:
        for css_list in (pairing.body, pairing.head):
            first = re.match(r'"([^"]+)"', css_list)
            assert first and first.group(1) in declared, pairing.key
    assert all("font-display: swap" in rule for rule in rules)
    assert {re.search(r"font-weight: (\d+)", rule).group(1) for rule in rules} == {"400", "700"}  # type: ignore[union-attr]
    assert "italic" not in css

    sources = [re.findall(r'url\("([^"]+)"\) format\("(\w+)"\)', rule) for rule in rules]
    assert len(rules) == 2 * len(declared)
    assert all([kind for _, kind in found] == ["woff2", "truetype"] for found in sources)
    for url, kind in (source for found in sources for source in found):
        assert url.startswith(f"{FONTS}/")
        font = api.get(url)
        assert font.status_code == 200, url
        assert font.content.startswith(WOFF2 if kind == "woff2" else TRUETYPE), url

    etag = answer.headers["etag"]
    assert api.get(f"{API}/designs/fonts.css", headers={"If-None-Match": etag}).status_code == 304


def test_the_stylesheet_url_of_the_app_answers(api: TestClient) -> None:
    href = fonts.stylesheet_href()
    assert re.fullmatch(rf"{API}/designs/fonts\.css\?v=[0-9a-f]{{12}}", href)
    assert api.get(href).text == fonts.stylesheet().data.decode()


def test_the_fonts_need_no_caller(api: TestClient) -> None:
    """Public like static files: no credentials, and a bad token is not even looked at."""
    bad = {"Authorization": "Bearer not-a-token"}
    assert api.get(f"{FONTS}/Carlito-Bold.ttf", headers=bad).status_code == 200
    assert api.get(f"{API}/designs/fonts.css", headers=bad).status_code == 200
