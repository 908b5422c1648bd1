"""pytest plugin: the real SpeedData server, started once per session from its jar.

``SERVER_JAR`` names the jar (default: the worktree's server-app/target/server-app.jar).
When it is missing the e2e tests skip, unless ``SPEEDDATA_REQUIRE_SERVER=1`` (run-tests
sets it), which turns the skip into a failure so CI cannot pass without them.

``SPEEDDATA_TEST_URL`` points the e2e tests at a server that is already running instead (the
pivot tests then assume it runs with ``SYNC_MAX_BYTES=100000`` and an empty catalog for
``rig1``/``rig2``; the scoring tests assume nothing).
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

import pytest

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_JAR = ROOT / "server-app" / "target" / "server-app.jar"
# any host: the start line names localhost today and may name the bind address (BIND_ADDRESS) or PUBLIC_URL later
LISTENING = re.compile(r"SpeedData listening on (https?://(?:\[[0-9a-fA-F:.]+\]|[^\s:/\[\]]+)):(\d+)")
# small enough that a few seconds of 1 kHz data go to a job in auto mode
SYNC_MAX_BYTES = 100_000


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    log: Path
    process: Optional[subprocess.Popen]  # None for an external server (SPEEDDATA_TEST_URL)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _jar() -> Path:
    return Path(os.environ.get("SERVER_JAR") or DEFAULT_JAR).resolve()


def require_jar() -> tuple[Path, str]:
    """The server jar and java, or a skip (a failure under ``SPEEDDATA_REQUIRE_SERVER=1``)."""
    jar = _jar()
    if not jar.is_file():
        reason = f"server jar not found at {jar} (build it: mvn -DskipTests package, or set SERVER_JAR)"
        if os.environ.get("SPEEDDATA_REQUIRE_SERVER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not on PATH")
    return jar, java


@contextlib.contextmanager
def started(work: Path, **settings: str) -> Iterator[RunningServer]:
    """The jar started on a free port with ``DATA_DIR=<work>/data`` and ``settings`` (environment
    variables), stopped on exit; ``work`` is left to the caller."""
    jar, java = require_jar()
    log = work / "server.log"
    env = dict(os.environ, PORT="0", DATA_DIR=str(work / "data"), **settings)
    with open(log, "wb") as out:
        process = subprocess.Popen([java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", str(jar)],
                                   env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    running = None
    try:
        deadline = time.monotonic() + 90
        while running is None:
            match = LISTENING.search(log.read_text(errors="replace"))
            if match:
                running = RunningServer(f"{match.group(1)}:{match.group(2)}", work / "data", log, process)
            elif process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            elif time.monotonic() > deadline:
                pytest.fail(f"server did not start in 90 s:\n{log.read_text(errors='replace')[-3000:]}")
            else:
                time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server() -> Iterator[RunningServer]:
    external = os.environ.get("SPEEDDATA_TEST_URL")
    if external:  # a server already running, e.g. to try the scoring tests against a dev instance
        yield RunningServer(external.rstrip("/"), Path("."), Path("/dev/null"), None)
        return
    require_jar()
    work = Path(tempfile.mkdtemp(prefix="speeddata-e2e-"))
    try:
        with started(work, SYNC_MAX_BYTES=str(SYNC_MAX_BYTES), RESULT_TTL="PT1H") as running:
            yield running
    finally:
        shutil.rmtree(work, ignore_errors=True)
