"""The entitlements table and its checks: each limit per plan, downgrades keep everything."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from cvapp.domain.ai import quotas
from cvapp.domain.cvs import service as cvs
from cvapp.domain.exports.catalog import TEMPLATES
from cvapp.domain.plans import entitlements, service
from cvapp.domain.plans.entitlements import plans
from cvapp.domain.public import share_links
from cvapp.errors import PlanLimit
from cvapp.models import AuditEvent, CvVersion
from cvapp.settings import get_settings
from tests.domain.account_support import make_cvs, make_user


def test_the_table_holds_every_limit_of_the_issue() -> None:
    """As the suite sets them: Free's CVs and links are small here (see tests/conftest.py)."""
    every = plans()
    free, pro, expert = every["free"], every["pro"], every["expert"]
    assert (free.cv_versions, pro.cv_versions, expert.cv_versions) == (2, None, None)
    assert free.templates == (
        "classic", "modern", "compact", "photo-header", "europass", "us-resume"
    )  # fmt: skip
    assert pro.templates is None and expert.templates is None
    assert [p.ai_calls_per_day for p in (free, pro, expert)] == [20, 200, 2000]
    assert (free.share_links, pro.share_links, expert.share_links) == (1, None, None)
    assert [p.api_access for p in (free, pro, expert)] == [False, False, True]


def test_ai_quotas_and_the_template_catalog_agree_with_the_table() -> None:
    assert quotas.daily_limits() == {"free": 20, "pro": 200, "expert": 2000}
    for template in TEMPLATES.values():
        for plan in plans():
            assert entitlements.allows_template(plan, template.key) == (plan in template.plans)


def test_defaults_let_a_job_seeker_work(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CVAPP_PLAN_FREE_CV_VERSIONS", "CVAPP_PLAN_FREE_SHARE_LINKS"):
        monkeypatch.delenv(name)
    get_settings.cache_clear()
    try:
        free = entitlements.for_plan("free")
        assert (free.cv_versions, free.share_links) == (10, 5)
        assert entitlements.price("pro") == "€6 a month" and entitlements.price("free") == "Free"
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_operators_set_limits_and_prices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CVAPP_PLAN_FREE_CV_VERSIONS", "unlimited")
    monkeypatch.setenv("CVAPP_PLAN_PRO_SHARE_LINKS", "50")
    monkeypatch.setenv("CVAPP_PLAN_EXPERT_AI_CALLS_PER_DAY", "9000")
    monkeypatch.setenv("CVAPP_PLAN_PRO_PRICE", "$9 / month")
    get_settings.cache_clear()
    try:
        assert entitlements.for_plan("free").cv_versions is None
        assert entitlements.for_plan("pro").share_links == 50
        assert quotas.daily_limit("expert") == 9000
        assert entitlements.price("pro") == "$9 / month"
        assert entitlements.next_plan_for("free", "cv_versions") is None
        monkeypatch.setenv("CVAPP_PLAN_FREE_SHARE_LINKS", "-1")
        get_settings.cache_clear()
        with pytest.raises(ValueError):
            get_settings()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_the_next_plan_is_the_first_that_allows_more() -> None:
    assert entitlements.next_plan_for("free", "cv_versions") == "pro"
    assert entitlements.next_plan_for("free", "api_access") == "expert"
    assert entitlements.next_plan_for("pro", "cv_versions") is None
    assert entitlements.next_plan_for("expert", "ai_calls_per_day") is None


def test_free_allows_two_cv_versions_and_names_the_limit(session: Session) -> None:
    user = make_user(session)
    first, _ = make_cvs(session, user, 2)
    for attempt in (
        lambda: cvs.create_cv(session, user_id=user.id, data={"name": "Third"}),
        lambda: cvs.duplicate_cv(session, user_id=user.id, cv_id=first),
    ):
        with pytest.raises(PlanLimit) as error:
            attempt()
        detail = error.value.details[0]
        assert detail["field"] == detail["limit"] == "cv_versions"
        assert (detail["plan"], detail["allowed"]) == ("free", "2")
        assert (detail["next_plan"], detail["next_plan_allows"]) == ("pro", "unlimited")
        assert error.value.message == (
            "You have reached the CV versions of your plan. Your Free plan includes 2 CV "
            "versions; Pro includes unlimited CV versions."
        )


@pytest.mark.parametrize("plan", ["pro", "expert"])
def test_paid_plans_have_unlimited_cv_versions_and_every_template(
    session: Session, plan: str
) -> None:
    user = make_user(session, plan=plan)
    make_cvs(session, user, 4)
    cv = cvs.create_cv(session, user_id=user.id, data={"name": "Two", "template": "two-column"})
    assert cv.template == "two-column"


def test_free_has_six_templates(session: Session) -> None:
    user = make_user(session)
    (cv_id,) = make_cvs(session, user, 1, template="compact")
    with pytest.raises(PlanLimit) as error:
        cvs.update_cv(session, user_id=user.id, cv_id=cv_id, changes={"template": "academic"})
    detail = error.value.details[0]
    assert detail["limit"] == "templates" and detail["next_plan"] == "pro"
    assert "classic, modern, compact, photo-header, europass, us-resume" in detail["allowed"]


def test_free_has_one_active_share_link(session: Session) -> None:
    user = make_user(session)
    (cv_id,) = make_cvs(session, user, 1)
    first = share_links.create_share_link(session, user_id=user.id, cv_id=cv_id, data={})
    with pytest.raises(PlanLimit) as error:
        share_links.create_share_link(session, user_id=user.id, cv_id=cv_id, data={})
    assert error.value.details[0]["limit"] == "share_links"
    share_links.revoke_share_link(session, user_id=user.id, link_id=first.id)
    share_links.create_share_link(session, user_id=user.id, cv_id=cv_id, data={"label": "b"})

    pro = make_user(session, plan="pro")
    (pro_cv,) = make_cvs(session, pro, 1)
    for _ in range(3):
        share_links.create_share_link(session, user_id=pro.id, cv_id=pro_cv, data={})


@pytest.mark.parametrize(("plan", "allowed"), [("free", False), ("pro", False), ("expert", True)])
def test_api_access_is_expert_only(session: Session, plan: str, allowed: bool) -> None:
    user = make_user(session, plan=plan)
    if allowed:
        service.check(session, user_id=user.id, limit="api_access")
        return
    with pytest.raises(PlanLimit) as error:
        service.check(session, user_id=user.id, limit="api_access")
    assert error.value.details[0]["next_plan"] == "expert"


def _read_only(session: Session, user_id: str) -> dict[str, bool]:
    session.expire_all()
    rows = session.exec(select(CvVersion).where(CvVersion.user_id == user_id)).all()
    return {cv.name: cv.read_only for cv in rows}


def test_a_downgrade_keeps_everything_and_makes_the_excess_read_only(session: Session) -> None:
    user = make_user(session, plan="pro")
    make_cvs(session, user, 3)
    cvs.create_cv(session, user_id=user.id, data={"name": "Fancy", "template": "academic"})
    (latest,) = make_cvs(session, user, 1)
    cvs.rename_cv(session, user_id=user.id, cv_id=latest, name="Newest")
    session.commit()

    change = service.change_plan(session, user_id=user.id, plan="free")
    session.commit()

    assert (change.old_plan, change.new_plan, change.read_only_cvs) == ("pro", "free", 3)
    states = _read_only(session, user.id)
    assert len(states) == 5  # nothing deleted
    # The two most recently changed CVs in a Free template stay editable.
    assert sorted(name for name, ro in states.items() if not ro) == ["CV 2", "Newest"]
    assert states["Fancy"] is True
    read_only = session.exec(select(CvVersion).where(CvVersion.name == "CV 0")).one()
    with pytest.raises(PlanLimit) as error:
        cvs.update_cv(session, user_id=user.id, cv_id=read_only.id, changes={"target_role": "x"})
    assert "read-only" in error.value.message
    assert cvs.get_cv(session, user_id=user.id, cv_id=read_only.id).name == "CV 0"  # still readable
    session.rollback()

    # Deleting an editable CV frees its slot for the most recent read-only one.
    newest = session.exec(select(CvVersion).where(CvVersion.name == "Newest")).one()
    cvs.delete_cv(session, user_id=user.id, cv_id=newest.id)
    session.commit()
    assert sum(not ro for ro in _read_only(session, user.id).values()) == 2

    service.change_plan(session, user_id=user.id, plan="expert")
    session.commit()
    assert not any(_read_only(session, user.id).values())
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.user_id == user.id)).all()
    assert actions.count("plans.changed") == 2


def test_an_unknown_plan_is_refused(session: Session) -> None:
    user = make_user(session)
    with pytest.raises(Exception, match="Invalid input data"):
        service.change_plan(session, user_id=user.id, plan="platinum")
