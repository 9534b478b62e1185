"""The PATCH bodies of CVs, applications, cover letters and every profile section: written
out, yet the very fields of their full schema, each optional, null only where the full schema
takes it (as the model generated from the full schema, the reference here, has them)."""

from __future__ import annotations

import types
from typing import Annotated, Any, Optional, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, Field, create_model

from cvapp.domain.applications.schemas import ApplicationIn, ApplicationPatch
from cvapp.domain.cvs.schemas import CvIn, CvPatch
from cvapp.domain.letters.schemas import LetterIn, LetterPatch
from cvapp.domain.sections import SECTIONS
from cvapp.domain.sections.fields import Body, validate
from cvapp.errors import ValidationFailed

PAIRS = [
    (CvIn, CvPatch),
    (ApplicationIn, ApplicationPatch),
    (LetterIn, LetterPatch),
    *((service.schema, service.patch_schema) for service in SECTIONS.values()),
]


def _no_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def _nullable(annotation: Any) -> bool:
    if annotation is Any or annotation is None or annotation is type(None):
        return True
    union = get_origin(annotation) in (Union, types.UnionType)
    return union and type(None) in get_args(annotation)


def partial(schema: type[BaseModel]) -> type[BaseModel]:
    """``schema`` with every field optional and unset by default: the body of a PATCH.

    A field takes ``null`` only when ``schema`` allows it: null is no way to leave a field
    out, and a required column cannot store it.
    """
    fields: dict[str, Any] = {}
    for name, info in schema.model_fields.items():
        annotation: Any = info.annotation
        nullable = _nullable(annotation)
        if info.metadata:
            annotation = Annotated[annotation, *info.metadata]
        if nullable:
            annotation = Optional[annotation]  # noqa: UP045  (built at runtime)
        fields[name] = (annotation, Field(default=None, json_schema_extra=_no_default))
    return create_model(
        f"{schema.__name__.removesuffix('In')}Patch",
        __base__=Body,
        __doc__=f"Partial update of {schema.__name__}: only the fields sent change.",
        **fields,
    )


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
    assert patch.__name__ == partial(full).__name__  # the OpenAPI component keeps its name
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


def test_a_section_patch_takes_null_only_where_the_item_can_lack_the_field() -> None:
    patch = SECTIONS["experiences"].patch_schema
    body = patch.model_validate({"end_date": None, "responsibilities": ["Führte 12 Teams"]})
    assert body.model_dump(exclude_unset=True) == {
        "end_date": None,
        "responsibilities": ["Führte 12 Teams"],
    }
    for refused in ({"company": None}, {"responsibilities": None}, {"order": -1}, {"x": 1}):
        with pytest.raises(ValueError):
            patch.model_validate(refused)
    with pytest.raises(ValueError):
        SECTIONS["skills"].patch_schema.model_validate({"level": 6})
