"""HTTP over ``http.client``: one connection per request, typed errors, retries.

``http.client`` rather than ``urllib.request`` because the client needs the raw status
(200 vs 202 vs 206), to stream bodies of any size, and to tell a connection that failed
before the request left from one that failed after (see :mod:`speeddata.retry`).
"""
from __future__ import annotations

import http.client
import json
import logging
import ssl
import time
import urllib.parse
from typing import Any, Callable, Iterator, Mapping, Optional, TypeVar, Union

from . import __version__
from .auth import ApiKey
from .errors import ConnectionFailed, SpeedDataError, error_from_response
from .retry import IDEMPOTENT_METHODS, RetryPolicy, parse_retry_after

__all__ = ["Transport", "Response", "BodyInterrupted"]

log = logging.getLogger("speeddata")
T = TypeVar("T")

_MAX_ERROR_BODY = 1 << 20
CHUNK = 1 << 20
_NETWORK_ERRORS = (OSError, http.client.HTTPException)
_KEPT_HEADERS = ("Retry-After", "RateLimit", "RateLimit-Policy", "WWW-Authenticate")  # on an error


class BodyInterrupted(Exception):
    """The connection broke while a response body was being read."""


class _NotSent(Exception):
    """Connecting failed: no byte of the request can have reached the server."""


class Response:
    """A response whose body has not been read yet; reading failures raise :class:`BodyInterrupted`."""

    def __init__(self, raw: http.client.HTTPResponse, url: str) -> None:
        self.raw = raw
        self.url = url
        self.status = raw.status

    def header(self, name: str) -> Optional[str]:
        return self.raw.getheader(name)

    @property
    def content_type(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    def read(self, amount: Optional[int] = None) -> bytes:
        try:
            data = self.raw.read(amount) if amount is not None else self.raw.read()
        except _NETWORK_ERRORS as e:
            raise BodyInterrupted(f"{type(e).__name__}: {e}") from e
        # read(amount) answers b"" when the connection closes early instead of raising
        # IncompleteRead; the bytes still owed under Content-Length tell the two apart.
        missing = self.raw.length
        if not data and amount != 0 and missing:
            raise BodyInterrupted(f"connection closed with {missing} bytes of the body missing")
        return data

    def chunks(self, size: int = CHUNK) -> Iterator[bytes]:
        while True:
            chunk = self.read(size)
            if not chunk:
                return
            yield chunk

    def json(self) -> Any:
        body = self.read()
        if not body:
            return None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise SpeedDataError(f"{self.status} answer from {self.url} is not JSON: {body[:200]!r}",
                                 status=self.status) from e


def _read_json(response: Response) -> Any:
    return response.json()


class Transport:
    """Sends requests to one service; knows its base URL, API key, timeout and retry policy.

    ``api_key`` is taken as given (the clients add the ``SPEEDDATA_API_KEY`` fallback); it is
    sent as ``Authorization: Bearer`` to the service's own origin only, on every request.
    """

    def __init__(self, base_url: str, api_key: Union[str, ApiKey, None] = None, *, timeout: float = 120.0,
                 retry: Optional[RetryPolicy] = None, sleep: Callable[[float], None] = time.sleep,
                 ssl_context: Optional[ssl.SSLContext] = None) -> None:
        parts = urllib.parse.urlsplit(base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be http(s)://host[:port][/prefix], not {base_url!r}")
        self.base_url = base_url.strip().rstrip("/")
        self.scheme = parts.scheme
        self.netloc = parts.netloc
        self.prefix = parts.path.rstrip("/")
        self._api_key: Optional[ApiKey] = None
        self.api_key = api_key  # type: ignore[assignment]
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.ssl_context = ssl_context
        self.user_agent = f"speeddata-python/{__version__}"

    @property
    def api_key(self) -> Optional[ApiKey]:
        """The key, as an :class:`ApiKey` (masked when printed), or None."""
        return self._api_key

    @api_key.setter
    def api_key(self, value: Union[str, ApiKey, None]) -> None:
        self._api_key = ApiKey.resolve(value, environ={})

    # -- URLs -------------------------------------------------------------------------------

    def url(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        """The absolute URL of a service path (``/api/...``) or of an absolute URL given back by the server."""
        if path.startswith(("http://", "https://")):
            url = path
        else:
            url = f"{self.scheme}://{self.netloc}{self.prefix}{path if path.startswith('/') else '/' + path}"
        if query:
            pairs = [(k, v) for k, v in query.items() if v is not None]
            if pairs:
                url += ("&" if "?" in url else "?") + urllib.parse.urlencode(pairs, doseq=True)
        return url

    def websocket_url(self, path: str) -> str:
        """ws(s):// URL of a service path, built from the base URL (the server's own idea of its
        host may be wrong behind a proxy)."""
        return ("wss" if self.scheme == "https" else "ws") + self.url(path)[len(self.scheme):]

    def auth_headers(self) -> dict[str, str]:
        """The ``Authorization`` header for the service (also sent on the WebSocket handshake)."""
        return {"Authorization": self._api_key.authorization()} if self._api_key else {}

    # -- requests ---------------------------------------------------------------------------

    def request(self, method: str, path: str, *, json_body: Any = None, body: Optional[bytes] = None,
                headers: Optional[Mapping[str, str]] = None, query: Optional[Mapping[str, Any]] = None,
                idempotent: Optional[bool] = None, reader: Callable[[Response], T] = _read_json,
                retry: Optional[RetryPolicy] = None) -> T:
        """Sends one request, retrying per the policy, and returns ``reader(response)`` for a
        status below 400. A 4xx/5xx raises the typed error from :mod:`speeddata.errors`.

        ``reader`` runs inside the retry loop: if the body breaks off, an idempotent call is
        sent again and ``reader`` sees the new response (so it must start its output afresh).
        """
        method = method.upper()
        idempotent = method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        policy = retry or self.retry
        url = self.url(path, query)
        all_headers = {"User-Agent": self.user_agent, "Accept": "application/json, application/problem+json"}
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False, allow_nan=False).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        all_headers.update(self._headers_for(url))
        all_headers.update(headers or {})
        attempt = 0
        rate_limited = 0  # 429 retries so far, and the seconds slept for them
        rate_limited_wait = 0.0
        while True:
            attempt += 1
            exchange = self._exchange(method, url, body, all_headers)
            try:
                response = exchange.open()
            except _NotSent as e:
                delay = policy.delay_after_error(attempt, idempotent, sent=False)
                if delay is None:
                    raise ConnectionFailed(f"cannot connect to {self.netloc}: {e}") from e.__cause__
                log.info("%s %s: cannot connect (%s); retry %d in %.1fs", method, url, e, attempt, delay)
            except _NETWORK_ERRORS as e:
                delay = self._after_broken(policy, attempt, idempotent, method, url, e)
            else:
                try:
                    if response.status < 400:
                        return reader(response)
                    error = self._error(response, method, url)
                    delay = policy.delay_after_status(attempt, response.status, idempotent, error.retry_after,
                                                      rate_limited=rate_limited, rate_limited_wait=rate_limited_wait)
                    if delay is None:
                        raise error
                    if response.status == 429:
                        rate_limited += 1
                        rate_limited_wait += delay
                    log.info("%s %s: %s; retry %d in %.1fs", method, url, error.code, attempt, delay)
                except BodyInterrupted as e:
                    delay = self._after_broken(policy, attempt, idempotent, method, url, e)
                finally:
                    exchange.close()
            self.sleep(delay)

    @staticmethod
    def _after_broken(policy: RetryPolicy, attempt: int, idempotent: bool, method: str, url: str,
                      failure: BaseException) -> float:
        """The wait before retrying a request whose connection broke after it was sent, or raises."""
        delay = policy.delay_after_error(attempt, idempotent, sent=True)
        if delay is None:
            raise ConnectionFailed(f"{method} {url} failed: {type(failure).__name__}: {failure}"
                                   + ("" if idempotent else " (not retried: the call is not idempotent)")) from failure
        log.info("%s %s: %s; retry %d in %.1fs", method, url, failure, attempt, delay)
        return delay

    def _headers_for(self, url: str) -> dict[str, str]:
        """The API key goes only to the service's own origin, never to a URL elsewhere."""
        parts = urllib.parse.urlsplit(url)
        same = parts.scheme == self.scheme and parts.netloc == self.netloc
        return self.auth_headers() if same else {}

    def _exchange(self, method: str, url: str, body: Optional[bytes], headers: Mapping[str, str]) -> "_Exchange":
        parts = urllib.parse.urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if parts.scheme == "https":
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=self.timeout, context=self.ssl_context)
        else:
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=self.timeout)
        return _Exchange(conn, method, target, body, headers, url)

    def _error(self, response: Response, method: str, url: str) -> SpeedDataError:
        try:
            body = response.read(_MAX_ERROR_BODY)
        except BodyInterrupted:
            body = b""
        note = None
        if self._api_key is not None:
            # a server or proxy echoing the key must not put it into the caller's exception
            body = self._api_key.scrub(body)
            if response.status in (401, 403):
                note = f"API key {self._api_key.masked}"
        elif response.status == 401:
            note = "no API key sent: pass api_key= or set SPEEDDATA_API_KEY"
        headers = {name: value for name in _KEPT_HEADERS if (value := response.header(name)) is not None}
        return error_from_response(response.status, body, response.header("Content-Type"),
                                   retry_after=parse_retry_after(response.header("Retry-After")),
                                   method=method, url=url, headers=headers, note=note)


class _Exchange:
    """One connection, one request: connects (failures raise :class:`_NotSent`) and sends;
    :meth:`close` drops the connection however much of the body was read."""

    def __init__(self, conn: http.client.HTTPConnection, method: str, target: str, body: Optional[bytes],
                 headers: Mapping[str, str], url: str) -> None:
        self.conn = conn
        self.method = method
        self.target = target
        self.body = body
        self.headers = dict(headers)
        self.url = url

    def open(self) -> Response:
        try:
            self.conn.connect()
        except ssl.SSLCertVerificationError:
            self.conn.close()
            raise  # a bad certificate stays bad: not worth a retry
        except OSError as e:
            self.conn.close()
            raise _NotSent(f"{type(e).__name__}: {e}") from e
        try:
            self.conn.request(self.method, self.target, body=self.body, headers=self.headers)
            return Response(self.conn.getresponse(), self.url)
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()
