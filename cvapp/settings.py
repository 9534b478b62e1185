"""The one Settings object: every knob is a CVAPP_* environment variable."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


_LOOPBACK = ("localhost", "127.0.0.1", "::1")
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


ARGON2_MIN_MEMORY_KIB = 19_456  # OWASP's least Argon2id memory (with 2 passes)


class Settings(BaseSettings):
    """Application settings read from the environment (prefix ``CVAPP_``)."""

    model_config = SettingsConfigDict(env_prefix="CVAPP_", env_file=None, extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    data_dir: Path = ROOT / "data"
    database_url: str = ""
    redis_url: str | None = None
    broker: Literal["memory", "redis"] = "memory"
    storage_url: str = ""
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_region: str | None = None
    secret_key: SecretStr = SecretStr("")
    public_url: str = "http://localhost:3000"
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    # A refresh token presented again this soon after it was spent is a second tab racing the
    # first (same cookies), not a copy: it gets a new pair instead of ending the session.
    refresh_reuse_grace_seconds: int = Field(default=10, ge=0, le=60)
    privacy_policy_version: str = "2026-11-01"
    # Password hashes are Argon2id: 64 MiB, 3 passes, 4 lanes. A hash made with other costs is
    # redone at its owner's next sign-in. Lower costs are for the tests; production refuses
    # less than OWASP's minimum (19 MiB and 2 passes).
    argon2_memory_kib: int = Field(default=65_536, ge=8, le=4_194_304)
    argon2_time_cost: int = Field(default=3, ge=1, le=20)
    argon2_parallelism: int = Field(default=4, ge=1, le=16)
    # Sign-up through a mailed link (the form answers alike for new and registered addresses)
    # instead of an account signed in at once; unset = on in production when mail can leave
    # (CVAPP_SMTP_HOST set), off otherwise.
    signup_confirmation: bool | None = None
    # "Try the demo" signs visitors in to the seeded demo account (make run seeds it); unset =
    # on outside production. Off, or without a demo account, the landing page does not offer it.
    demo_sign_in: bool | None = None
    # Origins allowed to call the API from a browser (comma-separated); empty = CORS closed.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Abuse limits other than the defaults of cvapp/ratelimit.py, e.g. for clients behind one
    # office address: "login_ip=30/minute,register_ip=20/hour" (rule=count/period, comma-separated).
    rate_limits: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)

    ai_provider: Literal["offline", "openai"] = "offline"
    ai_base_url: str | None = None
    ai_api_key: SecretStr | None = None
    ai_model: str = "gpt-4o-mini"
    ai_timeout_seconds: float = 30.0
    ai_max_tokens: int = 800

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    mail_from: str = "cvapp <no-reply@cvapp.local>"
    # Where users write to change plans without a payment provider; shown on the Plan page.
    support_email: str | None = None

    # Plans: what each allows ("unlimited" or empty = no cap) and its price as shown to people.
    # Free lets a job seeker work: an active search tailors a CV per kind of role and company
    # (10 versions last a few months of applications: delete old ones to make room) and keeps
    # a link open per application still waiting for an answer (5; revoked or expired links
    # free their place). Pro and Expert lift the caps; they differ in AI calls and API keys.
    plan_free_cv_versions: int | None = Field(default=10, ge=0)
    plan_free_share_links: int | None = Field(default=5, ge=0)
    plan_free_ai_calls_per_day: int = Field(default=20, ge=0)
    plan_pro_cv_versions: int | None = Field(default=None, ge=0)
    plan_pro_share_links: int | None = Field(default=None, ge=0)
    plan_pro_ai_calls_per_day: int = Field(default=200, ge=0)
    plan_expert_cv_versions: int | None = Field(default=None, ge=0)
    plan_expert_share_links: int | None = Field(default=None, ge=0)
    plan_expert_ai_calls_per_day: int = Field(default=2000, ge=0)
    # Applications on the job tracker's board (archived ones do not count).
    plan_free_applications: int | None = Field(default=25, ge=0)
    plan_pro_applications: int | None = Field(default=None, ge=0)
    plan_expert_applications: int | None = Field(default=None, ge=0)
    # Cover letters (standalone or per application).
    plan_free_letters: int | None = Field(default=5, ge=0)
    plan_pro_letters: int | None = Field(default=None, ge=0)
    plan_expert_letters: int | None = Field(default=None, ge=0)
    # Days a CV's version history is kept (named versions stay while the CV exists).
    plan_free_history_days: int = Field(default=30, ge=1)
    plan_pro_history_days: int = Field(default=365, ge=1)
    plan_expert_history_days: int = Field(default=365, ge=1)
    plan_pro_price: str = "€6 a month"
    plan_expert_price: str = "€15 a month"

    # Billing through Stripe (Checkout, the customer portal, signed webhooks); without a key
    # the Plan page says how the operator changes plans instead. The price ids are the
    # recurring Prices of the Pro and Expert products; the webhook secret signs the events
    # Stripe posts to /api/v1/billing/stripe/webhook. stripe_api_base points the SDK elsewhere
    # (a test double); unset = Stripe itself.
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_price_pro: str | None = None
    stripe_price_expert: str | None = None
    stripe_api_base: str | None = None

    # PostgreSQL: how long an application statement waits for a lock before giving up (the
    # API answers 503 + Retry-After) instead of piling up behind it; 0 waits forever.
    # Migrations and backups use connections of their own, without it.
    database_lock_timeout_seconds: float = Field(default=5.0, ge=0)

    # After a CV or the profile it is cut from changes, its PDF and first preview page are
    # rendered in the background once edits pause this long, so a download is a cache hit.
    # 0: off (renders happen on the first download or preview only).
    prerender_delay_ms: int = Field(default=1500, ge=0)
    # Processes rendering the editor's live preview outside the web process (cvapp.previews);
    # unset: one where the cache is shared (Redis), else none; 0: in the web process.
    preview_processes: int | None = Field(default=None, ge=0, le=16)

    # Every upload (imports, Reflex's /_upload) is refused past this; photos have 5 MB.
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    sentry_dsn: str | None = None
    log_json: bool = True
    # One log line per answer served from process memory (hot public pages, profile reads);
    # off: they are only counted in the metrics, like a static file server without access log.
    log_memory_answers: bool = True
    # When set, GET /metrics needs "Authorization: Bearer <this>" (Prometheus' `authorization`).
    metrics_token: SecretStr | None = None

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("rate_limits", mode="before")
    @classmethod
    def _split_limits(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        limits: dict[str, str] = {}
        for pair in filter(None, (part.strip() for part in value.split(","))):
            rule, sep, limit = pair.partition("=")
            if not sep:
                raise ValueError(f"CVAPP_RATE_LIMITS: write rule=limit, not {pair!r}")
            limits[rule.strip()] = limit.strip()
        return limits

    @field_validator("rate_limits")
    @classmethod
    def _known_limits(cls, value: dict[str, str]) -> dict[str, str]:
        from limits import parse

        from cvapp.ratelimit import RULES

        for rule, limit in value.items():
            if rule not in RULES:
                raise ValueError(f"CVAPP_RATE_LIMITS: no rule {rule!r}; use {', '.join(RULES)}")
            try:
                parse(limit)
            except ValueError:
                raise ValueError(
                    f"CVAPP_RATE_LIMITS: {limit!r} is no limit (write e.g. 10/minute)"
                ) from None
        return value

    @field_validator(
        "plan_free_cv_versions",
        "plan_free_share_links",
        "plan_pro_cv_versions",
        "plan_pro_share_links",
        "plan_expert_cv_versions",
        "plan_expert_share_links",
        "plan_free_applications",
        "plan_pro_applications",
        "plan_expert_applications",
        "plan_free_letters",
        "plan_pro_letters",
        "plan_expert_letters",
        mode="before",
    )
    @classmethod
    def _unlimited(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in ("", "unlimited", "none"):
            return None
        return value

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'cvapp.db'}"
        if not self.storage_url:
            self.storage_url = f"file://{self.data_dir / 'files'}"
        if not self.secret_key.get_secret_value():
            if self.env == "production":
                raise ValueError("CVAPP_SECRET_KEY must be set when CVAPP_ENV=production")
            self.secret_key = SecretStr(_local_secret(self.data_dir))
        elif self.env == "production" and len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("CVAPP_SECRET_KEY must be at least 32 characters in production")
        weak = self.argon2_memory_kib < ARGON2_MIN_MEMORY_KIB or self.argon2_time_cost < 2
        if self.env == "production" and weak:
            raise ValueError(
                "CVAPP_ARGON2_MEMORY_KIB must be at least 19456 and CVAPP_ARGON2_TIME_COST at "
                "least 2 in production"
            )
        if self.broker == "redis" and not self.redis_url:
            raise ValueError("CVAPP_BROKER=redis needs CVAPP_REDIS_URL")
        return self

    @property
    def app_origins(self) -> list[str]:
        """Origins the app's own pages are served from: ``public_url``'s, and when that is
        this machine (localhost, 127.0.0.1, [::1]) the same port under the other loopback
        names too, so http://127.0.0.1:3000 works like http://localhost:3000. Then
        ``cors_origins``."""
        own = self.public_url.rstrip("/")
        parts = urlsplit(own)
        origins = [own]
        if parts.hostname in _LOOPBACK:
            port = f":{parts.port}" if parts.port else ""
            origins += [f"{parts.scheme}://{host}{port}" for host in _LOOPBACK_NAMES]
        return list(dict.fromkeys([*origins, *self.cors_origins]))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def confirms_signup(self) -> bool:
        """Whether sign-up waits for the mailed link (see ``signup_confirmation``)."""
        if self.signup_confirmation is None:
            # Without SMTP no link could reach anyone: nobody could sign up.
            return self.env == "production" and bool(self.smtp_host)
        return self.signup_confirmation

    @property
    def offers_demo(self) -> bool:
        """Whether visitors may sign in to the demo account (see ``demo_sign_in``)."""
        return self.env != "production" if self.demo_sign_in is None else self.demo_sign_in

    @property
    def bills_with_stripe(self) -> bool:
        """Whether plans are bought through Stripe (a key, a webhook secret and a price)."""
        return bool(
            self.stripe_secret_key
            and self.stripe_webhook_secret
            and (self.stripe_price_pro or self.stripe_price_expert)
        )

    @property
    def cookie_secure(self) -> bool:
        return self.public_url.startswith("https://")


def _local_secret(data_dir: Path) -> str:
    """Generate a random secret once for the embedded default and keep it in data/."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache to change them)."""
    return Settings()
