"""The small rules of auth: password policy, addresses, lockout windows, rate limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cvapp import ratelimit
from cvapp.domain.auth import totp_store
from cvapp.domain.auth.addresses import lookup_form, normalize_email
from cvapp.domain.auth.lockout import Attempts, raise_if_locked
from cvapp.domain.auth.password_policy import check_password, common_passwords
from cvapp.errors import AccountLocked, RateLimited, ValidationFailed
from cvapp.models import User

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_the_bundled_common_password_list_is_loaded() -> None:
    passwords = common_passwords()
    assert len(passwords) > 19_000
    assert {"password", "1234567890", "basketball"} <= passwords


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 10"),
        ("x" * 129, "at most 128"),
        ("1q2w3e4r5t", "too common"),
        ("BASKETBALL", "too common"),
        ("ann@example.org", "differ from the email"),
    ],
)
def test_weak_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        check_password(password, email="ann@example.org")
    assert message in caught.value.details[0]["message"]


def test_a_long_uncommon_password_passes() -> None:
    check_password("correct horse battery staple")


def test_addresses_are_validated_and_normalised() -> None:
    assert normalize_email("  Ann.Example@EXAMPLE.org ") == "ann.example@example.org"
    assert normalize_email("ann@bücher.example") == "ann@bücher.example"
    with pytest.raises(ValidationFailed) as caught:
        normalize_email("ann@", field="new_email")
    assert caught.value.details[0]["field"] == "new_email"
    assert lookup_form(" not an address ") == "not an address"


def test_five_failures_within_the_window_lock() -> None:
    attempts = Attempts()
    assert [attempts.count_failure(NOW + timedelta(minutes=n)) for n in range(5)] == [
        False,
        False,
        False,
        False,
        True,
    ]
    assert attempts.locked_until == NOW + timedelta(minutes=19)
    assert attempts.count == 0


def test_the_window_restarts_after_fifteen_minutes() -> None:
    attempts = Attempts()
    for n in range(4):
        attempts.count_failure(NOW + timedelta(minutes=n))
    assert attempts.count_failure(NOW + timedelta(minutes=15)) is False
    assert attempts.count == 1


def test_lock_message_counts_the_minutes_left() -> None:
    with pytest.raises(AccountLocked) as caught:
        raise_if_locked(NOW + timedelta(minutes=3, seconds=10), now=NOW)
    assert "4 minutes" in caught.value.message
    raise_if_locked(NOW, now=NOW)  # expired: no error
    raise_if_locked(None, now=NOW)


def test_rate_limit_raises_with_retry_after() -> None:
    ratelimit.reset()
    try:
        for _ in range(3):
            ratelimit.hit("password_reset_email", "ann@example.org")
        with pytest.raises(RateLimited) as caught:
            ratelimit.hit("password_reset_email", "ann@example.org")
        assert 3500 < caught.value.retry_after <= 3600
        assert caught.value.headers["Retry-After"] == str(caught.value.retry_after)
        ratelimit.hit("password_reset_email", "bob@example.org")
    finally:
        ratelimit.reset()


def test_rate_limit_fails_open_when_its_store_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def hit(self, *args: object) -> bool:
            raise ConnectionError("store down")

    monkeypatch.setattr(ratelimit, "_limiter", Broken())
    for _ in range(10):
        ratelimit.hit("register_ip", "1.2.3.4")


def test_totp_store_keeps_secret_and_code_hashes_in_one_column() -> None:
    user = User(email="a@example.org", password_hash="x")
    hashes = [totp_store.hash_recovery_code(f"abcde-fghi{n}") for n in range(10)]
    totp_store.store(user, secret="S" * 32, hashes=hashes)
    assert len(user.totp_secret or "") <= 255
    assert totp_store.secret_of(user) == "S" * 32
    assert totp_store.recovery_hashes(user) == hashes
    assert totp_store.hash_recovery_code(" ABCDE-FGHI0 ") == hashes[0]
    totp_store.store(user, secret=None)
    assert user.totp_secret is None and totp_store.recovery_hashes(user) == []
