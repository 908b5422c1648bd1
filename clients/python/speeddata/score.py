"""``ScoreClient``: sentiment scoring of headlines (``/v1/score``, batch jobs, rescore, models, events).

Written against the contract (CONTRACT.md, "Sentiment scoring"). Return values are the
decoded JSON bodies, so fields the service adds later come through untouched.
"""
from __future__ import annotations

import time
import uuid
from typing import Any, Callable, Mapping, Optional, Sequence, Union

from .auth import ApiKey
from .base import DEFAULT_URL, BaseClient
from .errors import JobWaitTimeout
from .jobs import DONE_STATUSES, raise_for_job
from .progress import ProgressArg, make_progress
from .retry import RetryPolicy, parse_retry_after
from .transport import Response

__all__ = ["ScoreClient"]

Headline = Union[str, Mapping[str, Any]]


def _model(model_sha: Optional[str], model: Optional[str]) -> dict[str, Any]:
    """The request's model fields: by SHA, by name (``"finance"``), both (the server wants them to agree), or none."""
    chosen: dict[str, Any] = {}
    if model_sha is not None:
        chosen["model_sha"] = model_sha
    if model is not None:
        chosen["model"] = model
    return chosen


def _one_source(**sources: Any) -> dict[str, Any]:
    given = {key: value for key, value in sources.items() if value is not None}
    if len(given) != 1:
        raise ValueError(f"give exactly one of {', '.join(sources)}; got {', '.join(given) or 'none'}")
    return {key: list(value) if isinstance(value, (list, tuple)) else value for key, value in given.items()}


class ScoreClient(BaseClient):
    """Client of the sentiment scoring API.

    >>> scores = ScoreClient("http://localhost:8000").score(["Acme beats estimates"])
    """

    def __init__(self, base_url: str = DEFAULT_URL, api_key: Union[str, ApiKey, None] = None, *,
                 timeout: float = 120.0,
                 retry: Optional[RetryPolicy] = None, progress: ProgressArg = None, poll_interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        super().__init__(base_url, api_key, timeout=timeout, retry=retry, progress=progress, **kwargs)
        self.poll_interval = poll_interval
        self.clock = clock

    def models(self) -> list[dict[str, Any]]:
        """``[{"model_sha", "name", "default"}]``: the models the service can score with."""
        return self.transport.request("GET", "/v1/models")

    def default_model(self) -> Optional[dict[str, Any]]:
        """The model used when no ``model_sha`` is given, or None if none is marked default."""
        return next((m for m in self.models() if m.get("default")), None)

    def score(self, headlines: Sequence[Headline], *, model_sha: Optional[str] = None, model: Optional[str] = None,
              explain: bool = False) -> dict[str, Any]:
        """Scores headlines synchronously: ``{"model_sha", "results": [{"id", "score", "label"}]}``
        in request order. Headlines are strings or ``{"id", "text", "ticker"}`` dicts. The model
        is the default unless named by ``model_sha`` or by ``model`` (its name, e.g. ``"finance"``;
        an unknown one is :class:`NotFound`, a name and SHA of two models :class:`BadRequest`).
        ``explain=True`` adds to each result ``"explain": [{"text", "rule", "weight"}]``, the
        terms, phrases and rules that moved its score. Over the sync cap the server answers 413
        (:class:`PayloadTooLarge`, ``suggestion`` names the batch endpoint). A POST: not retried
        once sent."""
        if not isinstance(explain, bool):
            raise TypeError(f"explain must be True or False, not {explain!r}")
        body: dict[str, Any] = {"headlines": list(headlines), **_model(model_sha, model)}
        if explain:
            body["explain"] = True
        return self.transport.request("POST", "/v1/score", json_body=body)

    def batch(self, *, event_ids: Optional[Sequence[str]] = None, selection: Optional[Mapping[str, Any]] = None,
              headlines: Optional[Sequence[Headline]] = None, model_sha: Optional[str] = None,
              model: Optional[str] = None, job_id: Optional[str] = None, wait: bool = False, timeout: Optional[float] = None,
              progress: ProgressArg = None) -> dict[str, Any]:
        """Queues a batch scoring job over exactly one of ``event_ids``, ``selection`` (e.g.
        ``{"unscored": True}``) or ``headlines``, and returns the 202 body
        (``{"job_id", "status", "poll_url"}``), or with ``wait`` the finished job's status.

        ``job_id`` (a UUID; generated when not given) makes the submit idempotent: the server
        returns the same job for the same id and body, so connection failures are retried
        safely. The same id with another body is a :class:`Conflict` (JOB_ID_CONFLICT).
        """
        body: dict[str, Any] = {"job_id": job_id or str(uuid.uuid4())}
        body.update(_one_source(event_ids=event_ids, selection=selection, headlines=headlines))
        body.update(_model(model_sha, model))
        accepted = self.transport.request("POST", "/v1/score/batch", json_body=body, idempotent=True)
        if wait:
            return self.wait_batch(accepted.get("job_id", body["job_id"]), timeout=timeout, progress=progress)
        return accepted

    def batch_status(self, job_id: str) -> dict[str, Any]:
        """``{"job_id", "status", "model_sha", "total", "scored", "failed", "created_at", "finished_at"}``."""
        return self._batch_status(job_id)[0]

    def batch_results(self, job_id: str) -> Any:
        """The results of a batch of inline headlines."""
        return self.transport.request("GET", f"/v1/score/batch/{job_id}/results")

    def wait_batch(self, job_id: str, *, timeout: Optional[float] = None, progress: ProgressArg = None) -> dict[str, Any]:
        """Polls the batch job (honouring ``Retry-After``) until it ends; returns its status when
        completed, raises JobFailed / JobCancelled otherwise, JobWaitTimeout after ``timeout`` s."""
        deadline = None if timeout is None else self.clock() + timeout
        display = make_progress(self._progress(progress), f"batch {job_id[:8]}")
        try:
            while True:
                job, retry_after = self._batch_status(job_id)
                total = job.get("total") or 0
                done = (job.get("scored") or 0) + (job.get("failed") or 0)
                display.update(int(100 * done / total) if total else 0, f"{done}/{total} scored")
                if job.get("status") in DONE_STATUSES:
                    return dict(raise_for_job(job))
                wait = retry_after if retry_after is not None else self.poll_interval
                if deadline is not None:
                    remaining = deadline - self.clock()
                    if remaining <= 0:
                        raise JobWaitTimeout(f"batch job {job_id} is not finished yet; it goes on", job=job,
                                             code="WAIT_TIMEOUT")
                    wait = min(wait, remaining)
                self.transport.sleep(wait)
        finally:
            display.close()

    def rescore(self, model_sha: Optional[str] = None, *, model: Optional[str] = None,
                event_ids: Optional[Sequence[str]] = None,
                selection: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        """Scores stored events with another model (by ``model_sha`` or by name, ``model``),
        synchronously (a capped count): ``{"model_sha", "rescored", "results": [{"event_id",
        "score", "label", "previous"}], "changed": {"positive->negative": n, ...}}``.
        Scores are kept per (event, model): history is never overwritten."""
        if model_sha is None and model is None:
            raise ValueError("give model_sha or model: the model to rescore with")
        body: dict[str, Any] = _model(model_sha, model)
        body.update(_one_source(event_ids=event_ids, selection=selection))
        return self.transport.request("POST", "/v1/score/rescore", json_body=body)

    def add_events(self, events: Sequence[Mapping[str, Any]]) -> Any:
        """Stores headlines as ``sentiment_events`` (``{"id"?, "ticker", "headline",
        "published_at"}``; datetimes are converted) and returns the 201 body with their ids."""
        from .wire import instant
        rows = [{**event, "published_at": instant(event["published_at"])} if "published_at" in event else dict(event)
                for event in events]
        return self.transport.request("POST", "/v1/events", json_body={"events": rows})

    def events(self, *, ticker: Optional[str] = None, start: Any = None, end: Any = None,
               unscored_by: Optional[str] = None, **params: Any) -> Any:
        """Stored events, filtered by ticker, publication time ``[start, end)`` and
        ``unscored_by=<model_sha>``; other query parameters pass through ``params``."""
        from .wire import instant
        query = {"ticker": ticker, "start": instant(start) if start is not None else None,
                 "end": instant(end) if end is not None else None, "unscored_by": unscored_by, **params}
        return self.transport.request("GET", "/v1/events", query=query)

    def event_scores(self, event_id: str) -> Any:
        """``{"event_id", "scores": [{"model_sha", "score", "label", "scored_at"}]}``: an event's
        whole score history, one score per model, oldest first."""
        return self.transport.request("GET", f"/v1/events/{event_id}/scores")

    def _batch_status(self, job_id: str) -> tuple[dict[str, Any], Optional[float]]:
        def read(response: Response) -> tuple[dict[str, Any], Optional[float]]:
            return response.json(), parse_retry_after(response.header("Retry-After"))
        return self.transport.request("GET", f"/v1/score/batch/{job_id}", reader=read)
