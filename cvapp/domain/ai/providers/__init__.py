"""The provider the settings choose: ``offline`` (default) or ``openai`` (compatible)."""

from __future__ import annotations

from cvapp.domain.ai.providers.base import Provider
from cvapp.settings import get_settings


def get_provider() -> Provider:
    """A provider built from the current settings (cheap: clients are reused)."""
    settings = get_settings()
    if settings.ai_provider == "openai":
        from cvapp.domain.ai.providers.openai_compatible import OpenAICompatibleProvider

        return OpenAICompatibleProvider(settings)
    from cvapp.domain.ai.providers.offline import OfflineProvider

    return OfflineProvider()


__all__ = ["Provider", "get_provider"]
