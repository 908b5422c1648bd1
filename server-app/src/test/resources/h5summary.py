"""Prints a JSON summary of an HDF5 file as h5py (not our code) reads it: every dataset's dtype, shape,
attributes and values (as float64 hex for bit-exact checks), plus the root attributes."""
import json
import sys

import h5py
import numpy as np


FILE = None


def attr(value):
    if isinstance(value, h5py.Reference):  # DIMENSION_LIST, REFERENCE_LIST: the referenced object's path
        return FILE[value].name
    if isinstance(value, tuple):
        return [attr(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, np.ndarray):
        return [attr(v) for v in value.tolist()]
    if isinstance(value, list):
        return [attr(v) for v in value]
    return value


def main(path, max_values):
    out = {"root_attrs": {}, "datasets": {}}
    global FILE
    with h5py.File(path, "r") as f:
        FILE = f
        out["root_attrs"] = {k: attr(v) for k, v in f.attrs.items()}

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                data = obj[()]
                entry = {"dtype": str(obj.dtype), "shape": list(obj.shape),
                         "attrs": {k: attr(v) for k, v in obj.attrs.items()}}
                head = data[:max_values]
                if obj.dtype.kind == "f":
                    entry["hex"] = [float(v).hex() for v in head]
                    entry["nan_count"] = int(np.isnan(data).sum())
                else:
                    entry["values"] = [int(v) for v in head]
                out["datasets"][name] = entry
            elif isinstance(obj, h5py.Group):
                attrs = {k: attr(v) for k, v in obj.attrs.items()}
                if attrs:
                    out.setdefault("group_attrs", {})[name] = attrs
        f.visititems(visit)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100000)
