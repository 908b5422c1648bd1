"""Prints what xarray (through h5netcdf) makes of an aligned HDF5 export, one tab-separated fact per line.

Usage: python3 xarray_check.py FILE

  group     NAME                                    one per channel group, opened with
                                                    xarray.open_dataset(FILE, engine="h5netcdf", group=NAME)
  coord     NAME  VAR  DIMS  DTYPE                  a coordinate of that dataset (DIMS joined by ',')
  var       NAME  VAR  DIMS  DTYPE  UNITS           a data variable (UNITS: its attrs["units"], '-' when none)
  time      NAME  FIRST  LAST  N                    the decoded time coordinate (numpy datetime64 text)
  tree      PATH  VAR  DIMS  DTYPE                  the same through xarray.open_datatree (each node's own
                                                    variables and, for children, the inherited time), if this
                                                    xarray has open_datatree; else one line 'tree - - - -'
  warning   CATEGORY  MESSAGE                       a warning raised by xarray, h5netcdf or h5py while opening

Only the standard library, numpy, h5py and xarray; the Java tests parse the lines.
"""
import sys
import warnings

import h5py
import xarray as xr


def dims(var):
    return ",".join(var.dims)


def dataset_lines(name, ds):
    for var in sorted(ds.coords):
        yield "coord\t%s\t%s\t%s\t%s" % (name, var, dims(ds[var]), ds[var].dtype.str)
    for var in sorted(ds.data_vars):
        units = ds[var].attrs.get("units", "-")
        yield "var\t%s\t%s\t%s\t%s\t%s" % (name, var, dims(ds[var]), ds[var].dtype.str, units)
    if "time" in ds.coords:
        t = ds["time"].values
        yield "time\t%s\t%s\t%s\t%d" % (name, t[0] if len(t) else "-", t[-1] if len(t) else "-", len(t))


def main():
    path = sys.argv[1]
    lines = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with h5py.File(path, "r") as f:
            groups = sorted(k for k, v in f.items() if isinstance(v, h5py.Group))
        for name in groups:
            with xr.open_dataset(path, engine="h5netcdf", group=name) as ds:
                ds.load()
                lines.extend("group\t%s" % name for _ in [0])
                lines.extend(dataset_lines(name, ds))
        if hasattr(xr, "open_datatree"):
            tree = xr.open_datatree(path, engine="h5netcdf")
            for node in tree.subtree:
                ds = node.to_dataset()
                for var in sorted(ds.variables):
                    lines.append("tree\t%s\t%s\t%s\t%s" % (node.path, var, dims(ds[var]), ds[var].dtype.str))
            tree.close()
        else:
            lines.append("tree\t-\t-\t-\t-")
    for w in caught:
        module = getattr(w, "filename", "") or ""
        if any(part in module for part in ("xarray", "h5netcdf", "h5py")) or "phony" in str(w.message):
            lines.append("warning\t%s\t%s" % (w.category.__name__, str(w.message).replace("\n", " ")))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
