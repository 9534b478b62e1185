"""The domain is plain Python: it never imports the UI (reflex), the web layer (fastapi,
cvapp.api) or the worker's entry point (cvapp.worker). Read from the source, not by import."""

from __future__ import annotations

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "cvapp" / "domain"
FORBIDDEN = ("reflex", "fastapi", "starlette", "cvapp.api", "cvapp.worker", "cvapp.state")


def _imports(path: Path, *, with_names: bool = False) -> list[str]:
    """The modules ``path`` imports; ``with_names``: and the names taken from them (``from
    cvapp.domain.ai import tasks`` gives ``cvapp.domain.ai`` and ``cvapp.domain.ai.tasks``)."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            if with_names:
                names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_domain_imports_no_ui_web_or_worker_module() -> None:
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) > 50
    wrong = [
        f"{path.relative_to(DOMAIN.parent.parent)}: {name}"
        for path in files
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    ]
    assert wrong == []


def test_services_never_import_their_tasks() -> None:
    """One job-starter convention: ``start_*`` live in a feature's ``tasks.py`` beside its
    actors; a ``service.py`` (what the UI and the API call for the work itself) imports no
    ``tasks`` module, so reading a service never queues anything behind the caller's back."""
    services = sorted(DOMAIN.rglob("service.py"))
    assert len(services) > 10
    wrong = [
        f"{path.relative_to(DOMAIN.parent.parent)}: {name}"
        for path in services
        for name in _imports(path, with_names=True)
        if name.rsplit(".", 1)[-1] == "tasks" or ".tasks." in name
    ]
    assert wrong == []
    starters = [
        f"{path.relative_to(DOMAIN.parent.parent)}: {node.name}"
        for path in services
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name.startswith("start_")
    ]
    assert starters == ["cvapp/domain/billing/service.py: start_checkout"]  # a redirect, no job
