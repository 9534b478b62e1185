"""Test doubles and data builders shared by test modules."""
