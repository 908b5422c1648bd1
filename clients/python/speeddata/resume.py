"""What lets a re-run of an interrupted ``export_to`` pick up its job instead of queueing another.

Beside ``<file>.part`` the client keeps ``<file>.part.json``: a digest of the request and the Idempotency-Key it
was sent with. A re-run of the same request to the same server sends the same key, so the server answers with the
same job (running or done), and the download goes on from the bytes ``.part`` already holds. The key is random and
kept in the file, not derived from the request alone: a key derived from the request would hand back the old job
(and its old data) to every later export of the same range, long after the first one finished. The sidecar is
deleted once the file is complete, so a later run of the same command makes a fresh export.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path
from typing import Any, Optional


class ExportState:
    def __init__(self, target: Path, base_url: str, body: dict[str, Any]) -> None:
        self.path = target.with_name(target.name + ".part.json")
        canonical = json.dumps({"url": base_url, "request": body}, sort_keys=True, separators=(",", ":"))
        self.request = hashlib.sha256(canonical.encode()).hexdigest()
        self.key: Optional[str] = None
        self.job_id: Optional[str] = None
        #: The job the interrupted run was following: only its file may be resumed from ``.part``.
        self.saved_job_id: Optional[str] = None

    def resume_key(self) -> Optional[str]:
        """The Idempotency-Key of an interrupted run of this very request, if there was one."""
        try:
            saved = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("request") != self.request:
            return None
        key = saved.get("idempotency_key")
        job_id = saved.get("job_id")
        self.saved_job_id = job_id if isinstance(job_id, str) else None
        return key if isinstance(key, str) and key else None

    def begin(self, key: Optional[str]) -> str:
        """Records the key before the request is sent: an interrupt during the submit itself is resumable too."""
        self.key = key or f"export-{uuid.uuid4()}"
        self._write()
        return self.key

    def job_started(self, job_id: str) -> None:
        self.job_id = job_id
        self._write()

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps({"request": self.request, "idempotency_key": self.key,
                                         "job_id": self.job_id}))
        os.replace(temporary, self.path)
