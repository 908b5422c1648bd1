"""Following an export job to its end: WebSocket when possible, else polling with Retry-After."""
from __future__ import annotations

import logging
import time
from typing import Any, Callable, Iterator, Mapping, Optional

from . import ws
from .errors import JobCancelled, JobExpired, JobFailed, JobWaitTimeout
from .progress import ProgressArg, make_progress, Progress
from .retry import parse_retry_after
from .transport import Response, Transport

__all__ = ["JobWaiter", "DONE_STATUSES", "job_path", "raise_for_job"]

log = logging.getLogger("speeddata")

DONE_STATUSES = frozenset({"completed", "failed", "cancelled", "expired"})
_FINAL_MESSAGES = frozenset({"complete", "failed", "cancelled", "expired"})
JOBS_PATH = "/api/v1/pivot/jobs"


def job_path(job_id: str) -> str:
    return f"{JOBS_PATH}/{job_id}"


def raise_for_job(job: Mapping[str, Any]) -> Mapping[str, Any]:
    """Returns a completed job's status; raises the matching :class:`JobError` for any other end."""
    status = job.get("status")
    job_id = job.get("job_id")
    if status == "completed":
        return job
    if status == "failed":
        error = job.get("error") or {}
        code = error.get("code") or "JOB_FAILED"
        message = error.get("message") or "the job failed"
        raise JobFailed(f"job {job_id} failed: {code}: {message}", job=job, code=code, detail=message)
    if status == "cancelled":
        raise JobCancelled(f"job {job_id} was cancelled", job=job, code="JOB_CANCELLED")
    if status == "expired":
        raise JobExpired(f"the result of job {job_id} expired before it was downloaded", job=job,
                         status=410, code="RESULT_EXPIRED")
    raise ValueError(f"job {job_id} is still {status}")


MessageSource = Callable[..., Iterator[dict[str, Any]]]


class JobWaiter:
    """Waits for a pivot export job to finish and returns its final status document.

    With ``websocket`` true and the ``websockets`` package installed it listens to the job's
    stream; if the socket cannot be opened, breaks, goes silent or ends without a final
    message, it falls back to polling ``GET /jobs/{id}``, sleeping what ``Retry-After`` says.
    """

    def __init__(self, transport: Transport, *, websocket: bool = True, poll_interval: float = 1.0,
                 ws_idle_timeout: float = 60.0, messages: MessageSource = ws.job_messages,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.transport = transport
        self.websocket = websocket
        self.poll_interval = poll_interval
        self.ws_idle_timeout = ws_idle_timeout
        self.messages = messages
        self.clock = clock
        self.last_route: Optional[str] = None  # "websocket" or "polling": how the last wait ended

    def status(self, job_id: str) -> tuple[dict[str, Any], Optional[float]]:
        """The job's status document and its ``Retry-After`` in seconds (None when done)."""
        def read(response: Response) -> tuple[dict[str, Any], Optional[float]]:
            return response.json(), parse_retry_after(response.header("Retry-After"))
        return self.transport.request("GET", job_path(job_id), reader=read)

    def wait(self, job_id: str, *, retry_after: Optional[float] = None, timeout: Optional[float] = None,
             progress: ProgressArg = None) -> dict[str, Any]:
        """The completed job's status; raises JobFailed, JobCancelled, JobExpired or JobWaitTimeout."""
        deadline = None if timeout is None else self.clock() + timeout
        display = make_progress(progress, f"job {job_id[:8]}")
        try:
            job = None
            if self.websocket and ws.available():
                job = self._follow_stream(job_id, display, deadline)
            if job is None:
                self.last_route = "polling"
                job = self._poll(job_id, display, deadline, retry_after)
            if job.get("status") == "completed":
                display.update(100, "completed")
            return dict(raise_for_job(job))
        finally:
            display.close()

    def _remaining(self, deadline: Optional[float]) -> Optional[float]:
        return None if deadline is None else deadline - self.clock()

    def _timed_out(self, job_id: str, deadline: Optional[float], job: Optional[Mapping[str, Any]] = None) -> None:
        remaining = self._remaining(deadline)
        if remaining is not None and remaining <= 0:
            raise JobWaitTimeout(f"job {job_id} is not finished yet; it goes on (wait timeout passed)",
                                 job=job or {"job_id": job_id}, code="WAIT_TIMEOUT")

    def _follow_stream(self, job_id: str, display: Progress, deadline: Optional[float]) -> Optional[dict[str, Any]]:
        """The final status when the stream reported an end, or None to fall back to polling."""
        url = self.transport.websocket_url(job_path(job_id) + "/stream")
        idle = self.ws_idle_timeout
        remaining = self._remaining(deadline)
        if remaining is not None:
            idle = max(0.1, min(idle, remaining))
        stream = None
        try:
            stream = self.messages(url, self.transport.auth_headers(), idle_timeout=idle)
            for message in stream:
                kind = message.get("type")
                if kind == "state":
                    progress = message.get("progress") or {}
                    display.update(int(progress.get("percent") or 0), str(progress.get("message") or ""))
                    if message.get("status") in DONE_STATUSES:
                        break
                elif kind == "progress":
                    display.update(int(message.get("percent") or 0), str(message.get("message") or ""))
                elif kind in _FINAL_MESSAGES:
                    break
                elif kind == "error":
                    log.info("job stream of %s answered %s; polling instead", job_id, message.get("error"))
                    return None
                self._timed_out(job_id, deadline)  # progress may flow for longer than the caller waits
            else:
                log.info("job stream of %s ended without a final message; polling instead", job_id)
                return None
        except ws.StreamIdle:
            self._timed_out(job_id, deadline)
            log.info("job stream of %s went silent; polling instead", job_id)
            return None
        except JobWaitTimeout:
            raise
        except Exception as e:  # any socket failure: polling still works
            log.info("job stream of %s failed (%s: %s); polling instead", job_id, type(e).__name__, e)
            return None
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()
        job, _ = self.status(job_id)  # the full document (result checksum, error) from the one source of truth
        if job.get("status") not in DONE_STATUSES:
            return None
        self.last_route = "websocket"
        return job

    def _poll(self, job_id: str, display: Progress, deadline: Optional[float],
              retry_after: Optional[float]) -> dict[str, Any]:
        wait = retry_after
        while True:
            if wait:
                remaining = self._remaining(deadline)
                self.transport.sleep(wait if remaining is None else max(0.0, min(wait, remaining)))
            job, retry_after = self.status(job_id)
            progress = job.get("progress") or {}
            display.update(int(progress.get("percent") or 0), str(progress.get("message") or ""))
            if job.get("status") in DONE_STATUSES:
                return job
            self._timed_out(job_id, deadline, job)
            wait = retry_after if retry_after is not None else self.poll_interval
