"""CV templates for the picker, with thumbnails drawn from the templates themselves."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.exports.styles import templates_fingerprint
from cvapp.domain.exports.thumbnails import thumbnail_png

router = APIRouter(prefix="/templates", tags=["templates"])


class TemplatePublic(BaseModel):
    key: str
    name: str
    description: str
    thumbnail_url: str
    plans: list[str]
    one_page: bool
    photo: bool = Field(description="Shows the profile photo")
    columns: int = Field(description="2 with a side column beside the career, else 1")
    page_size: str = Field(description="The paper a new CV in this template starts with")


@router.get("", response_model=dict[str, list[TemplatePublic]])
def list_templates() -> dict[str, list[TemplatePublic]]:
    """Every template and the plans that include it."""
    version = templates_fingerprint()
    data = [
        TemplatePublic(
            key=t.key,
            name=t.name,
            description=t.description,
            thumbnail_url=f"/api/v1/templates/{t.key}/thumbnail.png?v={version}",
            plans=list(t.plans),
            one_page=t.one_page,
            photo=t.photo,
            columns=t.columns,
            page_size=t.page_size,
        )
        for t in TEMPLATES.values()
    ]
    return {"data": data}


@router.get(
    "/{key}/thumbnail.png", response_class=Response, responses={200: {"content": {"image/png": {}}}}
)
async def template_thumbnail(key: str) -> Response:
    """A sample CV's first page in this template."""
    png = await run_in_threadpool(thumbnail_png, key)
    return Response(png, media_type="image/png", headers={"Cache-Control": "public, max-age=86400"})
