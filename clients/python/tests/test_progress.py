import io
import sys

import pytest

from speeddata import progress
from speeddata.progress import LineProgress, make_progress


def test_in_place_line_rewrites_itself():
    out = io.StringIO()
    line = LineProgress("job 1234", stream=out, in_place=True)
    line.update(10, "ch1")
    line.update(10, "ch1")  # no news: nothing written
    line.update(55, "ch2")
    line.close()
    text = out.getvalue()
    assert text.count("\r") == 2 and text.endswith("\n")
    assert "job 1234:  55% ch2" in text


def test_log_line_prints_once_per_ten_percent():
    out = io.StringIO()
    line = LineProgress("job", stream=out, in_place=False)
    for percent in (0, 3, 9, 10, 15, 42, 100):
        line.update(percent, "")
    line.close()
    assert out.getvalue().splitlines() == ["job:   0%", "job:  10%", "job:  42%", "job: 100%"]


def test_disabled_and_callback():
    seen = []
    make_progress(lambda p, m: seen.append((p, m)), "x").update(7, "m")
    assert seen == [(7, "m")]
    assert type(make_progress(False, "x")) is progress.Progress


def test_auto_shows_nothing_when_nobody_watches(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert type(make_progress(None, "x")) is progress.Progress


def test_tqdm_when_installed():
    pytest.importorskip("tqdm")
    bar = make_progress(True, "job")
    try:
        assert type(bar).__name__ == "_TqdmProgress"
        bar.update(30, "a")
        bar.update(20, "b")  # never goes back
        assert bar.bar.n == 30
    finally:
        bar.close()


def test_plain_line_without_tqdm(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    assert isinstance(make_progress(True, "job"), LineProgress)
