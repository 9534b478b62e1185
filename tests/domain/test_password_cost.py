"""Password hashes: Argon2id at the configured costs (the tests run cheap ones); a hash made
with other costs still lets its owner in, and is redone at the configured costs then."""

from __future__ import annotations

from passlib.context import CryptContext
from sqlmodel import Session

from cvapp.domain.auth import passwords
from cvapp.domain.auth.schemas import AuthTokens
from cvapp.domain.auth.service import login
from cvapp.settings import get_settings
from tests.domain.account_support import PASSWORD, make_user

# What production stores (the defaults), made without the app's context.
PRODUCTION = CryptContext(schemes=["argon2"], argon2__type="ID")


def test_hashes_are_argon2id_at_the_configured_costs() -> None:
    settings = get_settings()
    made = passwords.hash_password("Ünïcødé passphrase — 密码")
    costs = (settings.argon2_memory_kib, settings.argon2_time_cost, settings.argon2_parallelism)
    assert made.startswith("$argon2id$v=19$m={},t={},p={}$".format(*costs))
    assert passwords.verify_password("Ünïcødé passphrase — 密码", made)
    assert not passwords.verify_password("Ünïcødé passphrase — 密", made)
    assert not passwords.needs_rehash(made)


def test_the_defaults_are_what_production_hashes_were_made_with() -> None:
    stored = PRODUCTION.hash("kept")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    defaults = {
        name: field.default
        for name, field in type(get_settings()).model_fields.items()
        if name.startswith("argon2_")
    }
    assert defaults == {"argon2_memory_kib": 65_536, "argon2_time_cost": 3, "argon2_parallelism": 4}


def test_a_hash_with_other_costs_signs_in_and_is_redone(session: Session) -> None:
    user = make_user(session)
    user.password_hash = PRODUCTION.hash(PASSWORD)
    session.commit()
    assert passwords.needs_rehash(user.password_hash)  # the tests' costs differ
    signed_in = login(session, email=user.email, password=PASSWORD, ip="203.0.113.9")
    assert isinstance(signed_in, AuthTokens)
    session.commit()
    session.refresh(user)
    assert not passwords.needs_rehash(user.password_hash)
    assert passwords.verify_password(PASSWORD, user.password_hash)
