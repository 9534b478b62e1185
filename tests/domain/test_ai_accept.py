"""Accepting an improved text: only text fields, only the owner's, only while unchanged."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.domain.ai.accept import PROFILE, accept_suggestion
from cvapp.domain.ai.schemas import TextPlace
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import User
from tests.domain.cv_support import add, make_user

BULLETS = ["Was responsible for the billing pipeline", "Mentored five engineers"]


def _experience(session: Session, user: User) -> str:
    return add(
        session,
        user,
        "experiences",
        company="Acme",
        title="Engineer",
        start_date="2020-01",
        responsibilities=BULLETS,
    )


def _bullet(item_id: str, index: int = 0) -> TextPlace:
    return TextPlace(section="experiences", item_id=item_id, field="responsibilities", index=index)


def _bullets(session: Session, user: User, item_id: str) -> list[str]:
    item = SECTIONS["experiences"].get(session, user_id=user.id, item_id=item_id)
    return list(item.responsibilities)


def test_a_bullet_is_replaced_and_put_back(session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    target = _bullet(item_id)
    accept_suggestion(
        session, user_id=user.id, target=target, original=BULLETS[0], suggestion="Owned billing"
    )
    assert _bullets(session, user, item_id) == ["Owned billing", BULLETS[1]]

    accept_suggestion(
        session, user_id=user.id, target=target, original="Owned billing", suggestion=BULLETS[0]
    )
    assert _bullets(session, user, item_id) == BULLETS


def test_spacing_alone_is_no_change(session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    original = "  Mentored   five\nengineers "
    accept_suggestion(
        session, user_id=user.id, target=_bullet(item_id, 1), original=original, suggestion="Led"
    )
    assert _bullets(session, user, item_id) == [BULLETS[0], "Led"]


def test_a_text_changed_meanwhile_is_left_alone(session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    with pytest.raises(Conflict):
        accept_suggestion(
            session, user_id=user.id, target=_bullet(item_id), original="Other", suggestion="x"
        )
    gone = _bullet(item_id, 7)
    with pytest.raises(Conflict):
        accept_suggestion(
            session, user_id=user.id, target=gone, original=BULLETS[0], suggestion="x"
        )
    assert _bullets(session, user, item_id) == BULLETS


def test_only_text_fields_of_the_callers_items_can_be_written(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    item_id = _experience(session, owner)
    with pytest.raises(NotFound):
        accept_suggestion(
            session, user_id=other.id, target=_bullet(item_id), original=BULLETS[0], suggestion="x"
        )
    for target in (
        TextPlace(section="experiences", item_id=item_id, field="company"),
        TextPlace(section="skills", item_id=item_id, field="name"),
        TextPlace(section=PROFILE, field="headline"),
        _bullet(item_id, -1),  # a list of bullets is written one bullet at a time
    ):
        with pytest.raises(ValidationFailed):
            accept_suggestion(
                session, user_id=owner.id, target=target, original="Acme", suggestion="Evil"
            )
    assert _bullets(session, owner, item_id) == BULLETS


def test_the_summary_is_replaced(session: Session) -> None:
    user = make_user(session)
    target = TextPlace(section=PROFILE, field="summary")
    accept_suggestion(
        session, user_id=user.id, target=target, original="", suggestion="Backend engineer."
    )
    assert get_or_create_profile(session, user_id=user.id).summary == "Backend engineer."
    with pytest.raises(Conflict):
        accept_suggestion(session, user_id=user.id, target=target, original="", suggestion="x")
    accept_suggestion(
        session, user_id=user.id, target=target, original="Backend engineer.", suggestion=""
    )
    assert not get_or_create_profile(session, user_id=user.id).summary
