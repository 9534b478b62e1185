"""AI assistance: rewrite a bullet, suggest skills, gap analysis with evidence, summaries.

Entry points for the UI and the API are in :mod:`cvapp.domain.ai.service`. Two providers
answer the same interface (:mod:`cvapp.domain.ai.providers`): the deterministic offline one
(default) and any OpenAI-compatible endpoint. Every AI text is checked against the user's
own data (:mod:`cvapp.domain.ai.invention`) before it is shown.
"""
