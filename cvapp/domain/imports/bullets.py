"""Descriptions written as bullet lists (•, -, *, numbered lines, "a • b" and "* a * b" on one
line) become responsibility bullets.

Text before, between or after the bullets stays the description; a line that follows a
bullet without a blank line continues that bullet (LinkedIn wraps long ones).
"""

from __future__ import annotations

import re

_GLYPH = re.compile(r"^[•●▪■◦‣∙·►▶➢➤✓✔→]\s*(?P<text>.+)$")
_DASH = re.compile(r"^[-–—*+]\s+(?P<text>.+)$")
_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s+(?P<text>.+)$")
_INLINE = re.compile(r"\s*[•●▪■]\s*")


def _bullet(line: str) -> str | None:
    for pattern in (_GLYPH, _DASH, _NUMBER):
        match = pattern.match(line)
        if match:
            return match.group("text").strip()
    return None


def _lines(text: str) -> list[str]:
    """The text's lines, with "a • b • c" on one line split into one bullet per part."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if line.startswith("* ") and " * " in line:  # "* Led X * Shipped Y" on one line
            lines.extend(f"• {part.strip()}" for part in line[2:].split(" * ") if part.strip())
            continue
        parts = _INLINE.split(line)
        if len(parts) > 2 or (len(parts) == 2 and not parts[0]):
            if parts[0]:
                lines.append(parts[0])
            lines.extend(f"• {part}" for part in parts[1:] if part)
        else:
            lines.append(line)
    return lines


def split_description(text: str | None) -> tuple[str | None, list[str]]:
    """``(description, bullets)`` of a free-text description."""
    if not text or not text.strip():
        return None, []
    paragraphs: list[str] = []
    bullets: list[str] = []
    in_bullet = False
    for line in _lines(text):
        if not line:
            in_bullet = False
            if paragraphs and paragraphs[-1]:
                paragraphs.append("")
            continue
        item = _bullet(line)
        if item is not None:
            bullets.append(item)
            in_bullet = True
        elif in_bullet:
            bullets[-1] = f"{bullets[-1]} {line}"
        else:
            paragraphs.append(line)
    description = "\n".join(paragraphs).strip() or None
    if description is not None:
        description = re.sub(r"\n{3,}", "\n\n", description)
    return description, bullets
