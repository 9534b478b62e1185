"""CV versions: derived from the master (never copies), overrides with review, CRUD rules."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports.resolve import load_resolved
from cvapp.domain.sections import SECTIONS
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import CvVersion
from tests.domain.cv_support import (  # noqa: F401  (forget_exports: autouse)
    build_profile,
    forget_exports,
    make_cv,
    make_user,
)


def _bullets(session: Session, cv_id: str) -> list[str]:
    cv = session.get(CvVersion, cv_id)
    assert cv is not None
    resolved = load_resolved(session, cv=cv)
    section = resolved.section("experiences")
    return [b for item in (section.items if section else []) for b in item["responsibilities"]]


def test_new_version_shows_every_master_item_in_master_order(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user, target_role="Payments engineer")
    assert [i.id for i in cv.items["experiences"]] == ids["experiences"]
    assert all(i.visible for i in cv.items["experiences"])
    assert cv.items["experiences"][0].label == "Engineer 0 — Company 0"
    assert [s.key for s in cv.sections][:3] == ["summary", "experiences", "projects"]
    stored = session.get(CvVersion, cv.id)
    assert stored is not None and stored.items == {} and stored.sections == []


def test_master_edits_show_up_in_every_version(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    first, second = make_cv(session, user), make_cv(session, user, name="Other")
    experiences = SECTIONS["experiences"]
    experiences.update(
        session,
        user_id=user.id,
        item_id=ids["experiences"][0],
        changes={"responsibilities": ["Rewritten in the master"]},
    )
    new_id = experiences.create(
        session,
        user_id=user.id,
        data={
            "company": "Newco",
            "title": "Lead",
            "start_date": "2025-01",
            "responsibilities": ["Brand new bullet"],
        },
    ).id
    experiences.delete(session, user_id=user.id, item_id=ids["experiences"][2])
    session.commit()
    for cv in (first, second):
        bullets = _bullets(session, cv.id)
        assert "Rewritten in the master" in bullets and "Brand new bullet" in bullets
        assert not any("(role 2)" in b for b in bullets)
        view = cvs.get_cv(session, user_id=user.id, cv_id=cv.id)
        assert new_id in [i.id for i in view.items["experiences"]]


def test_hidden_items_bullets_sections_and_order(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    exp = ids["experiences"]
    cv = make_cv(session, user)
    cvs.update_cv(
        session,
        user_id=user.id,
        cv_id=cv.id,
        changes={
            "items": {
                "experiences": [
                    {"id": exp[2], "order": 0},
                    {"id": exp[0], "order": 1, "hidden": ["responsibilities.1"]},
                    {"id": exp[1], "order": 2, "visible": False},
                ]
            },
            "sections": [
                {"key": "skills", "visible": False},
                {"key": "experiences", "order": 0, "title": "Career"},
            ],
        },
    )
    session.commit()
    bullets = _bullets(session, cv.id)
    assert bullets[0].endswith("(role 2)") and bullets[3].endswith("(role 0)")
    assert not any(b.startswith("Cut p95") and b.endswith("(role 0)") for b in bullets)
    assert not any(b.endswith("(role 1)") for b in bullets)
    row = session.get(CvVersion, cv.id)
    assert row is not None
    resolved = load_resolved(session, cv=row)
    assert resolved.sections[0].key == "experiences" and resolved.sections[0].title == "Career"
    assert resolved.section("skills") is None


def test_override_is_flagged_for_review_when_the_master_text_changes(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    exp = ids["experiences"][0]
    cv = make_cv(session, user)
    entry = {"id": exp, "overrides": {"responsibilities.0": "Tailored bullet", "title": "Lead"}}
    changes = {"items": {"experiences": [entry]}, "summary_override": "Mine"}
    view = cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=changes)
    session.commit()
    assert view.review_count == 0
    assert "Tailored bullet" in _bullets(session, cv.id)
    SECTIONS["experiences"].update(
        session,
        user_id=user.id,
        item_id=exp,
        changes={"responsibilities": ["Changed in master", "b", "c"]},
    )
    session.commit()
    view = cvs.get_cv(session, user_id=user.id, cv_id=cv.id)
    item = next(i for i in view.items["experiences"] if i.id == exp)
    assert item.review == ["responsibilities.0"] and view.review_count == 1
    # Saving the same override again does not silence the flag; acknowledging does.
    cvs.update_cv(
        session, user_id=user.id, cv_id=cv.id, changes={"items": {"experiences": [entry]}}
    )
    assert cvs.get_cv(session, user_id=user.id, cv_id=cv.id).review_count == 1
    view = cvs.acknowledge_review(session, user_id=user.id, cv_id=cv.id, item_id=exp)
    assert view.review_count == 0


def test_summary_override_review(session: Session) -> None:
    from cvapp.domain.profiles import service as profiles

    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user, summary_override="A summary for this role")
    assert not cv.summary_review
    profiles.update_profile(session, user_id=user.id, changes={"summary": "New master summary"})
    assert cvs.get_cv(session, user_id=user.id, cv_id=cv.id).summary_review


def test_patch_items_keeps_sections_not_sent(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user, items={"skills": [{"id": ids["skills"][0], "visible": False}]})
    cvs.update_cv(
        session,
        user_id=user.id,
        cv_id=cv.id,
        changes={"items": {"experiences": [{"id": ids["experiences"][1], "visible": False}]}},
    )
    view = cvs.get_cv(session, user_id=user.id, cv_id=cv.id)
    assert not next(i for i in view.items["skills"] if i.id == ids["skills"][0]).visible
    assert not next(i for i in view.items["experiences"] if i.id == ids["experiences"][1]).visible


def test_duplicate_rename_delete(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user, items={"skills": [{"id": ids["skills"][1], "visible": False}]})
    copy = cvs.duplicate_cv(session, user_id=user.id, cv_id=cv.id)
    assert copy.name == "Main CV (copy)" and copy.id != cv.id
    assert not next(i for i in copy.items["skills"] if i.id == ids["skills"][1]).visible
    with pytest.raises(Conflict):
        cvs.rename_cv(session, user_id=user.id, cv_id=copy.id, name="Main CV")
    assert cvs.rename_cv(session, user_id=user.id, cv_id=copy.id, name="Backend").name == "Backend"
    cvs.delete_cv(session, user_id=user.id, cv_id=cv.id)
    session.commit()
    assert [c.id for c in session.exec(select(CvVersion)).all()] == [copy.id]


def test_create_named_after_the_target_role(session: Session) -> None:
    user = make_user(session)
    first = cvs.create_cv(session, user_id=user.id, data={"target_role": "Data engineer"})
    second = cvs.create_cv(session, user_id=user.id, data={"target_role": "Data engineer"})
    assert (first.name, second.name) == ("Data engineer", "Data engineer (2)")


def test_other_users_versions_are_not_found(session: Session) -> None:
    owner, other = make_user(session), make_user(session)
    cv = make_cv(session, owner)
    with pytest.raises(NotFound):
        cvs.get_cv(session, user_id=other.id, cv_id=cv.id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"template": "fancy"}, "template"),
        ({"locale": "xx-nope"}, "locale"),
        ({"page_size": "A5"}, "page_size"),
        (
            {"items": {"experiences": [{"id": "01NOTANITEM0000000000000000"[:26]}]}},
            "items.experiences.0.id",
        ),
        ({"sections": [{"key": "hobbies"}]}, "sections.0.key"),
    ],
)
def test_invalid_changes_name_the_field(session: Session, changes: dict, field: str) -> None:
    user = make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    with pytest.raises(ValidationFailed) as caught:
        cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes=changes)
    assert caught.value.details[0]["field"] == field


def test_override_paths_are_checked(session: Session) -> None:
    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user)
    bad = {"id": ids["experiences"][0], "overrides": {"start_date": "2001"}}
    with pytest.raises(ValidationFailed) as caught:
        cvs.update_cv(
            session, user_id=user.id, cv_id=cv.id, changes={"items": {"experiences": [bad]}}
        )
    assert caught.value.details[0]["field"] == "items.experiences.0.overrides.start_date"


def test_a_deleted_version_comes_back_with_its_links_and_public_choice(session: Session) -> None:
    from cvapp.domain.profiles import service as profiles
    from cvapp.domain.public import share_links
    from cvapp.models import Profile, ShareLink

    user = make_user(session)
    ids = build_profile(session, user)
    cv = make_cv(session, user, summary_override="Tailored summary")
    link = share_links.create_share_link(
        session, user_id=user.id, cv_id=cv.id, data={"label": "Acme — backend"}
    )
    token = share_links.token_for(link.id)
    share_links.count(session, link_id=link.id)
    profiles.update_profile(session, user_id=user.id, changes={"public_cv_id": cv.id})
    session.commit()

    deleted = cvs.delete_cv(session, user_id=user.id, cv_id=cv.id)
    session.commit()
    with pytest.raises(NotFound):
        share_links.open_share_link(session, token=token)
    profile = session.exec(select(Profile).where(Profile.user_id == user.id)).one()
    assert profile.public_cv_id is None

    back = cvs.restore_cv(session, user_id=user.id, deleted=deleted)
    session.commit()
    assert (back.id, back.name, back.summary_override) == (cv.id, "Main CV", "Tailored summary")
    assert [i.id for i in back.items["experiences"]] == ids["experiences"]
    opened, opened_cv = share_links.open_share_link(session, token=token)
    assert (opened.label, opened.views, opened_cv.id) == ("Acme — backend", 1, cv.id)
    session.refresh(profile)
    assert profile.public_cv_id == cv.id
    with pytest.raises(Conflict):
        cvs.restore_cv(session, user_id=user.id, deleted=deleted)
    assert len(session.exec(select(ShareLink)).all()) == 1


def test_restoring_checks_the_owner_the_name_and_the_plan(session: Session) -> None:
    from cvapp.domain.public import share_links
    from cvapp.errors import PlanLimit
    from cvapp.models import ShareLink

    user, other = make_user(session, plan="free"), make_user(session)
    build_profile(session, user)
    cv = make_cv(session, user)
    link = share_links.create_share_link(session, user_id=user.id, cv_id=cv.id, data={})
    deleted = cvs.delete_cv(session, user_id=user.id, cv_id=cv.id)
    session.commit()
    with pytest.raises(NotFound):
        cvs.restore_cv(session, user_id=other.id, deleted=deleted)

    # Meanwhile a new "Main CV" took the name and the free plan's only active link.
    newer = make_cv(session, user)
    share_links.create_share_link(session, user_id=user.id, cv_id=newer.id, data={})
    back = cvs.restore_cv(session, user_id=user.id, deleted=deleted)
    session.commit()
    assert (back.id, back.name) == (cv.id, "Main CV (2)")
    restored_link = session.get(ShareLink, link.id)
    assert restored_link is not None and restored_link.revoked_at is not None

    # Free allows two versions: with both back, a third deleted one cannot return.
    third = deleted | {"cv": deleted["cv"] | {"id": "01J0000000000000000000THRD", "name": "X"}}
    third["share_links"] = []
    with pytest.raises(PlanLimit):
        cvs.restore_cv(session, user_id=user.id, deleted=third)
