"""A scripted WebSocket server (the real ``websockets`` package) for unit tests: it records
each handshake's path and ``Authorization`` header and sends a script of JSON messages."""
import asyncio
import json
import threading

from speeddata import ws


class WsServer:
    """A ``websockets`` server in its own thread sending a script of messages per connection."""

    def __init__(self, script, close_early=False):
        self.script = script
        self.close_early = close_early
        self.paths = []
        self.headers = []
        self.ready = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, daemon=True)

    async def _handler(self, socket, path=None):
        self.paths.append(path or getattr(socket, "path", None) or socket.request.path)
        headers = getattr(socket, "request_headers", None) or socket.request.headers
        self.headers.append(headers.get("Authorization"))
        for message in self.script:
            await socket.send(json.dumps(message))
            await asyncio.sleep(0.01)

    def _run(self):
        import websockets
        asyncio.set_event_loop(self.loop)

        async def main():
            self.server = await websockets.serve(self._handler, "127.0.0.1", 0)
            self.port = self.server.sockets[0].getsockname()[1]
            self.ready.set()
            await self.server.wait_closed()
        self.loop.run_until_complete(main())

    def __enter__(self):
        self.thread.start()
        assert self.ready.wait(5)
        return self

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.server.close)
        self.thread.join(5)


def redirect_to(port):
    """The real ``ws.job_messages``, sent to the test's WebSocket server instead of the HTTP one."""
    def messages(url, headers, **kwargs):
        path = "/" + url.split("/", 3)[3]
        return ws.job_messages(f"ws://127.0.0.1:{port}{path}", headers, **kwargs)
    return messages
