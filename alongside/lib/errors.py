"""Errors a service raises; pages and the API turn them into the same answer.

Input that is invalid raises django.core.exceptions.ValidationError (422 on the API,
messages beside the fields on a page). State problems raise ServiceError subclasses.
"""


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
