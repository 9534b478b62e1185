"""An email to send: plain text, optional HTML, and the secrets it carries."""

from __future__ import annotations

from dataclasses import dataclass

REDACTED = "[redacted]"


@dataclass(frozen=True)
class Message:
    """``secrets`` (e.g. a one-time token) are blanked in the copy kept after SMTP sent it."""

    to: str
    subject: str
    text: str
    html: str | None = None
    secrets: tuple[str, ...] = ()

    def redacted(self) -> Message:
        """The same message with every secret replaced, for the record."""
        text, html = self.text, self.html
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
            html = html.replace(secret, REDACTED) if html is not None else None
        return Message(to=self.to, subject=self.subject, text=text, html=html)
