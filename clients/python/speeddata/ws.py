"""Job progress over WebSocket, through the optional ``websockets`` package.

``websockets`` >= 12 has a blocking client (``websockets.sync.client``), which is used when
present. Older releases (Debian 12 ships 10.4) only have the asyncio client; it runs on
its own event loop in a helper thread, which also keeps it working inside Jupyter, whose
kernel already runs a loop in the main thread.

The handshake carries the ``Authorization`` header (a key never travels in the URL). Its
argument was renamed: ``extra_headers`` in the legacy asyncio client (10.x, 11.x, and
``websockets.legacy`` up to 13), ``additional_headers`` in the sync client (>= 12) and the new
asyncio client (``websockets.connect`` from 14 on); :func:`headers_argument` asks ``connect``.
"""
from __future__ import annotations

import inspect
import json
import queue
import threading
from typing import Any, Iterator, Mapping, Optional

__all__ = ["StreamUnavailable", "StreamIdle", "available", "job_messages", "headers_argument"]


class StreamUnavailable(Exception):
    """The ``websockets`` package is not installed."""


class StreamIdle(Exception):
    """No message for longer than the idle timeout."""


def _module() -> Any:
    try:
        import websockets
    except ImportError as e:
        raise StreamUnavailable("the websockets package is not installed") from e
    return websockets


def available() -> bool:
    try:
        _module()
        return True
    except StreamUnavailable:
        return False


def headers_argument(connect: Any) -> str:
    """The name under which ``connect`` takes extra handshake headers."""
    try:
        parameters = inspect.signature(connect).parameters
    except (TypeError, ValueError):
        parameters = {}
    if "additional_headers" in parameters:
        return "additional_headers"
    if "extra_headers" in parameters:
        return "extra_headers"
    return "additional_headers"  # every release since 14 spells it so


def job_messages(url: str, headers: Optional[Mapping[str, str]] = None, *, open_timeout: float = 10.0,
                 idle_timeout: float = 60.0) -> Iterator[dict[str, Any]]:
    """The JSON messages of one job stream, until the server closes it.

    Raises :class:`StreamUnavailable` without ``websockets``, :class:`StreamIdle` after
    ``idle_timeout`` seconds of silence, and whatever ``websockets`` raises when it cannot
    connect. Closing the generator closes the socket.
    """
    _module()
    try:
        from websockets.sync.client import connect as sync_connect  # websockets >= 12
    except ImportError:
        sync_connect = None
    if sync_connect is not None:
        return _sync_messages(sync_connect, url, dict(headers or {}), open_timeout, idle_timeout)
    return _threaded_messages(url, dict(headers or {}), open_timeout, idle_timeout)


def _decode(text: Any) -> Optional[dict[str, Any]]:
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _sync_messages(connect: Any, url: str, headers: dict[str, str], open_timeout: float,
                   idle_timeout: float) -> Iterator[dict[str, Any]]:
    from websockets.exceptions import ConnectionClosed
    options = {headers_argument(connect): headers or None}
    with connect(url, open_timeout=open_timeout, close_timeout=1, **options) as socket:
        while True:
            try:
                text = socket.recv(timeout=idle_timeout)
            except TimeoutError as e:
                raise StreamIdle(f"no message for {idle_timeout:.0f}s") from e
            except ConnectionClosed:
                return
            message = _decode(text)
            if message is not None:
                yield message


_END = object()


def _threaded_messages(url: str, headers: dict[str, str], open_timeout: float,
                       idle_timeout: float) -> Iterator[dict[str, Any]]:
    import asyncio

    import websockets

    inbox: "queue.Queue[Any]" = queue.Queue()
    stop = threading.Event()

    async def pump() -> None:
        options = {headers_argument(websockets.connect): headers or None}
        async with websockets.connect(url, open_timeout=open_timeout, close_timeout=1, **options) as socket:
            while not stop.is_set():
                try:
                    text = await asyncio.wait_for(socket.recv(), timeout=0.25)
                except asyncio.TimeoutError:
                    continue
                except websockets.ConnectionClosed:
                    return
                inbox.put(text)

    def run() -> None:
        try:
            asyncio.run(pump())
            inbox.put(_END)
        except BaseException as e:  # handed to the consumer, which decides
            inbox.put(e)

    thread = threading.Thread(target=run, name="speeddata-ws", daemon=True)
    thread.start()
    try:
        while True:
            try:
                item = inbox.get(timeout=idle_timeout)
            except queue.Empty:
                raise StreamIdle(f"no message for {idle_timeout:.0f}s") from None
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            message = _decode(item)
            if message is not None:
                yield message
    finally:
        stop.set()
        thread.join(timeout=2)
