"""Consent to the privacy policy: recorded at registration (``auth.register``) and again
whenever a new version is published, which users accept at their next sign-in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from cvapp.domain.audit import service as audit
from cvapp.domain.auth.legal import CONSENT_PRIVACY_POLICY, current_privacy_policy
from cvapp.errors import ValidationFailed
from cvapp.models import ConsentRecord, User


@dataclass(frozen=True)
class ConsentStatus:
    current_version: str
    accepted_version: str | None

    @property
    def required(self) -> bool:
        return self.accepted_version != self.current_version


def history(session: Session, *, user_id: str) -> list[ConsentRecord]:
    """Every consent the user gave or withdrew, oldest first."""
    return list(
        session.exec(
            select(ConsentRecord)
            .where(ConsentRecord.user_id == user_id)
            .order_by(col(ConsentRecord.recorded_at), col(ConsentRecord.id))
        ).all()
    )


def status(session: Session, *, user_id: str) -> ConsentStatus:
    """The policy in force and the version the user last accepted (None: never, or withdrawn)."""
    latest = session.exec(
        select(ConsentRecord)
        .where(ConsentRecord.user_id == user_id, ConsentRecord.kind == CONSENT_PRIVACY_POLICY)
        .order_by(col(ConsentRecord.recorded_at).desc(), col(ConsentRecord.id).desc())
    ).first()
    accepted = latest.version if latest is not None and latest.granted else None
    return ConsentStatus(current_privacy_policy().version, accepted)


def consent_required(session: Session, *, user_id: str) -> bool:
    """True when the user has not accepted the privacy policy in force."""
    return status(session, user_id=user_id).required


def accept_privacy_policy(
    session: Session, *, user: User, version: str, ip: str | None = None
) -> ConsentRecord:
    """Record the user's acceptance of the policy in force (``version`` must be it)."""
    current = current_privacy_policy().version
    if version != current:
        message = f"Accept the current privacy policy (version {current})"
        raise ValidationFailed.field("version", message)
    if not consent_required(session, user_id=user.id):
        return history(session, user_id=user.id)[-1]
    record = ConsentRecord(
        user_id=user.id,
        kind=CONSENT_PRIVACY_POLICY,
        version=version,
        granted=True,
        ip=(ip or None) and ip[:45],
    )
    session.add(record)
    session.flush()
    audit.record(session, action="account.consent_given", user_id=user.id, ip=ip, version=version)
    return record
