"""Conversions from Python values to the service's wire forms (RFC 3339 instants, ISO 8601
durations, int64 nanoseconds), so notebook users can pass datetimes and timedeltas."""
from __future__ import annotations

import datetime as dt
import math
from typing import Any, Iterable, Mapping, Optional, Union

__all__ = ["instant", "duration", "time_range", "timestamps", "values"]

TimeRangeArg = Union[str, Mapping[str, Any]]
_RANGE_KEYS = ("start", "end", "duration", "preset", "timezone")


def instant(value: Any) -> Any:
    """A datetime (with a zone) as RFC 3339; strings and int nanoseconds pass unchanged."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"datetime {value!r} has no time zone; the service needs one (e.g. tzinfo=timezone.utc)")
        return value.isoformat()
    if hasattr(value, "isoformat") and hasattr(value, "value") and hasattr(value, "tz"):  # pandas.Timestamp
        if value.tz is None:
            raise ValueError(f"timestamp {value!r} has no time zone")
        return value.isoformat()
    return value


def format_ns(epoch_ns: int) -> str:
    """int64 ns since the epoch as RFC 3339 UTC with nine fraction digits (exact, unlike a float)."""
    seconds, nanos = divmod(int(epoch_ns), 1_000_000_000)
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos:09d}Z"


def duration(value: Any) -> Any:
    """A timedelta as an ISO 8601 duration (``PT0.001S``); strings pass unchanged."""
    if isinstance(value, dt.timedelta):
        if value <= dt.timedelta(0):
            raise ValueError(f"duration {value!r} must be positive")
        seconds = value.days * 86400 + value.seconds
        text = f"PT{seconds}"
        if value.microseconds:
            text += f".{value.microseconds:06d}".rstrip("0")
        return text + "S"
    return value


def time_range(value: TimeRangeArg) -> dict[str, Any]:
    """The request's ``time_range``: a dict of the contract's forms, or a preset name."""
    if isinstance(value, str):
        return {"preset": value}
    if not isinstance(value, Mapping):
        raise TypeError(f"time_range must be a dict such as {{'start': ..., 'duration': 'PT1H'}} or a preset name, "
                        f"not {type(value).__name__}")
    result = dict(value)
    for key in ("start", "end"):
        if key in result:
            result[key] = instant(result[key])
    if "duration" in result:
        result["duration"] = duration(result["duration"])
    return result


def timestamps(value: Any) -> list[Any]:
    """Sample timestamps as the service takes them: int64 ns or RFC 3339 strings.

    Accepts a pandas DatetimeIndex, a numpy datetime64 array, or any iterable of ints,
    strings and zone-aware datetimes.
    """
    if hasattr(value, "dt") and getattr(getattr(value, "dtype", None), "kind", "") == "M":
        import pandas  # a pandas Series of times (df["time"]): as its index would be

        value = pandas.DatetimeIndex(value)
    if hasattr(value, "asi8"):  # pandas DatetimeIndex (UTC when tz-aware)
        if getattr(value, "tz", None) is None:
            raise ValueError("a DatetimeIndex without a time zone is ambiguous; tz_localize('UTC') it first")
        if value.hasnans:
            raise ValueError("the index holds NaT; a sample needs a time")
        # pandas 2 and 3 keep indexes in s, ms, us or ns, and asi8 counts in that unit: convert first
        # (as_unit raises OutOfBoundsDatetime for instants int64 nanoseconds cannot hold).
        return [int(v) for v in (value.as_unit("ns") if hasattr(value, "as_unit") else value).asi8]
    dtype = getattr(value, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "") == "M":  # numpy datetime64, taken as UTC
        return _numpy_nanoseconds(value)
    result: list[Any] = []
    for item in value:
        if isinstance(item, bool):
            raise TypeError("a timestamp cannot be a bool")
        result.append(int(item) if isinstance(item, int) or _is_numpy_int(item) else instant(item))
    return result


def _numpy_nanoseconds(value: Any) -> list[int]:
    """int64 ns since the epoch of a datetime64 array of any unit; NaT and instants outside what int64 ns hold
    are refused (numpy's own cast would wrap them around silently)."""
    import numpy as np

    array = np.asarray(value)
    if np.isnat(array).any():
        raise ValueError("the timestamps hold NaT; a sample needs a time")
    seconds = array.astype("datetime64[s]").astype("int64")
    if array.size and (seconds.min() < _MIN_NS_SECONDS or seconds.max() > _MAX_NS_SECONDS):
        raise ValueError("a timestamp lies outside 1677-09-21 .. 2262-04-11, which int64 nanoseconds cannot hold")
    return [int(v) for v in array.astype("datetime64[ns]").astype("int64")]


# Whole seconds of the first and last instant int64 nanoseconds since the epoch hold.
_MIN_NS_SECONDS = -9_223_372_036
_MAX_NS_SECONDS = 9_223_372_035


def values(value: Iterable[Any]) -> list[Optional[float]]:
    """Sample values as JSON numbers; NaN becomes null (a stored gap). Infinities are refused
    by the service, so they are refused here with a clearer message."""
    result: list[Optional[float]] = []
    for i, item in enumerate(value.tolist() if hasattr(value, "tolist") else value):
        if item is None:
            result.append(None)
            continue
        number = float(item)
        if math.isnan(number):
            result.append(None)
        elif math.isinf(number):
            raise ValueError(f"value {i} is {number}; the service stores finite values and gaps (NaN) only")
        else:
            result.append(number)
    return result


def _is_numpy_int(item: Any) -> bool:
    return type(item).__module__ == "numpy" and hasattr(item, "dtype") and item.dtype.kind in "iu"
