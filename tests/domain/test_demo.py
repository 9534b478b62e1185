"""The demo account `make run` seeds: a full profile and two CVs, created once."""

from pathlib import Path

from sqlmodel import Session, func, select

from cvapp.db import session_scope
from cvapp.domain.account.consent import consent_required
from cvapp.domain.auth.passwords import verify_password
from cvapp.domain.demo.service import DEMO_EMAIL, ensure_demo_account
from cvapp.models import CvVersion, Experience, Profile, User


def test_demo_account_is_created_once_with_a_profile_and_cvs(
    tmp_path: Path, session: Session
) -> None:
    with session_scope() as db:
        password = ensure_demo_account(db, data_dir=tmp_path)
    with session_scope() as db:
        assert ensure_demo_account(db, data_dir=tmp_path) == password
    user = session.exec(select(User).where(User.email == DEMO_EMAIL)).one()
    assert verify_password(password, user.password_hash)
    profile = session.exec(select(Profile).where(Profile.user_id == user.id)).one()
    assert profile.completeness > 50 and profile.visibility == "PUBLIC"
    experiences = select(func.count()).select_from(Experience)
    assert session.exec(experiences.where(Experience.profile_id == profile.id)).one() == 3
    cvs = session.exec(select(CvVersion).where(CvVersion.user_id == user.id)).all()
    assert sorted(cv.template for cv in cvs) == ["classic", "modern"]
    # Its first login is not met by "our privacy policy has changed".
    assert not consent_required(session, user_id=user.id)
