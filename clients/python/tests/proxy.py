"""A TCP proxy in front of the real server that breaks chosen responses mid-body, to test
resumable downloads against the server's real Range/If-Range/ETag handling."""
from __future__ import annotations

import socket
import threading
from typing import Any, Callable


class CuttingProxy:
    """Forwards every connection to ``target``; the first ``cuts`` responses whose request line
    satisfies ``select`` are cut after ``cut_at`` bytes (headers included)."""

    def __init__(self, target_host: str, target_port: int, *, cuts: int, cut_at: int,
                 select: Callable[[bytes], bool]) -> None:
        self.target = (target_host, target_port)
        self.cuts = cuts
        self.cut_at = cut_at
        self.select = select
        self.heads: list[bytes] = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> "CuttingProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.running = False
        self.listener.close()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(self.target)
        try:
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data:
                    return
                head += data
            cut = None
            with self.lock:
                self.heads.append(head.split(b"\r\n\r\n")[0])
                if self.cuts > 0 and self.select(head.split(b"\r\n")[0]):
                    self.cuts -= 1
                    cut = self.cut_at
            upstream.sendall(head)
            threading.Thread(target=self._pump, args=(client, upstream, None), daemon=True).start()
            self._pump(upstream, client, cut)
        finally:
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, limit: Any) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    return
                if limit is not None and sent + len(data) >= limit:
                    sink.sendall(data[:limit - sent])
                    return
                sink.sendall(data)
                sent += len(data)
        except OSError:
            return

    def requests(self, marker: bytes) -> list[bytes]:
        with self.lock:
            return [h for h in self.heads if marker in h.split(b"\r\n")[0]]
