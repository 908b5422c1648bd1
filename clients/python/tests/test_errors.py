import json

import pytest

from speeddata import errors
from speeddata.errors import error_from_response

PROBLEM = "application/problem+json"


def body(**fields):
    return json.dumps(fields).encode()


@pytest.mark.parametrize("status, cls", [
    (400, errors.BadRequest), (401, errors.Unauthorized), (403, errors.Forbidden), (404, errors.NotFound),
    (408, errors.RequestTimeout), (409, errors.Conflict), (410, errors.Gone), (413, errors.PayloadTooLarge),
    (416, errors.RangeNotSatisfiable), (429, errors.RateLimited), (503, errors.ServiceUnavailable),
    (418, errors.ClientError), (500, errors.ServerError), (502, errors.ServerError),
])
def test_status_picks_the_exception_class(status, cls):
    error = error_from_response(status, body(status=status, code="X"), PROBLEM)
    assert type(error) is cls
    assert error.status == status


def test_unknown_channel_is_a_404_carrying_the_problem():
    problem = {"type": "https://speeddata.dev/problems/unknown-signal", "title": "Unknown channel or signal",
               "status": 404, "code": "UNKNOWN_SIGNAL", "detail": "unknown channel or signal: rig1/volts"}
    error = error_from_response(404, json.dumps(problem).encode(), PROBLEM)
    assert isinstance(error, errors.NotFound)
    assert isinstance(error, errors.ClientError) and isinstance(error, errors.SpeedDataError)
    assert error.code == "UNKNOWN_SIGNAL"
    assert error.detail == "unknown channel or signal: rig1/volts"
    assert error.problem == problem
    assert error.title == "Unknown channel or signal"
    assert "UNKNOWN_SIGNAL" in str(error) and "rig1/volts" in str(error)


def test_validation_errors_and_suggestion_are_exposed():
    error = error_from_response(400, body(
        status=400, code="INVALID_REQUEST", detail="invalid",
        errors=[{"pointer": "/time_range/start", "detail": "needs a zone"},
                {"pointer": "/interval", "detail": "not a duration"}]), PROBLEM)
    assert [e["pointer"] for e in error.errors] == ["/time_range/start", "/interval"]
    assert "/time_range/start: needs a zone" in str(error)
    timeout = error_from_response(408, body(status=408, code="SYNC_TIMEOUT", suggestion={"execution": "async"}),
                                  PROBLEM)
    assert timeout.suggestion == {"execution": "async"}
    assert error.suggestion is None


def test_problem_in_plain_json_or_without_content_type_is_still_read():
    assert error_from_response(409, body(code="JOB_ID_CONFLICT"), "application/json").code == "JOB_ID_CONFLICT"
    assert error_from_response(409, body(code="JOB_ID_CONFLICT"), None).code == "JOB_ID_CONFLICT"


def test_a_gateway_html_page_becomes_a_server_error_with_a_short_detail():
    html = b"<html><body>" + b"Bad Gateway " * 100 + b"</body></html>"
    error = error_from_response(502, html, "text/html")
    assert isinstance(error, errors.ServerError)
    assert error.code == "HTTP_502"
    assert error.problem == {}
    assert error.detail.startswith("<html><body>Bad Gateway") and len(error.detail) <= 503


@pytest.mark.parametrize("raw", [b"[1, 2]", b"not json", b"\xff\xfe", b""])
def test_odd_bodies_give_an_empty_problem(raw):
    error = error_from_response(500, raw, "application/json")
    assert error.problem == {} and error.code == "HTTP_500"


def test_retry_after_and_request_are_carried():
    error = error_from_response(503, body(code="QUEUE_FULL"), PROBLEM, retry_after=30.0, method="POST",
                                url="http://h/api/v1/pivot/export")
    assert error.retry_after == 30.0
    assert str(error).endswith("[POST http://h/api/v1/pivot/export]")


def test_kept_headers_and_a_note_are_carried():
    error = error_from_response(429, body(code="RATE_LIMITED"), PROBLEM, retry_after=1.0, method="GET", url="http://h/x",
                                headers={"RateLimit-Policy": '"p";q=5;w=1', "RateLimit": '"p";r=0;t=1'},
                                note="API key sd_k1_…")
    assert isinstance(error, errors.TooManyRequests)
    assert error.rate_limit_policy == '"p";q=5;w=1' and error.rate_limit == '"p";r=0;t=1'
    assert str(error) == "429 RATE_LIMITED [GET http://h/x] (API key sd_k1_…)"
    assert error_from_response(429, body(code="QUOTA_EXCEEDED"), PROBLEM).quota_exceeded
    assert error_from_response(404, b"", None).headers == {}


def test_job_errors_form_their_own_branch():
    expired = errors.JobExpired("gone", job={"job_id": "j1", "status": "expired"}, status=410, code="RESULT_EXPIRED")
    assert isinstance(expired, errors.Gone) and isinstance(expired, errors.JobError)
    assert expired.job_id == "j1"
    assert issubclass(errors.JobWaitTimeout, TimeoutError)
    assert not issubclass(errors.JobFailed, errors.ClientError)
