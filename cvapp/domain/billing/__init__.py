"""Paid plans: a ``BillingProvider`` (Stripe) sells them, signed webhooks apply them."""
