"""Schema fuzzing: schemathesis generates requests for every operation of the OpenAPI document
and sends them to the ASGI app (no network).

Whoever asks, no answer may be a 5xx, have a status the document does not list, or a body,
content type or headers its schema does not describe; input outside the schema must be
refused with a 4xx. Signed in, each operation gets its own account owning the rows its path
parameters name, so the fuzzer reaches real data; with no token or an expired one, every
operation that needs a caller answers 401; with another user's token on the owner's ids,
nothing of the owner's is answered.

The example count is bounded (``CVAPP_FUZZ_EXAMPLES``, default 5 per operation signed in,
2 otherwise) and generation is derandomized, so a CI run is stable and takes about a minute;
raise the count to search harder locally. Every operation is fuzzed even after a failure,
and the failures are reported together.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session

from cvapp.api.app import API_PREFIX, create_api
from tests.hardening.support import (
    Account,
    expired_token,
    make_account,
    needs_of,
    wait_for_jobs,
)

EXAMPLES = int(os.environ.get("CVAPP_FUZZ_EXAMPLES", "5"))
FOREIGN_EXAMPLES = max(1, EXAMPLES // 2)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]
# A body that cannot be read is refused before the caller is looked at (it reveals nothing).
UNREADABLE = {400, 413, 415, 422}
# The owner's pages are public on purpose; everything else of theirs must stay out of reach.
PUBLIC_PATHS = ("/p/", "/s/", f"{API_PREFIX}/profiles/{{profile_id}}")
pytestmark = pytest.mark.fuzz

# schemathesis' own pytest integration (``from_fixture``) does not run on pytest 9, so the
# operations are looped over here and each one's strategy is driven by Hypothesis directly.
SCHEMA = schemathesis.openapi.from_asgi(f"{API_PREFIX}/openapi.json", create_api())
OPERATIONS: list[APIOperation] = [result.ok() for result in SCHEMA.get_all_operations()]

Send = Callable[[Case], None]


def _fuzz(
    operation: APIOperation, send: Send, examples: int, account: Account | None = None
) -> str | None:
    """Run ``examples`` generated cases of ``operation``, valid and invalid ones, with the
    path parameters naming ``account``'s rows if given; the failure, if any, in short."""
    fixed = {
        name: value
        for name in needs_of(operation.path)
        if account is not None and (value := account.path_value(operation.path, name))
    }
    strategies = [
        operation.as_strategy(mode, path_parameters=fixed or None) for mode in GenerationMode
    ]

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: report the failure at once
        suppress_health_check=list(HealthCheck),
    )
    @given(case=st.one_of(strategies))
    def run(case: Case) -> None:
        send(case)

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # reported with the others below
        return f"{operation.label}: {type(exc).__name__}: {str(exc)[:2000]}"
    finally:
        wait_for_jobs()
    return None


def _signed_in(operation: APIOperation) -> bool:
    return bool(operation.definition.raw.get("security"))


def _report(failures: list[str]) -> None:
    if failures:
        pytest.fail(f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures))


@pytest.fixture
def quiet_queue() -> Iterator[None]:
    yield
    wait_for_jobs()


def test_signed_in_as_the_owner(session: Session, quiet_queue: None) -> None:
    failures = []
    for operation in OPERATIONS:
        owner = make_account(session, needs=needs_of(operation.path))

        def send(case: Case, owner: Account = owner) -> None:
            case.call_and_validate(headers=owner.headers, checks=CHECKS)

        failures.append(_fuzz(operation, send, EXAMPLES, owner))
    _report([f for f in failures if f])


def _without_credentials(headers: dict[str, str]) -> Send:
    def send(case: Case) -> None:
        if case.headers:
            case.headers.pop("Authorization", None)
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if _signed_in(case.operation):
            assert response.status_code == 401, (case.operation.label, response.status_code)

    return send


@pytest.mark.parametrize("credentials", ["none", "expired"])
def test_without_valid_credentials(session: Session, quiet_queue: None, credentials: str) -> None:
    owner = make_account(session)
    headers = {"Authorization": f"Bearer {expired_token(owner.user)}"}
    send = _without_credentials(headers if credentials == "expired" else {})
    failures = [_fuzz(operation, send, FOREIGN_EXAMPLES) for operation in OPERATIONS]
    _report([f for f in failures if f])


def test_with_another_users_token(session: Session, quiet_queue: None) -> None:
    owner, intruder = make_account(session), make_account(session)

    def send(case: Case) -> None:
        response = case.call_and_validate(headers=intruder.headers, checks=CHECKS)
        aimed = any(value in owner.ids.values() for value in (case.path_parameters or {}).values())
        if aimed and not case.operation.path.startswith(PUBLIC_PATHS):
            assert response.status_code >= 400, (case.operation.label, response.status_code)

    failures = [_fuzz(operation, send, FOREIGN_EXAMPLES, owner) for operation in OPERATIONS]
    _report([f for f in failures if f])
