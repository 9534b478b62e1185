"""Anonymization: what third parties see of a profile whose projects hide their client.

Every output for someone other than the owner (public page, PDF, JSON export) passes its
read schema through :func:`cvapp.domain.anonymize.service.anonymize_profile` or
:func:`cvapp.domain.anonymize.service.anonymize`.
"""
