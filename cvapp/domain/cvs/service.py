"""CV version services: create, read, update, duplicate, rename, delete, review overrides.

Callable from the API and from UI states alike::

    with session_scope() as session:
        cv = cvs_service.create_cv(session, user_id=uid, data={"target_role": "Data engineer"})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from cvapp.domain.cvs import design, layout, overrides, plans, versions
from cvapp.domain.cvs.schemas import CvCreate, CvIn, CvPatch, CvSummary, CvView
from cvapp.domain.cvs.views import build_cv_view
from cvapp.domain.events import publish
from cvapp.domain.exports.catalog import get_template
from cvapp.domain.profiles.lookup import get_or_create_profile
from cvapp.domain.profiles.views import build_view
from cvapp.domain.sections.fields import validate
from cvapp.errors import Conflict, NotFound, ValidationFailed
from cvapp.models import CvVersion, Profile, ShareLink

SORT_FIELDS = ("name", "created_at", "updated_at")


def get_cv_row(session: Session, *, user_id: str, cv_id: str) -> CvVersion:
    """The caller's CV version; anyone else's answers NotFound."""
    cv = session.get(CvVersion, cv_id)
    if cv is None or cv.user_id != user_id:
        raise NotFound("CV not found")
    return cv


def get_cv(session: Session, *, user_id: str, cv_id: str) -> CvView:
    """One of the caller's CV versions, merged with the master."""
    return build_cv_view(session, cv=get_cv_row(session, user_id=user_id, cv_id=cv_id))


def list_cvs(
    session: Session,
    *,
    user_id: str,
    offset: int = 0,
    limit: int | None = None,
    sort: tuple[str, bool] = ("updated_at", True),
) -> tuple[list[CvSummary], int]:
    """The caller's CV versions, newest change first by default."""
    field, descending = sort
    if field not in SORT_FIELDS:
        raise ValidationFailed.field("sort", f"Use one of {', '.join(SORT_FIELDS)}")
    condition = col(CvVersion.user_id) == user_id
    total = session.exec(select(func.count()).select_from(CvVersion).where(condition)).one()
    column: Any = getattr(CvVersion, field)
    column = func.lower(column) if field == "name" else column
    statement = (
        select(CvVersion)
        .where(condition)
        .order_by(column.desc() if descending else column, CvVersion.id)
        .offset(offset)
        .limit(limit)
    )
    rows = session.exec(statement).all()
    return [CvSummary.model_validate(row) for row in rows], int(total)


def create_cv(session: Session, *, user_id: str, data: CvCreate | Mapping[str, Any]) -> CvView:
    """A new version derived from the master (every item shown unless ``items`` says else)."""
    values = validate(CvCreate, data)
    plans.check_can_create(session, user_id=user_id)
    profile = get_or_create_profile(session, user_id=user_id)
    name = values.name or _free_name(session, user_id, values.target_role or "My CV")
    cv = CvVersion(user_id=user_id, profile_id=profile.id, name=name)
    data = {**values.model_dump(), "name": name}
    sent = values.model_fields_set | {"name"}
    if "template" in sent and "page_size" not in sent:  # a US résumé starts on Letter
        data["page_size"] = get_template(data["template"]).page_size
        sent.add("page_size")
    _apply(session, cv, data, sent=sent)
    session.add(cv)
    return _saved(session, cv, "cv.created")


def replace_cv(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    data: CvIn | Mapping[str, Any],
    if_match: int | None = None,
) -> CvView:
    """Full update (PUT): left-out sections and items go back to the master's defaults.

    ``version`` (in ``data``) or ``if_match`` name the version the change was made from;
    if the CV changed since, nothing is written (Conflict, or PreconditionFailed).
    """
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check_can_edit(session, cv=cv)
    values = validate(CvIn, data)
    versions.claim(session, cv, made_from=values.version, if_match=if_match)
    _apply(session, cv, values.model_dump(), sent=set(CvIn.model_fields))
    return _saved(session, cv, "cv.changed")


def update_cv(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    changes: Mapping[str, Any],
    if_match: int | None = None,
) -> CvView:
    """Partial update (PATCH): sent fields change; ``items`` replaces only the sections sent.

    Refused like ``replace_cv`` when made from an older version than the CV's.
    """
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check_can_edit(session, cv=cv)
    values = validate(CvPatch, changes)
    sent = values.model_fields_set
    data = values.model_dump()
    sent_design = values.design
    if sent_design is not None:  # only the design keys sent change
        data["design"] = sent_design.model_dump(mode="json", exclude_unset=True)
    if "name" in sent and not data["name"]:
        raise ValidationFailed.field("name", "A CV needs a name")
    if "template" in sent and "page_size" not in sent:  # to a US résumé: a Letter page
        template = get_template(data["template"])
        if template.own_paper and template.page_size != cv.page_size:
            data["page_size"], sent = template.page_size, sent | {"page_size"}
    versions.claim(session, cv, made_from=data["version"], if_match=if_match)
    _apply(session, cv, data, sent=sent, merge_items=True)
    return _saved(session, cv, "cv.changed")


def apply_state(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    state: Mapping[str, Any],
    made_from: int | None = None,
    if_match: int | None = None,
) -> CvView:
    """Put the CV back in an earlier state (its version history): every field as it was.

    Items deleted from the profile since stay gone; a name another CV took meanwhile gets
    a number. Refused like ``replace_cv`` when made from an older version than the CV's.
    """
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check_can_edit(session, cv=cv)
    masters = _masters_by_id(session, cv)
    items = {
        key: [entry for entry in entries if entry.get("id") in masters[key]]
        for key, entries in (state.get("items") or {}).items()
        if key in masters
    }
    fields = {name: state[name] for name in CvIn.model_fields if name in state}
    values = validate(CvIn, {**fields, "items": items, "version": None})
    data = values.model_dump()
    versions.claim(session, cv, made_from=made_from, if_match=if_match)
    if _name_owner(session, cv, data["name"]) not in (None, cv.id):
        data["name"] = _free_name(session, user_id, data["name"])
    _apply(session, cv, data, sent=set(CvIn.model_fields) - {"version"})
    if "override_sources" in state:  # what each override was written against, as it was
        cv.override_sources = dict(state["override_sources"] or {})
    return _saved(session, cv, "cv.changed")


def item_visibility_changes(
    cv: CvView, *, section: str, item_id: str, visible: bool
) -> dict[str, Any]:
    """The ``update_cv`` changes that show (or hide) one item on ``cv``: the other items keep
    their place and state; showing an item shows its section too."""
    entries = cv.items.get(section)
    if entries is None:
        raise ValidationFailed.field("section", "This section has no items")
    if not any(entry.id == item_id for entry in entries):
        raise NotFound("This item is no longer in your profile")
    items = [
        {
            **entry.model_dump(include={"id", "overrides", "hidden"}),
            "order": index,
            "visible": visible if entry.id == item_id else entry.visible,
        }
        for index, entry in enumerate(entries)
    ]
    changes: dict[str, Any] = {"items": {section: items}}
    if visible and any(s.key == section and not s.visible for s in cv.sections):
        changes["sections"] = [
            {**s.model_dump(), "visible": s.visible or s.key == section} for s in cv.sections
        ]
    return changes


def set_item_visible(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    section: str,
    item_id: str,
    visible: bool,
    version: int | None = None,
) -> CvView:
    """Show or hide one master item on one CV version (``version``: the one it was made
    from, refused like any edit when the CV changed since)."""
    cv = get_cv(session, user_id=user_id, cv_id=cv_id)
    changes = item_visibility_changes(cv, section=section, item_id=item_id, visible=visible)
    if version is not None:
        changes["version"] = version
    return update_cv(session, user_id=user_id, cv_id=cv_id, changes=changes)


def rename_cv(session: Session, *, user_id: str, cv_id: str, name: str) -> CvView:
    """Give a CV version another name (unique among the user's CVs)."""
    return update_cv(session, user_id=user_id, cv_id=cv_id, changes={"name": name})


def duplicate_cv(session: Session, *, user_id: str, cv_id: str, name: str | None = None) -> CvView:
    """A copy of the version's choices (not of the master's data) under a new name."""
    source = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check_can_create(session, user_id=user_id)
    copy = CvVersion(
        **source.model_dump(
            exclude={"id", "created_at", "updated_at", "name", "read_only", "version"}
        ),
        name=name or _free_name(session, user_id, f"{source.name} (copy)"),
    )
    _check_name_free(session, copy)
    session.add(copy)
    return _saved(session, copy, "cv.created")


def delete_cv(session: Session, *, user_id: str, cv_id: str) -> dict[str, Any]:
    """Delete a version and its share links; returns what ``restore_cv`` needs to bring them
    back (plain JSON: the rows as they were, and whether the public page showed it)."""
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    links = session.exec(select(ShareLink).where(col(ShareLink.cv_id) == cv_id)).all()
    profile = session.get(Profile, cv.profile_id)
    deleted = {
        "cv": cv.model_dump(mode="json"),
        "share_links": [link.model_dump(mode="json") for link in links],
        "public": profile is not None and profile.public_cv_id == cv_id,
    }
    if profile is not None and deleted["public"]:
        # The public page goes back to the master: a change of the profile like any other
        # (the database's ON DELETE SET NULL stays as the backstop).
        _set_public_cv(session, profile, None)
    session.delete(cv)
    session.flush()
    publish(session, "cv.deleted", user_id=user_id, cv_id=cv_id, deleted=deleted)
    return deleted


def restore_cv(session: Session, *, user_id: str, deleted: Mapping[str, Any]) -> CvView:
    """Undo ``delete_cv``: the version comes back with its id, its share links (same
    addresses and counters) and, if it was the public page's CV, that choice. Refused with
    Conflict when it already exists, and with PlanLimit when the plan has no room for it."""
    cv = CvVersion.model_validate(deleted["cv"])
    if cv.user_id != user_id:
        raise NotFound("CV not found")
    if session.get(CvVersion, cv.id) is not None:
        raise Conflict("This CV is already there")
    plans.check_can_create(session, user_id=user_id)
    if _name_owner(session, cv) is not None:
        cv.name = _free_name(session, user_id, cv.name)
    session.add(cv)
    session.flush()  # before its links: no ORM relationship orders the two inserts
    for data in deleted.get("share_links") or []:
        link = ShareLink.model_validate(data)
        if link.user_id == user_id and link.cv_id == cv.id:
            plans.restore_link(session, user_id=user_id, link=link)
    plans.refresh_read_only(session, user_id=user_id)
    profile = session.get(Profile, cv.profile_id)
    if deleted.get("public") and profile is not None and profile.public_cv_id is None:
        _set_public_cv(session, profile, cv.id)
    return _saved(session, cv, "cv.created")


def _set_public_cv(session: Session, profile: Profile, cv_id: str | None) -> None:
    profile.public_cv_id = cv_id
    session.add(profile)
    session.flush()
    publish(session, "profile.changed", user_id=profile.user_id, profile_id=profile.id)


def acknowledge_review(
    session: Session,
    *,
    user_id: str,
    cv_id: str,
    section: str | None = None,
    item_id: str | None = None,
    path: str | None = None,
) -> CvView:
    """Keep overrides although the master changed: restamp them (all, a section, an item…)."""
    cv = get_cv_row(session, user_id=user_id, cv_id=cv_id)
    plans.check_can_edit(session, cv=cv)
    versions.claim(session, cv)
    masters = _masters_by_id(session, cv)
    sources = dict(cv.override_sources or {})
    for key, entries in (cv.items or {}).items():
        if section not in (None, key) or key not in masters:
            continue
        for entry in entries:
            master = masters[key].get(entry["id"])
            if master is None or item_id not in (None, entry["id"]):
                continue
            for item_path in entry.get("overrides") or {}:
                if path in (None, item_path):
                    text = overrides.master_text(master, item_path)
                    sources[overrides.source_key(key, entry["id"], item_path)] = (
                        overrides.fingerprint(text)
                    )
    if section in (None, "summary") and cv.summary_override is not None:
        profile = get_or_create_profile(session, user_id=user_id)
        sources[overrides.SUMMARY_KEY] = overrides.fingerprint(profile.summary)
    cv.override_sources = sources
    return _saved(session, cv, "cv.changed")


# -- helpers -------------------------------------------------------------------------------


def _apply(
    session: Session,
    cv: CvVersion,
    data: dict[str, Any],
    *,
    sent: set[str],
    merge_items: bool = False,
) -> None:
    for name in ("name", "target_role", "title_line", "locale", "page_size", "one_page"):
        if name in sent:
            setattr(cv, name, data[name])
    if "template" in sent:
        get_template(data["template"])
        plans.check_template_allowed(session, user_id=cv.user_id, template=data["template"])
        cv.template = data["template"]
    _check_name_free(session, cv)
    if "sections" in sent:
        cv.sections = _sections(data["sections"] or [])
    if "items" in sent or "summary_override" in sent:
        _apply_overrides(session, cv, data, sent, merge_items)
    if "design" in sent:  # PATCH changes the keys sent; PUT and a restore replace it
        base = cv.design if merge_items and data["design"] is not None else {}
        cv.design = design.merged(base, data["design"] or {})


def _apply_overrides(
    session: Session, cv: CvVersion, data: dict[str, Any], sent: set[str], merge_items: bool
) -> None:
    sources = dict(cv.override_sources or {})
    if "summary_override" in sent:
        text = data["summary_override"] or None
        if text is None:
            sources.pop(overrides.SUMMARY_KEY, None)
        elif text != cv.summary_override or overrides.SUMMARY_KEY not in sources:
            profile = get_or_create_profile(session, user_id=cv.user_id)
            sources[overrides.SUMMARY_KEY] = overrides.fingerprint(profile.summary)
        cv.summary_override = text
    if "items" in sent:
        masters = _masters_by_id(session, cv)
        new_items = _items(data["items"] or {}, masters)
        if merge_items:  # PATCH: sections not sent keep their entries (deleted items pruned)
            kept = {
                key: [entry for entry in entries if entry["id"] in masters[key]]
                for key, entries in (cv.items or {}).items()
                if key in masters and key not in new_items
            }
            new_items = {**kept, **new_items}
        item_sources = overrides.restamp(
            old_sources=sources,
            old_items=dict(cv.items or {}),
            new_items=new_items,
            masters=masters,
        )
        sources = {k: v for k, v in sources.items() if k == overrides.SUMMARY_KEY}
        sources.update(item_sources)
        cv.items = new_items
    cv.override_sources = sources


def _sections(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [entry["key"] for entry in entries]
    if len(set(keys)) != len(keys):
        raise ValidationFailed.field("sections", "Each section may appear once")
    return layout.effective_sections(entries)


def _items(
    items: dict[str, list[dict[str, Any]]], masters: dict[str, dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    result: dict[str, list[dict[str, Any]]] = {}
    for section, entries in items.items():
        if section not in masters:
            raise ValidationFailed.field(f"items.{section}", "This section has no items")
        ids = [entry["id"] for entry in entries]
        if len(set(ids)) != len(ids):
            raise ValidationFailed.field(f"items.{section}", "Each item may appear once")
        for index, entry in enumerate(entries):
            where = f"items.{section}.{index}"
            if entry["id"] not in masters[section]:
                raise ValidationFailed.field(f"{where}.id", "Not an item of your profile")
            overrides.check_paths(section, entry, where)
        ordered = sorted(enumerate(entries), key=lambda pair: (pair[1]["order"], pair[0]))
        result[section] = [
            {**entry, "order": position, "hidden": sorted(set(entry["hidden"]))}
            for position, (_, entry) in enumerate(ordered)
        ]
    return result


def _masters_by_id(session: Session, cv: CvVersion) -> dict[str, dict[str, Any]]:
    profile = get_or_create_profile(session, user_id=cv.user_id)
    masters = layout.master_items(build_view(session, profile=profile))
    return {key: {item.id: item for item in items} for key, items in masters.items()}


def _name_owner(session: Session, cv: CvVersion, name: str | None = None) -> str | None:
    """The id of the user's CV already named like ``cv`` (or ``name``), ``cv`` included."""
    statement = select(CvVersion.id).where(
        CvVersion.user_id == cv.user_id, CvVersion.name == (cv.name if name is None else name)
    )
    with session.no_autoflush:  # the row's new name is checked before it is written
        return session.exec(statement).first()


def _check_name_free(session: Session, cv: CvVersion) -> None:
    owner = _name_owner(session, cv)
    if owner is not None and owner != cv.id:
        raise Conflict(
            "You already have a CV with this name",
            details=[{"field": "name", "message": f"{cv.name!r} is taken"}],
        )


def _free_name(session: Session, user_id: str, base: str) -> str:
    base = base.strip()[:90] or "My CV"
    statement = select(CvVersion.name).where(CvVersion.user_id == user_id)
    taken = set(session.exec(statement).all())
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base} ({number})"
    return candidate


def _saved(session: Session, cv: CvVersion, event: str) -> CvView:
    session.add(cv)
    session.flush()
    publish(session, event, user_id=cv.user_id, cv_id=cv.id)
    return build_cv_view(session, cv=cv)
