"""The Reflex UI renders user text as text: no module of the app uses raw HTML or Markdown
rendering (``rx.html``, ``rx.markdown``, ``dangerouslySetInnerHTML``) outside the allow-list
below, whose entries render trusted, static text only. tests/e2e/test_xss_ui.py checks the
result in a browser; this catches a new use before it ships.

CV templates (``cvapp/templates``, Jinja with autoescaping) and the HTML exports are not Reflex
components; tests/hardening/test_hostile_text.py covers them.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cvapp"
RAW_COMPONENTS = {"html", "markdown", "Html", "Markdown"}
RAW_PROPS = {"dangerouslySetInnerHTML", "dangerously_set_inner_html"}
# (module, what): each a reviewed use of trusted text.
ALLOWED = {
    # The privacy policy: a Markdown file of the repository, rendered at build time.
    ("cvapp/pages/privacy.py", "rx.markdown"),
}


def _uses(path: Path) -> list[tuple[str, int]]:
    """(what, line) of every raw-HTML or Markdown rendering in the module at ``path``."""
    found: list[tuple[str, int]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in RAW_COMPONENTS:
            base = ast.unparse(node.value)
            if base == "rx" or base.startswith(("rx.", "reflex")):
                found.append((f"{base}.{node.attr}", node.lineno))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reflex"):
            for alias in node.names:
                if alias.name in RAW_COMPONENTS or (node.module or "").endswith(
                    (".html", ".markdown")
                ):
                    found.append((f"from {node.module} import {alias.name}", node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("reflex") and alias.name.endswith((".html", ".markdown")):
                    found.append((f"import {alias.name}", node.lineno))
        elif isinstance(node, ast.keyword) and node.arg in RAW_PROPS:
            found.append((node.arg, node.value.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for prop in RAW_PROPS:
                if prop in node.value:
                    found.append((prop, node.lineno))
    return found


def _modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "templates" not in p.parts]


def test_no_raw_html_or_markdown_rendering_outside_the_allow_list() -> None:
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in _modules()
        for what, line in _uses(path)
        if (str(path.relative_to(ROOT)), what) not in ALLOWED
    ]
    assert not offending, (
        "User text must be rendered as text (rx.text, rx.heading…), never as HTML or "
        "Markdown; a reviewed use of trusted, static text goes in ALLOWED:\n" + "\n".join(offending)
    )


def test_the_allow_list_is_used_and_renders_no_state() -> None:
    """Every allowed use still exists (no stale entry), and its module reads no UI state,
    so what it renders cannot come from a user."""
    for module, what in ALLOWED:
        path = ROOT / module
        assert what in {use for use, _ in _uses(path)}, f"{module}: no {what} any more"
        source = path.read_text(encoding="utf-8")
        assert "cvapp.state" not in source and "State" not in source, module


def test_the_scan_finds_each_kind_of_use(tmp_path: Path) -> None:
    """The scanner itself: each way of rendering raw HTML or Markdown is found."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import reflex as rx\n"
        "from reflex.components.core.html import Html\n"
        "from reflex.components.markdown import markdown\n"
        "a = rx.html(State.bio)\n"
        "b = rx.markdown(State.bio)\n"
        "c = rx.el.div(dangerouslySetInnerHTML={'__html': State.bio})\n"
        "d = rx.box(custom_attrs={'dangerouslySetInnerHTML': {'__html': State.bio}})\n"
        "e = rx.text(State.bio)\n",
        encoding="utf-8",
    )
    found = {what for what, _ in _uses(sample)}
    assert found == {
        "from reflex.components.core.html import Html",
        "from reflex.components.markdown import markdown",
        "rx.html",
        "rx.markdown",
        "dangerouslySetInnerHTML",
    }
