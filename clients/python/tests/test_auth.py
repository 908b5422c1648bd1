"""Multi-user mode from the client's side: the API key (where it comes from, where it goes, how
it shows itself), 401/403/429 as typed errors, and 429 retried after Retry-After within bounds."""
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fakeserver import FakeServer, Reply
from speeddata import (ApiKey, Forbidden, PivotClient, RateLimited, ScoreClient, TooManyRequests, Unauthorized,
                       cli, ws)
from speeddata.auth import mask
from speeddata.retry import RetryPolicy
from wsserver import WsServer, redirect_to

SECRET = "q8Wf3nZ0vR5tY1uI7oP2aS4dF6gH8jK0lM2nB4vC6xZ"
KEY = f"sd_k7Qx2mPz_{SECRET}"
MASKED = "sd_k7Qx2mPz_…"
OTHER_KEY = "sd_other01_" + "A" * 43

EXPORT = "/api/v1/pivot/export"
JOB = "0b9a2d3e-0000-4000-8000-00000000000a"
STATUS = f"/api/v1/pivot/jobs/{JOB}"
DOWNLOAD = STATUS + "/download"
RANGE = {"start": "2025-01-23T14:00:00Z", "duration": "PT1H"}
DATA = b"\x89HDF\r\n\x1a\n" + os.urandom(200_000)
ETAG = '"' + hashlib.sha256(DATA).hexdigest() + '"'
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def leaks(text):
    """True when any 8 characters of the secret show up in ``text``."""
    return any(SECRET[i:i + 8] in text for i in range(len(SECRET) - 7))


def policy(**kwargs):
    kwargs.setdefault("max_attempts", 10)
    return RetryPolicy(rand=lambda: 1.0, **kwargs)


def pivot(fake, sleeps, **kwargs):
    kwargs.setdefault("retry", policy())
    kwargs.setdefault("websocket", False)
    return PivotClient(fake.url, sleep=sleeps, timeout=5, progress=False, **kwargs)


def problem(status, code, detail="", **headers):
    reply = Reply.problem(status, code, detail)
    reply.headers.update(headers)
    return reply


# -- the key ------------------------------------------------------------------------------------

def test_a_key_shows_itself_masked():
    key = ApiKey(KEY)
    assert repr(key) == f"ApiKey('{MASKED}')" and str(key) == MASKED and f"{key}" == MASKED
    assert key.key_id == "k7Qx2mPz" and key.masked == MASKED
    assert key.reveal() == KEY and key.authorization() == f"Bearer {KEY}"
    assert ApiKey(KEY) == key and ApiKey(OTHER_KEY) != key


def test_a_key_of_another_shape_masks_whole():
    assert mask("0123456789abcdef") == "…" and ApiKey("0123456789abcdef").key_id is None
    assert mask(f"Bearer {KEY}") == "…"


def test_surrounding_whitespace_is_dropped():
    assert ApiKey(f"  {KEY}\r\n").reveal() == KEY


@pytest.mark.parametrize("bad", [f"Bearer {KEY}", f"{KEY[:20]} {KEY[20:]}", f"{KEY}\r\nX-Evil: 1", f'"{KEY}"',
                                 KEY + "é", f"{KEY[:20]}\x00{KEY[20:]}"],
                         ids=["bearer-prefix", "space", "header-injection", "quoted", "non-ascii", "nul"])
def test_a_key_that_is_not_a_bearer_token_is_refused_without_showing_it(bad):
    with pytest.raises(ValueError, match="not a Bearer token") as caught:
        ApiKey(bad)
    assert not leaks(str(caught.value))


def test_the_key_comes_from_the_argument_else_the_environment():
    env = {"SPEEDDATA_API_KEY": OTHER_KEY}
    assert ApiKey.resolve(KEY, env).reveal() == KEY
    assert ApiKey.resolve(None, env).reveal() == OTHER_KEY
    assert ApiKey.resolve("", env) is None  # an empty key means none, whatever the environment says
    assert ApiKey.resolve(None, {"SPEEDDATA_API_KEY": " \n"}) is None
    assert ApiKey.resolve(None, {}) is None


# -- where the key goes ---------------------------------------------------------------------------

def test_clients_take_the_key_from_the_environment(fake, sleeps, monkeypatch):
    monkeypatch.setenv("SPEEDDATA_API_KEY", KEY)
    fake.route("GET", "/api/v1/channels", Reply.json({"channels": []}))
    fake.route("GET", "/v1/models", Reply.json([]))
    client = pivot(fake, sleeps)
    client.channels()
    ScoreClient(fake.url, sleep=sleeps).models()
    assert [r.header("Authorization") for r in fake.requests] == [f"Bearer {KEY}"] * 2
    assert MASKED in repr(client) and not leaks(repr(client)) and not leaks(repr(client.api_key))
    assert not leaks(repr(vars(client.transport)))


def test_an_explicit_key_beats_the_environment_and_an_empty_one_sends_none(fake, sleeps, monkeypatch):
    monkeypatch.setenv("SPEEDDATA_API_KEY", OTHER_KEY)
    fake.route("GET", "/api/v1/channels", Reply.json({"channels": []}))
    pivot(fake, sleeps, api_key=KEY).channels()
    pivot(fake, sleeps, api_key="").channels()
    assert [r.header("Authorization") for r in fake.requests] == [f"Bearer {KEY}", None]


def test_no_key_anywhere_sends_no_header(fake, sleeps):
    fake.route("GET", "/api/v1/channels", Reply.json({"channels": []}))
    client = pivot(fake, sleeps)
    client.channels()
    assert client.api_key is None and fake.requests[0].header("Authorization") is None
    assert repr(client) == f"PivotClient({fake.url!r})"


def resumable(cut_first_at):
    """The job download route: honours Range/If-Range; its first answer breaks off."""
    served = []

    def handler(request):
        served.append(request)
        headers = {"ETag": ETAG, "Accept-Ranges": "bytes", "Content-Type": "application/x-hdf5"}
        cut = cut_first_at if len(served) == 1 else None
        wanted = request.header("Range")
        if wanted and request.header("If-Range") == ETAG:
            first = int(re.match(r"bytes=(\d+)-", wanted).group(1))
            headers["Content-Range"] = f"bytes {first}-{len(DATA) - 1}/{len(DATA)}"
            return Reply(206, DATA[first:], headers, cut_at=cut)
        return Reply(200, DATA, headers, cut_at=cut)
    return handler


def job_routes(fake, download_url):
    fake.route("POST", EXPORT, Reply.json({"job_id": JOB, "status": "queued", "poll_url": STATUS}, 202,
                                          **{"Retry-After": "1"}))
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "running"}, **{"Retry-After": "1"}),
               Reply.json({"job_id": JOB, "status": "completed", "download_url": download_url,
                           "result": {"sha256": hashlib.sha256(DATA).hexdigest()}}))
    fake.route("GET", DOWNLOAD, resumable(cut_first_at=60_000))


def test_the_key_goes_with_every_request_of_a_job_export_including_the_resumed_download(fake, sleeps, tmp_path,
                                                                                      monkeypatch):
    """The job's download_url names another origin (the server's PUBLIC_URL): the client downloads
    from its own base URL, so the key is sent, and never to the other origin."""
    monkeypatch.setenv("SPEEDDATA_API_KEY", KEY)
    with FakeServer() as elsewhere:
        elsewhere.route("GET", DOWNLOAD, Reply(200, DATA))
        job_routes(fake, elsewhere.url + DOWNLOAD)
        result = pivot(fake, sleeps).export_to(tmp_path / "out.h5", RANGE, ["ch1"])
        assert elsewhere.requests == []
    assert (tmp_path / "out.h5").read_bytes() == DATA and result.job_id == JOB
    downloads = fake.calls("GET", DOWNLOAD)
    assert len(downloads) == 2 and downloads[1].header("Range") is not None  # the resume
    assert [r.path for r in fake.requests] == [EXPORT, STATUS, STATUS, DOWNLOAD, DOWNLOAD]
    assert all(r.header("Authorization") == f"Bearer {KEY}" for r in fake.requests)


def test_the_websocket_handshake_carries_the_key_in_a_header_not_the_url(fake, sleeps, monkeypatch):
    pytest.importorskip("websockets")
    monkeypatch.setenv("SPEEDDATA_API_KEY", KEY)
    job_routes(fake, DOWNLOAD)
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "completed",
                                          "result": {"sha256": hashlib.sha256(DATA).hexdigest()}}))
    script = [{"type": "state", "job_id": JOB, "status": "running", "progress": {"percent": 50, "message": ""}},
              {"type": "complete", "download_url": DOWNLOAD}]
    with WsServer(script) as server:
        client = pivot(fake, sleeps, websocket=True)
        client.waiter.messages = redirect_to(server.port)
        assert client.export(RANGE, ["ch1"]) == DATA
    assert client.waiter.last_route == "websocket"
    assert server.headers == [f"Bearer {KEY}"]
    assert server.paths == [STATUS + "/stream"]  # no key, no ticket in the URL
    assert all(r.header("Authorization") == f"Bearer {KEY}" for r in fake.requests)


def test_the_handshake_header_argument_follows_the_websockets_release():
    def legacy(uri, *, origin=None, extra_headers=None, open_timeout=10): ...

    def current(uri, *, origin=None, additional_headers=None, open_timeout=10): ...

    class LegacyConnect:  # websockets 10.x: connect is a class
        def __init__(self, uri, *, extra_headers=None): ...

    assert ws.headers_argument(legacy) == "extra_headers"
    assert ws.headers_argument(LegacyConnect) == "extra_headers"
    assert ws.headers_argument(current) == "additional_headers"
    assert ws.headers_argument(len) == "additional_headers"  # no signature to read: today's spelling


def test_the_installed_websockets_gets_the_spelling_it_knows():
    websockets = pytest.importorskip("websockets")
    major = int(websockets.__version__.split(".")[0])
    try:
        from websockets.sync.client import connect as sync_connect
    except ImportError:  # before 12: the asyncio client only, which spells it extra_headers up to 13
        assert ws.headers_argument(websockets.connect) == ("extra_headers" if major < 14 else "additional_headers")
    else:
        assert ws.headers_argument(sync_connect) == "additional_headers"


# -- 401, 403 -------------------------------------------------------------------------------------

def test_401_is_unauthorized_names_the_key_masked_and_is_not_retried(fake, sleeps):
    fake.route("GET", "/api/v1/channels", problem(401, "UNAUTHENTICATED", "missing or invalid API key",
                                                  **{"WWW-Authenticate": "Bearer"}))
    with pytest.raises(Unauthorized) as caught:
        pivot(fake, sleeps, api_key=KEY).channels()
    error = caught.value
    assert error.status == 401 and error.code == "UNAUTHENTICATED"
    assert error.headers["WWW-Authenticate"] == "Bearer"
    assert MASKED in str(error) and not leaks(str(error)) and not leaks(repr(error))
    assert len(fake.requests) == 1 and sleeps == []


def test_401_without_a_key_says_how_to_give_one(fake, sleeps):
    fake.route("GET", "/api/v1/channels", problem(401, "UNAUTHENTICATED"))
    with pytest.raises(Unauthorized, match="SPEEDDATA_API_KEY"):
        pivot(fake, sleeps).channels()


def test_403_is_forbidden_and_is_not_retried(fake, sleeps):
    fake.route("POST", "/v1/score", problem(403, "FORBIDDEN", "this key's tier may not use /v1/score"))
    with pytest.raises(Forbidden) as caught:
        ScoreClient(fake.url, KEY, sleep=sleeps, retry=policy()).score(["Acme up"])
    assert caught.value.code == "FORBIDDEN" and MASKED in str(caught.value)
    assert len(fake.requests) == 1 and sleeps == []


def test_a_key_echoed_by_the_server_is_masked_in_the_error(fake, sleeps):
    fake.route("GET", "/api/v1/channels", problem(401, "UNAUTHENTICATED", f"bad key {KEY}"))
    with pytest.raises(Unauthorized) as caught:
        pivot(fake, sleeps, api_key=KEY).channels()
    error = caught.value
    assert not leaks(str(error)) and not leaks(error.detail) and not leaks(json.dumps(error.problem))
    assert error.detail == f"bad key {MASKED}"


# -- 429 ------------------------------------------------------------------------------------------

POLICY_HEADERS = {"RateLimit-Policy": '"score";q=5;w=1', "RateLimit": '"score";r=0;t=1'}


def rate_limited(retry_after, code="RATE_LIMITED"):
    return problem(429, code, "slow down", **{"Retry-After": str(retry_after), **POLICY_HEADERS})


def test_429_is_retried_after_retry_after_then_succeeds(fake, sleeps):
    fake.route("POST", "/v1/score", rate_limited(1), rate_limited(2), Reply.json({"results": []}))
    assert ScoreClient(fake.url, KEY, sleep=sleeps, retry=policy()).score(["Acme up"]) == {"results": []}
    assert sleeps == [1.0, 2.0]
    assert [r.header("Authorization") for r in fake.requests] == [f"Bearer {KEY}"] * 3


def test_429_gives_up_after_three_retries_with_too_many_requests(fake, sleeps):
    fake.route("POST", "/v1/score", rate_limited(1))
    with pytest.raises(TooManyRequests) as caught:
        ScoreClient(fake.url, KEY, sleep=sleeps, retry=policy()).score(["Acme up"])
    error = caught.value
    assert isinstance(error, RateLimited) and TooManyRequests is RateLimited
    assert error.code == "RATE_LIMITED" and error.retry_after == 1.0 and not error.quota_exceeded
    assert error.rate_limit_policy == '"score";q=5;w=1' and error.rate_limit == '"score";r=0;t=1'
    assert sleeps == [1.0, 1.0, 1.0] and len(fake.requests) == 4  # max_attempts (10) was not the bound
    assert not leaks(str(error))


def test_429_retries_stop_at_the_total_wait_cap(fake, sleeps):
    fake.route("POST", "/v1/score", rate_limited(25))
    with pytest.raises(RateLimited):
        ScoreClient(fake.url, sleep=sleeps, retry=policy(max_rate_limited_wait=60)).score(["Acme up"])
    assert sleeps == [25.0, 25.0] and len(fake.requests) == 3  # a third wait would pass 60 s


def test_a_full_job_queue_is_quota_exceeded(fake, sleeps):
    fake.route("POST", EXPORT, rate_limited(3600, code="QUOTA_EXCEEDED"))
    with pytest.raises(RateLimited) as caught:
        pivot(fake, sleeps).submit(RANGE, ["ch1"])
    assert caught.value.quota_exceeded and caught.value.retry_after == 3600.0
    assert sleeps == [] and len(fake.requests) == 1  # over max_retry_after: raised at once


# -- command line ---------------------------------------------------------------------------------

def cli_run(fake, *args):
    return cli.main([args[0], "--url", fake.url, "--retries", "4", "-q", *args[1:]])


def test_cli_takes_the_key_from_the_environment_or_api_key(fake, monkeypatch, capsys):
    fake.route("GET", "/v1/models", Reply.json([]))
    monkeypatch.setenv("SPEEDDATA_API_KEY", KEY)
    assert cli_run(fake, "models") == 0
    assert cli_run(fake, "models", "--api-key", OTHER_KEY) == 0
    assert [r.header("Authorization") for r in fake.requests] == [f"Bearer {KEY}", f"Bearer {OTHER_KEY}"]
    assert not leaks(capsys.readouterr().out)


@pytest.mark.parametrize("reply, code", [
    (problem(401, "UNAUTHENTICATED", **{"WWW-Authenticate": "Bearer"}), 8),
    (problem(403, "FORBIDDEN"), 8),
    (rate_limited(0), 4),
    (rate_limited(0, code="QUOTA_EXCEEDED"), 4),
], ids=["401", "403", "429", "429-quota"])
def test_cli_exit_codes_and_the_key_never_printed(fake, capsys, reply, code):
    fake.route("GET", "/v1/models", reply)
    assert cli_run(fake, "models", "--api-key", KEY) == code
    out, err = capsys.readouterr()
    assert err.startswith("speeddata: error: ") and not leaks(out + err)
    if code == 8:
        assert MASKED in err


def test_cli_a_malformed_key_is_a_usage_error_shown_masked(fake, capsys):
    with pytest.raises(SystemExit) as caught:
        cli_run(fake, "models", "--api-key", f"{KEY} trailing")
    assert caught.value.code == 2 and fake.requests == []
    err = capsys.readouterr().err
    assert "not a Bearer token" in err and MASKED in err and not leaks(err)


def test_cli_verbose_run_prints_no_key(fake, tmp_path):
    """A whole verbose export in a child process: retries, the refused WebSocket upgrade, the
    fallback to polling and a final 401 are all logged; the key shows nowhere."""
    fake.route("POST", EXPORT, rate_limited(0),
               Reply.json({"job_id": JOB, "status": "queued", "poll_url": STATUS}, 202, **{"Retry-After": "0"}))
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "completed"}))
    fake.route("GET", DOWNLOAD, problem(401, "UNAUTHENTICATED", f"revoked: {KEY}"))
    env = dict(os.environ, SPEEDDATA_API_KEY=KEY, PYTHONPATH=str(PACKAGE_DIR))
    done = subprocess.run([sys.executable, "-m", "speeddata", "export", "--url", fake.url, "-v", "-q",
                           "--start", "2025-01-23T14:00:00Z", "--duration", "PT1H", "--channels", "ch1",
                           "-o", str(tmp_path / "o.h5")], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 8, done.stderr
    assert "RATE_LIMITED; retry 1" in done.stderr
    assert "polling instead" in done.stderr or not ws.available()  # the upgrade the fake server refused
    assert MASKED in done.stderr and not leaks(done.stdout + done.stderr)
    assert all(r.header("Authorization") == f"Bearer {KEY}" for r in fake.requests)
