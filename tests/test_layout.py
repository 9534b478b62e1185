"""The domain layer stays framework-free: both the UI and the API call it."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "cvapp" / "domain"
FORBIDDEN = ("reflex", "fastapi", "starlette")


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_web_framework() -> None:
    files = list(DOMAIN.rglob("*.py"))
    assert files, "the domain package has modules"
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(_imported_roots(path) & set(FORBIDDEN))
        for path in files
        if _imported_roots(path) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from fastapi import APIRouter\nimport reflex as rx\n")
    assert {"fastapi", "reflex"} <= _imported_roots(module)
