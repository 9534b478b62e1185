"""Plans (Free / Pro / Expert): the entitlements table and the checks every service calls."""
