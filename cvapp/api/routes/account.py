"""The account's data: export archive, deletion, privacy-policy consent, plan and limits."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session

from cvapp.api.cookies import clear_session_cookies
from cvapp.api.deps import CurrentUser, SessionDep, client_ip
from cvapp.api.routes.exports import JobAccepted
from cvapp.api.routes.jobs import JobPublic
from cvapp.domain.account import consent, deletion, export
from cvapp.domain.account import tasks as account_tasks
from cvapp.domain.billing import service as billing
from cvapp.domain.jobs import service as job_service
from cvapp.domain.plans import usage
from cvapp.domain.plans.entitlements import for_plan
from cvapp.models import User

router = APIRouter(prefix="/account", tags=["account data"])


class DeleteAccountIn(BaseModel):
    password: str = Field(min_length=1, max_length=1024)
    totp_code: str | None = Field(
        default=None, max_length=32, description="Needed when two-factor sign-in is on"
    )


class DeletionOut(BaseModel):
    status: str = "deleted"
    purge_after: datetime = Field(description="When everything is erased for good")


class ConsentIn(BaseModel):
    version: str = Field(max_length=32, description="The version of GET /legal/privacy")


class ConsentRecordOut(BaseModel):
    kind: str
    version: str
    granted: bool
    recorded_at: datetime


class ConsentOut(BaseModel):
    current_version: str
    accepted_version: str | None
    consent_required: bool
    history: list[ConsentRecordOut]


class LimitOut(BaseModel):
    limit: str
    label: str
    allowed: str
    used: int | None
    reached: bool


class BillingOut(BaseModel):
    provider: str | None = Field(
        description='Who sells plans here ("stripe"), or null: the operator changes plans'
    )
    buyable: list[str] = Field(description="Plans above yours you can buy now (checkout)")
    manageable: bool = Field(description="You have a subscription to change in the portal")


class PlanOut(BaseModel):
    plan: str
    label: str
    limits: list[LimitOut]
    plans: list[dict[str, str]] = Field(description="Every plan's limits, side by side")
    prices: dict[str, str] = Field(description="Each plan's price as shown to people")
    billing: BillingOut


class CheckoutIn(BaseModel):
    plan: str = Field(max_length=16, description="pro or expert")


class RedirectOut(BaseModel):
    url: str = Field(description="The payment provider's page to send the user to")


@router.post("/export", status_code=202, response_model=JobAccepted)
def start_export(user: CurrentUser, session: SessionDep, request: Request) -> Any:
    """Build a ZIP of all your data; the job's result has a ``download_url`` valid 7 days."""
    job = account_tasks.start_export(session, user=user, ip=client_ip(request))
    return JSONResponse(
        {"job": jsonable_encoder(job_service.job_public(job))},
        status_code=202,
        headers={"Location": f"/api/v1/jobs/{job.id}"},
    )


class LatestExport(BaseModel):
    job: JobPublic | None = Field(description="The newest export job, or null when none")


@router.get("/export", response_model=LatestExport)
def latest_export(user: CurrentUser, session: SessionDep) -> Any:
    """Your newest data export: its job (status, progress; once done, the download link)."""
    job = export.latest_export(session, user_id=user.id)
    return {"job": None if job is None else job_service.job_public(job)}


@router.get(
    "/export/{token}",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}, 404: {"description": "Expired"}},
)
def download_export(token: str, session: SessionDep) -> Response:
    """The archive behind a download link (the signed token is the key; no sign-in needed)."""
    file = export.open_download(session, token=token)
    disposition = (
        f"attachment; filename=\"{file.filename}\"; filename*=UTF-8''{quote(file.filename)}"
    )
    headers = {"Content-Disposition": disposition, "Cache-Control": "private, no-store"}
    return Response(file.data, media_type=export.CONTENT_TYPE, headers=headers)


@router.delete("", status_code=202, response_model=DeletionOut)
def delete_account(
    body: DeleteAccountIn, user: CurrentUser, session: SessionDep, request: Request
) -> Any:
    """Delete your account: signed out everywhere at once, erased for good after 30 days."""
    purge_after = deletion.delete_account(
        session, user=user, password=body.password, totp_code=body.totp_code, ip=client_ip(request)
    )
    response = JSONResponse(jsonable_encoder(DeletionOut(purge_after=purge_after)), status_code=202)
    clear_session_cookies(response)
    return response


def _consent(session: SessionDep, user_id: str) -> dict[str, Any]:
    state = consent.status(session, user_id=user_id)
    return {
        "current_version": state.current_version,
        "accepted_version": state.accepted_version,
        "consent_required": state.required,
        "history": [record.model_dump() for record in consent.history(session, user_id=user_id)],
    }


@router.get("/consent", response_model=ConsentOut)
def get_consent(user: CurrentUser, session: SessionDep) -> Any:
    """Which privacy policy you accepted, and whether a newer one awaits."""
    return _consent(session, user.id)


@router.post("/consent", response_model=ConsentOut)
def accept_consent(
    body: ConsentIn, user: CurrentUser, session: SessionDep, request: Request
) -> Any:
    """Accept the privacy policy in force (``version`` must be the current one)."""
    consent.accept_privacy_policy(session, user=user, version=body.version, ip=client_ip(request))
    return _consent(session, user.id)


@router.get("/plan", response_model=PlanOut)
def get_plan(user: CurrentUser, session: SessionDep) -> Any:
    """Your plan, how much of each limit you use, and what every plan allows."""
    return _plan(session, user)


def _plan(session: Session, user: User) -> dict[str, Any]:
    status = billing.status(session, user=user)
    return {
        "plan": user.plan,
        "label": for_plan(user.plan).label,
        "limits": [row.__dict__ for row in usage.usage(session, user=user)],
        "plans": usage.comparison(),
        "prices": status.prices,
        "billing": {
            "provider": status.provider,
            "buyable": status.buyable,
            "manageable": status.manageable,
        },
    }


@router.post("/plan/checkout", response_model=RedirectOut)
def start_checkout(body: CheckoutIn, user: CurrentUser, session: SessionDep) -> Any:
    """Buy ``plan``: the URL of the provider's checkout page. Your plan changes when the
    provider confirms the payment (its webhook, or ``POST /account/plan/checkout/{id}``).
    409 when plans are not sold online here or you already pay (use the portal)."""
    return {"url": billing.start_checkout(session, user=user, plan=body.plan)}


@router.post("/plan/checkout/{checkout_id}", response_model=PlanOut)
def confirm_checkout(checkout_id: str, user: CurrentUser, session: SessionDep) -> Any:
    """Back from checkout (the provider adds ``session_id`` to the return URL): apply that
    checkout now if it is yours and paid, should its webhook not have arrived yet."""
    billing.confirm_checkout(session, user=user, checkout_id=checkout_id[:255])
    session.refresh(user)
    return _plan(session, user)


@router.post("/plan/portal", response_model=RedirectOut)
def open_portal(user: CurrentUser, session: SessionDep) -> Any:
    """The provider's page where you change plan, update the card or cancel."""
    return {"url": billing.portal_url(session, user=user)}
