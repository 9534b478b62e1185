"""The broker, as ``dramatiq cvapp.worker`` and older imports know it (see ``cvapp.broker``)."""

from cvapp.broker import broker, build_broker, ensure_embedded_worker, stop_embedded_worker

__all__ = ["broker", "build_broker", "ensure_embedded_worker", "stop_embedded_worker"]
