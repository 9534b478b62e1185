"""URL constants and builders for the UI; pages and links import them from here."""

from urllib.parse import urlencode, urlsplit

HOME = "/"
PRIVACY = "/privacy"
# Reflex's slug for the page shown at any unknown URL.
NOT_FOUND = "404"
LOGIN = "/login"
REGISTER = "/register"
FORGOT_PASSWORD = "/forgot-password"
# The pages the account emails link to (cvapp.domain.auth.messages builds those links).
RESET_PASSWORD = "/reset-password"
VERIFY_EMAIL = "/verify-email"
CONFIRM_EMAIL = "/confirm-email"
# Sign-up confirmation (CVAPP_SIGNUP_CONFIRMATION): the link that creates the account.
CONFIRM_SIGNUP = "/confirm-signup"
# The lock mail's link: ends the account lock for the device that opens it.
UNLOCK_ACCOUNT = "/unlock-account"
DASHBOARD = "/app"
PROFILE = "/app/profile"
# The welcome wizard offered after sign-up: basics, experiences, projects, skills, more.
ONBOARDING = "/app/welcome"
CVS = "/app/cvs"
CV_DETAIL = "/app/cvs/[cv_id]"
# The job tracker: the board (and table) of applications, and one application.
APPLICATIONS = "/app/applications"
APPLICATION_DETAIL = "/app/applications/[application_id]"
# Cover letters: the list (standalone and per application) and one letter's editor.
LETTERS = "/app/letters"
LETTER_DETAIL = "/app/letters/[letter_id]"
# The public page's address and visibility (/p/{slug}).
PUBLIC_PROFILE_SETTINGS = "/app/public-profile"
IMPORTS = "/app/import"
SETTINGS = "/app/settings"
SETTINGS_SECURITY = "/app/settings/security"
SETTINGS_ACTIVITY = "/app/settings/activity"
SETTINGS_PLAN = "/app/settings/plan"
SETTINGS_API_KEYS = "/app/settings/api-keys"
SETTINGS_PRIVACY = "/app/settings/privacy"
BILLING = "/app/billing"
# The AI assistant's pages.
AI = "/app/ai"
AI_SKILLS = "/app/ai/skills"
AI_GAPS = "/app/ai/gap-analysis"
AI_SUMMARY = "/app/ai/summary"
PUBLIC_CV = "/p/[slug]"

# Served by the FastAPI app mounted under Reflex, not by the router: link with a plain anchor.
API_DOCS = "/api/v1/docs"
API_CVS = "/api/v1/cvs"
API_TEMPLATES = "/api/v1/templates"
API_APPLICATIONS = "/api/v1/applications"
API_LETTERS = "/api/v1/letters"
# The browser session's cookie endpoints (cvapp.api.routes.ui_session), reached by document
# navigation: they live under /api/v1/auth, the only path the refresh cookie is sent to.
SESSION_HANDOFF = "/api/v1/auth/session/handoff"
SESSION_REFRESH = "/api/v1/auth/session/refresh"
SESSION_LOGOUT = "/api/v1/auth/session/logout"

# Sections of the landing page, reached by fragment.
FEATURES_ANCHOR = "features"
PLANS_ANCHOR = "plans"


def cv_detail(cv_id: int | str) -> str:
    """URL of one CV version's editor."""
    return f"{CVS}/{cv_id}"


def application_detail(application_id: str) -> str:
    """URL of one job application."""
    return f"{APPLICATIONS}/{application_id}"


def letter_detail(letter_id: str) -> str:
    """URL of one cover letter's editor."""
    return f"{LETTERS}/{letter_id}"


def cv_preview(cv_id: str, *, page: int | str, version: str, width: int = 640) -> str:
    """A page of a CV's PDF as an image; ``version`` changes the URL whenever the CV does."""
    return f"{API_CVS}/{cv_id}/preview.png?page={page}&width={width}&v={version}"


def template_thumbnail(key: str, version: str) -> str:
    """A template's thumbnail for the picker (``version``: the templates' fingerprint)."""
    return f"{API_TEMPLATES}/{key}/thumbnail.png?v={version}"


def profile_section(section: str) -> str:
    """The profile editor opened at one section's tab (``experiences``, ``skills``…)."""
    return f"{PROFILE}?{urlencode({'section': section})}"


def public_cv(slug: str) -> str:
    """URL of a shared CV's public page."""
    return f"/p/{slug}"


def home_section(anchor: str) -> str:
    """URL of a landing-page section, usable from any page."""
    return f"{HOME}#{anchor}"


def safe_next(target: str | None, default: str = DASHBOARD) -> str:
    """``target`` when it is a path of this app's pages, else ``default`` (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(char) < 32 for char in target):  # browsers read \ as /
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path.startswith("/api/"):
        return default
    return target


def login(next_path: str | None = None) -> str:
    """The login page, coming back to ``next_path`` afterwards."""
    return _with_next(LOGIN, next_path)


def register(next_path: str | None = None) -> str:
    return _with_next(REGISTER, next_path)


def session_handoff(next_path: str) -> str:
    """Where a fresh sign-in's cookies are set (the one-time code travels in a cookie)."""
    return f"{SESSION_HANDOFF}?{urlencode({'next': safe_next(next_path)})}"


def session_refresh(next_path: str) -> str:
    """Where the refresh cookie is spent for a new pair, coming back to ``next_path``."""
    return f"{SESSION_REFRESH}?{urlencode({'next': safe_next(next_path)})}"


def session_logout(next_path: str = HOME) -> str:
    """The logout endpoint, going to ``next_path`` afterwards (the caller appends ``csrf``)."""
    return f"{SESSION_LOGOUT}?{urlencode({'next': safe_next(next_path, default=HOME)})}"


def _with_next(path: str, next_path: str | None) -> str:
    if not next_path or safe_next(next_path, default="") in ("", DASHBOARD):
        return path
    return f"{path}?{urlencode({'next': safe_next(next_path)})}"
