"""Export files to pandas: the aligned HDF5 layout becomes a DataFrame indexed by time.

Text attributes are variable-length UTF-8 (h5py gives ``str``); files of older servers have fixed-length
``bytes``, decoded here, so ``df.attrs`` holds plain strings and numbers either way. The HDF5 dimension scale
bookkeeping (``/<channel>/time``, a hard link to ``/time``, and the ``CLASS``, ``NAME``, ``DIMENSION_LIST`` and
``REFERENCE_LIST`` attributes that make the file open in xarray) is left out.
"""
from __future__ import annotations

import os
from typing import Any, Union

from .errors import MissingDependency

__all__ = ["read_hdf5", "read_csv", "read_xarray", "decode_attrs"]

PathLike = Union[str, "os.PathLike[str]"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise MissingDependency("export_dataframe needs pandas (Debian: python3-pandas)") from e
    return pandas


def _h5py() -> Any:
    try:
        import h5py
    except ImportError as e:
        raise MissingDependency("reading HDF5 needs h5py (Debian: python3-h5py)") from e
    return h5py


def _xarray() -> Any:
    try:
        import xarray
    except ImportError as e:
        raise MissingDependency("export_xarray needs xarray (Debian: python3-xarray)") from e
    return xarray


def decode_attr(value: Any) -> Any:
    """An HDF5 attribute as a plain Python value: bytes → str, numpy scalars/arrays → Python."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if hasattr(value, "tolist"):  # numpy scalar or array
        value = value.tolist()
        if isinstance(value, list):
            return [decode_attr(v) for v in value]
        return decode_attr(value)
    return value


QUALITY_SUFFIX = ":quality"
DIMENSION_SCALE_ATTRS = frozenset({"CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST"})


def decode_attrs(attrs: Any) -> dict[str, Any]:
    return {str(key): decode_attr(attrs[key]) for key in attrs.keys() if key not in DIMENSION_SCALE_ATTRS}


def _is_scale(dataset: Any) -> bool:
    """A dimension scale (the grid ``time`` linked into each channel group), not a signal."""
    return decode_attr(dataset.attrs.get("CLASS", b"")) == "DIMENSION_SCALE"


def read_hdf5(path: PathLike) -> Any:
    """The export file at ``path`` as a DataFrame.

    Aligned layout: index ``time`` (a UTC DatetimeIndex from ``/time`` in ns), one float64
    column per ``channel/signal`` and, for an export with ``quality``, a uint8 column
    ``channel/signal:quality`` after it (0 observed, 1 filled, 2 missing); the ``time`` each channel
    group links is no column. ``df.attrs["file"]`` has the root attributes and
    ``df.attrs["columns"][name]`` each column's (``unit``, ``sample_rate_hz``, ``fill``,
    ``aggregate``). Raw layout: a long frame indexed by time with columns ``signal`` and
    ``value``, sorted by time.
    """
    pd = _pandas()
    h5py = _h5py()
    with h5py.File(path, "r") as f:
        file_attrs = decode_attrs(f.attrs)
        if isinstance(f.get("time"), h5py.Dataset):
            index = pd.DatetimeIndex(pd.to_datetime(f["time"][...], unit="ns", utc=True), name="time")
            data: dict[str, Any] = {}
            column_attrs: dict[str, dict[str, Any]] = {}
            for channel, group in f.items():
                if not isinstance(group, h5py.Group):
                    continue
                for signal, dataset in group.items():
                    if isinstance(dataset, h5py.Dataset) and not _is_scale(dataset):
                        name = f"{channel}/{signal}"
                        data[name] = dataset[...]
                        column_attrs[name] = decode_attrs(dataset.attrs)
            frame = pd.DataFrame(data, index=index)
        else:
            frame, column_attrs = _raw_frame(pd, h5py, f)
    frame.attrs["file"] = file_attrs
    frame.attrs["columns"] = column_attrs
    return frame


def read_xarray(path: PathLike) -> Any:
    """An aligned export file as an ``xarray.Dataset``: one variable per ``channel/signal`` on the dimension
    ``time`` (a coordinate of datetime64[ns], UTC, without a zone as xarray keeps times), each with its
    dataset's attributes (``unit``, ``units``, ...), and the file's attributes on the Dataset. Read through h5py,
    so it works with every xarray (the file also opens in xarray directly; see docs/python-client.md)."""
    xr = _xarray()
    h5py = _h5py()
    with h5py.File(path, "r") as f:
        if not isinstance(f.get("time"), h5py.Dataset):
            raise ValueError("export_xarray reads the aligned layout; a raw export has no common time axis")
    frame = read_hdf5(path)
    time = frame.index.tz_convert("UTC").tz_localize(None)
    variables = {name: ("time", frame[name].to_numpy(), frame.attrs["columns"].get(name, {}))
                 for name in frame.columns}
    return xr.Dataset(variables, coords={"time": ("time", time.to_numpy())}, attrs=frame.attrs["file"])


def _raw_frame(pd: Any, h5py: Any, f: Any) -> tuple[Any, dict[str, dict[str, Any]]]:
    parts = []
    column_attrs: dict[str, dict[str, Any]] = {}
    for channel, group in f.items():
        if not isinstance(group, h5py.Group):
            continue
        for signal, sub in group.items():
            if isinstance(sub, h5py.Group) and "time" in sub and "value" in sub:
                name = f"{channel}/{signal}"
                column_attrs[name] = decode_attrs(sub.attrs)
                parts.append(pd.DataFrame({
                    "time": pd.to_datetime(sub["time"][...], unit="ns", utc=True),
                    "signal": name,
                    "value": sub["value"][...],
                }))
    if not parts:
        frame = pd.DataFrame({"signal": pd.Series(dtype=object), "value": pd.Series(dtype="float64")},
                             index=pd.DatetimeIndex([], tz="UTC", name="time"))
    else:
        frame = pd.concat(parts, ignore_index=True).sort_values("time", kind="stable").set_index("time")
    return frame, column_attrs


def read_csv(path: PathLike) -> Any:
    """An aligned CSV export as a DataFrame shaped like :func:`read_hdf5`'s (without attributes):
    the fallback when h5py is missing. Signals are float64, quality flags (``<ch>/<sig>:quality``) uint8."""
    pd = _pandas()
    frame = pd.read_csv(path, index_col=0, dtype={"time": str})
    frame.index = pd.DatetimeIndex(parse_times(pd, frame.index), name="time")
    return frame.astype({name: "uint8" if str(name).endswith(QUALITY_SUFFIX) else "float64"
                         for name in frame.columns})


def parse_times(pd: Any, texts: Any) -> Any:
    """RFC 3339 texts as UTC datetime64[ns] on every pandas: pandas 2 and 3 guess one format from the first row
    unless told ISO 8601 (a file of an older server mixes 0, 3, 6 and 9 fraction digits), and pandas 3 would
    pick microseconds for some inputs."""
    if hasattr(pd.Timestamp, "as_unit"):  # pandas >= 2
        return pd.to_datetime(texts, utc=True, format="ISO8601").as_unit("ns")
    return pd.to_datetime(texts, utc=True)
