"""Logs and metrics: structured JSON logs (structlog) and Prometheus metrics."""
