"""A design change is an edit like any other: the pre-render makes its PDF before the click,
and the download shows the new design (the at-rest key moves with the CV's version)."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient
from pdfminer.high_level import extract_text
from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.models import CvVersion
from tests.api.test_prerender import _settle, prerendering  # noqa: F401, F811  (fixture)
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    auth,
    build_profile,
    forget_exports,
    make_user,
)

API = "/api/v1"


def test_a_design_change_is_rendered_before_the_click(
    api: TestClient,
    session: Session,
    prerendering: list[str],  # noqa: F811
) -> None:
    user = make_user(session)
    build_profile(session, user)
    headers = auth(user)
    cv_id = api.post(f"{API}/cvs", json={"name": "Design"}, headers=headers).json()["id"]
    _settle()
    prerendering.clear()
    key_before = exports.rest_key(session, session.get(CvVersion, cv_id))

    change = {"design": {"date_format": "iso"}}
    assert api.patch(f"{API}/cvs/{cv_id}", json=change, headers=headers).status_code == 200
    _settle()
    assert prerendering == [cv_id]
    session.expire_all()
    assert exports.rest_key(session, session.get(CvVersion, cv_id)) != key_before
    answer = api.get(f"{API}/cvs/{cv_id}/export.pdf", headers=headers)
    assert answer.headers["x-export-cache"] == "hit"
    assert "2020-01 – 2022-01" in extract_text(io.BytesIO(answer.content))
