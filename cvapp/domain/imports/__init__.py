"""Imports: a LinkedIn data-export ZIP or a JSON Resume document into the master profile.

Reading an upload gives a :class:`~cvapp.domain.imports.draft.Draft` (what the file holds,
cleaned and validated like the editor's input); the preview matches it against the profile;
``apply`` writes the user's decisions in one transaction. ``service`` is the entry point.
"""
