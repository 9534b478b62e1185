"""A skill's level as written ("Fluent", "4/5") is kept and exported as written; changing the
1–5 level alone drops the old words (issue #19: skill levels kept as written)."""

from __future__ import annotations

import json

from sqlmodel import Session

from cvapp.domain.exports import service as exports
from cvapp.domain.sections import SECTIONS
from tests.domain.cv_support import forget_exports, make_cv, make_user  # noqa: F401


def test_level_words_survive_and_a_new_level_drops_them(session: Session) -> None:
    user = make_user(session)
    skills = SECTIONS["skills"]
    go = skills.create(
        session, user_id=user.id, data={"name": "Go", "level": 3, "level_label": "Advanced (5 yrs)"}
    )
    rust = skills.create(session, user_id=user.id, data={"name": "Rust", "level": 2})
    cv = make_cv(session, user)

    def levels() -> dict[str, str | None]:
        data = exports.export_cv(session, user_id=user.id, cv_id=cv.id, fmt="jsonresume").data
        return {s["name"]: s.get("level") for s in json.loads(data)["skills"]}

    assert levels() == {"Go": "Advanced (5 yrs)", "Rust": "Intermediate"}
    renamed = skills.update(
        session, user_id=user.id, item_id=go.id, changes={"category": "Languages"}
    )
    assert renamed.level_label == "Advanced (5 yrs)"  # untouched by other changes
    relevelled = skills.update(session, user_id=user.id, item_id=go.id, changes={"level": 5})
    assert relevelled.level == 5 and relevelled.level_label is None
    session.commit()
    assert levels()["Go"] == "Master"
    assert rust.level_label is None
