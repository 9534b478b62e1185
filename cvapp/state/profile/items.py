"""Adding and editing one section item: the form, its bullets, pickers and anonymization.

One item is edited at a time (in a dialog). Typing changes only this state; "Save" sends the
whole form to the section's service, which judges it.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from cvapp.domain.anonymize.service import anonymize, masker_for
from cvapp.domain.sections import SECTIONS, skills
from cvapp.domain.sections.fields import validate
from cvapp.errors import DomainError, ValidationFailed
from cvapp.state.profile.base import ProfileState
from cvapp.state.profile.drafts import FIX_FIELDS, ON, Draft, body, explain, new_draft
from cvapp.state.profile.specs import BY_KEY
from cvapp.state.session import off_loop


@dataclasses.dataclass
class RemovedBullet:
    """A bullet taken out of the form, and where it was (for "Undo")."""

    index: int = 0
    text: str = ""


class ItemEditorState(ProfileState):
    """The open form. Handlers that touch the database re-check the caller's cookies; the
    others only rearrange this tab's form, filled from the signed-in user's own items."""

    editing: str = ""  # the section of the open form; "" when closed
    editing_id: str = ""  # the item's id; "" for a new item
    values: dict[str, str] = {}
    bullets: list[str] = []
    removed_bullets: list[RemovedBullet] = []
    terms: list[str] = []
    picked: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    form_error: str = ""
    saving: bool = False
    adding_skill: bool = False
    # Shown in the section after a save ("Experience saved."), until the next edit.
    notice: str = ""
    notice_section: str = ""
    preview_name: str = ""
    preview_description: str = ""
    preview_bullets: list[str] = []

    @rx.var
    def last_removed_bullet(self) -> str:
        return self.removed_bullets[-1].text if self.removed_bullets else ""

    @rx.var
    def bullet_ids(self) -> list[str]:
        """Each bullet's position and a digest of its text: a drag's new order says which
        bullet went where, and changes the ids (so the list shows the saved order)."""
        return [f"{i}-{zlib.crc32(text.encode()):08x}" for i, text in enumerate(self.bullets)]

    @rx.var
    def dialog_title(self) -> str:
        spec = BY_KEY.get(self.editing)
        if spec is None:
            return ""
        return f"{'Edit' if self.editing_id else 'Add'} {spec.singular}"

    @rx.event
    def clear_notice(self) -> None:
        """Page loader: "… saved." is said once, not again on the next visit."""
        self.notice, self.notice_section = "", ""

    # -- opening and closing ------------------------------------------------------------------

    @rx.event
    def open_new(self, section: str) -> None:
        """An empty form for a new item of ``section``."""
        if section in BY_KEY:
            self._open(section, "", new_draft(BY_KEY[section]))

    @rx.event
    def open_edit(self, section: str, item_id: str) -> None:
        """The form of one of the user's items (as loaded for them)."""
        item = self._item(section, item_id)
        if section in BY_KEY and item is not None:
            self._open(section, item_id, new_draft(BY_KEY[section], item))

    @rx.event
    def set_open(self, is_open: bool) -> None:
        """The dialog asks to close (Escape, close button)."""
        if not is_open:
            self._close()

    def _open(self, section: str, item_id: str, draft: Draft) -> None:
        self.editing, self.editing_id = section, item_id
        self.values, self.bullets, self.terms = draft.values, draft.bullets, draft.terms
        self.picked, self.removed_bullets = draft.picked, []
        self.errors, self.form_error, self.notice, self.notice_section = {}, "", "", ""
        self._preview()

    def _close(self) -> None:
        self.editing, self.editing_id, self.errors, self.form_error = "", "", {}, ""
        self.removed_bullets = []

    # -- fields -----------------------------------------------------------------------------

    @rx.event
    def set_value(self, name: str, value: str) -> None:
        self.values[name] = value
        self._fixed(name.split(".")[0])
        self._preview()

    @rx.event
    def set_checked(self, name: str, checked: bool) -> None:
        self.values[name] = ON if checked else ""
        self._fixed(name.split(".")[0])
        self._preview()

    def _fixed(self, field: str) -> None:
        """The user changed ``field``: its message goes, and "correct the fields" with the last."""
        self.errors.pop(field, None)
        if not self.errors and self.form_error == FIX_FIELDS:
            self.form_error = ""

    # -- bullets ------------------------------------------------------------------------------

    @rx.event
    def add_bullet(self, form: dict[str, Any]) -> None:
        text = str(form.get("bullet", "")).strip()
        if text:
            self.bullets.append(text)
            self._preview()

    @rx.event
    def set_bullet(self, index: int, text: str) -> None:
        if 0 <= index < len(self.bullets):
            self.bullets[index] = text
            self._preview()

    @rx.event
    def remove_bullet(self, index: int) -> None:
        if 0 <= index < len(self.bullets):
            self.removed_bullets.append(RemovedBullet(index, self.bullets.pop(index)))
            self._preview()

    @rx.event
    def undo_bullet(self) -> None:
        """Put the last removed bullet back where it was."""
        if self.removed_bullets:
            removed = self.removed_bullets.pop()
            self.bullets.insert(min(removed.index, len(self.bullets)), removed.text)
            self._preview()

    @rx.event
    def move_bullet(self, index: int, step: int) -> None:
        target = index + step
        if 0 <= index < len(self.bullets) and 0 <= target < len(self.bullets):
            self.bullets[index], self.bullets[target] = self.bullets[target], self.bullets[index]
            self._preview()

    @rx.event
    def reorder_bullets(self, order: list[str]) -> None:
        """A bullet was dragged: ``order`` lists the bullets' old positions in the new order."""
        positions = [int(p.split("-")[0]) for p in order if p.split("-")[0].isdigit()]
        if sorted(positions) == list(range(len(self.bullets))):
            self.bullets = [self.bullets[p] for p in positions]
            self._preview()

    # -- sensitive terms and links ----------------------------------------------------------

    @rx.event
    def add_term(self, form: dict[str, Any]) -> None:
        term = " ".join(str(form.get("term", "")).split())
        if term and term.casefold() not in {t.casefold() for t in self.terms}:
            self.terms.append(term)
            self._fixed("sensitive_terms")
            self._preview()

    @rx.event
    def remove_term(self, index: int) -> None:
        if 0 <= index < len(self.terms):
            self.terms.pop(index)
            self._preview()

    @rx.event
    def toggle_link(self, field: str, item_id: str) -> None:
        chosen = self.picked.setdefault(field, [])
        if item_id in chosen:
            chosen.remove(item_id)
        else:
            chosen.append(item_id)

    @rx.event
    @off_loop
    def add_skill(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        """Link the skill named in the picker, creating it first when it is new."""
        name = " ".join(str(form.get("skill", "")).split())
        if not name or self.adding_skill:
            return
        known = {option.label.casefold(): option.id for option in self.options["skills"]}
        skill_id = known.get(name.casefold())
        if skill_id is None:
            self.adding_skill = True
            yield
            try:
                with self._signed_in() as (db, user):
                    skill_id = skills.service.create(db, user_id=user.id, data={"name": name}).id
                    self._refresh(db, user.id)
            except DomainError as exc:
                self.errors["skill_ids"] = explain(exc, ("name",))[1].get("name", exc.message)
                return
            finally:
                self.adding_skill = False
        chosen = self.picked.setdefault("skill_ids", [])
        if skill_id not in chosen:
            chosen.append(skill_id)
        self._fixed("skill_ids")

    # -- saving -------------------------------------------------------------------------------

    @rx.event
    @off_loop
    def save(self, form: dict[str, Any]) -> Iterator[EventSpec | None]:
        """Create or update the item; field errors are shown next to their fields.

        The values are already in the state; ``form`` only carries the submit (Enter).
        """
        spec = BY_KEY.get(self.editing)
        if spec is None or self.saving:
            return
        data, errors = body(spec, Draft(self.values, self.bullets, self.terms, self.picked))
        if errors:  # show the schema's messages about the other fields at the same time
            try:
                validate(SECTIONS[spec.key].schema, data)
            except ValidationFailed as exc:
                errors = {**explain(exc, spec.field_names)[1], **errors}
            self.errors, self.form_error = errors, FIX_FIELDS
            return
        self.saving, self.errors, self.form_error = True, {}, ""
        yield
        try:
            with self._signed_in() as (db, user):
                service = SECTIONS[spec.key]
                if self.editing_id:
                    service.update(db, user_id=user.id, item_id=self.editing_id, changes=data)
                else:
                    service.create(db, user_id=user.id, data=data)
                self._refresh(db, user.id)
        except DomainError as exc:
            self.form_error, self.errors = explain(exc, spec.field_names)
            return
        finally:
            self.saving = False
        self.notice, self.notice_section = f"{spec.singular.capitalize()} saved.", spec.key
        self._close()

    # -- the anonymized preview -----------------------------------------------------------------

    def _preview(self) -> None:
        """What others will see of this project: every anonymized project's terms applied."""
        spec = BY_KEY.get(self.editing)
        if spec is None or not spec.anonymization:
            return
        others = [
            SimpleNamespace(
                **{k: item.get(k) for k in ("client_name", "client_alias")},
                anonymize=item["anonymize"],
                sensitive_terms=item["sensitive_terms"],
            )
            for item_id, item in self._items.get(self.editing, {}).items()
            if item_id != self.editing_id
        ]
        this = SimpleNamespace(
            anonymize=self.values.get("anonymize") == ON,
            client_name=self.values.get("client_name", "").strip() or None,
            client_alias=self.values.get("client_alias", "").strip() or None,
            sensitive_terms=self.terms,
        )
        masker = masker_for([this, *others])
        self.preview_name = anonymize(self.values.get("name", ""), masker=masker)
        self.preview_description = anonymize(self.values.get("description", ""), masker=masker)
        shown = [text.strip() for text in self.bullets if text.strip()]
        self.preview_bullets = anonymize(shown, masker=masker)
