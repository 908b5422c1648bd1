"""ScoreClient against a fake of the contract's /v1 endpoints."""
import datetime as dt
import json
import uuid

import pytest

from fakeserver import Reply
from speeddata import ScoreClient, errors
from speeddata.retry import RetryPolicy

SHA_FINANCE = "f" * 64
SHA_BASE = "b" * 64


class FakeBatches:
    """POST /v1/score/batch with the contract's job_id idempotency; GET status walks queued → completed."""

    def __init__(self, fake, cut_first=False, final="completed"):
        self.jobs = {}
        self.polls = {}
        self.cut_first = cut_first
        self.final = final
        fake.route("POST", "/v1/score/batch", self.submit)
        self.fake = fake

    def submit(self, request):
        body = request.json()
        job_id = body["job_id"]
        try:
            uuid.UUID(job_id)
        except ValueError:
            return Reply.problem(400, "INVALID_REQUEST", "job_id is not a UUID")
        if job_id in self.jobs and self.jobs[job_id] != body:
            return Reply.problem(409, "JOB_ID_CONFLICT", "job id already used with another body")
        new = job_id not in self.jobs
        self.jobs[job_id] = body
        if new:
            self.fake.route("GET", f"/v1/score/batch/{job_id}", lambda r, j=job_id: self.status(j))
        reply = Reply.json({"job_id": job_id, "status": "queued", "poll_url": f"/v1/score/batch/{job_id}"}, 202)
        if self.cut_first:
            self.cut_first = False
            reply.cut_at = 5
        return reply

    def status(self, job_id):
        n = self.polls[job_id] = self.polls.get(job_id, 0) + 1
        total = len(self.jobs[job_id].get("headlines") or self.jobs[job_id].get("event_ids") or [1, 2])
        if n < 3:
            return Reply.json({"job_id": job_id, "status": "running", "total": total, "scored": n - 1, "failed": 0},
                              **{"Retry-After": "2"})
        return Reply.json({"job_id": job_id, "status": self.final, "model_sha": SHA_FINANCE, "total": total,
                           "scored": total, "failed": 0})


def client(fake, sleeps, **kwargs):
    return ScoreClient(fake.url, sleep=sleeps, timeout=5, progress=False,
                       retry=RetryPolicy(max_attempts=3, rand=lambda: 1.0), **kwargs)


def test_score_sends_headlines_in_order(fake, sleeps):
    fake.route("POST", "/v1/score", lambda r: Reply.json({"model_sha": SHA_FINANCE, "results": [
        {"id": str(i), "score": 0.5, "label": "positive"} for i, _ in enumerate(r.json()["headlines"])]}))
    answer = client(fake, sleeps).score(["Acme beats estimates", {"id": "x", "text": "Acme misses", "ticker": "ACME"}],
                                        model_sha=SHA_BASE)
    assert len(answer["results"]) == 2
    assert fake.calls("POST", "/v1/score")[0].json() == {
        "headlines": ["Acme beats estimates", {"id": "x", "text": "Acme misses", "ticker": "ACME"}],
        "model_sha": SHA_BASE}


def test_score_names_the_model_by_name_and_asks_for_explanations_only_when_told(fake, sleeps):
    explained = {"id": "0", "score": -0.3, "label": "negative",
                 "explain": [{"text": "profit fell", "rule": "direction_metric", "weight": -1.5}]}
    fake.route("POST", "/v1/score", lambda r: Reply.json({"model_sha": SHA_FINANCE, "results": [explained]}))
    c = client(fake, sleeps)
    answer = c.score(["Acme profit fell"], model="finance", explain=True)
    assert answer["results"][0]["explain"] == explained["explain"]
    c.score(["Acme profit fell"], model="finance", model_sha=SHA_FINANCE)
    c.score(["Acme profit fell"])
    sent = [call.json() for call in fake.calls("POST", "/v1/score")]
    assert sent == [{"headlines": ["Acme profit fell"], "model": "finance", "explain": True},
                    {"headlines": ["Acme profit fell"], "model_sha": SHA_FINANCE, "model": "finance"},
                    {"headlines": ["Acme profit fell"]}], "without explain the body is as before"
    with pytest.raises(TypeError):
        c.score(["Acme"], explain="yes")


def test_rescore_and_batch_take_the_model_by_name_and_an_events_history_is_one_call(fake, sleeps):
    fake.route("POST", "/v1/score/rescore", Reply.json({"model_sha": SHA_FINANCE, "rescored": 1, "results": [],
                                                        "changed": {"neutral->positive": 1}}))
    fake.route("GET", "/v1/events/e1/scores", Reply.json({"event_id": "e1", "scores": []}))
    FakeBatches(fake)
    c = client(fake, sleeps)
    assert c.rescore(model="finance", selection={})["changed"] == {"neutral->positive": 1}
    assert fake.calls("POST", "/v1/score/rescore")[0].json() == {"model": "finance", "selection": {}}
    c.batch(headlines=["a"], model="vader-baseline")
    assert fake.calls("POST", "/v1/score/batch")[0].json()["model"] == "vader-baseline"
    assert c.event_scores("e1") == {"event_id": "e1", "scores": []}
    with pytest.raises(ValueError):
        c.rescore(event_ids=["e1"])


def test_over_the_sync_cap_is_payload_too_large_with_the_batch_suggestion(fake, sleeps):
    fake.route("POST", "/v1/score", Reply.problem(413, "TOO_MANY_HEADLINES", "over the sync cap",
                                                  suggestion={"endpoint": "/v1/score/batch"}))
    with pytest.raises(errors.PayloadTooLarge) as caught:
        client(fake, sleeps).score(["h"] * 1000)
    assert caught.value.suggestion == {"endpoint": "/v1/score/batch"}


def test_unknown_model_is_not_found(fake, sleeps):
    fake.route("POST", "/v1/score", Reply.problem(404, "UNKNOWN_MODEL", "no model 000"))
    with pytest.raises(errors.NotFound):
        client(fake, sleeps).score(["h"], model_sha="0" * 64)


def test_batch_generates_a_uuid_job_id(fake, sleeps):
    FakeBatches(fake)
    accepted = client(fake, sleeps).batch(headlines=["a", "b"])
    sent = fake.calls("POST", "/v1/score/batch")[0].json()
    assert uuid.UUID(sent["job_id"]) and accepted["job_id"] == sent["job_id"]
    assert sent["headlines"] == ["a", "b"] and "model_sha" not in sent


def test_a_broken_batch_submit_is_retried_with_the_same_job_id_and_queues_once(fake, sleeps):
    batches = FakeBatches(fake, cut_first=True)
    accepted = client(fake, sleeps).batch(event_ids=["e1", "e2"], model_sha=SHA_BASE)
    first, second = fake.calls("POST", "/v1/score/batch")
    assert first.body == second.body
    assert list(batches.jobs) == [accepted["job_id"]]


def test_the_same_job_id_with_another_body_is_a_conflict(fake, sleeps):
    FakeBatches(fake)
    c = client(fake, sleeps)
    job_id = str(uuid.uuid4())
    c.batch(selection={"unscored": True}, job_id=job_id)
    assert c.batch(selection={"unscored": True}, job_id=job_id)["job_id"] == job_id
    with pytest.raises(errors.Conflict) as caught:
        c.batch(selection={"unscored": False}, job_id=job_id)
    assert caught.value.code == "JOB_ID_CONFLICT"
    with pytest.raises(errors.BadRequest):
        c.batch(headlines=["x"], job_id="not-a-uuid")


@pytest.mark.parametrize("sources", [{}, {"event_ids": ["e"], "headlines": ["h"]}])
def test_batch_needs_exactly_one_source(fake, sleeps, sources):
    with pytest.raises(ValueError, match="exactly one"):
        client(fake, sleeps).batch(**sources)
    assert fake.requests == []


def test_batch_wait_polls_with_retry_after(fake, sleeps):
    FakeBatches(fake)
    updates = []
    done = client(fake, sleeps).batch(headlines=["a", "b", "c"], wait=True,
                                      progress=lambda p, m: updates.append((p, m)))
    assert done["status"] == "completed" and done["scored"] == 3
    assert sleeps == [2.0, 2.0]
    assert updates[0] == (0, "0/3 scored") and updates[-1] == (100, "3/3 scored")


def test_a_failed_batch_raises(fake, sleeps):
    FakeBatches(fake, final="failed")
    with pytest.raises(errors.JobFailed):
        client(fake, sleeps).batch(headlines=["a"], wait=True)


def test_batch_wait_timeout(fake, sleeps):
    batches = FakeBatches(fake)
    now = [0.0]

    def sleep(seconds):
        now[0] += seconds
    c = ScoreClient(fake.url, sleep=sleep, timeout=5, progress=False, clock=lambda: now[0])
    job_id = c.batch(headlines=["a"])["job_id"]
    batches.polls[job_id] = -100  # stays running
    with pytest.raises(errors.JobWaitTimeout):
        c.wait_batch(job_id, timeout=5)
    assert now[0] == pytest.approx(5)


def test_results_rescore_models_events(fake, sleeps):
    job_id = str(uuid.uuid4())
    fake.route("GET", f"/v1/score/batch/{job_id}/results", Reply.json({"results": [{"id": "0", "score": 0.1}]}))
    fake.route("POST", "/v1/score/rescore", Reply.json({"model_sha": SHA_FINANCE, "rescored": 1, "results": []}))
    fake.route("GET", "/v1/models", Reply.json([{"model_sha": SHA_BASE, "name": "vader-baseline", "default": False},
                                                {"model_sha": SHA_FINANCE, "name": "finance", "default": True}]))
    fake.route("POST", "/v1/events", Reply.json({"events": [{"id": "e1"}]}, 201))
    fake.route("GET", "/v1/events", Reply.json({"events": []}))
    c = client(fake, sleeps)
    assert c.batch_results(job_id)["results"][0]["score"] == 0.1
    assert c.rescore(SHA_FINANCE, event_ids=["e1"])["rescored"] == 1
    assert fake.calls("POST", "/v1/score/rescore")[0].json() == {"model_sha": SHA_FINANCE, "event_ids": ["e1"]}
    assert [m["name"] for m in c.models()] == ["vader-baseline", "finance"]
    assert c.default_model()["model_sha"] == SHA_FINANCE
    published = dt.datetime(2025, 1, 23, 14, tzinfo=dt.timezone.utc)
    assert c.add_events([{"ticker": "ACME", "headline": "Acme up", "published_at": published}])
    assert fake.calls("POST", "/v1/events")[0].json() == {
        "events": [{"ticker": "ACME", "headline": "Acme up", "published_at": "2025-01-23T14:00:00+00:00"}]}
    c.events(ticker="ACME", unscored_by=SHA_FINANCE, start=published, limit=10)
    assert fake.calls("GET", "/v1/events")[0].query == {
        "ticker": ["ACME"], "unscored_by": [SHA_FINANCE], "start": ["2025-01-23T14:00:00+00:00"], "limit": ["10"]}
    with pytest.raises(ValueError):
        c.rescore(SHA_FINANCE)


def test_add_events_is_not_retried_once_sent(fake, sleeps):
    fake.route("POST", "/v1/events", Reply(201, json.dumps({"events": []}).encode() * 10, cut_at=4))
    with pytest.raises(errors.ConnectionFailed):
        client(fake, sleeps).add_events([{"ticker": "A", "headline": "h", "published_at": "2025-01-23T14:00:00Z"}])
    assert len(fake.calls("POST", "/v1/events")) == 1


def test_models_404_before_the_endpoints_exist(fake, sleeps):
    with pytest.raises(errors.NotFound) as caught:
        client(fake, sleeps).models()
    assert caught.value.code == "NOT_FOUND"
