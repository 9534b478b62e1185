"""The kinds of the account's jobs, shared by its services and its actors."""

EXPORT_KIND = "account.export"
