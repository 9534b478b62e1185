"""Dramatiq entry point: ``dramatiq cvapp.worker`` loads the broker and every actor."""

from cvapp.worker.broker import broker
from cvapp.worker.registry import import_all_tasks

import_all_tasks()

__all__ = ["broker"]
