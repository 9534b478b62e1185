"""Imports every domain's tasks module so each actor is declared on the broker."""

from cvapp.broker import import_all_tasks

__all__ = ["import_all_tasks"]
