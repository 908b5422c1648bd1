"""Checks the file EmbedPivot wrote, with h5py (a reader we did not write): python3 check_file.py aligned.h5"""
import sys

import h5py
import numpy as np

START_NS = 1737640800000000000  # 2025-01-23T14:00:00Z
MS = 1_000_000

with h5py.File(sys.argv[1], "r") as f:
    assert np.array_equal(f["time"][:], START_NS + np.arange(10) * 100 * MS), f["time"][:]
    assert np.array_equal(f["rig1/voltage"][:], 230.0 + np.arange(10)), f["rig1/voltage"][:]
    # irregular samples 20 at 0 ms, 22 at 400 ms, 24.5 at 900 ms, filled linearly in between
    assert np.allclose(f["rig1/temp"][:], [20, 20.5, 21, 21.5, 22, 22.5, 23, 23.5, 24, 24.5]), f["rig1/temp"][:]
    assert f["rig1/temp"].attrs["filled_cells"] == 7 and f["rig1/temp"].attrs["unit"] == "degC"
print("check_file.py: " + sys.argv[1] + " holds the expected 10 aligned rows")
