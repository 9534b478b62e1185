"""Writing an accepted suggestion back: only text fields, only the owner's, only unchanged."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.components.ai.text_target import PROFILE, TextTarget, replace_text
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import User
from tests.domain.test_cv_support import add, make_user

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


def _bullet(item_id: str, index: int = 0) -> TextTarget:
    return TextTarget(
        text=BULLETS[index],
        section="experiences",
        item_id=item_id,
        field="responsibilities",
        index=index,
    )


def test_a_bullet_is_replaced_and_put_back(session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    target = _bullet(item_id)
    replace_text(session, user_id=user.id, target=target, expected=BULLETS[0], new="Owned billing")
    stored = SECTIONS["experiences"].get(session, user_id=user.id, item_id=item_id)
    assert stored.responsibilities == ["Owned billing", BULLETS[1]]

    replace_text(session, user_id=user.id, target=target, expected="Owned billing", new=BULLETS[0])
    stored = SECTIONS["experiences"].get(session, user_id=user.id, item_id=item_id)
    assert stored.responsibilities == BULLETS


def test_a_text_changed_meanwhile_is_left_alone(session: Session) -> None:
    user = make_user(session)
    item_id = _experience(session, user)
    with pytest.raises(Conflict):
        replace_text(
            session, user_id=user.id, target=_bullet(item_id), expected="Something else", new="x"
        )
    with pytest.raises(Conflict):
        replace_text(
            session,
            user_id=user.id,
            target=TextTarget(
                section="experiences", item_id=item_id, field="responsibilities", index=7
            ),  # fmt: skip
            expected=BULLETS[0],
            new="x",
        )


def test_only_text_fields_of_the_callers_items_can_be_written(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    item_id = _experience(session, owner)
    with pytest.raises(NotFound):
        replace_text(session, user_id=other.id, target=_bullet(item_id), expected=BULLETS[0],
                     new="x")  # fmt: skip
    company = TextTarget(section="experiences", item_id=item_id, field="company")
    with pytest.raises(ValidationFailed):
        replace_text(session, user_id=owner.id, target=company, expected="Acme", new="Evil")


def test_the_summary_is_replaced(session: Session) -> None:
    user = make_user(session)
    target = TextTarget(kind="summary", section=PROFILE, field="summary")
    replace_text(session, user_id=user.id, target=target, expected="", new="Backend engineer.")
    assert get_or_create_profile(session, user_id=user.id).summary == "Backend engineer."
    replace_text(session, user_id=user.id, target=target, expected="Backend engineer.", new="")
    assert not get_or_create_profile(session, user_id=user.id).summary


def test_the_context_names_the_item_the_text_belongs_to() -> None:
    bullet = TextTarget(text="x", section="projects", item_id="p1", tense="present")
    assert bullet.context() == {"kind": "bullet", "project_id": "p1", "tense": "present"}
    pasted = TextTarget(text="x", kind="summary", tense="someday", target_role=" Data engineer ")
    assert pasted.context() == {"kind": "summary", "target_role": "Data engineer"}
