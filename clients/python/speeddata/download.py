"""Resumable download of a job result: after a dropped connection it asks for the rest with
``Range``, guarded by ``If-Range`` on the strong ``ETag`` so a changed file is sent whole."""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import BinaryIO, Optional

from .errors import ConnectionFailed, IntegrityError
from .transport import CHUNK, BodyInterrupted, Response, Transport

__all__ = ["DownloadResult", "download"]

log = logging.getLogger("speeddata")

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_SHA256_ETAG = re.compile(r'^"([0-9a-fA-F]{64})"$')


@dataclass
class DownloadResult:
    bytes: int
    sha256: str
    etag: Optional[str]
    content_type: Optional[str]
    resumes: int  # how many times the download went on from where a broken connection left it


class _State:
    def __init__(self, sink: BinaryIO) -> None:
        self.sink = sink
        self.start = sink.tell()
        self.written = 0
        self.hasher = hashlib.sha256()
        self.etag: Optional[str] = None
        self.total: Optional[int] = None
        self.content_type: Optional[str] = None

    def carry_on(self, sha256: str) -> None:
        """Counts what the sink already holds from ``start`` (an earlier run's partial file of the same job, whose
        SHA-256 is ``sha256``) as received, so the next request asks only for the rest, guarded by If-Range."""
        self.sink.seek(self.start)
        while chunk := self.sink.read(CHUNK):
            self.hasher.update(chunk)
            self.written += len(chunk)
        self.etag = f'"{sha256}"'

    def restart(self) -> None:
        self.sink.seek(self.start)
        self.sink.truncate()
        self.written = 0
        self.hasher = hashlib.sha256()


def download(transport: Transport, path: str, sink: BinaryIO, *, expected_sha256: Optional[str] = None,
             max_stalls: Optional[int] = None, resume: bool = False) -> DownloadResult:
    """Writes the file at ``path`` into ``sink`` (seekable, binary) and returns what was received.

    ``max_stalls`` bounds the consecutive resumptions that brought no new byte (default: the
    transport's ``max_attempts``); any resumption that makes progress resets the count, so a
    flaky link still finishes a large file. The SHA-256 of the bytes is checked against
    ``expected_sha256`` or, failing that, the strong ETag (the server's ETag is the quoted
    SHA-256); a mismatch raises :class:`IntegrityError`.
    """
    state = _State(sink)
    if resume and expected_sha256:
        state.carry_on(expected_sha256)
    limit = max_stalls if max_stalls is not None else transport.retry.max_attempts
    stalls = 0
    resumes = 0
    while True:
        before = state.written
        headers = {"Accept": "*/*"}
        if state.written and state.etag:
            headers["Range"] = f"bytes={state.written}-"
            headers["If-Range"] = state.etag
        elif state.written:
            state.restart()  # nothing to check a partial body against: start over
        complete = transport.request("GET", path, headers=headers, reader=lambda r: _receive(r, state))
        if complete:
            break
        stalls = 0 if state.written > before else stalls + 1
        if stalls >= limit:
            raise ConnectionFailed(f"download of {path} kept breaking off at byte {state.written}")
        resumes += 1
        delay = transport.retry.backoff(stalls + 1) if stalls else 0.0
        log.info("download of %s broke off at byte %d; resuming%s", path, state.written,
                 f" in {delay:.1f}s" if delay else "")
        if delay:
            transport.sleep(delay)
    digest = state.hasher.hexdigest()
    expected = expected_sha256
    if expected is None and state.etag and _SHA256_ETAG.match(state.etag):
        expected = _SHA256_ETAG.match(state.etag).group(1)  # type: ignore[union-attr]
    if expected is not None and digest.lower() != expected.lower():
        raise IntegrityError(f"download of {path}: SHA-256 {digest} does not match the announced {expected}",
                             code="CHECKSUM_MISMATCH")
    return DownloadResult(state.written, digest, state.etag, state.content_type, resumes)


def _receive(response: Response, state: _State) -> bool:
    """Reads one response into the sink; True when the file is complete, False when cut off."""
    if response.status == 206:
        match = _CONTENT_RANGE.match(response.header("Content-Range") or "")
        if not match or int(match.group(1)) != state.written:
            # not the part asked for: forget what we have and fetch the whole file again
            state.restart()
            state.etag = None
            return False
        state.total = int(match.group(3)) if match.group(3) != "*" else None
    else:
        if state.written:
            log.info("server sent the whole file again (it changed, or ignored the range)")
        state.restart()
        length = response.header("Content-Length")
        state.total = int(length) if length and length.isdigit() else None
    etag = response.header("ETag")
    if etag and not etag.startswith("W/"):  # If-Range needs a strong validator
        state.etag = etag
    state.content_type = response.header("Content-Type")
    try:
        for chunk in response.chunks(CHUNK):
            state.sink.write(chunk)
            state.hasher.update(chunk)
            state.written += len(chunk)
    except BodyInterrupted:
        return False
    return state.total is None or state.written >= state.total
