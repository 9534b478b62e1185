"""The PATCH bodies of CVs, applications and cover letters: written out, yet the very fields
of their full schema, each optional, null only where the full schema takes it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from cvapp.domain.applications.schemas import ApplicationIn, ApplicationPatch
from cvapp.domain.cvs.schemas import CvIn, CvPatch
from cvapp.domain.letters.schemas import LetterIn, LetterPatch
from cvapp.domain.sections.fields import partial, validate
from cvapp.errors import ValidationFailed

PAIRS = [(CvIn, CvPatch), (ApplicationIn, ApplicationPatch), (LetterIn, LetterPatch)]


def _without_descriptions(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _without_descriptions(v) for k, v in schema.items() if k != "description"}
    if isinstance(schema, list):
        return [_without_descriptions(item) for item in schema]
    return schema


@pytest.mark.parametrize(("full", "patch"), PAIRS)
def test_a_patch_body_has_every_field_of_the_full_schema(
    full: type[BaseModel], patch: type[BaseModel]
) -> None:
    # A field added to the full schema and not here would be impossible to PATCH.
    assert list(patch.model_fields) == list(full.model_fields)
    assert all(not info.is_required() for info in patch.model_fields.values())


@pytest.mark.parametrize(("full", "patch"), PAIRS)
def test_the_openapi_schema_is_what_the_generated_one_was(
    full: type[BaseModel], patch: type[BaseModel]
) -> None:
    generated = _without_descriptions(partial(full).model_json_schema())
    written = _without_descriptions(patch.model_json_schema())
    assert written["properties"] == generated["properties"]
    assert written.get("required") == generated.get("required") is None
    assert written["additionalProperties"] is False


def test_a_cv_patch_keeps_what_is_not_sent_and_refuses_null_for_a_required_field() -> None:
    body = CvPatch.model_validate({"target_role": "  Ingénieure données — Zürich  "})
    assert body.model_dump(exclude_unset=True) == {"target_role": "Ingénieure données — Zürich"}
    assert CvPatch.model_validate({"target_role": None}).model_dump(exclude_unset=True) == {
        "target_role": None
    }
    with pytest.raises(ValueError):
        CvPatch.model_validate({"name": None})
    with pytest.raises(ValueError):
        CvPatch.model_validate({"nmae": "typo"})
    with pytest.raises(ValueError):
        CvPatch.model_validate({"version": 0})


def test_an_application_patch_checks_each_field_it_is_sent() -> None:
    body = ApplicationPatch.model_validate({"status": "interview", "salary": "¥8,000,000"})
    assert body.model_dump(exclude_unset=True) == {"status": "interview", "salary": "¥8,000,000"}
    with pytest.raises(ValueError):
        ApplicationPatch.model_validate({"company": None})
    with pytest.raises(ValueError):
        ApplicationPatch.model_validate({"status": "ghosted"})
    with pytest.raises(ValueError):
        ApplicationPatch.model_validate({"job_url": "javascript:alert(1)"})


def test_a_refused_patch_names_its_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        validate(CvPatch, {"page_size": "A3", "one_page": True})
    assert [detail["field"] for detail in refused.value.details] == ["page_size"]
