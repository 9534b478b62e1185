"""The job tracker's rules without HTTP: reading adverts, delete and restore, plan limits."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from cvapp.domain.applications import adverts, service
from cvapp.errors import Conflict, PlanLimit, ValidationFailed
from cvapp.settings import get_settings
from tests.domain.cv_support import make_user


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senior Backend-Entwickler (m/w/d) – München\n\nDie Nordlicht Software GmbH sucht "
            "ab sofort Verstärkung.\nDas bringst du mit: Python",
            ("Nordlicht Software GmbH", "Senior Backend-Entwickler", "München"),
        ),
        (
            "Data Engineer at Acme Corp\nLocation: Remote (EU)\nWe are looking for a builder.",
            ("Acme Corp", "Data Engineer", "Remote (EU)"),
        ),
        (
            "Desarrolladora de datos\nEmpresa: Ejemplo Datos S.L.\nUbicación: Madrid\n"
            "Buscamos una persona con Python.",
            ("Ejemplo Datos S.L.", "Desarrolladora de datos", "Madrid"),
        ),
        (
            "We are hiring! Our team builds payments software and we need help with it.",
            (None, None, None),
        ),
        (
            "Hafenblick Logistik AG sucht Data Engineer (m/w/d) in Hamburg.\n"
            "Anforderungen:\n- Python\n- Kubernetes",
            ("Hafenblick Logistik AG", "Data Engineer", "Hamburg"),
        ),
        (
            "Acme Corp is hiring a Senior Backend Engineer in San Francisco. You will own APIs.",
            ("Acme Corp", "Senior Backend Engineer", "San Francisco"),
        ),
        (
            "Globex recrute un Ingénieur DevOps à Lyon, en CDI.",
            ("Globex", "Ingénieur DevOps", "Lyon"),
        ),
        (
            "Die Nordlicht Software GmbH sucht ab sofort Verstärkung. Du kennst Python?",
            ("Nordlicht Software GmbH", None, None),
        ),
    ],
)
def test_an_advert_gives_what_it_says_plainly(text: str, expected: tuple[str | None, ...]) -> None:
    draft = adverts.read_ad(text)
    assert (draft.company, draft.role, draft.location) == expected
    assert draft.job_text == text.strip()


def test_an_empty_or_huge_advert_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        adverts.read_ad("   ")
    with pytest.raises(ValidationFailed):
        adverts.read_ad("x" * 50_001)


def test_delete_and_restore_keep_the_timeline(session: Session) -> None:
    user = make_user(session)
    created = service.create_application(
        session, user_id=user.id, data={"company": "Acme", "role": "Dev"}
    )
    service.move_application(session, user_id=user.id, application_id=created.id, status="offer")
    deleted = service.delete_application(session, user_id=user.id, application_id=created.id)
    restored = service.restore_application(session, user_id=user.id, deleted=deleted)
    assert restored.id == created.id and restored.status == "offer"
    assert [e.kind for e in restored.timeline] == ["created", "status"]
    with pytest.raises(Conflict):
        service.restore_application(session, user_id=user.id, deleted=deleted)
    stranger = make_user(session)
    service.delete_application(session, user_id=user.id, application_id=created.id)
    with pytest.raises(Exception, match="not found"):
        service.restore_application(session, user_id=stranger.id, deleted=deleted)


def test_reminder_marks_go_only_when_the_date_changes(session: Session) -> None:
    user = make_user(session)
    created = service.create_application(
        session,
        user_id=user.id,
        data={"company": "Acme", "role": "Dev", "follow_up_on": "2030-01-09"},
    )
    row = service.get_row(session, user_id=user.id, application_id=created.id)
    row.reminders_sent = {"follow_up_on": "2030-01-09"}
    session.add(row)
    session.flush()
    same = {"company": "Acme", "role": "Dev", "follow_up_on": "2030-01-09"}
    service.replace_application(session, user_id=user.id, application_id=row.id, data=same)
    assert row.reminders_sent == {"follow_up_on": "2030-01-09"}
    service.update_application(
        session, user_id=user.id, application_id=row.id, changes={"follow_up_on": "2030-01-10"}
    )
    assert row.reminders_sent == {}


def test_restoring_over_the_limit_is_refused(session: Session) -> None:
    settings = get_settings()
    cap, settings.plan_free_applications = settings.plan_free_applications, 1
    try:
        user = make_user(session, plan="free")
        first = service.create_application(
            session, user_id=user.id, data={"company": "A", "role": "B"}
        )
        deleted = service.delete_application(session, user_id=user.id, application_id=first.id)
        service.create_application(session, user_id=user.id, data={"company": "C", "role": "D"})
        with pytest.raises(PlanLimit):
            service.restore_application(session, user_id=user.id, deleted=deleted)
        archived = service.create_application(
            session, user_id=user.id, data={"company": "E", "role": "F", "archived": True}
        )
        assert archived.archived  # an archived one takes no place
    finally:
        settings.plan_free_applications = cap
