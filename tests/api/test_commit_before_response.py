"""The request's transaction commits before the response leaves: no read-your-write race."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.testclient import TestClient
from sqlmodel import select

from cvapp.api.app import create_api
from cvapp.api.deps import SessionDep
from cvapp.db import session_scope
from cvapp.models import User


def test_commit_happens_before_the_response_is_sent() -> None:
    app = create_api()
    probe = APIRouter()
    seen: dict[str, Any] = {}

    @probe.post("/api/v1/_probe/user")
    def make_user(session: SessionDep) -> dict[str, str]:
        user = User(email="race@example.org", full_name="Race", password_hash="x")
        session.add(user)
        session.flush()
        return {"id": user.id}

    app.router.routes[:0] = probe.routes

    @app.middleware("http")
    async def check_committed(request: Any, call_next: Any) -> Any:
        response = await call_next(request)
        if request.url.path.endswith("/_probe/user"):
            with session_scope() as session:
                query = select(User).where(User.email == "race@example.org")
                seen["committed"] = session.exec(query).first() is not None
        return response

    with TestClient(app) as client:
        assert client.post("/api/v1/_probe/user").status_code == 200
    assert seen == {"committed": True}
