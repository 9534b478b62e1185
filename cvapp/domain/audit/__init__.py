"""The security audit log: what happened to an account, when and from where."""
