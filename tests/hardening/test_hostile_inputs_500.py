"""Issue #15 point 11: valid or hostile input that used to end in a 500 gets a working export
or a clear 4xx."""

from __future__ import annotations

import io

from docx import Document as open_docx
from fastapi.testclient import TestClient
from sqlmodel import Session

from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports import service as exports
from cvapp.domain.profiles import service as profiles
from tests.domain.cv_support import auth, build_profile, forget_exports, make_user  # noqa: F401

API = "/api/v1"


def test_docx_export_of_a_very_long_title_works(session: Session) -> None:
    user = make_user(session, name="Ann Example")
    build_profile(session, user)
    profiles.update_profile(
        session, user_id=user.id, changes={"full_name": "Ann " + "Longname" * 24}
    )
    role = {"target_role": "R" * 200, "title_line": "target_role"}  # printed under the name
    cv = cvs.create_cv(session, user_id=user.id, data={"name": "x", **role})
    session.commit()
    data = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="docx").data
    props = open_docx(io.BytesIO(data)).core_properties
    assert len(props.title) == 255 and props.title.startswith("Ann Longname")


def test_a_deeply_nested_json_resume_is_a_clear_422(api: TestClient, session: Session) -> None:
    headers = {**auth(make_user(session)), "Content-Type": "application/json"}
    for body in (
        '{"basics":' + '{"a":' * 3000 + "1" + "}" * 3000 + "}",
        '{"work":' + "[" * 900 + "]" * 900 + "}",
    ):
        response = api.post(f"{API}/imports/jsonresume", headers=headers, content=body.encode())
        assert response.status_code == 422, response.text
        assert "nested more than" in response.json()["error"]["message"]
