import email.utils

import pytest

from speeddata.retry import RetryPolicy, parse_retry_after

NOW = 1_700_000_000.0


@pytest.mark.parametrize("header, seconds", [
    ("5", 5.0), ("0", 0.0), (" 7 ", 7.0), ("1.5", 1.5), ("120", 120.0),
    (None, None), ("", None), ("-1", None), ("soon", None), ("nan", None), ("inf", None),
    ("Wed, 21 Oct 2015 07:28:00", None),  # a date without its zone is not an HTTP-date
])
def test_retry_after_values(header, seconds):
    assert parse_retry_after(header, now=NOW) == seconds


def test_retry_after_http_dates():
    future = email.utils.formatdate(NOW + 42, usegmt=True)
    past = email.utils.formatdate(NOW - 42, usegmt=True)
    assert parse_retry_after(future, now=NOW) == pytest.approx(42.0)
    assert parse_retry_after(past, now=NOW) == 0.0


def fixed(rand=1.0, **kwargs):
    return RetryPolicy(rand=lambda: rand, **kwargs)


def test_backoff_doubles_then_caps_with_jitter_between_half_and_full():
    policy = fixed(backoff_base=0.5, backoff_max=4.0)
    assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert fixed(rand=0.0, backoff_base=0.5).backoff(3) == 1.0


@pytest.mark.parametrize("idempotent", [True, False])
@pytest.mark.parametrize("status", [429, 503])
def test_refusals_are_retried_for_every_call_after_retry_after(status, idempotent):
    policy = fixed()
    assert policy.delay_after_status(1, status, idempotent, retry_after=3.0) == 3.0
    assert policy.delay_after_status(1, status, idempotent, retry_after=None) == 0.5


@pytest.mark.parametrize("status", [502, 504])
def test_gateway_errors_are_retried_only_when_idempotent(status):
    policy = fixed()
    assert policy.delay_after_status(1, status, True, None) == 0.5
    assert policy.delay_after_status(1, status, False, None) is None


@pytest.mark.parametrize("status", [400, 404, 408, 409, 410, 413, 500])
def test_other_errors_are_not_retried(status):
    assert fixed().delay_after_status(1, status, True, None) is None


def test_attempts_run_out():
    policy = fixed(max_attempts=3)
    assert policy.delay_after_status(2, 503, True, 1.0) == 1.0
    assert policy.delay_after_status(3, 503, True, 1.0) is None
    assert policy.delay_after_error(3, True, sent=False) is None


def test_a_retry_after_beyond_the_limit_is_not_waited_for():
    policy = fixed(max_retry_after=60)
    assert policy.delay_after_status(1, 429, True, 60.0) == 60.0
    assert policy.delay_after_status(1, 429, True, 61.0) is None


def test_connection_errors():
    policy = fixed()
    assert policy.delay_after_error(1, idempotent=False, sent=False) == 0.5  # never reached the server
    assert policy.delay_after_error(1, idempotent=True, sent=True) == 0.5
    assert policy.delay_after_error(1, idempotent=False, sent=True) is None  # it may have acted


def test_429_retries_are_bounded_in_number_within_one_call():
    policy = fixed(max_attempts=10, max_rate_limited=3)
    assert policy.delay_after_status(3, 429, False, 1.0, rate_limited=2, rate_limited_wait=2.0) == 1.0
    assert policy.delay_after_status(4, 429, False, 1.0, rate_limited=3, rate_limited_wait=3.0) is None
    assert policy.delay_after_status(4, 503, False, 1.0, rate_limited=3, rate_limited_wait=3.0) == 1.0  # 503: own rule


def test_429_retries_are_bounded_in_total_wait_within_one_call():
    policy = fixed(max_attempts=10, max_rate_limited_wait=60.0)
    assert policy.delay_after_status(2, 429, True, 30.0, rate_limited=1, rate_limited_wait=30.0) == 30.0
    assert policy.delay_after_status(2, 429, True, 31.0, rate_limited=1, rate_limited_wait=30.0) is None
    assert policy.delay_after_status(2, 429, True, None, rate_limited=1, rate_limited_wait=59.8) is None  # backoff 1.0


def test_no_429_retry_at_all_when_max_rate_limited_is_zero():
    assert fixed(max_rate_limited=0).delay_after_status(1, 429, True, 1.0) is None
