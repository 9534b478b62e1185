"""SMTP delivery with smtplib (STARTTLS and login when configured)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from cvapp.domain.mail.message import Message
from cvapp.settings import Settings

SMTP_TIMEOUT_SECONDS = 15


def to_email_message(message: Message, *, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    return email


def send_smtp(message: Message, *, settings: Settings) -> None:
    """Send through ``settings.smtp_host``; any SMTP or network error propagates (retried)."""
    assert settings.smtp_host, "send_smtp needs CVAPP_SMTP_HOST"
    email = to_email_message(message, sender=settings.mail_from)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(
                settings.smtp_username,
                settings.smtp_password.get_secret_value() if settings.smtp_password else "",
            )
        smtp.send_message(email)
