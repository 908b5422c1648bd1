"""Prints what h5py (the HDF5 C library) sees in an HDF5 file, one tab-separated fact per line.

Usage: /usr/bin/python3 h5summary.py FILE [INDEX ...]

  group    PATH
  dataset  PATH  DTYPE  SHAPE  LAYOUT  SHA256       DTYPE as numpy spells it ('<f8'), SHAPE '3' or '2,3',
                                                    SHA256 of the elements as little-endian bytes
  element  PATH  INDEX  BITS                        BITS: the element's 64 bits as 16 hex digits (a 1-byte
                                                    element's value)
  attr     PATH  NAME  KIND  VALUE                  KIND: str (h5py gave str; VALUE the text), bytes (h5py gave
                                                    bytes: a fixed-length string; VALUE decoded), refs (object
                                                    references; VALUE their paths joined by ','), or a numpy dtype
                                                    ('<f8', '<i4') with VALUE the decimal integer, or for floats
                                                    the bits as hex; arrays as values joined by ','

Only the standard library, numpy and h5py; the Java tests parse the lines.
"""
import hashlib
import sys

import h5py
import numpy as np

BLOCK = 1 << 20


def attr_lines(f, path, attrs):
    for name in sorted(attrs.keys()):
        value = attrs[name]
        dtype = attrs.get_id(name).dtype
        if name == "DIMENSION_LIST":
            names = [f[ref].name for refs in value for ref in refs]
            yield "attr\t%s\t%s\trefs\t%s" % (path, name, ",".join(names))
        elif name == "REFERENCE_LIST":
            names = ["%s:%d" % (f[row[0]].name, row[1]) for row in value]
            yield "attr\t%s\t%s\trefs\t%s" % (path, name, ",".join(names))
        elif h5py.check_string_dtype(dtype) is not None:
            kind = "str" if isinstance(value, str) else "bytes"
            text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
            yield "attr\t%s\t%s\t%s\t%s" % (path, name, kind, text)
        elif getattr(value, "shape", ()) != ():
            yield "attr\t%s\t%s\t%s\t%s" % (path, name, dtype.str, ",".join(str(int(v)) for v in value))
        elif dtype.kind == "f":
            yield "attr\t%s\t%s\t%s\t%016x" % (path, name, dtype.str, np.float64(value).view(np.uint64))
        else:
            yield "attr\t%s\t%s\t%s\t%d" % (path, name, dtype.str, int(value))


def dataset_lines(path, ds, indices):
    layout = ds.id.get_create_plist().get_layout()
    layout_name = {h5py.h5d.CONTIGUOUS: "contiguous", h5py.h5d.CHUNKED: "chunked",
                   h5py.h5d.COMPACT: "compact"}.get(layout, str(layout))
    digest = hashlib.sha256()
    n = ds.shape[0] if ds.shape else 0
    little = ds.dtype.newbyteorder("<")
    for start in range(0, n, BLOCK):
        digest.update(ds[start:min(n, start + BLOCK)].astype(little).tobytes())
    shape = ",".join(str(d) for d in ds.shape)
    yield "dataset\t%s\t%s\t%s\t%s\t%s" % (path, ds.dtype.str, shape, layout_name, digest.hexdigest())
    for i in indices:
        if -n <= i < n:
            if ds.dtype.itemsize == 8:
                bits = np.asarray(ds[i]).astype(little).view("<u8")
            else:
                bits = int(ds[i])
            yield "element\t%s\t%d\t%016x" % (path, i, int(bits))


def main():
    file_name = sys.argv[1]
    indices = [int(a) for a in sys.argv[2:]]
    lines = []
    with h5py.File(file_name, "r") as f:
        lines.extend(attr_lines(f, "/", f.attrs))

        def visit(name, obj):
            path = "/" + name
            if isinstance(obj, h5py.Group):
                lines.append("group\t%s" % path)
            else:
                lines.extend(dataset_lines(path, obj, indices))
            lines.extend(attr_lines(f, path, obj.attrs))

        f.visititems(visit)
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
