"""Following a job: WebSocket vs polling selection, Retry-After, outcomes, wait timeout."""
import sys

import pytest

from fakeserver import Reply
from speeddata import errors, ws
from speeddata.jobs import JobWaiter
from speeddata.retry import RetryPolicy
from speeddata.transport import Transport
from wsserver import WsServer, redirect_to

JOB = "11111111-2222-3333-4444-555555555555"
STATUS = f"/api/v1/pivot/jobs/{JOB}"


def job(status, percent=0, message="", **extra):
    return {"job_id": JOB, "status": status, "progress": {"percent": percent, "message": message}, **extra}


class Clock:
    """A monotonic clock that moves only when the client sleeps."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def waiter(url, clock, **kwargs):
    transport = Transport(url, sleep=clock.sleep, timeout=5, retry=RetryPolicy(max_attempts=2, rand=lambda: 1.0))
    return JobWaiter(transport, clock=clock, **kwargs)


class Spy:
    def __init__(self, messages=(), error=None):
        self.messages = list(messages)
        self.error = error
        self.calls = []

    def __call__(self, url, headers, **kwargs):
        self.calls.append((url, headers, kwargs))
        if self.error:
            raise self.error
        return iter(self.messages)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def without_websockets(monkeypatch):
    """Simulates an environment where ``import websockets`` fails."""
    monkeypatch.setitem(sys.modules, "websockets", None)


# -- polling ----------------------------------------------------------------------------------

def test_polling_honours_retry_after(fake, clock, without_websockets):
    fake.route("GET", STATUS, Reply.json(job("queued"), **{"Retry-After": "3"}),
               Reply.json(job("running", 40, "ch1"), **{"Retry-After": "2"}),
               Reply.json(job("completed", 100)))
    updates = []
    w = waiter(fake.url, clock)
    done = w.wait(JOB, retry_after=1.0, progress=lambda p, m: updates.append((p, m)))
    assert done["status"] == "completed"
    assert clock.sleeps == [1.0, 3.0, 2.0]
    assert w.last_route == "polling"
    assert (40, "ch1") in updates and updates[-1] == (100, "completed")


def test_polling_without_retry_after_uses_the_interval(fake, clock, without_websockets):
    fake.route("GET", STATUS, Reply.json(job("running")), Reply.json(job("running")), Reply.json(job("completed")))
    waiter(fake.url, clock, poll_interval=0.25).wait(JOB, progress=False)
    assert clock.sleeps == [0.25, 0.25]


@pytest.mark.parametrize("final, error, code", [
    (job("failed", error={"code": "EXPORT_FAILED", "message": "disk full"}), errors.JobFailed, "EXPORT_FAILED"),
    (job("cancelled"), errors.JobCancelled, "JOB_CANCELLED"),
    (job("expired"), errors.JobExpired, "RESULT_EXPIRED"),
])
def test_job_outcomes_raise_typed_errors(fake, clock, without_websockets, final, error, code):
    fake.route("GET", STATUS, Reply.json(final))
    with pytest.raises(error) as caught:
        waiter(fake.url, clock).wait(JOB, progress=False)
    assert caught.value.code == code
    assert caught.value.job["status"] == final["status"]
    if error is errors.JobFailed:
        assert caught.value.detail == "disk full"


def test_wait_timeout_leaves_the_job_running(fake, clock, without_websockets):
    fake.route("GET", STATUS, Reply.json(job("running", 10), **{"Retry-After": "4"}))
    with pytest.raises(errors.JobWaitTimeout) as caught:
        waiter(fake.url, clock).wait(JOB, timeout=10, progress=False)
    assert caught.value.job["status"] == "running"
    assert sum(clock.sleeps) == pytest.approx(10)  # the last wait is cut to the deadline
    assert fake.calls("DELETE", STATUS) == []


def test_unknown_job_is_not_found(fake, clock, without_websockets):
    with pytest.raises(errors.NotFound):
        waiter(fake.url, clock).wait(JOB, progress=False)


# -- WebSocket or polling ---------------------------------------------------------------------

def test_without_websockets_installed_it_polls(fake, clock, without_websockets):
    assert not ws.available()
    fake.route("GET", STATUS, Reply.json(job("completed")))
    spy = Spy()
    w = waiter(fake.url, clock, messages=spy)
    w.wait(JOB, progress=False)
    assert spy.calls == [] and w.last_route == "polling"


def test_websocket_disabled_polls(fake, clock):
    fake.route("GET", STATUS, Reply.json(job("completed")))
    spy = Spy()
    waiter(fake.url, clock, messages=spy, websocket=False).wait(JOB, progress=False)
    assert spy.calls == []


def test_stream_is_followed_when_available(fake, clock, monkeypatch):
    monkeypatch.setattr(ws, "available", lambda: True)
    fake.route("GET", STATUS, Reply.json(job("completed", 100, result={"sha256": "ab"})))
    spy = Spy([{"type": "state", **job("running", 5, "start")},
               {"type": "progress", "percent": 50, "message": "ch2", "status": "running"},
               {"type": "complete", "download_url": STATUS + "/download"}])
    updates = []
    transport_key = "k"
    w = waiter(fake.url, clock, messages=spy)
    w.transport.api_key = transport_key
    done = w.wait(JOB, retry_after=5, progress=lambda p, m: updates.append((p, m)))
    assert w.last_route == "websocket"
    assert done["result"] == {"sha256": "ab"}
    assert updates == [(5, "start"), (50, "ch2"), (100, "completed")]
    url, headers, _ = spy.calls[0]
    assert url == fake.url.replace("http://", "ws://") + STATUS + "/stream"
    assert headers == {"Authorization": "Bearer k"}
    assert clock.sleeps == []  # no polling wait
    assert len(fake.calls("GET", STATUS)) == 1  # only the final status


def test_a_failed_message_raises_job_failed(fake, clock, monkeypatch):
    monkeypatch.setattr(ws, "available", lambda: True)
    fake.route("GET", STATUS, Reply.json(job("failed", error={"code": "WORKER_LOST", "message": "lost"})))
    spy = Spy([{"type": "state", **job("running")}, {"type": "failed", "error": {"code": "WORKER_LOST"}}])
    with pytest.raises(errors.JobFailed, match="WORKER_LOST"):
        waiter(fake.url, clock, messages=spy).wait(JOB, progress=False)


@pytest.mark.parametrize("spy", [
    Spy(error=OSError("connection refused")),
    Spy([{"type": "state", **job("running")}]),  # closed without a final message
    Spy([{"type": "error", "error": {"code": "JOB_NOT_FOUND"}}]),
    Spy(error=ws.StreamIdle("silent")),
], ids=["cannot-connect", "ended-early", "error-message", "silent"])
def test_a_failing_stream_falls_back_to_polling(fake, clock, monkeypatch, spy):
    monkeypatch.setattr(ws, "available", lambda: True)
    fake.route("GET", STATUS, Reply.json(job("running"), **{"Retry-After": "1"}), Reply.json(job("completed")))
    w = waiter(fake.url, clock, messages=spy)
    assert w.wait(JOB, progress=False)["status"] == "completed"
    assert w.last_route == "polling" and len(spy.calls) == 1
    assert len(fake.calls("GET", STATUS)) == 2


def test_the_stream_says_complete_but_status_disagrees_then_polls(fake, clock, monkeypatch):
    monkeypatch.setattr(ws, "available", lambda: True)
    fake.route("GET", STATUS, Reply.json(job("running")), Reply.json(job("completed")))
    w = waiter(fake.url, clock, messages=Spy([{"type": "complete"}]))
    assert w.wait(JOB, progress=False)["status"] == "completed"
    assert w.last_route == "polling"


# -- the real websockets package against a scripted WebSocket server ----------------------------

def test_real_websockets_client_follows_the_stream(fake, clock):
    pytest.importorskip("websockets")
    fake.route("GET", STATUS, Reply.json(job("completed", 100)))
    script = [{"type": "state", **job("queued")},
              {"type": "progress", "percent": 30, "message": "a", "status": "running"},
              {"type": "progress", "percent": 70, "message": "b", "status": "running"},
              {"type": "complete", "download_url": STATUS + "/download"}]
    updates = []
    with WsServer(script) as server:
        w = waiter(fake.url, clock, messages=redirect_to(server.port))
        w.transport.api_key = "key"
        w.wait(JOB, progress=lambda p, m: updates.append(p))
    assert w.last_route == "websocket"
    assert updates == [0, 30, 70, 100]
    assert server.paths == [STATUS + "/stream"]
    assert server.headers == ["Bearer key"]


def test_real_websockets_client_falls_back_when_the_socket_closes_early(fake, clock):
    pytest.importorskip("websockets")
    fake.route("GET", STATUS, Reply.json(job("completed")))
    with WsServer([{"type": "state", **job("running", 10)}]) as server:
        w = waiter(fake.url, clock, messages=redirect_to(server.port))
        w.wait(JOB, progress=False)
    assert w.last_route == "polling"


def test_real_websockets_client_falls_back_when_the_upgrade_is_refused(fake, clock):
    """The fake HTTP server answers the upgrade with a 404: websockets raises, the waiter polls."""
    pytest.importorskip("websockets")
    fake.route("GET", STATUS, Reply.json(job("completed")))
    w = waiter(fake.url, clock)
    w.wait(JOB, progress=False)
    assert w.last_route == "polling"
    assert len(fake.calls("GET", STATUS + "/stream")) == 1  # the refused upgrade


def test_wait_timeout_while_the_stream_keeps_talking(fake, clock, monkeypatch):
    monkeypatch.setattr(ws, "available", lambda: True)

    def chatty(url, headers, **kwargs):
        for percent in range(100):
            yield {"type": "progress", "percent": percent, "message": "", "status": "running"}
            clock.now += 5

    with pytest.raises(errors.JobWaitTimeout):
        waiter(fake.url, clock, messages=chatty).wait(JOB, timeout=8, progress=False)
    assert clock.now == 10  # gave up at the first message past the deadline
    assert fake.requests == []
