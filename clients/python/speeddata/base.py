"""What both clients share: one :class:`Transport` built from the same arguments."""
from __future__ import annotations

import time
from typing import Any, Callable, Optional

from .progress import ProgressArg
from .retry import RetryPolicy
from .transport import Transport

DEFAULT_URL = "http://localhost:8000"


class BaseClient:
    """``base_url`` may carry a path prefix (``https://host/speeddata``); ``api_key`` is sent as
    ``Authorization: Bearer`` (needed in multi-user mode only). ``timeout`` is per socket
    operation, in seconds: it must exceed the server's ``SYNC_TIMEOUT`` (30 s by default),
    the longest it may think before answering an inline export. ``progress``: see
    :mod:`speeddata.progress`."""

    def __init__(self, base_url: str = DEFAULT_URL, api_key: Optional[str] = None, *, timeout: float = 120.0,
                 retry: Optional[RetryPolicy] = None, progress: ProgressArg = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.transport = Transport(base_url, api_key, timeout=timeout, retry=retry, sleep=sleep)
        self.progress = progress

    @property
    def base_url(self) -> str:
        return self.transport.base_url

    def _progress(self, progress: ProgressArg) -> ProgressArg:
        return self.progress if progress is None else progress

    def health(self) -> Any:
        """``GET /health``: ``{"status": "up"}`` when the process answers."""
        return self.transport.request("GET", "/health")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.base_url!r})"
