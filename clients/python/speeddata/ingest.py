"""Splitting a DataFrame into ingest requests that each stay well under the server's INGEST_MAX_BYTES (64 MiB).

A column of a regular signal whose rows sit exactly on its sample grid and hold no NaN goes as little-endian
float64 (8 bytes a sample, ``?start=`` of the first row); anything else (an irregular signal, rows off the grid,
NaN gaps, which the binary body cannot carry) goes as JSON with int64-ns timestamps, NaN as null (a stored gap).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from . import wire

#: Samples per binary request: 16 MiB of float64.
BINARY_SAMPLES = 2 * 1024 * 1024
#: Samples per JSON request: at most about 45 bytes a sample (19-digit timestamp, 17-digit value), so ~22 MiB.
JSON_SAMPLES = 500_000


@dataclass
class Part:
    """One ingest request: a binary body with its start, or a JSON body."""
    start_ns: Optional[int] = None
    binary: Optional[bytes] = None
    json: Optional[dict[str, Any]] = None


def parts(times_ns: Any, values: Any, sample_rate_hz: Optional[float]) -> Iterator[Part]:
    """The requests for one column: ``times_ns`` int64 ns (numpy), ``values`` float64 (numpy). Each binary chunk is
    checked against the grid from its own first row, since the server places sample i of a request at
    ``start + round(i / rate)`` from that request's ``start`` (rounding per request, not from the column's start)."""
    import numpy as np

    for first in range(0, len(values), BINARY_SAMPLES):
        chunk = slice(first, first + BINARY_SAMPLES)
        if sample_rate_hz and not np.isnan(values[chunk]).any() and _on_grid(times_ns[chunk], sample_rate_hz):
            yield Part(start_ns=int(times_ns[first]), binary=values[chunk].astype("<f8", copy=False).tobytes())
        else:
            for part_first in range(first, min(first + BINARY_SAMPLES, len(values)), JSON_SAMPLES):
                part = slice(part_first, min(part_first + JSON_SAMPLES, first + BINARY_SAMPLES))
                yield Part(json={"timestamps": [int(t) for t in times_ns[part]],
                                 "values": wire.values(values[part])})


def _on_grid(times_ns: Any, sample_rate_hz: float) -> bool:
    """True when row i sits at first + i / rate, to the nanosecond as the server computes it."""
    import numpy as np

    offsets = np.arange(len(times_ns), dtype="float64") * (1e9 / sample_rate_hz)
    expected = times_ns[0] + np.floor(offsets + 0.5).astype("int64")  # Java's Math.round, as the server
    return bool(np.array_equal(times_ns, expected))
