"""The Dramatiq broker, configured once before any actor is declared (infrastructure, like
``cvapp.db``: the domain's job runner imports it; ``cvapp.worker`` is only the entry point
of worker processes).

``CVAPP_BROKER=redis``: a Redis broker; run ``dramatiq cvapp.worker`` processes.
``CVAPP_BROKER=memory`` (embedded default): an in-memory broker with a worker thread inside
the app process, started on first use.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

import dramatiq
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import CurrentMessage

from cvapp.settings import get_settings


class WarmUpRenderer(dramatiq.Middleware):
    """Load the PDF renderer's fonts and stylesheets when a worker boots, in the background,
    so the first export does not pay for them (~100 ms)."""

    def after_worker_boot(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        from cvapp.domain.exports import pdf

        threading.Thread(target=pdf.warm_up, name="pdf-warm-up", daemon=True).start()


def build_broker() -> dramatiq.Broker:
    settings = get_settings()
    new_broker: dramatiq.Broker
    if settings.broker == "redis":
        new_broker = RedisBroker(url=settings.redis_url, namespace="cvapp")  # type: ignore[no-untyped-call]
    else:
        new_broker = StubBroker()
        new_broker.emit_after("process_boot")
    new_broker.add_middleware(CurrentMessage())
    new_broker.add_middleware(WarmUpRenderer())
    return new_broker


broker = build_broker()
dramatiq.set_broker(broker)

_embedded_worker: dramatiq.Worker | None = None
_lock = threading.Lock()


def ensure_embedded_worker() -> None:
    """Start the in-process worker thread when the broker is in memory (idempotent)."""
    global _embedded_worker
    if not isinstance(broker, StubBroker) or _embedded_worker is not None:
        return
    with _lock:
        if _embedded_worker is None:
            import_all_tasks()
            worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=100)
            worker.start()
            _embedded_worker = worker


def stop_embedded_worker() -> None:
    global _embedded_worker
    with _lock:
        if _embedded_worker is not None:
            _embedded_worker.stop()
            _embedded_worker = None


def import_all_tasks() -> list[str]:
    """Import ``cvapp.domain.<feature>.tasks`` for every feature that has one, so each actor
    is declared on the broker."""
    import cvapp.domain

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
