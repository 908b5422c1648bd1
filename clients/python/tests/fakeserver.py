"""A scripted HTTP server for unit tests (stdlib ``http.server``).

Each route answers with a list of :class:`Reply` in turn (the last one repeats) or with a
function of the :class:`Recorded` request. A reply can cut its body off after ``cut_at``
bytes and drop the connection, as a failing network would.
"""
from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, Union


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def header(self, name: str) -> Optional[str]:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut_at: Optional[int] = None  # send this many body bytes, then drop the connection

    @staticmethod
    def json(document: Any, status: int = 200, **headers: str) -> "Reply":
        return Reply(status, json.dumps(document).encode(), {"Content-Type": "application/json", **headers})

    @staticmethod
    def problem(status: int, code: str, detail: str = "", **extra: Any) -> "Reply":
        document = {"type": f"https://speeddata.dev/problems/{code.lower()}", "title": code.title(),
                    "status": status, "code": code, "detail": detail, **extra}
        headers = {"Content-Type": "application/problem+json"}
        if "retry_after" in extra:
            headers["Retry-After"] = str(document.pop("retry_after"))
        return Reply(status, json.dumps(document).encode(), headers)


Handler = Union[list, Callable[[Recorded], Reply]]


class FakeServer:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.requests: list[Recorded] = []
        self.lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorded = Recorded(self.command, parts.path, urllib.parse.parse_qs(parts.query),
                                    dict(self.headers.items()), body)
                with server.lock:
                    server.requests.append(recorded)
                reply = server._reply(recorded)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if self.command == "HEAD":
                    return
                if reply.cut_at is not None:
                    self.wfile.write(reply.body[:reply.cut_at])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _serve

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> "FakeServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, method: str, path: str, *replies: Union[Reply, Callable[[Recorded], Reply]]) -> None:
        """Answers ``method path`` with ``replies`` in turn (the last repeats), or with a function."""
        if len(replies) == 1 and callable(replies[0]) and not isinstance(replies[0], Reply):
            self.routes[(method, path)] = replies[0]
        else:
            self.routes[(method, path)] = list(replies)

    def _reply(self, request: Recorded) -> Reply:
        with self.lock:
            handler = self.routes.get((request.method, request.path))
            if handler is None:
                return Reply.problem(404, "NOT_FOUND", f"no route for {request.method} {request.path}")
            if callable(handler):
                return handler(request)
            return handler.pop(0) if len(handler) > 1 else handler[0]

    def calls(self, method: str, path: str) -> list[Recorded]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]


def closed_port() -> int:
    """A local port nobody listens on (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
