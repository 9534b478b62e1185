"""API keys: shown once, stored hashed with a visible prefix, scoped, revocable, Expert only."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from cvapp import ratelimit
from cvapp.domain.apikeys import service
from cvapp.domain.auth.refresh_tokens import hash_token
from cvapp.domain.plans.service import change_plan
from cvapp.errors import Forbidden, PlanLimit, RateLimited, Unauthenticated, ValidationFailed
from cvapp.models import ApiKey, AuditEvent
from tests.domain.account_support import make_user


def test_a_key_is_shown_once_and_stored_hashed(session: Session) -> None:
    user = make_user(session, plan="expert")
    created = service.create_key(session, user=user, data={"name": "CI", "scopes": ["write"]})
    session.commit()

    assert created.key.startswith("cvk_") and len(created.key) > 40
    assert created.prefix == created.key[:12] and created.scopes == ["read", "write"]
    row = session.exec(select(ApiKey)).one()
    assert row.key_hash == hash_token(created.key) and created.key not in row.model_dump_json()
    listed, total = service.list_keys(session, user=user)
    assert total == 1 and listed[0].prefix == created.prefix and listed[0].active
    assert not hasattr(listed[0], "key")
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert "apikeys.created" in actions


@pytest.mark.parametrize("plan", ["free", "pro"])
def test_only_expert_users_create_keys(session: Session, plan: str) -> None:
    user = make_user(session, plan=plan)
    with pytest.raises(PlanLimit) as error:
        service.create_key(session, user=user, data={"name": "CI"})
    assert error.value.details[0]["limit"] == "api_access"


def test_names_and_scopes_are_validated(session: Session) -> None:
    user = make_user(session, plan="expert")
    for data in ({"name": ""}, {"name": "x", "scopes": []}, {"name": "x", "scopes": ["admin"]}):
        with pytest.raises(ValidationFailed):
            service.create_key(session, user=user, data=data)


def test_authentication_follows_scope_revocation_and_plan(session: Session) -> None:
    user = make_user(session, plan="expert")
    read = service.create_key(session, user=user, data={"name": "read"}).key
    write = service.create_key(session, user=user, data={"name": "rw", "scopes": ["write"]})
    session.commit()

    assert service.authenticate(session, key=read, method="GET")[0].id == user.id
    with pytest.raises(Forbidden):
        service.authenticate(session, key=read, method="POST")
    assert service.authenticate(session, key=write.key, method="DELETE")[1].id == write.id
    row = session.get(ApiKey, write.id)
    assert row is not None and row.last_used_at is not None

    with pytest.raises(Unauthenticated):
        service.authenticate(session, key="cvk_" + "x" * 43, method="GET")
    service.revoke_key(session, user=user, key_id=write.id)
    with pytest.raises(Unauthenticated, match="revoked"):
        service.authenticate(session, key=write.key, method="GET")

    change_plan(session, user_id=user.id, plan="pro")  # kept, but asleep
    with pytest.raises(PlanLimit):
        service.authenticate(session, key=read, method="GET")
    assert not service.list_keys(session, user=user)[0][1].active
    change_plan(session, user_id=user.id, plan="expert")
    assert service.authenticate(session, key=read, method="GET")[0].id == user.id


def test_someone_elses_key_cannot_be_revoked(session: Session) -> None:
    owner, other = make_user(session, plan="expert"), make_user(session, plan="expert")
    key = service.create_key(session, user=owner, data={"name": "mine"})
    with pytest.raises(Exception, match="not found"):
        service.revoke_key(session, user=other, key_id=key.id)


def test_each_key_has_its_own_rate_limit(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ratelimit.RULES, "api_key", ratelimit.parse("3/minute"))
    user = make_user(session, plan="expert")
    first = service.create_key(session, user=user, data={"name": "a"}).key
    second = service.create_key(session, user=user, data={"name": "b"}).key
    for _ in range(3):
        service.authenticate(session, key=first, method="GET")
    with pytest.raises(RateLimited):
        service.authenticate(session, key=first, method="GET")
    service.authenticate(session, key=second, method="GET")
