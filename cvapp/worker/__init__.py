"""Dramatiq entry point: ``dramatiq cvapp.worker`` loads the broker and every actor."""

from cvapp.observability.logging import configure_logging
from cvapp.worker.broker import broker
from cvapp.worker.registry import import_all_tasks

configure_logging()
import_all_tasks()

__all__ = ["broker"]
