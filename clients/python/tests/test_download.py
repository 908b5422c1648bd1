"""Resumable download against a fake server that drops the connection mid-body."""
import hashlib
import io
import os
import re

import pytest

from fakeserver import Reply
from speeddata import errors
from speeddata.download import download
from speeddata.retry import RetryPolicy
from speeddata.transport import Transport

PATH = "/api/v1/pivot/jobs/j1/download"
FILE = os.urandom(300_000)
ETAG = '"' + hashlib.sha256(FILE).hexdigest() + '"'


def ranged(file=FILE, etag=ETAG, cut_first_at=None, honour_range=True):
    """A download route that serves Range/If-Range like the service; optionally cuts its first answer."""
    state = {"served": 0}

    def handler(request):
        state["served"] += 1
        cut = cut_first_at if state["served"] == 1 else None
        headers = {"ETag": etag, "Accept-Ranges": "bytes", "Content-Type": "application/x-hdf5"}
        wanted = request.header("Range")
        if_range = request.header("If-Range")
        if wanted and honour_range and (if_range is None or if_range == etag):
            first = int(re.match(r"bytes=(\d+)-", wanted).group(1))
            headers["Content-Range"] = f"bytes {first}-{len(file) - 1}/{len(file)}"
            return Reply(206, file[first:], headers, cut_at=cut)
        return Reply(200, file, headers, cut_at=cut)
    return handler


def client(url, sleeps, attempts=4):
    return Transport(url, sleep=sleeps, timeout=5, retry=RetryPolicy(max_attempts=attempts, rand=lambda: 1.0))


def test_a_dropped_download_resumes_with_range_and_if_range(fake, sleeps):
    fake.route("GET", PATH, ranged(cut_first_at=100_000))
    sink = io.BytesIO()
    result = download(client(fake.url, sleeps), PATH, sink)
    assert sink.getvalue() == FILE
    assert result.resumes == 1 and result.bytes == len(FILE)
    assert result.sha256 == hashlib.sha256(FILE).hexdigest()
    first, second = fake.calls("GET", PATH)
    assert first.header("Range") is None
    received = int(re.match(r"bytes=(\d+)-$", second.header("Range")).group(1))
    assert 0 < received <= 100_000
    assert second.header("If-Range") == ETAG


def test_resumes_into_a_real_file(fake, sleeps, tmp_path):
    fake.route("GET", PATH, ranged(cut_first_at=150_001))
    with open(tmp_path / "out.h5", "wb+") as sink:
        download(client(fake.url, sleeps), PATH, sink)
    assert (tmp_path / "out.h5").read_bytes() == FILE


def test_a_changed_file_is_fetched_whole_again(fake, sleeps):
    """If-Range no longer matches: the server sends 200 with the new file, which must replace the old part."""
    new_file = os.urandom(200_000)
    new_etag = '"' + hashlib.sha256(new_file).hexdigest() + '"'
    old = ranged(cut_first_at=50_000)
    new = ranged(file=new_file, etag=new_etag)
    fake.route("GET", PATH, lambda r: old(r) if not r.header("If-Range") else new(r))
    sink = io.BytesIO()
    download(client(fake.url, sleeps), PATH, sink)
    assert sink.getvalue() == new_file


def test_a_server_ignoring_range_still_gives_the_whole_file(fake, sleeps):
    fake.route("GET", PATH, ranged(cut_first_at=120_000, honour_range=False))
    sink = io.BytesIO()
    download(client(fake.url, sleeps), PATH, sink)
    assert sink.getvalue() == FILE


def test_many_drops_that_each_make_progress_still_finish(fake, sleeps):
    state = {"n": 0}
    inner = ranged()

    def flaky(request):
        state["n"] += 1
        reply = inner(request)
        if state["n"] <= 6:
            reply.cut_at = 30_000
        return reply
    fake.route("GET", PATH, flaky)
    sink = io.BytesIO()
    result = download(client(fake.url, sleeps, attempts=3), PATH, sink)
    assert sink.getvalue() == FILE and result.resumes == 6


def test_drops_without_progress_give_up(fake, sleeps):
    fake.route("GET", PATH, lambda r: Reply(200, FILE, {"ETag": ETAG}, cut_at=0))
    with pytest.raises(errors.ConnectionFailed, match="kept breaking off"):
        download(client(fake.url, sleeps, attempts=3), PATH, io.BytesIO())


def test_a_wrong_checksum_is_an_integrity_error(fake, sleeps):
    fake.route("GET", PATH, ranged(etag='"' + "0" * 64 + '"'))
    with pytest.raises(errors.IntegrityError):
        download(client(fake.url, sleeps), PATH, io.BytesIO())
    fake.route("GET", PATH, ranged())
    with pytest.raises(errors.IntegrityError):
        download(client(fake.url, sleeps), PATH, io.BytesIO(), expected_sha256="ab" * 32)


def test_a_weak_etag_is_not_used_for_if_range(fake, sleeps):
    fake.route("GET", PATH, ranged(etag='W/"v1"', cut_first_at=10_000))
    sink = io.BytesIO()
    download(client(fake.url, sleeps), PATH, sink)
    assert sink.getvalue() == FILE
    assert all(r.header("Range") is None for r in fake.calls("GET", PATH))


def test_a_206_for_the_wrong_range_restarts(fake, sleeps):
    inner = ranged(cut_first_at=10_000)

    def wrong_offset(request):
        reply = inner(request)
        if reply.status == 206:
            reply = Reply(206, FILE[5:], {"ETag": ETAG, "Content-Range": f"bytes 5-{len(FILE) - 1}/{len(FILE)}"})
        return reply
    fake.route("GET", PATH, wrong_offset)
    sink = io.BytesIO()
    download(client(fake.url, sleeps), PATH, sink)
    assert sink.getvalue() == FILE


def test_expired_and_unfinished_jobs_raise(fake, sleeps):
    fake.route("GET", PATH, Reply.problem(410, "RESULT_EXPIRED"))
    with pytest.raises(errors.Gone):
        download(client(fake.url, sleeps), PATH, io.BytesIO())
    fake.route("GET", PATH, Reply.problem(409, "JOB_NOT_COMPLETED"))
    with pytest.raises(errors.Conflict):
        download(client(fake.url, sleeps), PATH, io.BytesIO())
