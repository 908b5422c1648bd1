"""Progress display for jobs: a tqdm bar when tqdm is installed, a plain line otherwise.

``progress`` arguments across the client accept ``None`` (show when a person is likely
watching: a terminal on stderr, or a Jupyter kernel), ``True``, ``False``, or a callable
``f(percent: int, message: str)`` that receives every update instead.
"""
from __future__ import annotations

import sys
from typing import Callable, Optional, TextIO, Union

ProgressArg = Union[None, bool, Callable[[int, str], None]]

__all__ = ["Progress", "make_progress", "ProgressArg"]


class Progress:
    """Receives job progress; the base class shows nothing."""

    def update(self, percent: int, message: str = "") -> None:
        """The job is at ``percent`` (0-100) doing ``message``."""

    def close(self) -> None:
        """The job is over (whatever the outcome)."""


class _CallbackProgress(Progress):
    def __init__(self, callback: Callable[[int, str], None]) -> None:
        self.callback = callback

    def update(self, percent: int, message: str = "") -> None:
        self.callback(percent, message)


class _TqdmProgress(Progress):
    def __init__(self, label: str, tqdm_class: type) -> None:
        self.bar = tqdm_class(total=100, desc=label, unit="%", leave=True,
                              bar_format="{desc}: {percentage:3.0f}%|{bar}|{postfix}")
        self.last = 0

    def update(self, percent: int, message: str = "") -> None:
        percent = max(self.last, min(100, int(percent)))
        if percent > self.last:
            self.bar.update(percent - self.last)
            self.last = percent
        if message:
            self.bar.set_postfix_str(message, refresh=True)

    def close(self) -> None:
        self.bar.close()


class LineProgress(Progress):
    """One line rewritten in place on a terminal or in a notebook; on anything else (a log file),
    one line per 10 % step so logs stay short."""

    def __init__(self, label: str, stream: Optional[TextIO] = None, in_place: Optional[bool] = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.in_place = _interactive(self.stream) if in_place is None else in_place
        self.last: Optional[tuple[int, str]] = None
        self.shown_step = -1

    def update(self, percent: int, message: str = "") -> None:
        if self.last == (percent, message):
            return
        self.last = (percent, message)
        text = f"{self.label}: {percent:3d}% {message}".rstrip()
        if self.in_place:
            self.stream.write("\r" + text.ljust(79))
        elif percent // 10 > self.shown_step:
            self.shown_step = percent // 10
            self.stream.write(text + "\n")
        else:
            return
        self.stream.flush()

    def close(self) -> None:
        if self.in_place and self.last is not None:
            self.stream.write("\n")
            self.stream.flush()


def _in_notebook() -> bool:
    return "ipykernel" in sys.modules


def _interactive(stream: TextIO) -> bool:
    try:
        return stream.isatty() or _in_notebook()
    except (AttributeError, ValueError):
        return False


def _tqdm_class() -> Optional[type]:
    try:
        if _in_notebook():
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from tqdm.auto import tqdm  # widget when ipywidgets is there, text otherwise
        else:
            from tqdm import tqdm
        return tqdm
    except ImportError:
        return None


def make_progress(progress: ProgressArg, label: str) -> Progress:
    """The display for one job, as asked for by a ``progress`` argument."""
    if callable(progress):
        return _CallbackProgress(progress)
    if progress is False or (progress is None and not _interactive(sys.stderr)):
        return Progress()
    tqdm_class = _tqdm_class()
    return _TqdmProgress(label, tqdm_class) if tqdm_class is not None else LineProgress(label)
