"""Imports every domain's tasks module so each actor is declared on the broker."""

from __future__ import annotations

import importlib
import pkgutil

import cvapp.domain


def import_all_tasks() -> list[str]:
    """Import ``cvapp.domain.<feature>.tasks`` for every feature that has one."""
    loaded = []
    for module in pkgutil.iter_modules(cvapp.domain.__path__):
        if not module.ispkg:
            continue
        name = f"cvapp.domain.{module.name}.tasks"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        loaded.append(name)
    return loaded
