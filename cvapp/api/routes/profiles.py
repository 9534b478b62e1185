"""/profiles: the caller's master profile, public profiles and their search, the photo."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from cvapp.api.deps import CurrentUser, SessionDep, bearer_or_cookie, get_current_user
from cvapp.api.fastpath import MARKER_HEADER
from cvapp.api.pagination import Page, PageDep
from cvapp.domain.profiles import photo, service, views
from cvapp.domain.profiles.schemas import PhotoView, ProfileCard, ProfileUpdate, ProfileView
from cvapp.domain.public import projection
from cvapp.errors import PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from cvapp.models import User

router = APIRouter(prefix="/profiles", tags=["profiles"])

_PHOTO_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
}


def optional_viewer(request: Request, session: SessionDep) -> User | None:
    """The authenticated caller, or None for an anonymous request."""
    if bearer_or_cookie(request) is None:
        return None
    return get_current_user(request, session)


Viewer = Annotated[User | None, Depends(optional_viewer)]


@router.get("", response_model=Page[ProfileCard])
def list_profiles(
    session: SessionDep,
    params: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Full-text search")] = None,
) -> dict[str, Any]:
    """PUBLIC profiles, searchable by name, headline and summary."""
    sort = params.sort_by(views.PUBLIC_SORT_FIELDS, ("full_name", False))
    cards, total = views.list_public_profiles(
        session, query=q, offset=params.offset, limit=params.size, sort=sort
    )
    return params.page_of(cards, total)


@router.get("/me", response_model=ProfileView)
def get_my_profile(user: CurrentUser, session: SessionDep) -> Response:
    """The caller's profile with every section, completeness and what is missing."""
    # Cached JSON of the ProfileView, sent as is (validating it again cost a third of the time).
    body = views.my_profile_json(session, user_id=user.id)
    # The fast path in front may keep this answer for this user (it strips the header).
    return Response(body, media_type="application/json", headers={MARKER_HEADER: user.id})


@router.patch("/me", response_model=ProfileView)
def update_my_profile(payload: ProfileUpdate, user: CurrentUser, session: SessionDep) -> Any:
    """Change the fields sent; ``contact`` and ``location`` are merged.

    ``slug``, ``visibility`` and ``public_cv_id`` are the public page's settings:
    ``public_cv_id`` names the CV version ``/p/{slug}`` and its PDF show (422 unless it is
    one of yours), ``null`` the whole master profile.
    """
    return service.update_profile(session, user_id=user.id, changes=payload)


@router.put(
    "/me/photo",
    response_model=PhotoView,
    openapi_extra=_PHOTO_BODY,
    responses={413: {"description": "Over 5 MB"}, 415: {"description": "Not JPEG/PNG/WebP"}},
)
async def put_my_photo(request: Request, user: CurrentUser, session: SessionDep) -> PhotoView:
    """Upload the photo (multipart ``file``: JPEG, PNG or WebP up to 5 MB)."""
    data = await _read_upload(request, field="file", max_bytes=photo.MAX_PHOTO_BYTES)
    return await run_in_threadpool(photo.set_photo, session, user_id=user.id, data=data)


@router.get("/me/photo", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}})
def get_my_photo(user: CurrentUser, session: SessionDep) -> Response:
    """The caller's photo."""
    stored = photo.my_photo(session, user_id=user.id)
    headers = {"Cache-Control": "private, max-age=300"}
    return Response(stored.data, media_type=stored.content_type, headers=headers)


@router.delete("/me/photo", status_code=204, response_class=Response)
def delete_my_photo(user: CurrentUser, session: SessionDep) -> Response:
    """Remove the caller's photo."""
    photo.delete_photo(session, user_id=user.id)
    return Response(status_code=204)


@router.get("/{profile_id}", response_model=ProfileView)
def get_profile(profile_id: str, viewer: Viewer, session: SessionDep) -> ProfileView:
    """The caller's own profile, or what the public page of a PUBLIC one shows; else 404."""
    viewer_id = viewer.id if viewer else None
    return projection.profile_for_viewer(session, profile_id=profile_id, viewer_id=viewer_id)


@router.get(
    "/{profile_id}/photo", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}}
)
def get_profile_photo(
    profile_id: str, viewer: Viewer, session: SessionDep, request: Request
) -> Response:
    """The photo of the caller's own profile or of a PUBLIC one."""
    viewer_id = viewer.id if viewer else None
    stored = photo.profile_photo(session, profile_id=profile_id, viewer_id=viewer_id)
    # Revalidated every time (ETag): a photo of a profile made private is gone at once.
    cache = "private, no-cache" if viewer_id else "public, no-cache"
    etag = f'"{hashlib.sha256(stored.data).hexdigest()[:32]}"'
    headers = {"Cache-Control": cache, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(stored.data, media_type=stored.content_type, headers=headers)


_MULTIPART_OVERHEAD = 64 * 1024


async def _capped(stream: AsyncIterator[bytes], limit: int) -> AsyncGenerator[bytes, None]:
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > limit:
            raise PayloadTooLarge(_too_large(limit - _MULTIPART_OVERHEAD))
        yield chunk


def _too_large(max_bytes: int) -> str:
    return f"The file is larger than {max_bytes // (1024 * 1024)} MB"


async def _read_upload(request: Request, *, field: str, max_bytes: int) -> bytes:
    """The bytes of multipart ``field``, refused as soon as the body passes ``max_bytes``."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise UnsupportedMediaType(f"Send multipart/form-data with a `{field}` file field")
    limit = max_bytes + _MULTIPART_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(_too_large(max_bytes))
    parser = MultiPartParser(
        request.headers, _capped(request.stream(), limit), max_files=1, max_fields=5
    )
    try:
        form = await parser.parse()
    except MultiPartException as exc:
        raise ValidationFailed.field(field, exc.message) from None
    try:
        upload = form.get(field)
        if not isinstance(upload, StarletteUploadFile):
            raise ValidationFailed.field(field, "Attach the file in this field")
        data = await upload.read(max_bytes + 1)
    finally:
        await form.close()
    if len(data) > max_bytes:
        raise PayloadTooLarge(_too_large(max_bytes))
    return data
