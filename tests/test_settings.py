"""Settings: defaults for the embedded set-up, refusals for production."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from cvapp.settings import Settings


def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CVAPP_DATABASE_URL", "CVAPP_STORAGE_URL", "CVAPP_SECRET_KEY", "CVAPP_REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    for cost in ("MEMORY_KIB", "TIME_COST", "PARALLELISM"):  # the tests' cheap hashes
        monkeypatch.delenv(f"CVAPP_ARGON2_{cost}", raising=False)


def test_embedded_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clean_env(monkeypatch)
    settings = Settings(data_dir=tmp_path, env="development")
    assert settings.database_url == f"sqlite:///{tmp_path / 'cvapp.db'}"
    assert settings.storage_url == f"file://{tmp_path / 'files'}"
    assert settings.redis_url is None
    assert settings.broker == "memory"
    assert settings.is_sqlite


def test_secret_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clean_env(monkeypatch)
    first = Settings(data_dir=tmp_path).secret_key
    second = Settings(data_dir=tmp_path).secret_key
    assert len(first) >= 48 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_refuses_missing_or_weak_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clean_env(monkeypatch)
    with pytest.raises(ValidationError, match="CVAPP_SECRET_KEY must be set"):
        Settings(data_dir=tmp_path, env="production")
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(data_dir=tmp_path, env="production", secret_key="short")
    assert not (tmp_path / "secret_key").exists()


def test_environment_variables_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clean_env(monkeypatch)
    monkeypatch.setenv("CVAPP_DATABASE_URL", "postgresql+psycopg://u@db/cv")
    monkeypatch.setenv("CVAPP_REDIS_URL", "redis://cache:6379/0")
    monkeypatch.setenv("CVAPP_BROKER", "redis")
    monkeypatch.setenv("CVAPP_PUBLIC_URL", "https://cv.example.org")
    settings = Settings(data_dir=tmp_path)
    assert settings.database_url.startswith("postgresql+psycopg://")
    assert settings.broker == "redis" and settings.redis_url == "redis://cache:6379/0"
    assert settings.cookie_secure


def test_redis_broker_needs_redis_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clean_env(monkeypatch)
    with pytest.raises(ValidationError, match="CVAPP_BROKER=redis needs CVAPP_REDIS_URL"):
        Settings(data_dir=tmp_path, broker="redis")


def test_the_app_answers_under_every_loopback_name_of_a_local_address() -> None:
    local = Settings(public_url="http://localhost:3000/", cors_origins="https://a.example")
    assert local.app_origins == [
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://[::1]:3000",
        "https://a.example",
    ]
    ipv6 = Settings(public_url="http://[::1]:8080")
    assert ipv6.app_origins[0] == "http://[::1]:8080" and len(ipv6.app_origins) == 3
    public = Settings(public_url="https://cv.example.org", cors_origins="https://a.example")
    assert public.app_origins == ["https://cv.example.org", "https://a.example"]


def test_secrets_are_never_shown(tmp_path: Path) -> None:
    """Secrets are SecretStr: a logged or printed Settings shows none of them."""
    settings = Settings(
        data_dir=tmp_path,
        secret_key="k" * 40,
        ai_api_key="sk-live-abcdef",
        smtp_password="mail-pass",
        s3_secret_access_key="s3-pass",
        metrics_token="scrape-token",
    )
    shown = repr(settings) + str(settings.model_dump())
    for secret in ("k" * 40, "sk-live-abcdef", "mail-pass", "s3-pass", "scrape-token"):
        assert secret not in shown
    assert settings.ai_api_key is not None
    assert settings.ai_api_key.get_secret_value() == "sk-live-abcdef"


def test_production_refuses_cheap_password_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clean_env(monkeypatch)
    strong = Settings(data_dir=tmp_path, env="production", secret_key="s" * 40)
    assert (strong.argon2_memory_kib, strong.argon2_time_cost, strong.argon2_parallelism) == (
        65_536,
        3,
        4,
    )
    for cheap in ({"argon2_memory_kib": 8192}, {"argon2_time_cost": 1}):
        with pytest.raises(ValidationError, match="CVAPP_ARGON2_MEMORY_KIB must be at least"):
            Settings(data_dir=tmp_path, env="production", secret_key="s" * 40, **cheap)
        assert Settings(data_dir=tmp_path, env="test", **cheap)  # the tests' own


def test_rate_limits_are_read_as_rule_and_limit_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clean_env(monkeypatch)
    monkeypatch.setenv("CVAPP_RATE_LIMITS", " login_ip=30/minute , register_ip=20/hour,")
    assert Settings(data_dir=tmp_path).rate_limits == {
        "login_ip": "30/minute",
        "register_ip": "20/hour",
    }
    for wrong, said in (
        ("login=3/minute", "no rule 'login'"),
        ("login_ip=lots", "'lots' is no limit"),
        ("login_ip", "write rule=limit"),
    ):
        monkeypatch.setenv("CVAPP_RATE_LIMITS", wrong)
        with pytest.raises(ValidationError, match=said):
            Settings(data_dir=tmp_path)
