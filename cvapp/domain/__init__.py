"""Framework-free business rules: both the Reflex UI and the REST API call these."""
