"""Create the whole schema: accounts, profile and its sections, CVs, jobs, files, usage.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 14:51:36.461032
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def string(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def entity_columns() -> list[sa.Column[str]]:
    """The ULID key and timestamps every entity table starts with."""
    return [
        sa.Column("id", string(26), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
    ]


def on_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    op.create_table(
        "outbox_emails",
        *entity_columns(),
        sa.Column("to_address", string(320), nullable=False),
        sa.Column("subject", string(255), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_emails")),
    )
    op.create_index(
        op.f("ix_outbox_emails_to_address"), "outbox_emails", ["to_address"], unique=False
    )

    op.create_table(
        "users",
        *entity_columns(),
        sa.Column("email", string(320), nullable=False),
        sa.Column("full_name", string(200), nullable=False),
        sa.Column("password_hash", string(255), nullable=False),
        sa.Column("plan", string(16), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("email_verified_at", TIMESTAMP, nullable=True),
        sa.Column("locked_until", TIMESTAMP, nullable=True),
        sa.Column("failed_login_count", sa.Integer(), nullable=False),
        sa.Column("failed_login_window_start", TIMESTAMP, nullable=True),
        sa.Column("totp_secret", string(255), nullable=True),
        sa.Column("totp_enabled", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", TIMESTAMP, nullable=True),
        sa.Column("last_active_at", TIMESTAMP, nullable=True),
        sa.Column("inactivity_warned_at", TIMESTAMP, nullable=True),
        sa.Column("deleted_at", TIMESTAMP, nullable=True),
        sa.Column("purge_after", TIMESTAMP, nullable=True),
        sa.CheckConstraint("plan IN ('free', 'pro', 'expert')", name=op.f("ck_users_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_last_active_at"), "users", ["last_active_at"], unique=False)
    op.create_index(op.f("ix_users_purge_after"), "users", ["purge_after"], unique=False)

    op.create_table(
        "ai_usage",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ai_usage_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ai_usage")),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_ai_usage_user_id_day")),
    )
    op.create_table(
        "api_keys",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("name", string(100), nullable=False),
        sa.Column("prefix", string(16), nullable=False),
        sa.Column("key_hash", string(128), nullable=False),
        sa.Column("scopes", JSON, nullable=False),
        sa.Column("last_used_at", TIMESTAMP, nullable=True),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
    )
    op.create_index(op.f("ix_api_keys_prefix"), "api_keys", ["prefix"], unique=False)
    op.create_index(op.f("ix_api_keys_user_id"), "api_keys", ["user_id"], unique=False)

    op.create_table(
        "audit_events",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=True),
        sa.Column("action", string(64), nullable=False),
        sa.Column("ip", string(45), nullable=True),
        sa.Column("details", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_audit_events_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_action"), "audit_events", ["action"], unique=False)
    op.create_index("ix_audit_events_created_at", "audit_events", ["created_at"], unique=False)
    op.create_index(op.f("ix_audit_events_user_id"), "audit_events", ["user_id"], unique=False)

    op.create_table(
        "consent_records",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("kind", string(32), nullable=False),
        sa.Column("version", string(32), nullable=False),
        sa.Column("granted", sa.Boolean(), nullable=False),
        sa.Column("recorded_at", TIMESTAMP, nullable=False),
        sa.Column("ip", string(45), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_consent_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records")),
    )
    op.create_index(
        op.f("ix_consent_records_user_id"), "consent_records", ["user_id"], unique=False
    )

    op.create_table(
        "email_tokens",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("purpose", string(32), nullable=False),
        sa.Column("token_hash", string(128), nullable=False),
        sa.Column("new_email", string(320), nullable=True),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "purpose IN ('verify_email', 'password_reset', 'email_change')",
            name=op.f("ck_email_tokens_purpose"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_email_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_email_tokens_token_hash")),
    )
    op.create_index(op.f("ix_email_tokens_user_id"), "email_tokens", ["user_id"], unique=False)

    op.create_table(
        "jobs",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=True),
        sa.Column("kind", string(64), nullable=False),
        sa.Column("status", string(16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("payload", JSON, nullable=False),
        sa.Column("result", JSON, nullable=True),
        sa.Column("error", JSON, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=True),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'succeeded', 'failed')", name=op.f("ck_jobs_status")
        ),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_jobs_progress")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_jobs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(op.f("ix_jobs_kind"), "jobs", ["kind"], unique=False)
    op.create_index(op.f("ix_jobs_user_id"), "jobs", ["user_id"], unique=False)

    op.create_table(
        "profiles",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("full_name", string(200), nullable=False),
        sa.Column("headline", string(200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("email", string(320), nullable=True),
        sa.Column("phone", string(50), nullable=True),
        sa.Column("location", JSON, nullable=False),
        sa.Column("links", JSON, nullable=False),
        sa.Column("website", string(500), nullable=True),
        sa.Column("photo_key", string(512), nullable=True),
        sa.Column("slug", string(64), nullable=True),
        sa.Column("visibility", string(16), nullable=False),
        sa.Column("completeness", sa.Integer(), nullable=False),
        sa.Column("completeness_missing", JSON, nullable=False),
        sa.Column("interests", JSON, nullable=False),
        sa.Column("references", JSON, nullable=False),
        sa.CheckConstraint(
            "visibility IN ('PRIVATE', 'UNLISTED', 'PUBLIC')", name=op.f("ck_profiles_visibility")
        ),
        sa.CheckConstraint("completeness BETWEEN 0 AND 100", name=op.f("ck_profiles_completeness")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiles")),
        sa.UniqueConstraint("slug", name=op.f("uq_profiles_slug")),
        sa.UniqueConstraint("user_id", name=op.f("uq_profiles_user_id")),
    )

    op.create_table(
        "refresh_tokens",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("family_id", string(26), nullable=False),
        sa.Column("token_hash", string(128), nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP, nullable=True),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.Column("user_agent", string(512), nullable=True),
        sa.Column("ip", string(45), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_refresh_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    op.create_index(
        op.f("ix_refresh_tokens_family_id"), "refresh_tokens", ["family_id"], unique=False
    )
    op.create_index(op.f("ix_refresh_tokens_user_id"), "refresh_tokens", ["user_id"], unique=False)

    op.create_table(
        "revoked_access_tokens",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("jti", string(64), nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_revoked_access_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revoked_access_tokens")),
        sa.UniqueConstraint("jti", name=op.f("uq_revoked_access_tokens_jti")),
    )
    op.create_index(
        op.f("ix_revoked_access_tokens_expires_at"),
        "revoked_access_tokens",
        ["expires_at"],
        unique=False,
    )
    op.create_index(
        op.f("ix_revoked_access_tokens_user_id"), "revoked_access_tokens", ["user_id"], unique=False
    )

    op.create_table(
        "stored_files",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("key", string(512), nullable=False),
        sa.Column("purpose", string(32), nullable=False),
        sa.Column("content_type", string(100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", string(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_stored_files_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
        sa.UniqueConstraint("key", name=op.f("uq_stored_files_key")),
    )
    op.create_index(op.f("ix_stored_files_user_id"), "stored_files", ["user_id"], unique=False)

    op.create_table(
        "achievements",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("title", string(200), nullable=False),
        sa.Column("awarder", string(200), nullable=True),
        sa.Column("date", string(10), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_achievements_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_achievements")),
    )
    op.create_index(
        op.f("ix_achievements_profile_id"), "achievements", ["profile_id"], unique=False
    )

    op.create_table(
        "certifications",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("name", string(200), nullable=False),
        sa.Column("issuer", string(200), nullable=True),
        sa.Column("date", string(10), nullable=True),
        sa.Column("url", string(500), nullable=True),
        sa.Column("credential_id", string(200), nullable=True),
        sa.Column("expires_date", string(10), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_certifications_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certifications")),
    )
    op.create_index(
        op.f("ix_certifications_profile_id"), "certifications", ["profile_id"], unique=False
    )

    op.create_table(
        "cv_versions",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("name", string(100), nullable=False),
        sa.Column("target_role", string(200), nullable=True),
        sa.Column("template", string(32), nullable=False),
        sa.Column("locale", string(10), nullable=False),
        sa.Column("page_size", string(8), nullable=False),
        sa.Column("one_page", sa.Boolean(), nullable=False),
        sa.Column("sections", JSON, nullable=False),
        sa.Column("items", JSON, nullable=False),
        sa.Column("summary_override", sa.Text(), nullable=True),
        sa.Column("override_sources", JSON, nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("read_only", sa.Boolean(), nullable=False),
        sa.CheckConstraint("page_size IN ('A4', 'Letter')", name=op.f("ck_cv_versions_page_size")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_cv_versions_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_cv_versions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cv_versions")),
        sa.UniqueConstraint("user_id", "name", name=op.f("uq_cv_versions_user_id_name")),
    )
    op.create_index(op.f("ix_cv_versions_profile_id"), "cv_versions", ["profile_id"], unique=False)

    op.create_table(
        "education",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("institution", string(200), nullable=False),
        sa.Column("url", string(500), nullable=True),
        sa.Column("area", string(200), nullable=True),
        sa.Column("study_type", string(100), nullable=True),
        sa.Column("start_date", string(10), nullable=True),
        sa.Column("end_date", string(10), nullable=True),
        sa.Column("score", string(50), nullable=True),
        sa.Column("courses", JSON, nullable=False),
        sa.Column("location", string(200), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_education_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_education")),
    )
    op.create_index(op.f("ix_education_profile_id"), "education", ["profile_id"], unique=False)

    op.create_table(
        "experiences",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("company", string(200), nullable=False),
        sa.Column("company_description", string(500), nullable=True),
        sa.Column("title", string(200), nullable=False),
        sa.Column("location", string(200), nullable=True),
        sa.Column("employment_type", string(32), nullable=True),
        sa.Column("url", string(500), nullable=True),
        sa.Column("start_date", string(10), nullable=False),
        sa.Column("end_date", string(10), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("responsibilities", JSON, nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_experiences_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiences")),
    )
    op.create_index(op.f("ix_experiences_profile_id"), "experiences", ["profile_id"], unique=False)

    op.create_table(
        "import_batches",
        *entity_columns(),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("source", string(16), nullable=False),
        sa.Column("status", string(16), nullable=False),
        sa.Column("fingerprint", string(64), nullable=False),
        sa.Column("preview", JSON, nullable=False),
        sa.Column("summary", JSON, nullable=True),
        sa.Column("job_id", string(26), nullable=True),
        sa.Column("applied_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint(
            "source IN ('linkedin', 'jsonresume')", name=op.f("ck_import_batches_source")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'previewed', 'applied', 'failed')",
            name=op.f("ck_import_batches_status"),
        ),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_import_batches_job_id_jobs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_import_batches_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(op.f("ix_import_batches_job_id"), "import_batches", ["job_id"], unique=False)
    op.create_index(
        "ix_import_batches_user_id_fingerprint",
        "import_batches",
        ["user_id", "fingerprint"],
        unique=False,
    )

    op.create_table(
        "languages",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("language", string(100), nullable=False),
        sa.Column("fluency", string(100), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_languages_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_languages")),
        sa.UniqueConstraint(
            "profile_id", "language", name=op.f("uq_languages_profile_id_language")
        ),
    )
    op.create_index(op.f("ix_languages_profile_id"), "languages", ["profile_id"], unique=False)

    op.create_table(
        "projects",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("name", string(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("role", string(200), nullable=True),
        sa.Column("url", string(500), nullable=True),
        sa.Column("entity", string(200), nullable=True),
        sa.Column("type", string(64), nullable=True),
        sa.Column("start_date", string(10), nullable=True),
        sa.Column("end_date", string(10), nullable=True),
        sa.Column("highlights", JSON, nullable=False),
        sa.Column("keywords", JSON, nullable=False),
        sa.Column("client_name", string(200), nullable=True),
        sa.Column("client_alias", string(200), nullable=True),
        sa.Column("anonymize", sa.Boolean(), nullable=False),
        sa.Column("sensitive_terms", JSON, nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_projects_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_projects")),
    )
    op.create_index(op.f("ix_projects_profile_id"), "projects", ["profile_id"], unique=False)

    op.create_table(
        "publications",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("name", string(300), nullable=False),
        sa.Column("publisher", string(200), nullable=True),
        sa.Column("release_date", string(10), nullable=True),
        sa.Column("url", string(500), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_publications_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    op.create_index(
        op.f("ix_publications_profile_id"), "publications", ["profile_id"], unique=False
    )

    op.create_table(
        "skills",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("name", string(100), nullable=False),
        sa.Column("name_normalized", string(100), nullable=False),
        sa.Column("category", string(64), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("years", sa.Float(), nullable=True),
        sa.Column("last_used", string(10), nullable=True),
        sa.Column("keywords", JSON, nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_skills_level")),
        sa.CheckConstraint("years >= 0", name=op.f("ck_skills_years")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_skills_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skills")),
        sa.UniqueConstraint(
            "profile_id", "name_normalized", name=op.f("uq_skills_profile_id_name_normalized")
        ),
    )
    op.create_index(op.f("ix_skills_profile_id"), "skills", ["profile_id"], unique=False)

    op.create_table(
        "volunteering",
        *entity_columns(),
        sa.Column("profile_id", string(26), nullable=False),
        sa.Column("organization", string(200), nullable=False),
        sa.Column("position", string(200), nullable=True),
        sa.Column("url", string(500), nullable=True),
        sa.Column("start_date", string(10), nullable=True),
        sa.Column("end_date", string(10), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("highlights", JSON, nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name=op.f("fk_volunteering_profile_id_profiles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteering")),
    )
    op.create_index(
        op.f("ix_volunteering_profile_id"), "volunteering", ["profile_id"], unique=False
    )

    op.create_table(
        "experience_skills",
        sa.Column("experience_id", string(26), nullable=False),
        sa.Column("skill_id", string(26), nullable=False),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_experience_skills_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_experience_skills_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("experience_id", "skill_id", name=op.f("pk_experience_skills")),
    )
    op.create_index(
        op.f("ix_experience_skills_skill_id"), "experience_skills", ["skill_id"], unique=False
    )

    op.create_table(
        "project_experiences",
        sa.Column("project_id", string(26), nullable=False),
        sa.Column("experience_id", string(26), nullable=False),
        sa.ForeignKeyConstraint(
            ["experience_id"],
            ["experiences.id"],
            name=op.f("fk_project_experiences_experience_id_experiences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_experiences_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "experience_id", name=op.f("pk_project_experiences")),
    )
    op.create_index(
        op.f("ix_project_experiences_experience_id"),
        "project_experiences",
        ["experience_id"],
        unique=False,
    )

    op.create_table(
        "project_skills",
        sa.Column("project_id", string(26), nullable=False),
        sa.Column("skill_id", string(26), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_project_skills_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["skill_id"],
            ["skills.id"],
            name=op.f("fk_project_skills_skill_id_skills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("project_id", "skill_id", name=op.f("pk_project_skills")),
    )
    op.create_index(
        op.f("ix_project_skills_skill_id"), "project_skills", ["skill_id"], unique=False
    )

    op.create_table(
        "share_links",
        *entity_columns(),
        sa.Column("cv_id", string(26), nullable=False),
        sa.Column("user_id", string(26), nullable=False),
        sa.Column("token_hash", string(128), nullable=False),
        sa.Column("token_prefix", string(16), nullable=False),
        sa.Column("label", string(100), nullable=True),
        sa.Column("expires_at", TIMESTAMP, nullable=True),
        sa.Column("views", sa.Integer(), nullable=False),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.Column("last_viewed_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["cv_id"],
            ["cv_versions.id"],
            name=op.f("fk_share_links_cv_id_cv_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_share_links_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_share_links_token_hash")),
    )
    op.create_index(op.f("ix_share_links_cv_id"), "share_links", ["cv_id"], unique=False)
    op.create_index(op.f("ix_share_links_user_id"), "share_links", ["user_id"], unique=False)
    if on_postgresql():
        create_postgresql_indexes()


def create_postgresql_indexes() -> None:
    """Sorting, partial, JSONB and full-text indexes that only PostgreSQL has."""
    op.create_index(
        "ix_profiles_public_slug",
        "profiles",
        ["slug"],
        unique=False,
        postgresql_where=sa.text("visibility = 'PUBLIC'"),
    )
    op.create_index(
        "ix_profiles_search",
        "profiles",
        [
            sa.literal_column(
                "to_tsvector('simple', (((coalesce(full_name, '') || ' ')"
                " || coalesce(headline, '')) || ' ') || coalesce(summary, ''))"
            )
        ],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_experiences_profile_id_start_date",
        "experiences",
        ["profile_id", sa.literal_column("start_date DESC")],
        unique=False,
    )
    op.create_index(
        "ix_experiences_responsibilities",
        "experiences",
        ["responsibilities"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        "ix_projects_search",
        "projects",
        [
            sa.literal_column(
                "to_tsvector('simple', (coalesce(name, '') || ' ') || coalesce(description, ''))"
            )
        ],
        unique=False,
        postgresql_using="gin",
    )


def drop_postgresql_indexes() -> None:
    op.drop_index("ix_profiles_public_slug", table_name="profiles")
    op.drop_index("ix_profiles_search", table_name="profiles")
    op.drop_index("ix_experiences_profile_id_start_date", table_name="experiences")
    op.drop_index("ix_experiences_responsibilities", table_name="experiences")
    op.drop_index("ix_projects_search", table_name="projects")


def downgrade() -> None:
    if on_postgresql():
        drop_postgresql_indexes()
    op.drop_table("share_links")
    op.drop_table("project_skills")
    op.drop_table("project_experiences")
    op.drop_table("experience_skills")
    op.drop_table("volunteering")
    op.drop_table("skills")
    op.drop_table("publications")
    op.drop_table("projects")
    op.drop_table("languages")
    op.drop_table("import_batches")
    op.drop_table("experiences")
    op.drop_table("education")
    op.drop_table("cv_versions")
    op.drop_table("certifications")
    op.drop_table("achievements")
    op.drop_table("stored_files")
    op.drop_table("revoked_access_tokens")
    op.drop_table("refresh_tokens")
    op.drop_table("profiles")
    op.drop_table("jobs")
    op.drop_table("email_tokens")
    op.drop_table("consent_records")
    op.drop_table("audit_events")
    op.drop_table("api_keys")
    op.drop_table("ai_usage")
    op.drop_table("users")
    op.drop_table("outbox_emails")
