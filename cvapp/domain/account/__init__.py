"""The account's life under the GDPR: data export, deletion and purge, consent, retention."""
