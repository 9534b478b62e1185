"""The order of a CV's sections and items: one rule for the arrows, a drop and the API
(``cvapp.domain.cvs.ordering``)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.domain.cvs import ordering
from cvapp.domain.cvs import service as cvs
from cvapp.errors import Conflict, NotFound, ValidationFailed
from tests.domain.cv_support import build_profile, make_cv, make_user


def _keys(session: Session, user_id: str, cv_id: str) -> list[str]:
    return [s.key for s in cvs.get_cv(session, user_id=user_id, cv_id=cv_id).sections]


def test_sections_take_the_order_given_and_the_rest_follow(session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    before = _keys(session, user.id, cv.id)

    after = ordering.reorder_sections(
        session, user_id=user.id, cv_id=cv.id, keys=["languages", "skills", "summary"]
    )

    rest = [key for key in before if key not in ("languages", "skills", "summary")]
    assert [s.key for s in after.sections] == ["languages", "skills", "summary", *rest]
    assert [s.order for s in after.sections] == list(range(len(before)))
    assert _keys(session, user.id, cv.id) == [s.key for s in after.sections]
    assert after.version == cv.version + 1


def test_a_dragged_section_keeps_its_heading_and_visibility(session: Session) -> None:
    user = make_user(session)
    build_profile(session, user)
    sections = [
        {"key": "summary", "order": 0},
        {"key": "skills", "order": 1, "visible": False, "title": "Compétences clés"},
        {"key": "experiences", "order": 2, "title": "Berufserfahrung"},
    ]
    cv = make_cv(session, user, sections=sections)

    changes = ordering.section_order_changes(cv, ["experiences", "skills"])
    after = cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=changes)

    shown = {s.key: (s.visible, s.title) for s in after.sections}
    assert [s.key for s in after.sections][:3] == ["experiences", "skills", "summary"]
    assert shown["skills"] == (False, "Compétences clés")
    assert shown["experiences"] == (True, "Berufserfahrung")


def test_items_move_with_their_rewrites_and_hidden_bullets(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)["experiences"]
    items = [
        {"id": ids[0], "order": 0, "overrides": {"title": "Ingénieure principale"}},
        {"id": ids[1], "order": 1, "visible": False},
        {"id": ids[2], "order": 2, "hidden": ["responsibilities.1"]},
    ]
    cv = make_cv(session, user, items={"experiences": items})

    after = ordering.reorder_items(
        session, user_id=user.id, cv_id=cv.id, section="experiences", ids=[ids[2], ids[0]]
    )

    moved = after.items["experiences"]
    assert [i.id for i in moved] == [ids[2], ids[0], ids[1]]
    assert [i.order for i in moved] == [0, 1, 2]
    assert moved[0].hidden == ["responsibilities.1"]
    assert moved[1].overrides == {"title": "Ingénieure principale"}
    assert moved[2].visible is False
    # The other sections were not touched.
    assert [i.id for i in after.items["skills"]] == [i.id for i in cv.items["skills"]]


@pytest.mark.parametrize(
    ("keys", "field"),
    [(["skills", "skills"], "keys"), (["skills", "hobbies"], "keys")],
)
def test_unknown_or_repeated_sections_are_refused(
    session: Session, keys: list[str], field: str
) -> None:
    user = make_user(session)
    cv = make_cv(session, user)
    with pytest.raises(ValidationFailed) as raised:
        ordering.reorder_sections(session, user_id=user.id, cv_id=cv.id, keys=keys)
    assert raised.value.details[0]["field"] == field


def test_ids_of_another_section_or_profile_are_refused(session: Session) -> None:
    user, other = make_user(session), make_user(session)
    ids = build_profile(session, user)
    foreign = build_profile(session, other)["experiences"][0]
    cv = make_cv(session, user)
    for section, wrong in (
        ("experiences", [ids["skills"][0]]),
        ("experiences", [foreign]),
        ("experiences", [ids["experiences"][0], ids["experiences"][0]]),
        ("summary", [ids["experiences"][0]]),
    ):
        with pytest.raises(ValidationFailed):
            ordering.reorder_items(
                session, user_id=user.id, cv_id=cv.id, section=section, ids=wrong
            )
    assert cvs.get_cv(session, user_id=user.id, cv_id=cv.id).version == cv.version


def test_only_the_owner_and_only_from_the_current_version(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    build_profile(session, owner)
    cv = make_cv(session, owner)
    with pytest.raises(NotFound):
        ordering.reorder_sections(session, user_id=other.id, cv_id=cv.id, keys=["skills"])
    ordering.reorder_sections(session, user_id=owner.id, cv_id=cv.id, keys=["skills"])
    with pytest.raises(Conflict):  # decided on the version before that move
        ordering.reorder_sections(
            session, user_id=owner.id, cv_id=cv.id, keys=["education"], version=cv.version
        )
