"""Shared fixtures: the fake server, a sleep recorder, and the real server for e2e tests."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the package, without installing it
sys.path.insert(0, str(HERE))

from fakeserver import FakeServer  # noqa: E402

pytest_plugins = ["server"]



class Sleeps(list):
    """Records the waits a client asks for instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(scope="session", autouse=True)
def no_api_key_from_the_environment() -> Iterator[None]:
    """A developer's own SPEEDDATA_API_KEY must not leak into the tests (nor change their outcome);
    session-wide, so that module-scoped clients are built without it too."""
    saved = os.environ.pop("SPEEDDATA_API_KEY", None)
    yield
    if saved is not None:
        os.environ["SPEEDDATA_API_KEY"] = saved


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    with FakeServer() as server:
        yield server


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()
