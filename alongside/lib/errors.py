"""Errors a service raises; pages and the API turn them into the same answer.

Input that is invalid raises django.core.exceptions.ValidationError (422 on the API,
messages beside the fields on a page). State problems raise ServiceError subclasses.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction


class ServiceError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code


class Forbidden(ServiceError):
    """Visible to you, but not yours to change."""

    status = 403
    code = "forbidden"


class Conflict(ServiceError):
    """The thing is not in a state that allows this (not pending, full, duplicate)."""

    status = 409
    code = "conflict"


class Unprocessable(ServiceError):
    """Well-formed but impossible, such as a mentorship with yourself."""

    status = 422
    code = "invalid"


class Throttled(ServiceError):
    status = 429
    code = "throttled"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class NotAuthenticated(ServiceError):
    status = 401
    code = "not_authenticated"


@contextmanager
def conflict_if_duplicate(detail: str, *, code: str) -> Iterator[None]:
    """Run the block in a savepoint: a unique constraint it breaks becomes a Conflict (409)
    saying `detail`. The constraint is the guard, so the second of two at once is refused
    too, where a check before the write would let both through."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise Conflict(detail, code=code) from None
