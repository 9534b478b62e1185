"""The signed-in user's account settings: address, password, 2FA, sessions, activity."""
