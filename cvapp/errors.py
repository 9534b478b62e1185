"""Domain errors: raised by services, mapped once to the API envelope or a UI message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every expected failure; carries an API code and HTTP status."""

    code = "DOMAIN_ERROR"
    status = 400

    def __init__(
        self,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []
        self.headers = headers or {}

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled whole (details and headers too): a render process raises it in the web's.
        return _restored, (type(self), self.args, self.__dict__)


def _restored(cls: type[DomainError], args: tuple[Any, ...], state: dict[str, Any]) -> DomainError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ValidationFailed(DomainError):
    code, status = "VALIDATION_ERROR", 422

    @classmethod
    def field(cls, field: str, message: str) -> ValidationFailed:
        return cls("Invalid input data", details=[{"field": field, "message": message}])


class Unauthenticated(DomainError):
    code, status = "UNAUTHENTICATED", 401


class InvalidCredentials(DomainError):
    code, status = "INVALID_CREDENTIALS", 401


class TokenRevoked(DomainError):
    code, status = "TOKEN_REVOKED", 401


class Forbidden(DomainError):
    code, status = "FORBIDDEN", 403


class NotFound(DomainError):
    code, status = "NOT_FOUND", 404


class AccountDeleted(DomainError):
    """Sign-in to an account its owner deleted (it can be restored until it is purged)."""

    code, status = "ACCOUNT_DELETED", 403


class Conflict(DomainError):
    code, status = "CONFLICT", 409


class PreconditionFailed(DomainError):
    """An ``If-Match`` that no longer matches: the resource changed since it was read."""

    code, status = "PRECONDITION_FAILED", 412


class PayloadTooLarge(DomainError):
    code, status = "PAYLOAD_TOO_LARGE", 413


class UnsupportedMediaType(DomainError):
    code, status = "UNSUPPORTED_MEDIA_TYPE", 415


class AccountLocked(DomainError):
    code, status = "ACCOUNT_LOCKED", 423


class RateLimited(DomainError):
    code, status = "RATE_LIMITED", 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, headers={"Retry-After": str(max(1, retry_after))})
        self.retry_after = retry_after


class PlanLimit(DomainError):
    code, status = "PLAN_LIMIT", 402


class ServiceUnavailable(DomainError):
    code, status = "SERVICE_UNAVAILABLE", 503
