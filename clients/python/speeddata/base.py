"""What both clients share: one :class:`Transport` built from the same arguments."""
from __future__ import annotations

import time
from typing import Any, Callable, Optional, Union

from .auth import ApiKey
from .progress import ProgressArg
from .retry import RetryPolicy
from .transport import Transport

DEFAULT_URL = "http://localhost:8000"


class BaseClient:
    """``base_url`` may carry a path prefix (``https://host/speeddata``). ``api_key`` (default: the
    environment variable ``SPEEDDATA_API_KEY``; ``""`` for none) is sent as ``Authorization:
    Bearer`` on every request to the service, downloads and the WebSocket handshake included;
    it is needed in multi-user mode only and shows itself masked (``sd_<key_id>_…``). ``timeout`` is per socket
    operation, in seconds: it must exceed the server's ``SYNC_TIMEOUT`` (30 s by default),
    the longest it may think before answering an inline export. ``progress``: see
    :mod:`speeddata.progress`."""

    def __init__(self, base_url: str = DEFAULT_URL, api_key: Union[str, ApiKey, None] = None, *,
                 timeout: float = 120.0, retry: Optional[RetryPolicy] = None, progress: ProgressArg = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.transport = Transport(base_url, ApiKey.resolve(api_key), timeout=timeout, retry=retry, sleep=sleep)
        self.progress = progress

    @property
    def base_url(self) -> str:
        return self.transport.base_url

    @property
    def api_key(self) -> Optional[ApiKey]:
        """The key in use (printed masked), or None."""
        return self.transport.api_key

    def _progress(self, progress: ProgressArg) -> ProgressArg:
        return self.progress if progress is None else progress

    def health(self) -> Any:
        """``GET /health``: ``{"status": "up"}`` when the process answers."""
        return self.transport.request("GET", "/health")

    def __repr__(self) -> str:
        key = self.transport.api_key
        return f"{type(self).__name__}({self.base_url!r}" + (f", api_key={key.masked!r})" if key else ")")
