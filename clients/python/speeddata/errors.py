"""Typed errors carrying the server's RFC 9457 problem details.

Every 4xx/5xx answer becomes one exception class chosen by status, so callers can write
``except NotFound`` for an unknown channel instead of comparing status codes.
"""
from __future__ import annotations

import json
from typing import Any, Mapping, Optional

__all__ = [
    "SpeedDataError", "ClientError", "ServerError",
    "BadRequest", "Unauthorized", "Forbidden", "NotFound", "RequestTimeout", "Conflict", "Gone",
    "PayloadTooLarge", "RangeNotSatisfiable", "RateLimited", "TooManyRequests",
    "ServiceUnavailable",
    "JobError", "JobFailed", "JobCancelled", "JobExpired", "JobWaitTimeout",
    "ConnectionFailed", "IntegrityError", "MissingDependency",
    "error_from_response",
]

_MAX_TEXT_DETAIL = 500


class SpeedDataError(Exception):
    """Base of every error the client raises about the service.

    ``status`` is the HTTP status (None when there was no HTTP answer), ``code`` the stable
    UPPER_SNAKE code, ``problem`` the whole problem document (a dict, possibly empty) and
    ``detail`` its human-readable detail. ``headers`` keeps the answer's ``Retry-After``,
    ``RateLimit``, ``RateLimit-Policy`` and ``WWW-Authenticate`` headers when present.
    """

    def __init__(self, message: str, *, status: Optional[int] = None, code: Optional[str] = None,
                 problem: Optional[Mapping[str, Any]] = None, detail: Optional[str] = None,
                 retry_after: Optional[float] = None, headers: Optional[Mapping[str, str]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.problem: dict[str, Any] = dict(problem or {})
        self.detail = detail
        self.retry_after = retry_after
        self.headers: dict[str, str] = dict(headers or {})

    @property
    def title(self) -> Optional[str]:
        return self.problem.get("title")

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Field errors of a validation failure: ``[{"pointer": "/time_range/start", "detail": ...}]``."""
        errors = self.problem.get("errors")
        return list(errors) if isinstance(errors, list) else []

    @property
    def suggestion(self) -> Optional[dict[str, Any]]:
        """What the server suggests instead, e.g. ``{"execution": "async"}`` on a 408."""
        suggestion = self.problem.get("suggestion")
        return suggestion if isinstance(suggestion, dict) else None


class ClientError(SpeedDataError):
    """A 4xx answer: the request must change before it can succeed (except 408/429)."""


class ServerError(SpeedDataError):
    """A 5xx answer (or an unreadable answer from something in between)."""


class BadRequest(ClientError):
    """400: invalid request; see ``errors`` for the fields."""


class Unauthorized(ClientError):
    """401 (code UNAUTHENTICATED): the API key is missing, unknown, revoked or expired (the
    server answers all four alike). Not retried."""


class Forbidden(ClientError):
    """403 (code FORBIDDEN): the key's tier may not use this route. Not retried."""


class NotFound(ClientError):
    """404: unknown channel or signal (code UNKNOWN_SIGNAL), job, model or route."""


class RequestTimeout(ClientError):
    """408: an explicit ``sync`` export ran past the sync timeout; ``suggestion`` says what to do."""


class Conflict(ClientError):
    """409: e.g. JOB_ID_CONFLICT, JOB_NOT_COMPLETED, JOB_ALREADY_DONE."""


class Gone(ClientError):
    """410: the job's result expired and was deleted."""


class PayloadTooLarge(ClientError):
    """413: export over the maximum size, or sync scoring over the cap (see ``suggestion``)."""


class RangeNotSatisfiable(ClientError):
    """416: a download range outside the file."""


class RateLimited(ClientError):
    """429, raised once the client's own retries after ``Retry-After`` are used up (see
    :class:`speeddata.RetryPolicy`). ``code`` is ``RATE_LIMITED`` (over a request rate) or
    ``QUOTA_EXCEEDED`` (too many jobs queued); ``retry_after`` says when to come back."""

    @property
    def quota_exceeded(self) -> bool:
        """True when the tenant's job queue is full rather than its request rate spent."""
        return self.code == "QUOTA_EXCEEDED"

    @property
    def rate_limit(self) -> Optional[str]:
        """The ``RateLimit`` header (what is left of the current window), if sent."""
        return self.headers.get("RateLimit")

    @property
    def rate_limit_policy(self) -> Optional[str]:
        """The ``RateLimit-Policy`` header (the tier's limit), if sent."""
        return self.headers.get("RateLimit-Policy")


TooManyRequests = RateLimited
"""Another name of :class:`RateLimited` (after the status's name, ``429 Too Many Requests``)."""


class ServiceUnavailable(ServerError):
    """503: job queue full or database not ready; ``retry_after`` says when to come back."""


class JobError(SpeedDataError):
    """A job did not produce a result. ``job`` is its last known status document."""

    def __init__(self, message: str, *, job: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.job: dict[str, Any] = dict(job or {})

    @property
    def job_id(self) -> Optional[str]:
        return self.job.get("job_id")


class JobFailed(JobError):
    """The job ended ``failed``; ``code`` and ``detail`` are the job's error code and message."""


class JobCancelled(JobError):
    """The job was cancelled (by this caller or another)."""


class JobExpired(JobError, Gone):
    """The job finished but its result expired before it was downloaded."""


class JobWaitTimeout(JobError, TimeoutError):
    """The caller's wait timeout passed while the job was still running; the job goes on."""


class ConnectionFailed(SpeedDataError):
    """No usable HTTP answer: connection refused, reset or timed out (after any retries)."""


class IntegrityError(SpeedDataError):
    """A downloaded file does not match the checksum the server announced."""


class MissingDependency(SpeedDataError, ImportError):
    """An optional package (pandas, h5py, ...) is needed for this call and is not installed."""


_BY_STATUS: dict[int, type[SpeedDataError]] = {
    400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 408: RequestTimeout,
    409: Conflict, 410: Gone, 413: PayloadTooLarge, 416: RangeNotSatisfiable, 429: RateLimited,
    503: ServiceUnavailable,
}


def parse_problem(body: bytes, content_type: Optional[str]) -> dict[str, Any]:
    """The problem document of an error body; ``{}`` when the body is not a JSON object.

    Anything JSON-ish is tried (a proxy may send ``application/json`` or nothing at all); a
    non-JSON body such as a gateway's HTML page yields ``{}``.
    """
    if not body:
        return {}
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype and "json" not in ctype:
        return {}
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def error_from_response(status: int, body: bytes, content_type: Optional[str] = None, *,
                        retry_after: Optional[float] = None, method: str = "", url: str = "",
                        headers: Optional[Mapping[str, str]] = None, note: Optional[str] = None) -> SpeedDataError:
    """Builds the typed exception for an error answer (status >= 400). ``note`` is appended to
    the message in parentheses (the transport names the masked API key of a 401/403)."""
    problem = parse_problem(body, content_type)
    code = problem.get("code") if isinstance(problem.get("code"), str) else None
    detail = problem.get("detail") if isinstance(problem.get("detail"), str) else None
    if not problem and body:
        text = body.decode("utf-8", "replace").strip()
        detail = text[:_MAX_TEXT_DETAIL] + ("..." if len(text) > _MAX_TEXT_DETAIL else "")
    cls = _BY_STATUS.get(status) or (ClientError if status < 500 else ServerError)
    code = code or f"HTTP_{status}"
    message = f"{status} {code}"
    if detail:
        message += f": {detail}"
    pointers = [e for e in problem.get("errors", []) if isinstance(e, dict)] if isinstance(
        problem.get("errors"), list) else []
    if pointers:
        message += " (" + "; ".join(f"{e.get('pointer', '?')}: {e.get('detail', '')}" for e in pointers) + ")"
    if method and url:
        message += f" [{method} {url}]"
    if note:
        message += f" ({note})"
    return cls(message, status=status, code=code, problem=problem, detail=detail, retry_after=retry_after,
               headers=headers)
