"""An import as callers see it: the preview (without the stored draft), status, summary."""

from __future__ import annotations

from typing import Any

from cvapp.models import ImportBatch

_LISTS = ("creates", "updates", "duplicates", "warnings", "files")


def import_public(batch: ImportBatch) -> dict[str, Any]:
    """The preview ``{import_id, creates, updates, duplicates, warnings}`` and the state."""
    stored = batch.preview or {}
    return {
        "import_id": batch.id,
        "source": batch.source,
        "status": batch.status,
        "filename": stored.get("filename"),
        "job_id": batch.job_id,
        **{key: stored.get(key, []) for key in _LISTS},
        "counts": stored.get("counts", {"creates": 0, "updates": 0, "duplicates": 0}),
        "error": stored.get("error"),
        "summary": batch.summary,
        "created_at": batch.created_at.isoformat(),
        "applied_at": batch.applied_at.isoformat() if batch.applied_at else None,
    }
