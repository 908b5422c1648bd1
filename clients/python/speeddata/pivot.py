"""``PivotClient``: catalog, ingest, and pivot exports that come back the same way whether
the server answers inline (200) or queues a job (202)."""
from __future__ import annotations

import io
import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Mapping, Optional, Sequence, Union

from . import frames, ingest, wire
from .auth import ApiKey
from .base import DEFAULT_URL, BaseClient
from .download import download
from .errors import ConnectionFailed, JobWaitTimeout, MissingDependency, SpeedDataError
from .jobs import JOBS_PATH, JobWaiter, job_path
from .progress import ProgressArg
from .resume import ExportState
from .retry import RetryPolicy, parse_retry_after
from .transport import CHUNK, Response

__all__ = ["PivotClient", "ExportResult"]

EXPORT_PATH = "/api/v1/pivot/export"
ESTIMATE_PATH = "/api/v1/pivot/estimate"
_JOBS_PAGE = 1000  # the server's largest page
_FILE_ACCEPT = "application/x-hdf5, text/csv, application/json, application/problem+json"

Channels = Union[str, Sequence[str]]
Signals = Optional[Mapping[str, Union[str, Sequence[str]]]]
PathArg = Union[str, "os.PathLike[str]"]


@dataclass
class ExportResult:
    """What :meth:`PivotClient.export_to` wrote. ``job_id`` is None for an inline export."""

    path: Path
    bytes: int
    content_type: Optional[str]
    job_id: Optional[str]
    sha256: Optional[str] = None

    @property
    def route(self) -> str:
        return "inline" if self.job_id is None else "job"


@dataclass
class _Inline:
    content_type: Optional[str]
    size: int


@dataclass
class _Queued:
    accepted: dict[str, Any]
    retry_after: Optional[float]


class PivotClient(BaseClient):
    """Client of the pivot export API.

    >>> client = PivotClient("http://localhost:8000")
    >>> data = client.export({"start": "2025-01-23T14:00:00Z", "duration": "PT1H"}, ["ch1", "ch2"])

    ``websocket``: follow jobs over the WebSocket stream when the ``websockets`` package is
    installed (else, or when the socket fails, by polling). ``poll_interval``: seconds between
    polls when the server sends no ``Retry-After``.
    """

    def __init__(self, base_url: str = DEFAULT_URL, api_key: Union[str, ApiKey, None] = None, *,
                 timeout: float = 120.0,
                 retry: Optional[RetryPolicy] = None, progress: ProgressArg = None, websocket: bool = True,
                 poll_interval: float = 1.0, **kwargs: Any) -> None:
        super().__init__(base_url, api_key, timeout=timeout, retry=retry, progress=progress, **kwargs)
        self.waiter = JobWaiter(self.transport, websocket=websocket, poll_interval=poll_interval)

    # -- catalog and ingest -----------------------------------------------------------------

    def channels(self) -> list[dict[str, Any]]:
        """Every channel with its signals (unit, rate, first/last instant, sample count)."""
        return self.transport.request("GET", "/api/v1/channels")["channels"]

    def define_signal(self, channel: str, signal: str, *, unit: Optional[str] = None,
                      sample_rate_hz: Optional[float] = None, description: Optional[str] = None) -> dict[str, Any]:
        """Creates or updates a signal (``sample_rate_hz=None``: irregular). PUT: safe to retry."""
        body: dict[str, Any] = {"sample_rate_hz": sample_rate_hz}
        if unit is not None:
            body["unit"] = unit
        if description is not None:
            body["description"] = description
        return self.transport.request("PUT", _signal_path(channel, signal), json_body=body)

    def ingest(self, channel: str, signal: str, values: Iterable[Any], *, start: Any = None,
               timestamps: Any = None) -> int:
        """Stores samples and returns how many were accepted.

        Either ``start`` (regular signals: sample i at start + i / rate) or ``timestamps``
        (int ns, RFC 3339 strings, zone-aware datetimes, a tz-aware DatetimeIndex). NaN and
        None store gaps. One request per call: keep it under the server's INGEST_MAX_BYTES
        (64 MiB, about 3 million samples). Not retried once sent (it is a POST).
        """
        if (start is None) == (timestamps is None):
            raise ValueError("give exactly one of start= and timestamps=")
        body: dict[str, Any] = {"values": wire.values(values)}
        if start is not None:
            body["start"] = wire.instant(start)
        else:
            body["timestamps"] = wire.timestamps(timestamps)
            if len(body["timestamps"]) != len(body["values"]):
                raise ValueError(f"{len(body['timestamps'])} timestamps for {len(body['values'])} values")
        answer = self.transport.request("POST", _signal_path(channel, signal) + "/samples", json_body=body)
        return int(answer["accepted"])

    def ingest_dataframe(self, frame: Any, channel: str) -> int:
        """Stores every column of ``frame`` (a tz-aware DatetimeIndex; one float column per signal, named
        after the signal, which must be defined) in ``channel``, and returns how many samples were accepted.

        Large frames are split into requests well under the server's ingest limit. A regular signal's column
        whose rows sit on its grid, without NaN, goes as binary float64 (8 bytes a sample); other columns go as
        JSON with ns timestamps, NaN as a stored gap. Each request replaces samples at the same timestamps, so a
        call that failed part way can be sent again whole. Needs pandas and numpy.
        """
        import numpy as np

        times = np.asarray(wire.timestamps(frame.index), dtype="int64")
        rates = {s["name"]: s.get("sample_rate_hz") for c in self.channels() if c["name"] == channel
                 for s in c["signals"]}
        accepted = 0
        for signal in frame.columns:
            if signal not in rates:
                raise ValueError(f"signal {channel}/{signal} is not defined: define_signal() it first")
            values = frame[signal].to_numpy(dtype="float64")
            for part in ingest.parts(times, values, rates[signal]):
                path = _signal_path(channel, str(signal)) + "/samples"
                if part.binary is not None:
                    answer = self.transport.request("POST", path, body=part.binary,
                                                    query={"start": wire.format_ns(part.start_ns)},
                                                    headers={"Content-Type": "application/octet-stream"},
                                                    idempotent=True)
                else:
                    answer = self.transport.request("POST", path, json_body=part.json, idempotent=True)
                accepted += int(answer["accepted"])
        return accepted

    def delete_signal(self, channel: str, signal: str) -> None:
        """Removes the signal and every sample of it. Defining it again gives an empty signal; an export
        job reading it fails with ``UNKNOWN_SIGNAL``. Raises NotFound for an unknown signal (which a
        retry after a dropped connection can also meet, when the first attempt had already deleted it)."""
        self.transport.request("DELETE", _signal_path(channel, signal), reader=lambda response: None)

    def delete_samples(self, channel: str, signal: str, start: Any, end: Any) -> int:
        """Removes the signal's samples in ``[start, end)`` and returns how many there were.

        ``start`` and ``end``: zone-aware datetimes or pandas Timestamps, RFC 3339 strings, or int ns
        since the epoch; ``start == end`` deletes nothing, ``end < start`` is a BadRequest. Samples
        outside the range stay, so a wrong stretch of an ingest can be cut out and sent again. A retry
        after a dropped connection answers what that attempt found (0 if the first one had deleted them).
        """
        answer = self.transport.request("DELETE", _signal_path(channel, signal) + "/samples",
                                        query={"start": _query_instant(start), "end": _query_instant(end)})
        return int(answer["deleted"])

    # -- export -----------------------------------------------------------------------------

    @staticmethod
    def export_request(time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None, *,
                       interval: Any = None, fill: Any = None, aggregate: Optional[str] = None,
                       format: Optional[str] = None, layout: Optional[str] = None,
                       execution: Optional[str] = None, max_gap: Any = None,
                       quality: Optional[bool] = None) -> dict[str, Any]:
        """The JSON body of an export or estimate; fields left None take the server's defaults.

        ``max_gap``: no fill bridges more than this (a timedelta, an ISO 8601 duration, or a dict per
        ``channel/signal``); ``quality=True`` adds a flag per cell (0 observed, 1 filled, 2 missing)."""
        body: dict[str, Any] = {
            "time_range": wire.time_range(time_range),
            "channels": [channels] if isinstance(channels, str) else list(channels),
        }
        if isinstance(max_gap, Mapping):
            max_gap = {name: wire.duration(limit) for name, limit in max_gap.items()}
        elif max_gap is not None:
            max_gap = wire.duration(max_gap)
        optional = {"signals": dict(signals) if signals is not None else None,
                    "interval": wire.duration(interval) if interval is not None else None,
                    "fill": fill, "aggregate": aggregate, "format": format, "layout": layout,
                    "execution": execution, "max_gap": max_gap, "quality": quality}
        body.update({key: value for key, value in optional.items() if value is not None})
        if isinstance(body.get("signals"), dict):
            body["signals"] = {ch: sig if isinstance(sig, str) else list(sig) for ch, sig in body["signals"].items()}
        return body

    def estimate(self, time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None,
                 **fields: Any) -> dict[str, Any]:
        """``{"estimated_bytes", "rows", "columns", "route", "max_bytes"}`` without running anything."""
        body = self.export_request(time_range, channels, signals, **fields)
        return self.transport.request("POST", ESTIMATE_PATH, json_body=body, idempotent=True)

    def export(self, time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None, *,
               idempotency_key: Union[str, bool, None] = None, timeout: Optional[float] = None,
               progress: ProgressArg = None, **fields: Any) -> bytes:
        """The export file's bytes, inline or through a job alike.

        ``fields``: ``interval``, ``fill``, ``aggregate``, ``format``, ``layout``,
        ``execution``. ``idempotency_key``: sent as ``Idempotency-Key`` so the submit can be
        retried without queueing twice; None generates one, False sends none (and then a
        connection broken after sending is not retried). ``timeout``: the longest to wait for
        a job, in seconds (None: no limit); past it :class:`JobWaitTimeout` is raised and the
        job goes on.
        """
        buffer = io.BytesIO()
        self._export_into(buffer, self.export_request(time_range, channels, signals, **fields),
                          _idempotency_key(idempotency_key), timeout, progress)
        return buffer.getvalue()

    def export_to(self, path: PathArg, time_range: wire.TimeRangeArg, channels: Channels,
                  signals: Signals = None, *, idempotency_key: Union[str, bool, None] = None,
                  timeout: Optional[float] = None, progress: ProgressArg = None, **fields: Any) -> ExportResult:
        """Streams the export into ``path`` (never whole in memory) and returns what was written.

        Without ``format``, a name ending in ``.csv`` asks for CSV (else HDF5). The bytes go to
        ``<path>.part`` first, renamed to ``path`` only when complete, so a
        failed export never leaves a truncated file under the final name. Interrupted (Ctrl-C,
        a lost connection, a wait ``timeout``), the export leaves ``.part`` and ``.part.json``
        behind, and the same call again re-attaches to the same job and resumes the download
        (see :mod:`speeddata.resume`); the interrupting exception carries ``job_id``.
        ``idempotency_key=False`` turns this off.
        """
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        if fields.get("format") is None and target.suffix.lower() == ".csv":
            fields["format"] = "csv"  # as the CLI does: a .csv name asks for CSV
        body = self.export_request(time_range, channels, signals, **fields)
        state = ExportState(target, self.transport.base_url, body) if idempotency_key is not False else None
        resuming = False
        key = _idempotency_key(idempotency_key)
        if state is not None:
            wanted = idempotency_key if isinstance(idempotency_key, str) and idempotency_key else None
            saved = state.resume_key()
            if wanted is not None and saved != wanted:
                saved = None
            resuming = saved is not None and partial.exists()
            key = state.begin(wanted or saved)
        try:
            with open(partial, "r+b" if resuming else "w+b") as sink:
                result = self._export_into(sink, body, key, timeout, progress, state=state, resume=resuming)
            os.replace(partial, target)
        except (KeyboardInterrupt, ConnectionFailed, JobWaitTimeout) as interrupted:
            if state is None:
                partial.unlink(missing_ok=True)
            elif state.job_id and not isinstance(interrupted, JobWaitTimeout):  # which names its job already
                interrupted.job_id = state.job_id  # type: ignore[union-attr]
            raise
        except BaseException:
            partial.unlink(missing_ok=True)
            if state is not None:
                state.forget()
            raise
        if state is not None:
            state.forget()
        result.path = target
        return result

    def export_dataframe(self, time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None, *,
                         idempotency_key: Union[str, bool, None] = None, timeout: Optional[float] = None,
                         progress: ProgressArg = None, **fields: Any) -> Any:
        """The export as a pandas DataFrame indexed by time (UTC), columns ``channel/signal``.

        Built from the HDF5 file (see :func:`speeddata.frames.read_hdf5` for the attributes it
        keeps); without h5py an aligned export is fetched as CSV instead. The file lives in a
        temporary directory and is deleted once read.
        """
        frames._pandas()
        layout = fields.get("layout") or "aligned"
        if fields.get("format") not in (None, "hdf5"):
            raise ValueError("export_dataframe reads HDF5 (or CSV without h5py); leave format unset")
        try:
            frames._h5py()
            fields["format"], reader = "hdf5", frames.read_hdf5
        except MissingDependency:
            if layout != "aligned":
                raise
            fields["format"], reader = "csv", frames.read_csv
        with tempfile.TemporaryDirectory(prefix="speeddata-") as tmp:
            result = self.export_to(Path(tmp) / "export", time_range, channels, signals,
                                    idempotency_key=idempotency_key, timeout=timeout, progress=progress, **fields)
            return reader(result.path)

    def export_xarray(self, time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None, *,
                      idempotency_key: Union[str, bool, None] = None, timeout: Optional[float] = None,
                      progress: ProgressArg = None, **fields: Any) -> Any:
        """The aligned export as an ``xarray.Dataset`` on the dimension ``time`` (see
        :func:`speeddata.frames.read_xarray`). Needs xarray, h5py and pandas; the HDF5 file lives in a
        temporary directory and is deleted once read into memory."""
        frames._xarray()
        frames._h5py()
        if fields.get("format") not in (None, "hdf5") or fields.get("layout") not in (None, "aligned"):
            raise ValueError("export_xarray reads the aligned HDF5 layout; leave format and layout unset")
        with tempfile.TemporaryDirectory(prefix="speeddata-") as tmp:
            result = self.export_to(Path(tmp) / "export.h5", time_range, channels, signals, format="hdf5",
                                    idempotency_key=idempotency_key, timeout=timeout, progress=progress, **fields)
            return frames.read_xarray(result.path)

    def submit(self, time_range: wire.TimeRangeArg, channels: Channels, signals: Signals = None, *,
               idempotency_key: Union[str, bool, None] = None, **fields: Any) -> dict[str, Any]:
        """Queues the export as a job (``execution: async``) and returns the 202 body without waiting."""
        fields["execution"] = "async"
        body = self.export_request(time_range, channels, signals, **fields)
        outcome = self._submit(io.BytesIO(), body, _idempotency_key(idempotency_key))
        if not isinstance(outcome, _Queued):
            raise SpeedDataError("the server answered an async export inline")
        return outcome.accepted

    # -- jobs -------------------------------------------------------------------------------

    def status(self, job_id: str) -> dict[str, Any]:
        """The job's status document."""
        return self.waiter.status(job_id)[0]

    def jobs(self, status: Optional[str] = None, limit: Optional[int] = None) -> list[dict[str, Any]]:
        """The caller's export jobs, newest first, following every page; ``status`` keeps one
        state (``"running"``, ``"completed"``...), ``limit`` stops after that many jobs."""
        found: list[dict[str, Any]] = []
        cursor = None
        while limit is None or len(found) < limit:
            size = _JOBS_PAGE if limit is None else min(_JOBS_PAGE, limit - len(found))
            page = self.transport.request("GET", JOBS_PATH,
                                          query={"status": status, "limit": size, "cursor": cursor})
            found.extend(page["jobs"])
            cursor = page.get("next_cursor")
            if not cursor:
                break
        return found

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Cancels a queued or running job; on a finished job, deletes its result file (a completed job
        becomes ``expired``). Returns the job as it is after the call."""
        job = self.transport.request("DELETE", job_path(job_id),
                                     reader=lambda response: None if response.status == 204 else response.json())
        return job if job is not None else self.status(job_id)

    def wait(self, job_id: str, *, timeout: Optional[float] = None, progress: ProgressArg = None) -> dict[str, Any]:
        """Waits for the job to complete and returns its status; raises JobFailed, JobCancelled,
        JobExpired, or JobWaitTimeout after ``timeout`` seconds."""
        return self.waiter.wait(job_id, timeout=timeout, progress=self._progress(progress))

    def download(self, job_id: str) -> bytes:
        """A completed job's file, in memory."""
        buffer = io.BytesIO()
        download(self.transport, job_path(job_id) + "/download", buffer)
        return buffer.getvalue()

    def download_to(self, job_id: str, path: PathArg) -> ExportResult:
        """A completed job's file, streamed to ``path`` (resuming after dropped connections)."""
        target = Path(path)
        partial = target.with_name(target.name + ".part")
        try:
            with open(partial, "wb+") as sink:
                got = download(self.transport, job_path(job_id) + "/download", sink)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return ExportResult(target, got.bytes, got.content_type, job_id, got.sha256)

    # -- internals --------------------------------------------------------------------------

    def _export_into(self, sink: BinaryIO, body: dict[str, Any], key: Optional[str], timeout: Optional[float],
                     progress: ProgressArg, state: Optional[ExportState] = None,
                     resume: bool = False) -> ExportResult:
        outcome = self._submit(sink, body, key)
        if isinstance(outcome, _Inline):
            return ExportResult(Path(getattr(sink, "name", "")), outcome.size, outcome.content_type, None)
        job_id = outcome.accepted["job_id"]
        if state is not None:
            # .part holds the bytes of the job the interrupted run followed; another job's file starts afresh
            # (the server may have forgotten the key, or the first run was answered inline)
            resume = resume and state.saved_job_id == job_id
            state.job_started(job_id)
        job = self.waiter.wait(job_id, retry_after=outcome.retry_after, timeout=timeout,
                               progress=self._progress(progress))
        result = job.get("result") or {}
        if not resume:
            sink.seek(0)
            sink.truncate()
        # built from the client's base URL, not the job's absolute download_url: the server's
        # PUBLIC_URL may name the host otherwise (localhost vs 127.0.0.1, a proxy), and the API
        # key only goes to the origin the client was given
        got = download(self.transport, job_path(job_id) + "/download", sink, expected_sha256=result.get("sha256"),
                       resume=resume)
        return ExportResult(Path(getattr(sink, "name", "")), got.bytes, got.content_type, job_id, got.sha256)

    def _submit(self, sink: BinaryIO, body: dict[str, Any], key: Optional[str]) -> Union[_Inline, _Queued]:
        headers = {"Accept": _FILE_ACCEPT}
        if key:
            headers["Idempotency-Key"] = key

        def read(response: Response) -> Union[_Inline, _Queued]:
            if response.status == 202:
                return _Queued(response.json(), parse_retry_after(response.header("Retry-After")))
            if response.status != 200:
                raise SpeedDataError(f"unexpected {response.status} answer to an export", status=response.status)
            sink.seek(0)
            sink.truncate()  # a retried request starts the file afresh
            size = 0
            for chunk in response.chunks(CHUNK):
                sink.write(chunk)
                size += len(chunk)
            length = response.header("Content-Length")
            if length and length.isdigit() and int(length) != size:
                raise SpeedDataError(f"inline export ended after {size} of {length} bytes")
            return _Inline(response.header("Content-Type"), size)

        return self.transport.request("POST", EXPORT_PATH, json_body=body, headers=headers,
                                      idempotent=key is not None, reader=read)


def _idempotency_key(key: Union[str, bool, None]) -> Optional[str]:
    if key is None or key is True:
        return str(uuid.uuid4())
    if key is False or key == "":
        return None
    return str(key)


def _query_instant(value: Any) -> str:
    """An instant for a query parameter, which the server takes as RFC 3339 only: int ns are formatted."""
    if isinstance(value, bool):
        raise TypeError(f"not an instant: {value!r}")
    if isinstance(value, int) or type(value).__name__ in ("int64", "int32"):
        return wire.format_ns(int(value))
    text = wire.instant(value)
    if not isinstance(text, str):
        raise TypeError(f"not an instant: {value!r} (give a zone-aware datetime, an RFC 3339 string or int ns)")
    return text


def _signal_path(channel: str, signal: str) -> str:
    from urllib.parse import quote
    return f"/api/v1/channels/{quote(channel, safe='')}/signals/{quote(signal, safe='')}"
