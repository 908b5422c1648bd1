"""``python -m speeddata``: exports, estimates, jobs and scoring from a shell or a scheduler.

Results go to stdout as JSON (one document), progress and errors to stderr. The exit code
tells a scheduler what to do next; see EXIT_CODES.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import Any, Callable, Optional, Sequence

from . import __version__
from .auth import ENV_VAR
from .errors import (ClientError, ConnectionFailed, Forbidden, IntegrityError, JobError, JobWaitTimeout, RateLimited,
                     ServerError, SpeedDataError, Unauthorized)
from .pivot import PivotClient
from .retry import RetryPolicy
from .score import ScoreClient

__all__ = ["main", "EXIT_CODES"]

OK, FAILURE, USAGE, CLIENT_ERROR, SERVER_ERROR, JOB_ERROR, CONNECTION_ERROR, WAIT_TIMEOUT = 0, 1, 2, 3, 4, 5, 6, 7
AUTH_ERROR = 8
EXIT_CODES = {
    OK: "success",
    FAILURE: "unexpected failure (local I/O error, bug): see the message",
    USAGE: "bad command line",
    CLIENT_ERROR: "the service refused the request (4xx other than 401/403/429): fix the request, do not retry as is",
    SERVER_ERROR: "the service failed or is unavailable (5xx, or 429 after retries): retry later",
    JOB_ERROR: "the job failed, was cancelled, or its result expired",
    CONNECTION_ERROR: "no usable answer (connection refused/reset/timed out, corrupted download): retry later",
    WAIT_TIMEOUT: "--wait-timeout passed; the job is still running (its id is in the message)",
    AUTH_ERROR: "the API key was refused: missing, unknown, revoked or expired (401), or its tier may not use "
                "this (403): fix the key, do not retry as is",
}


class _Usage(Exception):
    """A command line that parses but makes no sense."""


def exit_code_for(error: BaseException) -> int:
    """The exit code for an error raised by the client."""
    if isinstance(error, JobWaitTimeout):
        return WAIT_TIMEOUT
    if isinstance(error, JobError):
        return JOB_ERROR
    if isinstance(error, (ConnectionFailed, IntegrityError)):
        return CONNECTION_ERROR
    if isinstance(error, (Unauthorized, Forbidden)):
        return AUTH_ERROR
    if isinstance(error, (ServerError, RateLimited)):
        return SERVER_ERROR
    if isinstance(error, ClientError):
        return CLIENT_ERROR
    if isinstance(error, SpeedDataError):
        return SERVER_ERROR if (error.status or 0) >= 500 else FAILURE
    return FAILURE


# -- argument parsing ----------------------------------------------------------------------

def _add_connection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default=os.environ.get("SPEEDDATA_URL", "http://localhost:8000"),
                        help="service base URL (env SPEEDDATA_URL; default %(default)s)")
    parser.add_argument("--api-key", metavar="KEY",
                        help=f"API key sd_<key_id>_<secret>, multi-user mode only (default: env {ENV_VAR}, "
                             "which other users cannot see in the process list)")
    parser.add_argument("--http-timeout", type=float, default=120.0, metavar="SECONDS",
                        help="per-request socket timeout (default %(default)s)")
    parser.add_argument("--retries", type=int, default=4, metavar="N",
                        help="retries of a refused or broken request, with backoff (default %(default)s)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument("-v", "--verbose", action="store_true", help="log retries and fallbacks on stderr")


def _add_wait(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait-timeout", type=float, metavar="SECONDS",
                        help="give up waiting for a job after this long (exit 7; the job goes on)")
    parser.add_argument("--no-websocket", action="store_true", help="poll job status instead of the WebSocket")


def _add_request(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("time range (one of the contract's forms)")
    group.add_argument("--start", help="RFC 3339 instant with a zone, e.g. 2025-01-23T14:00:00Z")
    group.add_argument("--end", help="RFC 3339 instant (exclusive)")
    group.add_argument("--duration", help="ISO 8601 duration, e.g. PT1H")
    group.add_argument("--preset", help="last_hour, last_24_hours, today, yesterday, ...")
    group.add_argument("--timezone", help="IANA zone for calendar presets")
    parser.add_argument("--channels", required=True, help="comma-separated channel names")
    parser.add_argument("--signals", help="comma-separated channel/signal (or channel/*); default all signals")
    parser.add_argument("--interval", help="grid step, ISO 8601 (default: the smallest sample period)")
    parser.add_argument("--fill", help="linear, previous, nearest, none, or JSON {\"ch/sig\": \"previous\"}")
    parser.add_argument("--aggregate", choices=["mean", "min", "max", "first", "last"])
    parser.add_argument("--max-gap", help="no fill bridges more than this ISO 8601 duration (PT5S), or JSON per signal")
    parser.add_argument("--quality", action="store_true", default=None,
                        help="add a flag per cell: 0 observed, 1 filled, 2 missing")
    parser.add_argument("--format", choices=["hdf5", "csv"], help="default hdf5 (csv when -o ends in .csv)")
    parser.add_argument("--layout", choices=["aligned", "raw"])
    parser.add_argument("--execution", choices=["auto", "sync", "async"])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m speeddata", description="SpeedData client for pipelines.",
        epilog="exit codes: " + "; ".join(f"{code} {text}" for code, text in EXIT_CODES.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"speeddata {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    export = commands.add_parser("export", help="export to a file (inline or through a job)")
    _add_connection(export)
    _add_request(export)
    _add_wait(export)
    export.add_argument("-o", "--output", required=True, help="file to write (written whole or not at all)")
    export.add_argument("--idempotency-key", help="reuse to make a re-run of this command join the same job")
    export.set_defaults(run=_export)

    estimate = commands.add_parser("estimate", help="size an export without running it")
    _add_connection(estimate)
    _add_request(estimate)
    estimate.set_defaults(run=_estimate)

    jobs = commands.add_parser("jobs", help="list, inspect, wait for, cancel or download export jobs")
    _add_connection(jobs)
    _add_wait(jobs)
    jobs.add_argument("action", choices=["list", "status", "wait", "cancel", "download"])
    jobs.add_argument("job_id", nargs="?")
    jobs.add_argument("-o", "--output", help="file for download")
    jobs.set_defaults(run=_jobs)

    score = commands.add_parser("score", help="score headlines (arguments, or one per line from --file)")
    _add_connection(score)
    score.add_argument("headlines", nargs="*")
    score.add_argument("--file", help="file of headlines, one per line ('-' for stdin)")
    score.add_argument("--model", help="model SHA (default: the service's default model)")
    score.set_defaults(run=_score)

    models = commands.add_parser("models", help="list the scoring models")
    _add_connection(models)
    models.set_defaults(run=_models)
    return parser


# -- commands ------------------------------------------------------------------------------

def _retry(args: argparse.Namespace) -> RetryPolicy:
    if args.retries < 0:
        raise _Usage("--retries must be 0 or more")
    return RetryPolicy(max_attempts=args.retries + 1)


def _pivot(args: argparse.Namespace) -> PivotClient:
    try:
        return PivotClient(args.url, args.api_key, timeout=args.http_timeout, retry=_retry(args),
                           progress=False if args.quiet else None, websocket=not getattr(args, "no_websocket", False))
    except ValueError as e:  # a bad --url or --api-key (the message shows the key masked)
        raise _Usage(str(e)) from e


def _scorer(args: argparse.Namespace) -> ScoreClient:
    try:
        return ScoreClient(args.url, args.api_key, timeout=args.http_timeout, retry=_retry(args))
    except ValueError as e:
        raise _Usage(str(e)) from e


def _request_fields(args: argparse.Namespace) -> dict[str, Any]:
    time_range = {key: getattr(args, key) for key in ("start", "end", "duration", "preset", "timezone")
                  if getattr(args, key)}
    if not time_range or set(time_range) == {"timezone"}:
        raise _Usage("give a time range: --start/--end, --start/--duration, --end/--duration, --duration or --preset")
    channels = [c.strip() for c in args.channels.split(",") if c.strip()]
    if not channels:
        raise _Usage("--channels names no channel")
    signals: Optional[dict[str, Any]] = None
    if args.signals:
        signals = {}
        for item in args.signals.split(","):
            channel, sep, signal = item.strip().partition("/")
            if not sep or not channel or not signal:
                raise _Usage(f"--signals item {item!r} is not channel/signal")
            if signal == "*":
                signals[channel] = "*"
            elif signals.get(channel) != "*":
                signals.setdefault(channel, []).append(signal)
    return {"time_range": time_range, "channels": channels, "signals": signals, "interval": args.interval,
            "fill": _json_or_text(args.fill, "--fill"), "aggregate": args.aggregate, "format": args.format,
            "layout": args.layout, "execution": args.execution,
            "max_gap": _json_or_text(args.max_gap, "--max-gap"), "quality": args.quality}


def _json_or_text(value: Optional[str], option: str) -> Any:
    """A per-signal JSON object, or the text as it is."""
    if value and value.lstrip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError as e:
            raise _Usage(f"{option} is not valid JSON: {e}") from e
    return value


def _print(document: Any) -> None:
    json.dump(document, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()


def _export(args: argparse.Namespace) -> int:
    fields = _request_fields(args)
    if fields["format"] is None and args.output.lower().endswith(".csv"):
        fields["format"] = "csv"
    result = _pivot(args).export_to(args.output, idempotency_key=args.idempotency_key,
                                    timeout=args.wait_timeout, **fields)
    _print({"path": str(result.path), "bytes": result.bytes, "content_type": result.content_type,
            "route": result.route, "job_id": result.job_id})
    return OK


def _estimate(args: argparse.Namespace) -> int:
    _print(_pivot(args).estimate(**_request_fields(args)))
    return OK


def _jobs(args: argparse.Namespace) -> int:
    client = _pivot(args)
    if args.action == "list":
        _print(client.jobs())
        return OK
    if not args.job_id:
        raise _Usage(f"jobs {args.action} needs a job id")
    if args.action == "status":
        _print(client.status(args.job_id))
    elif args.action == "wait":
        _print(client.wait(args.job_id, timeout=args.wait_timeout))
    elif args.action == "cancel":
        _print(client.cancel(args.job_id))
    else:
        if not args.output:
            raise _Usage("jobs download needs -o FILE")
        result = client.download_to(args.job_id, args.output)
        _print({"path": str(result.path), "bytes": result.bytes, "content_type": result.content_type,
                "job_id": args.job_id, "sha256": result.sha256})
    return OK


def _score(args: argparse.Namespace) -> int:
    headlines = list(args.headlines)
    if args.file:
        stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
        with stream:
            headlines += [line.strip() for line in stream if line.strip()]
    if not headlines:
        raise _Usage("no headlines: give them as arguments or with --file")
    _print(_scorer(args).score(headlines, model_sha=args.model))
    return OK


def _models(args: argparse.Namespace) -> int:
    _print(_scorer(args).models())
    return OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a bad command line
    if getattr(args, "verbose", False):
        logging.basicConfig(level=logging.INFO, format="speeddata: %(message)s", stream=sys.stderr)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except _Usage as e:
        parser.error(str(e))  # exits 2
    except (SpeedDataError, OSError, ValueError) as e:
        code = exit_code_for(e)
        prefix = "" if isinstance(e, SpeedDataError) else f"{type(e).__name__}: "
        print(f"speeddata: error: {prefix}{e}{_job_goes_on(e)}", file=sys.stderr)
        if isinstance(e, SpeedDataError) and e.problem and getattr(args, "verbose", False):
            print(json.dumps(e.problem, indent=2), file=sys.stderr)
        return code
    except KeyboardInterrupt as e:
        print("speeddata: interrupted" + _job_goes_on(e), file=sys.stderr)
        return 130
    return OK


def _job_goes_on(interrupted: BaseException) -> str:
    """What to do about the job an interrupted export leaves running on the server."""
    job_id = getattr(interrupted, "job_id", None)
    if not job_id:
        return ""
    return (f"; job {job_id} goes on on the server: run the same command again to pick it up where it stopped "
            f"(the download resumes), or cancel it with: speeddata jobs cancel {job_id}")


def run() -> None:
    """Console-script entry point (``speeddata ...`` once pip-installed)."""
    raise SystemExit(main())
