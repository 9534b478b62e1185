"""The AI assistant's pages: improve text, skills for a role, gap analysis, summary."""

from cvapp.pages.ai import gaps, improve, skills, summary

__all__ = ["gaps", "improve", "skills", "summary"]
