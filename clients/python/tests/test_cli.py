"""``python -m speeddata``: arguments, output and the exit codes a scheduler acts on."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from fakeserver import Reply, closed_port
from speeddata import cli, errors

EXPORT = "/api/v1/pivot/export"
JOB = "0b9a2d3e-0000-4000-8000-000000000002"
STATUS = f"/api/v1/pivot/jobs/{JOB}"
DATA = b"\x89HDF\r\n\x1a\n" + b"x" * 5000
RANGE_ARGS = ["--start", "2025-01-23T14:00:00Z", "--duration", "PT1H", "--channels", "ch1,ch2"]


def run(fake_url, *args):
    return cli.main([args[0], "--url", fake_url, "--retries", "1", "-q", *args[1:]])


def job_routes(fake, final="completed", **status_extra):
    fake.route("POST", EXPORT, Reply.json({"job_id": JOB, "status": "queued", "poll_url": STATUS}, 202,
                                          **{"Retry-After": "0"}))
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": final, "download_url": STATUS + "/download",
                                          "result": {"sha256": hashlib.sha256(DATA).hexdigest()}, **status_extra},
                                         **({"Retry-After": "1"} if final == "running" else {})))
    fake.route("GET", STATUS + "/download", Reply(200, DATA, {"Content-Type": "application/x-hdf5"}))


def test_export_inline_writes_the_file_and_prints_a_summary(fake, tmp_path, capsys):
    fake.route("POST", EXPORT, Reply(200, DATA, {"Content-Type": "application/x-hdf5"}))
    out = tmp_path / "out.h5"
    assert run(fake.url, "export", *RANGE_ARGS, "-o", str(out), "--interval", "PT1S",
               "--signals", "ch1/voltage,ch1/current,ch2/*", "--fill", '{"ch1/voltage": "previous"}') == 0
    assert out.read_bytes() == DATA
    summary = json.loads(capsys.readouterr().out)
    assert summary["route"] == "inline" and summary["bytes"] == len(DATA) and summary["job_id"] is None
    body = fake.calls("POST", EXPORT)[0].json()
    assert body["time_range"] == {"start": "2025-01-23T14:00:00Z", "duration": "PT1H"}
    assert body["channels"] == ["ch1", "ch2"]
    assert body["signals"] == {"ch1": ["voltage", "current"], "ch2": "*"}
    assert body["fill"] == {"ch1/voltage": "previous"} and body["interval"] == "PT1S"


def test_export_through_a_job(fake, tmp_path, capsys):
    job_routes(fake)
    assert run(fake.url, "export", *RANGE_ARGS, "--no-websocket", "-o", str(tmp_path / "o.h5")) == 0
    assert json.loads(capsys.readouterr().out)["job_id"] == JOB


def test_csv_is_inferred_from_the_output_name(fake, tmp_path):
    fake.route("POST", EXPORT, Reply(200, b"time,ch1/v\n", {"Content-Type": "text/csv"}))
    assert run(fake.url, "export", *RANGE_ARGS, "-o", str(tmp_path / "o.csv")) == 0
    assert fake.calls("POST", EXPORT)[0].json()["format"] == "csv"


@pytest.mark.parametrize("reply, code", [
    (Reply.problem(404, "UNKNOWN_SIGNAL", "unknown channel or signal: ch2"), 3),
    (Reply.problem(400, "INVALID_REQUEST", "bad"), 3),
    (Reply.problem(413, "EXPORT_TOO_LARGE"), 3),
    (Reply.problem(503, "QUEUE_FULL", retry_after=0), 4),
    (Reply.problem(429, "RATE_LIMITED", retry_after=0), 4),
    (Reply.problem(500, "INTERNAL_ERROR"), 4),
    (Reply(502, b"<html>bad gateway</html>", {"Content-Type": "text/html"}), 4),
])
def test_http_errors_map_to_exit_codes(fake, tmp_path, capsys, reply, code):
    fake.route("POST", EXPORT, reply)
    assert run(fake.url, "export", *RANGE_ARGS, "-o", str(tmp_path / "o.h5")) == code
    assert capsys.readouterr().err.startswith("speeddata: error: ")
    assert not (tmp_path / "o.h5").exists()


@pytest.mark.parametrize("final", ["failed", "cancelled", "expired"])
def test_job_failures_exit_5(fake, tmp_path, final):
    job_routes(fake, final, error={"code": "EXPORT_FAILED", "message": "boom"})
    assert run(fake.url, "export", *RANGE_ARGS, "--no-websocket", "-o", str(tmp_path / "o.h5")) == 5


def test_wait_timeout_exits_7(fake, tmp_path, capsys):
    job_routes(fake, "running")
    assert run(fake.url, "export", *RANGE_ARGS, "--no-websocket", "--wait-timeout", "0.2",
               "-o", str(tmp_path / "o.h5")) == 7
    assert JOB in capsys.readouterr().err


def test_connection_refused_exits_6(tmp_path):
    assert cli.main(["export", "--url", f"http://127.0.0.1:{closed_port()}", "--retries", "0", *RANGE_ARGS,
                     "-o", str(tmp_path / "o.h5")]) == 6


@pytest.mark.parametrize("args", [
    ["export", "--channels", "ch1", "-o", "x.h5"],  # no time range
    ["export", *RANGE_ARGS, "--signals", "voltage", "-o", "x.h5"],  # not channel/signal
    ["export", "--start", "2025-01-23T14:00:00Z", "-o", "x.h5"],  # no --channels
    ["export", *RANGE_ARGS, "--fill", "{oops", "-o", "x.h5"],
    ["jobs", "download", JOB],  # no -o
    ["jobs", "status"],  # no id
    ["score"],  # no headlines
    ["frobnicate"],
])
def test_usage_errors_exit_2(fake, args):
    with pytest.raises(SystemExit) as caught:
        cli.main([*args[:1], "--url", fake.url, *args[1:]] if args[0] != "frobnicate" else args)
    assert caught.value.code == 2
    assert fake.requests == []


def test_jobs_subcommands(fake, tmp_path, capsys):
    job_routes(fake)
    fake.route("GET", "/api/v1/pivot/jobs", Reply.json({"jobs": [{"job_id": JOB}]}))
    fake.route("DELETE", STATUS, Reply.problem(409, "JOB_ALREADY_DONE"))
    assert run(fake.url, "jobs", "list") == 0
    assert json.loads(capsys.readouterr().out) == [{"job_id": JOB}]
    assert run(fake.url, "jobs", "status", JOB) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "completed"
    assert run(fake.url, "jobs", "download", JOB, "-o", str(tmp_path / "d.h5")) == 0
    assert (tmp_path / "d.h5").read_bytes() == DATA
    assert run(fake.url, "jobs", "cancel", JOB) == 3


def test_score_and_models(fake, tmp_path, capsys):
    fake.route("POST", "/v1/score", lambda r: Reply.json({"model_sha": "f" * 64, "results": [
        {"id": str(i), "score": 0.0, "label": "neutral"} for i, _ in enumerate(r.json()["headlines"])]}))
    fake.route("GET", "/v1/models", Reply.json([{"model_sha": "f" * 64, "name": "finance", "default": True}]))
    headlines = tmp_path / "h.txt"
    headlines.write_text("Acme up\n\nAcme down\n")
    assert run(fake.url, "score", "Third one", "--file", str(headlines), "--model", "f" * 64) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]) == 3
    assert fake.calls("POST", "/v1/score")[0].json()["headlines"] == ["Third one", "Acme up", "Acme down"]
    assert run(fake.url, "models") == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "finance"


@pytest.mark.parametrize("error, code", [
    (errors.NotFound("x", status=404), 3), (errors.RateLimited("x", status=429), 4),
    (errors.ServiceUnavailable("x", status=503), 4), (errors.ServerError("x", status=500), 4),
    (errors.JobFailed("x"), 5), (errors.JobCancelled("x"), 5), (errors.JobExpired("x", status=410), 5),
    (errors.ConnectionFailed("x"), 6), (errors.IntegrityError("x"), 6), (errors.JobWaitTimeout("x"), 7),
    (errors.Unauthorized("x", status=401), 8), (errors.Forbidden("x", status=403), 8),
    (OSError("disk full"), 1),
])
def test_exit_code_for(error, code):
    assert cli.exit_code_for(error) == code


def test_module_entry_point_help_lists_exit_codes():
    done = subprocess.run([sys.executable, "-m", "speeddata", "--help"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert done.returncode == 0
    assert "exit codes:" in done.stdout and "6 no usable answer" in done.stdout
    assert "8 the API key was refused" in done.stdout
