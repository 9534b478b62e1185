"""An evaluation set for the AI assistant and the numbers it gives (issue #23).

``dataset`` reads the hand-labelled cases (``tests/fixtures/ai_eval``); ``runner`` passes them
through a provider (the offline rules or an OpenAI-compatible model) and counts what matters:
tense regressions, invented facts, dropped meaning, requirement extraction precision/recall,
match classification accuracy, honest answers for unknown roles, summary attribution.
"""
