"""The dashboard's overview of a user's CVs (issue #17 point 2)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from cvapp.domain.cvs.overview import ago, overview
from cvapp.domain.public import share_links
from cvapp.models import ShareLink
from cvapp.models.base import utcnow
from tests.domain.cv_support import build_profile, make_cv, make_user


def test_ago_reads_like_a_person() -> None:
    now = utcnow()
    assert ago(now - timedelta(seconds=5), now=now) == "just now"
    assert ago(now - timedelta(minutes=7), now=now) == "7 min ago"
    assert ago(now - timedelta(hours=3), now=now) == "3 h ago"
    assert ago(now - timedelta(days=1), now=now) == "1 day ago"
    assert ago(now - timedelta(days=9), now=now) == "9 days ago"
    assert ago(now - timedelta(days=90), now=now).count(" ") == 2  # a date: 07 Sep 2026


def test_each_cv_with_its_live_links_counts(session: Session) -> None:
    user, other = make_user(session), make_user(session)
    build_profile(session, user)
    first = make_cv(session, user, name="Backend")
    make_cv(session, user, name="Data")
    make_cv(session, other, name="Not mine")
    live = share_links.create_share_link(session, user_id=user.id, cv_id=first.id, data={})
    gone = share_links.create_share_link(session, user_id=user.id, cv_id=first.id, data={})
    session.get(ShareLink, live.id).views = 4  # type: ignore[union-attr]
    revoked = session.get(ShareLink, gone.id)
    assert revoked is not None
    revoked.views, revoked.revoked_at = 9, utcnow()
    session.commit()

    seen = overview(session, user_id=user.id)
    assert seen["total"] == 2
    by_name = {cv["name"]: cv for cv in seen["cvs"]}
    assert set(by_name) == {"Backend", "Data"}
    assert (by_name["Backend"]["links"], by_name["Backend"]["views"]) == (1, 4)
    assert (by_name["Data"]["links"], by_name["Data"]["views"]) == (0, 0)
    assert by_name["Backend"]["edited"] == "just now"
    assert 0 < seen["completeness"] <= 100
