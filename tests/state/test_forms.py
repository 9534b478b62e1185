"""What a form shows for a domain error."""

from __future__ import annotations

from cvapp.errors import AccountLocked, InvalidCredentials, RateLimited, ValidationFailed
from cvapp.state.forms import describe, retry_wait


def test_field_errors_go_under_their_fields() -> None:
    error = ValidationFailed(
        "Invalid input data",
        details=[
            {"field": "email", "message": "Invalid email"},
            {"field": "password", "message": "Use at least 10 characters"},
        ],
    )
    assert describe(error, fields=("email", "password")) == (
        "",
        {"email": "Invalid email", "password": "Use at least 10 characters"},
    )


def test_a_detail_about_a_hidden_field_is_shown_for_the_form() -> None:
    error = ValidationFailed.field("token", "This link is invalid or has expired")
    assert describe(error, fields=("new_password",)) == (
        "This link is invalid or has expired",
        {},
    )


def test_errors_without_details_keep_their_message() -> None:
    assert describe(InvalidCredentials("Incorrect email or password"), fields=("email",)) == (
        "Incorrect email or password",
        {},
    )
    locked = AccountLocked("The account is locked; try again in 15 minutes.")
    assert describe(locked, fields=())[0].endswith("15 minutes.")


def test_rate_limits_say_how_long_to_wait() -> None:
    assert describe(RateLimited("Too many", retry_after=42), fields=()) == (
        "Too many attempts. Try again in 42 seconds.",
        {},
    )
    assert retry_wait(1) == "1 second"
    assert retry_wait(60) == "1 minute"
    assert retry_wait(61) == "2 minutes"
