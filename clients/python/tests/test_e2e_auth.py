"""End to end in multi-user mode: a key made with the jar's ``keys create``, then the jar started
with ``AUTH_MODE=multi`` on the same data directory; the client with and without the key.

Skips while the jar has no ``keys`` command (multi-user mode not built yet).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from server import require_jar, started
from speeddata import PivotClient, ScoreClient, Unauthorized

pytestmark = pytest.mark.e2e

KEY_PATTERN = re.compile(r"\bsd_[A-Za-z0-9]{1,32}_[A-Za-z0-9\-._~+/]+=*")
PACKAGE_DIR = Path(__file__).resolve().parents[1]
START = "2025-01-23T14:00:00Z"


def make_key(jar: Path, java: str, data_dir: Path, tenant: str) -> str:
    done = subprocess.run([java, "-jar", str(jar), "keys", "create", "--tenant", tenant, "--tier", "pro_plus",
                           "--name", "python-e2e"], env=dict(os.environ, DATA_DIR=str(data_dir)),
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    found = KEY_PATTERN.search(done.stdout)
    assert done.returncode == 0 and found, \
        f"keys create exited {done.returncode}: {(done.stdout + done.stderr).strip()[:200]!r}"
    return found.group(0)


@pytest.fixture(scope="module")
def multi():
    if os.environ.get("SPEEDDATA_TEST_URL"):
        pytest.skip("needs its own server in AUTH_MODE=multi")
    jar, java = require_jar()
    work = Path(tempfile.mkdtemp(prefix="speeddata-e2e-auth-"))
    try:
        key = make_key(jar, java, work / "data", "acme")
        other = make_key(jar, java, work / "data", "globex")
        with started(work, AUTH_MODE="multi", SYNC_MAX_BYTES="100000", RESULT_TTL="PT1H") as running:
            yield running, key, other
    finally:
        shutil.rmtree(work, ignore_errors=True)


def secret_of(key: str) -> str:
    return key.split("_", 2)[2]


def test_without_a_key_every_route_is_unauthorized_but_health_is_open(multi):
    running, _, _ = multi
    client = PivotClient(running.url, progress=False)
    assert client.health()["status"] == "up"
    with pytest.raises(Unauthorized) as caught:
        client.channels()
    assert caught.value.code == "UNAUTHENTICATED" and caught.value.headers.get("WWW-Authenticate", "").startswith(
        "Bearer")
    assert "SPEEDDATA_API_KEY" in str(caught.value)


def test_a_wrong_key_is_unauthorized_and_never_shown(multi):
    running, key, _ = multi
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    with pytest.raises(Unauthorized) as caught:
        ScoreClient(running.url, forged).models()
    assert secret_of(forged)[:8] not in str(caught.value)


def test_a_job_export_with_the_key_over_websocket_and_download(multi, tmp_path):
    np = pytest.importorskip("numpy")
    running, key, other = multi
    client = PivotClient(running.url, key, progress=False)
    client.define_signal("authrig", "v", unit="V", sample_rate_hz=1000.0)
    client.ingest("authrig", "v", np.arange(20_000, dtype="float64"), start=START)
    result = client.export_to(tmp_path / "o.h5", {"start": START, "duration": "PT20S"}, ["authrig"],
                              execution="async")
    assert result.job_id and result.bytes > 160_000
    assert client.waiter.last_route in ("websocket", "polling")
    # the other tenant sees nothing of it
    stranger = PivotClient(running.url, other, progress=False)
    assert all(c.get("name") != "authrig" for c in stranger.channels())
    assert secret_of(key) not in running.log.read_text(errors="replace")


def test_the_cli_takes_the_key_from_the_environment(multi, tmp_path):
    running, key, _ = multi
    base = [sys.executable, "-m", "speeddata", "models", "--url", running.url, "-q", "--retries", "0"]
    env = dict(os.environ, PYTHONPATH=str(PACKAGE_DIR))
    env.pop("SPEEDDATA_API_KEY", None)
    refused = subprocess.run(base, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 8, refused.stderr
    accepted = subprocess.run(base, env=dict(env, SPEEDDATA_API_KEY=key), capture_output=True, text=True, timeout=60)
    assert accepted.returncode in (0, 3), accepted.stderr  # 3: scoring not on this server
    assert secret_of(key) not in accepted.stdout + accepted.stderr
