import pytest

from fakeserver import FakeServer, Reply, closed_port
from speeddata import errors
from speeddata.retry import RetryPolicy
from speeddata.transport import Transport


def transport(url, sleeps, **kwargs):
    kwargs.setdefault("retry", RetryPolicy(max_attempts=4, rand=lambda: 1.0))
    return Transport(url, sleep=sleeps, timeout=5, **kwargs)


def test_json_get_with_api_key(fake, sleeps):
    fake.route("GET", "/api/v1/channels", Reply.json({"channels": []}))
    assert transport(fake.url, sleeps, api_key="k1").request("GET", "/api/v1/channels") == {"channels": []}
    sent = fake.calls("GET", "/api/v1/channels")[0]
    assert sent.header("Authorization") == "Bearer k1"
    assert sent.header("User-Agent").startswith("speeddata-python/")


def test_no_key_without_api_key(fake, sleeps):
    fake.route("GET", "/health", Reply.json({"status": "up"}))
    transport(fake.url, sleeps).request("GET", "/health")
    assert fake.calls("GET", "/health")[0].header("Authorization") is None


def test_the_key_never_goes_to_another_origin(fake, sleeps):
    fake.route("GET", "/x", Reply.json({}))
    with FakeServer() as other:
        other.route("GET", "/x", Reply.json({}))
        client = transport(fake.url, sleeps, api_key="secret")
        client.request("GET", other.url + "/x")
        client.request("GET", fake.url + "/x")
        assert other.calls("GET", "/x")[0].header("Authorization") is None
        assert fake.calls("GET", "/x")[0].header("Authorization") == "Bearer secret"


def test_base_url_path_prefix_and_query(fake, sleeps):
    fake.route("GET", "/prefix/v1/events", Reply.json([]))
    transport(fake.url + "/prefix/", sleeps).request("GET", "/v1/events", query={"ticker": "ACME", "end": None})
    assert fake.calls("GET", "/prefix/v1/events")[0].query == {"ticker": ["ACME"]}


@pytest.mark.parametrize("bad", ["localhost:8000", "ftp://host", "http://"])
def test_bad_base_url(bad):
    with pytest.raises(ValueError):
        Transport(bad)


def test_websocket_url_follows_the_scheme():
    assert Transport("http://h:1/p").websocket_url("/api/x") == "ws://h:1/p/api/x"
    assert Transport("https://h/p").websocket_url("/api/x") == "wss://h/p/api/x"


def test_problem_becomes_a_typed_error_without_retry(fake, sleeps):
    fake.route("POST", "/api/v1/pivot/export", Reply.problem(404, "UNKNOWN_SIGNAL", "unknown channel: rig9"))
    with pytest.raises(errors.NotFound) as caught:
        transport(fake.url, sleeps).request("POST", "/api/v1/pivot/export", json_body={}, idempotent=True)
    assert caught.value.code == "UNKNOWN_SIGNAL"
    assert caught.value.detail == "unknown channel: rig9"
    assert len(fake.requests) == 1 and sleeps == []


def test_500_is_not_retried(fake, sleeps):
    fake.route("GET", "/x", Reply.problem(500, "INTERNAL_ERROR"))
    with pytest.raises(errors.ServerError):
        transport(fake.url, sleeps).request("GET", "/x")
    assert len(fake.requests) == 1


def test_503_and_429_are_retried_after_retry_after_even_for_a_post(fake, sleeps):
    fake.route("POST", "/v1/score", Reply.problem(503, "QUEUE_FULL", retry_after=2),
               Reply.problem(429, "RATE_LIMITED", retry_after=3), Reply.json({"ok": True}))
    assert transport(fake.url, sleeps).request("POST", "/v1/score", json_body={}) == {"ok": True}
    assert sleeps == [2.0, 3.0]
    assert len(fake.calls("POST", "/v1/score")) == 3


def test_503_without_retry_after_backs_off_exponentially_then_gives_up(fake, sleeps):
    fake.route("GET", "/ready", Reply.problem(503, "NOT_READY"))
    with pytest.raises(errors.ServiceUnavailable) as caught:
        transport(fake.url, sleeps).request("GET", "/ready")
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(fake.requests) == 4
    assert caught.value.code == "NOT_READY"


def test_a_retry_after_too_long_is_raised_at_once(fake, sleeps):
    fake.route("GET", "/x", Reply.problem(429, "RATE_LIMITED", retry_after=3600))
    with pytest.raises(errors.RateLimited) as caught:
        transport(fake.url, sleeps).request("GET", "/x")
    assert caught.value.retry_after == 3600.0 and sleeps == []


def test_a_body_cut_off_is_retried_for_an_idempotent_call(fake, sleeps):
    payload = b'{"channels": [' + b'{"name": "c"},' * 1000 + b'{"name": "d"}]}'
    fake.route("GET", "/api/v1/channels", Reply(200, payload, {"Content-Type": "application/json"}, cut_at=100),
               Reply(200, payload, {"Content-Type": "application/json"}))
    answer = transport(fake.url, sleeps).request("GET", "/api/v1/channels")
    assert len(answer["channels"]) == 1001
    assert len(fake.requests) == 2 and sleeps == [0.5]


def test_a_body_cut_off_is_not_retried_for_a_plain_post(fake, sleeps):
    fake.route("POST", "/v1/events", Reply(201, b'{"events": []}' * 100, cut_at=10), Reply.json({"events": []}))
    with pytest.raises(errors.ConnectionFailed, match="not idempotent"):
        transport(fake.url, sleeps).request("POST", "/v1/events", json_body={"events": []})
    assert len(fake.requests) == 1


def test_a_post_marked_idempotent_is_retried(fake, sleeps):
    fake.route("POST", "/v1/score/batch", Reply(202, b'{"job_id": "j"}', cut_at=3), Reply.json({"job_id": "j"}, 202))
    client = transport(fake.url, sleeps)
    assert client.request("POST", "/v1/score/batch", json_body={"job_id": "j"}, idempotent=True) == {"job_id": "j"}
    first, second = fake.calls("POST", "/v1/score/batch")
    assert first.body == second.body


def test_refused_connections_are_retried_for_any_method_then_fail(sleeps):
    url = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(errors.ConnectionFailed, match="cannot connect"):
        transport(url, sleeps).request("POST", "/v1/score", json_body={})
    assert sleeps == [0.5, 1.0, 2.0]


def test_non_json_success_body_is_an_error(fake, sleeps):
    fake.route("GET", "/x", Reply(200, b"<html>", {"Content-Type": "text/html"}))
    with pytest.raises(errors.SpeedDataError, match="not JSON"):
        transport(fake.url, sleeps).request("GET", "/x")


def test_a_local_failure_in_the_reader_is_not_mistaken_for_the_network(fake, sleeps):
    fake.route("GET", "/x", Reply(200, b"data"))

    def reader(response):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        transport(fake.url, sleeps).request("GET", "/x", reader=reader)
    assert len(fake.requests) == 1
