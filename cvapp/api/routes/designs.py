"""The choices of a CV's design (the design itself is a field of the CV: PATCH /cvs/{id})."""

from __future__ import annotations

from fastapi import APIRouter

from cvapp.domain.cvs.design import DesignOptions, options

router = APIRouter(prefix="/designs", tags=["cvs"])


@router.get("/options", response_model=DesignOptions)
def design_options() -> DesignOptions:
    """Accent presets, font pairings, size and margin limits, styles and date formats."""
    return options()
