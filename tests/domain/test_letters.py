"""Letters in the domain: the letterhead follows the chosen CV's template, the offline draft
says nothing the profile does not back, undo keeps a bounded history."""

from __future__ import annotations

from sqlmodel import Session

from cvapp.domain.ai.facts import ProfileFacts
from cvapp.domain.ai.gaps import analyse_gaps
from cvapp.domain.ai.jobposting import parse_job
from cvapp.domain.ai.letter import LetterBrief, compose_letter
from cvapp.domain.ai.requirements import extract_requirements
from cvapp.domain.cvs import service as cvs
from cvapp.domain.letters import render, service
from tests.api.test_cv_design import _fonts_of
from tests.domain.cv_support import build_profile, make_cv, make_user


def test_the_letterhead_is_the_chosen_cvs(session: Session) -> None:
    user = make_user(session, name="Łukasz Żółć")
    build_profile(session, user)
    cv = make_cv(session, user, template="modern")
    letter = service.create_letter(
        session,
        user_id=user.id,
        data={"title": "Brief", "cv_id": cv.id, "body": "Hallo <script>alert(1)</script>"},
    )
    session.commit()
    html = render.render_letter_html(render.load(session, user_id=user.id, letter_id=letter.id))
    assert 'class="cv cv-modern"' in html and "Łukasz Żółć" in html
    assert "ann@example.org" in html and "Hallo" in html and "<script" not in html
    service.update_letter(session, user_id=user.id, letter_id=letter.id, changes={"cv_id": None})
    session.commit()
    plain = render.render_letter_html(render.load(session, user_id=user.id, letter_id=letter.id))
    assert 'class="cv cv-classic"' in plain and "ann@example.org" in plain


def test_an_offline_draft_without_backing_claims_nothing() -> None:
    facts = ProfileFacts(user_id="u", headline="Pastry chef")
    job = parse_job("Kubernetes engineer\nRequirements:\n- Kubernetes\n- Terraform\n- Go")
    analysis = analyse_gaps(extract_requirements(job), facts, provider="offline")
    text = compose_letter(facts, analysis, LetterBrief(role="Kubernetes engineer"))
    assert text.evidence == []
    assert "Kubernetes" not in text.body.replace("the Kubernetes engineer", "")
    assert "I am a pastry chef." in text.body and text.greeting == "Dear Hiring Manager,"


def test_the_undo_history_is_bounded(session: Session) -> None:
    user = make_user(session)
    letter = service.create_letter(session, user_id=user.id, data={"title": "Many drafts"})
    for number in range(service.MAX_REVISIONS + 5):
        service.update_letter(
            session, user_id=user.id, letter_id=letter.id, changes={"body": f"Fassung {number}"}
        )
    view = service.get_letter(session, user_id=user.id, letter_id=letter.id)
    assert view.revisions == service.MAX_REVISIONS and view.can_undo and not view.can_redo
    for _ in range(service.MAX_REVISIONS - 1):
        view = service.step(session, user_id=user.id, letter_id=letter.id, by=-1)
    assert not view.can_undo and view.body == f"Fassung {5 + 0}"


def test_the_letterhead_takes_the_cvs_design(session: Session) -> None:
    """A CV in Noto Serif headings with a burgundy accent gives its letter the same head."""
    user = make_user(session, name="Łukasz Żółć")
    build_profile(session, user)
    cv = make_cv(session, user, template="modern")
    letter = service.create_letter(
        session, user_id=user.id, data={"title": "Brief", "cv_id": cv.id, "body": "Guten Tag."}
    )
    session.commit()
    plain = render.layout_letter(render.load(session, user_id=user.id, letter_id=letter.id))
    assert "Noto" not in " ".join(_fonts_of(plain.write(), "Łukasz Żółć"))
    design = {"accent": "#7a1f3d", "font": "noto-sans+noto-serif", "header": "centered"}
    cvs.update_cv(session, user_id=user.id, cv_id=cv.id, changes={"design": design})
    session.commit()
    source = render.load(session, user_id=user.id, letter_id=letter.id)
    assert "header-centered" in render.render_letter_html(source)
    designed = render.layout_letter(source).write()
    # The name in the head in the design's heading font, the signature in its body font.
    assert _fonts_of(designed, "Łukasz Żółć") == {"CV-Noto-Serif-Bold", "CV-Noto-Sans"}
