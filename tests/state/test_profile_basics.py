"""The basics form's request body and its rows (links, interests, references)."""

from __future__ import annotations

from typing import Any

import pytest

from cvapp.domain.profiles.schemas import ProfileUpdate
from cvapp.domain.sections.fields import validate
from cvapp.errors import ValidationFailed
from cvapp.state.profile.base import InterestRow, LinkRow, ReferenceRow
from cvapp.state.profile.basics import (
    FIELDS,
    ROW_FIELDS,
    _changes,
    _unnamed,
    edit_row,
    keywords_of,
    remove_row,
)
from cvapp.state.profile.drafts import FIX_FIELDS, explain

BASICS = {"full_name": " Ada Lovelace ", "headline": "", "location.country_code": "gb"}


def _body(
    interests: list[InterestRow] | None = None,
    references: list[ReferenceRow] | None = None,
    links: list[LinkRow] | None = None,
) -> dict[str, Any]:
    return _changes(BASICS, links or [], interests or [], references or [])


def test_the_plain_fields_are_trimmed_and_empty_ones_sent_as_null() -> None:
    body = _body()
    assert body["full_name"] == "Ada Lovelace"
    assert body["headline"] is None
    assert body["location"]["country_code"] == "gb"
    assert (body["links"], body["interests"], body["references"]) == ([], [], [])


def test_links_guess_their_network_and_keep_their_username() -> None:
    links = [
        LinkRow("", "https://www.linkedin.com/in/ada", "ada"),
        LinkRow(" ", " "),
        LinkRow("Blog", ""),
    ]
    assert _body(links=links)["links"] == [
        {"network": "LinkedIn", "url": "https://www.linkedin.com/in/ada", "username": "ada"},
        {"network": "Blog", "url": None, "username": None},
    ]


def test_empty_interest_rows_are_dropped_and_keywords_split() -> None:
    interests = [
        InterestRow(" Chess ", "openings,  endgames ,"),
        InterestRow("", ""),
        InterestRow("  ", " , "),
        InterestRow("Hiking"),
    ]
    assert _body(interests)["interests"] == [
        {"name": "Chess", "keywords": ["openings", "endgames"]},
        {"name": "Hiking", "keywords": []},
    ]


def test_keywords_are_deduplicated_ignoring_case_keeping_the_first() -> None:
    row = InterestRow("Music", "Jazz, piano, jazz, JAZZ , Piano, blues")
    assert keywords_of(row) == ["Jazz", "piano", "blues"]


def test_stored_keywords_are_sent_back_unchanged_until_their_text_is_edited() -> None:
    saved = ["Rock, pop", "Jazz"]
    row = InterestRow("Music", ", ".join(saved), list(saved))
    assert _body([row])["interests"] == [{"name": "Music", "keywords": ["Rock, pop", "Jazz"]}]
    row.keywords = "Rock, pop, Jazz, Blues"
    assert keywords_of(row) == ["Rock", "pop", "Jazz", "Blues"]


def test_references_are_kept_verbatim_and_empty_ones_dropped() -> None:
    text = "Ada wrote the first program.\n\nShe is, in a word, brilliant — hire her."
    references = [
        ReferenceRow(" Charles Babbage ", text),
        ReferenceRow("", "   "),
        ReferenceRow("Mary Somerville", ""),
    ]
    assert _body(references=references)["references"] == [
        {"name": "Charles Babbage", "reference": text},
        {"name": "Mary Somerville", "reference": ""},
    ]


def test_the_body_is_what_the_domain_accepts() -> None:
    body = _body(
        [InterestRow("Chess", "openings")],
        [ReferenceRow("Charles Babbage", "Brilliant.")],
        [LinkRow("GitHub", "https://github.com/ada")],
    )
    update = validate(ProfileUpdate, body)
    assert update.interests is not None and update.interests[0].keywords == ["openings"]
    assert update.references is not None and update.references[0].name == "Charles Babbage"


def test_a_row_with_text_but_no_name_is_named_by_its_number() -> None:
    interests = [InterestRow("Chess"), InterestRow("", ""), InterestRow(" ", "hiking")]
    references = [ReferenceRow("", "Great colleague")]
    assert _unnamed(interests, references) == {
        "interests": "Interest 3 needs a name (or remove its keywords).",
        "references": "Reference 1 needs the name of who gives it.",
    }
    assert _unnamed([InterestRow("Chess", "x"), InterestRow()], [ReferenceRow("Bob")]) == {}


def test_domain_errors_about_rows_show_under_their_group() -> None:
    body = _body([InterestRow("", "hiking")], [ReferenceRow("Bob", "x" * 10_001)])
    with pytest.raises(ValidationFailed) as caught:
        validate(ProfileUpdate, body)
    form_error, errors = explain(caught.value, FIELDS)
    assert form_error == FIX_FIELDS
    assert set(errors) == {"interests", "references"}
    assert "10000" in errors["references"]


@pytest.mark.parametrize("index", [-1, 2, 99, "0", True, None])
def test_row_events_ignore_an_index_that_is_not_a_row(index: Any) -> None:
    rows = [InterestRow("Chess"), InterestRow("Hiking")]
    assert not edit_row(rows, index, "name", "Go", ROW_FIELDS["interests"])
    assert not remove_row(rows, index)
    assert rows == [InterestRow("Chess"), InterestRow("Hiking")]


@pytest.mark.parametrize(
    ("key", "row", "field"),
    [
        ("interests", InterestRow("Chess"), "saved"),
        ("interests", InterestRow("Chess"), "__class__"),
        ("references", ReferenceRow("Bob"), "keywords"),
        ("links", LinkRow("GitHub", "", "ada"), "username"),
    ],
)
def test_row_events_only_edit_the_fields_the_form_shows(key: str, row: Any, field: str) -> None:
    before = repr(row)
    assert not edit_row([row], 0, field, "x", ROW_FIELDS[key])
    assert repr(row) == before


def test_row_events_edit_and_remove_the_row_at_index() -> None:
    rows = [ReferenceRow("Bob"), ReferenceRow("Eve")]
    assert edit_row(rows, 1, "reference", "Line 1\nLine 2", ROW_FIELDS["references"])
    assert rows[1] == ReferenceRow("Eve", "Line 1\nLine 2")
    assert remove_row(rows, 0)
    assert rows == [ReferenceRow("Eve", "Line 1\nLine 2")]
