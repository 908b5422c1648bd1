"""PivotClient against the fake server: request bodies, inline vs job, retries, files, DataFrames."""
import datetime as dt
import hashlib
import math
import sys
import uuid

import pytest

from fakeserver import Reply
from speeddata import PivotClient, errors
from speeddata.retry import RetryPolicy

EXPORT = "/api/v1/pivot/export"
JOB = "0b9a2d3e-0000-4000-8000-000000000001"
STATUS = f"/api/v1/pivot/jobs/{JOB}"
DOWNLOAD = STATUS + "/download"
RANGE = {"start": "2025-01-23T14:00:00Z", "duration": "PT1H"}
HDF5 = b"\x89HDF\r\n\x1a\n" + bytes(range(256)) * 40


def client(fake, sleeps, **kwargs):
    kwargs.setdefault("retry", RetryPolicy(max_attempts=3, rand=lambda: 1.0))
    return PivotClient(fake.url, sleep=sleeps, timeout=5, websocket=False, progress=False, **kwargs)


def inline(body=HDF5, **kwargs):
    return Reply(200, body, {"Content-Type": "application/x-hdf5",
                             "Content-Disposition": 'attachment; filename="export_20250123_140000.h5"'}, **kwargs)


def accepted(retry_after="1"):
    return Reply.json({"job_id": JOB, "status": "queued", "poll_url": STATUS,
                       "websocket_url": f"ws://elsewhere{STATUS}/stream"}, 202,
                      **{"Retry-After": retry_after, "Location": STATUS})


def completed(data=HDF5):
    return Reply.json({"job_id": JOB, "status": "completed", "progress": {"percent": 100, "message": "completed"},
                       "download_url": DOWNLOAD,
                       "result": {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                                  "content_type": "application/x-hdf5"}})


def file_reply(data=HDF5, **kwargs):
    return Reply(200, data, {"Content-Type": "application/x-hdf5",
                             "ETag": '"' + hashlib.sha256(data).hexdigest() + '"'}, **kwargs)


def test_inline_export_returns_the_bytes_and_sends_the_request_fields(fake, sleeps):
    fake.route("POST", EXPORT, inline())
    data = client(fake, sleeps).export(RANGE, ["ch1", "ch2"], {"ch1": ["voltage"], "ch2": "*"}, interval="PT0.001S",
                                       fill={"ch1/voltage": "previous"}, aggregate="max", format="hdf5",
                                       layout="aligned", execution="auto")
    assert data == HDF5
    sent = fake.calls("POST", EXPORT)[0]
    assert sent.json() == {"time_range": RANGE, "channels": ["ch1", "ch2"],
                           "signals": {"ch1": ["voltage"], "ch2": "*"}, "interval": "PT0.001S",
                           "fill": {"ch1/voltage": "previous"}, "aggregate": "max", "format": "hdf5",
                           "layout": "aligned", "execution": "auto"}
    assert uuid.UUID(sent.header("Idempotency-Key"))
    assert "application/x-hdf5" in sent.header("Accept")


def test_unset_fields_are_left_to_the_server(fake, sleeps):
    fake.route("POST", EXPORT, inline())
    client(fake, sleeps).export("last_hour", "ch1")
    assert fake.calls("POST", EXPORT)[0].json() == {"time_range": {"preset": "last_hour"}, "channels": ["ch1"]}


def test_python_times_are_converted():
    body = PivotClient.export_request(
        {"start": dt.datetime(2025, 1, 23, 14, tzinfo=dt.timezone.utc), "duration": dt.timedelta(minutes=90)},
        ("ch1",), interval=dt.timedelta(milliseconds=1))
    assert body["time_range"] == {"start": "2025-01-23T14:00:00+00:00", "duration": "PT5400S"}
    assert body["interval"] == "PT0.001S"
    with pytest.raises(ValueError, match="time zone"):
        PivotClient.export_request({"start": dt.datetime(2025, 1, 23), "duration": "PT1H"}, ["c"])
    with pytest.raises(TypeError):
        PivotClient.export_request(["2025"], ["c"])


def test_a_202_is_followed_to_the_file(fake, sleeps):
    fake.route("POST", EXPORT, accepted(retry_after="2"))
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "running", "progress": {"percent": 50}},
                                         **{"Retry-After": "1"}), completed())
    fake.route("GET", DOWNLOAD, file_reply())
    assert client(fake, sleeps).export(RANGE, ["ch1"]) == HDF5
    assert sleeps == [2.0, 1.0]


def test_a_failed_job_raises_job_failed(fake, sleeps):
    fake.route("POST", EXPORT, accepted())
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "failed",
                                          "error": {"code": "WORKER_LOST", "message": "worker died 3 times"}}))
    with pytest.raises(errors.JobFailed) as caught:
        client(fake, sleeps).export(RANGE, ["ch1"])
    assert caught.value.code == "WORKER_LOST" and caught.value.job_id == JOB


def test_export_to_streams_into_the_file_and_leaves_no_part(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, accepted())
    fake.route("GET", STATUS, completed())
    fake.route("GET", DOWNLOAD, file_reply(cut_at=3000), file_reply())  # (no Range support: whole again)
    result = client(fake, sleeps).export_to(tmp_path / "out.h5", RANGE, ["ch1"])
    assert (tmp_path / "out.h5").read_bytes() == HDF5
    assert result.route == "job" and result.job_id == JOB and result.bytes == len(HDF5)
    assert [p.name for p in tmp_path.iterdir()] == ["out.h5"]


def test_a_failed_export_leaves_no_file(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, Reply.problem(404, "UNKNOWN_SIGNAL", "unknown channel or signal: rig9"))
    with pytest.raises(errors.NotFound) as caught:
        client(fake, sleeps).export_to(tmp_path / "out.h5", RANGE, ["rig9"])
    assert caught.value.code == "UNKNOWN_SIGNAL"
    assert list(tmp_path.iterdir()) == []


def test_an_inline_body_cut_off_is_retried_with_the_same_idempotency_key(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, inline(cut_at=1000), inline())
    result = client(fake, sleeps).export_to(tmp_path / "out.h5", RANGE, ["ch1"])
    assert (tmp_path / "out.h5").read_bytes() == HDF5 and result.route == "inline"
    first, second = fake.calls("POST", EXPORT)
    assert first.header("Idempotency-Key") == second.header("Idempotency-Key")


def test_the_callers_idempotency_key_is_sent(fake, sleeps):
    fake.route("POST", EXPORT, inline())
    client(fake, sleeps).export(RANGE, ["ch1"], idempotency_key="nightly-2025-01-23")
    assert fake.calls("POST", EXPORT)[0].header("Idempotency-Key") == "nightly-2025-01-23"


def test_without_idempotency_key_a_broken_export_is_not_retried(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, inline(cut_at=1000), inline())
    with pytest.raises(errors.ConnectionFailed):
        client(fake, sleeps).export_to(tmp_path / "out.h5", RANGE, ["ch1"], idempotency_key=False)
    assert fake.calls("POST", EXPORT)[0].header("Idempotency-Key") is None
    assert len(fake.calls("POST", EXPORT)) == 1
    assert list(tmp_path.iterdir()) == []


def test_queue_full_is_retried_after_retry_after(fake, sleeps):
    fake.route("POST", EXPORT, Reply.problem(503, "QUEUE_FULL", retry_after=30), inline())
    assert client(fake, sleeps).export(RANGE, ["ch1"]) == HDF5
    assert sleeps == [30.0]


def test_estimate_and_job_helpers(fake, sleeps, tmp_path):
    fake.route("POST", "/api/v1/pivot/estimate", Reply.json({"estimated_bytes": 10, "route": "sync"}))
    fake.route("GET", "/api/v1/pivot/jobs", Reply.json({"jobs": [{"job_id": JOB}]}))
    fake.route("DELETE", STATUS, Reply.json({"job_id": JOB, "status": "cancelled"}))
    fake.route("GET", STATUS, completed())
    fake.route("GET", DOWNLOAD, file_reply())
    c = client(fake, sleeps)
    assert c.estimate(RANGE, ["ch1"], interval="PT1S")["route"] == "sync"
    assert fake.calls("POST", "/api/v1/pivot/estimate")[0].json()["interval"] == "PT1S"
    assert c.jobs() == [{"job_id": JOB}]
    assert fake.calls("GET", "/api/v1/pivot/jobs")[0].query == {"limit": ["1000"]}
    assert c.cancel(JOB)["status"] == "cancelled"
    assert c.status(JOB)["status"] == "completed"
    assert c.wait(JOB)["status"] == "completed"
    assert c.download(JOB) == HDF5
    assert c.download_to(JOB, tmp_path / "x.h5").sha256 == hashlib.sha256(HDF5).hexdigest()


def test_submit_queues_without_waiting(fake, sleeps):
    fake.route("POST", EXPORT, accepted())
    assert client(fake, sleeps).submit(RANGE, ["ch1"])["job_id"] == JOB
    assert fake.calls("POST", EXPORT)[0].json()["execution"] == "async"
    assert fake.calls("GET", STATUS) == []


def test_cancelling_a_finished_job_deletes_its_result_and_returns_the_job_after(fake, sleeps):
    fake.route("DELETE", STATUS, Reply(204))
    fake.route("GET", STATUS, Reply.json({"job_id": JOB, "status": "expired"}))
    assert client(fake, sleeps).cancel(JOB)["status"] == "expired"
    assert len(fake.calls("DELETE", STATUS)) == 1


def test_catalog_and_ingest(fake, sleeps):
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    fake.route("PUT", "/api/v1/channels/rig1/signals/voltage", Reply.json({"name": "voltage"}, 201))
    fake.route("POST", "/api/v1/channels/rig1/signals/voltage/samples", Reply.json({"accepted": 3}))
    fake.route("GET", "/api/v1/channels", Reply.json({"channels": [{"name": "rig1"}]}))
    c = client(fake, sleeps)
    c.define_signal("rig1", "voltage", unit="V", sample_rate_hz=1000.0)
    assert fake.calls("PUT", "/api/v1/channels/rig1/signals/voltage")[0].json() == {"unit": "V",
                                                                                     "sample_rate_hz": 1000.0}
    assert c.ingest("rig1", "voltage", np.array([1.0, math.nan, 3.0]),
                    start=dt.datetime(2025, 1, 23, 14, tzinfo=dt.timezone.utc)) == 3
    assert fake.requests[-1].json() == {"values": [1.0, None, 3.0], "start": "2025-01-23T14:00:00+00:00"}
    index = pd.date_range("2025-01-23T14:00:00Z", periods=3, freq="1ms")
    c.ingest("rig1", "voltage", [1, 2, 3], timestamps=index)
    assert fake.requests[-1].json()["timestamps"] == [1737640800000000000 + i * 1_000_000 for i in range(3)]
    assert c.channels() == [{"name": "rig1"}]
    with pytest.raises(ValueError):
        c.ingest("rig1", "voltage", [1.0], start="2025-01-23T14:00:00Z", timestamps=[1])
    with pytest.raises(ValueError, match="finite"):
        c.ingest("rig1", "voltage", [math.inf], start="2025-01-23T14:00:00Z")
    with pytest.raises(ValueError, match="2 timestamps for 1 values"):
        c.ingest("rig1", "voltage", [1.0], timestamps=[1, 2])


# -- DataFrames -------------------------------------------------------------------------------

def aligned_hdf5(path):
    """A file shaped like the service's aligned HDF5 (fixed-length byte attributes, as jHDF writes)."""
    h5py = pytest.importorskip("h5py")
    np = pytest.importorskip("numpy")
    start = 1737640800000000000
    with h5py.File(path, "w") as f:
        f["time"] = np.arange(5, dtype="int64") * 1_000_000 + start
        f["time"].attrs["units"] = np.bytes_(b"nanoseconds since 1970-01-01T00:00:00Z")
        f.attrs["time_range_start"] = np.bytes_(b"2025-01-23T14:00:00Z")
        f.attrs["interval_ns"] = np.int64(1_000_000)
        f.attrs["format_version"] = np.int32(1)
        for name, values in (("rig1/voltage", [1.0, 2.0, np.nan, 4.0, 5.0]), ("rig2/temp", [20.0] * 5)):
            f[name] = np.array(values, dtype="float64")
            f[name].attrs["unit"] = np.bytes_(b"V" if "voltage" in name else b"degC")
            f[name].attrs["sample_rate_hz"] = np.float64(1000.0)
            f[name].attrs["fill"] = np.bytes_(b"linear")
    return path.read_bytes()


def test_export_dataframe_from_hdf5(fake, sleeps, tmp_path):
    pd = pytest.importorskip("pandas")
    fake.route("POST", EXPORT, inline(aligned_hdf5(tmp_path / "src.h5")))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1", "rig2"])
    assert fake.calls("POST", EXPORT)[0].json()["format"] == "hdf5"
    assert isinstance(df.index, pd.DatetimeIndex) and str(df.index.tz) == "UTC" and df.index.name == "time"
    assert df.index[0] == pd.Timestamp("2025-01-23T14:00:00Z")
    assert (df.index[1] - df.index[0]) == pd.Timedelta(milliseconds=1)
    assert list(df.columns) == ["rig1/voltage", "rig2/temp"]
    assert df["rig1/voltage"].isna().tolist() == [False, False, True, False, False]
    assert df.attrs["columns"]["rig1/voltage"] == {"unit": "V", "sample_rate_hz": 1000.0, "fill": "linear"}
    assert df.attrs["file"]["time_range_start"] == "2025-01-23T14:00:00Z"
    assert df.attrs["file"]["interval_ns"] == 1_000_000
    assert isinstance(df.attrs["file"]["interval_ns"], int)


def aligned_hdf5_with_dimension_scales(path):
    """A file shaped like today's aligned HDF5: variable-length str attributes, /time a dimension scale linked into
    each channel group and attached to every signal."""
    h5py = pytest.importorskip("h5py")
    np = pytest.importorskip("numpy")
    with h5py.File(path, "w") as f:
        f["time"] = np.arange(3, dtype="int64") * 1_000_000 + 1737640800000000000
        f["time"].attrs["units"] = "nanoseconds since 1970-01-01T00:00:00Z"
        f["time"].make_scale("time")
        f.attrs["interval_ns"] = np.int64(1_000_000)
        f.attrs["time_range_start"] = "2025-01-23T14:00:00Z"
        for name in ("rig1/voltage", "rig2/temp"):
            f[name] = np.array([1.0, 2.0, 3.0])
            f[name].attrs["unit"] = "V"
            f[name].attrs["units"] = "V"
            f[name].dims[0].attach_scale(f["time"])
            f[name.split("/")[0] + "/time"] = f["time"]
    return path.read_bytes()


def test_export_dataframe_leaves_out_the_dimension_scales(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, inline(aligned_hdf5_with_dimension_scales(tmp_path / "src.h5")))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1", "rig2"])
    assert list(df.columns) == ["rig1/voltage", "rig2/temp"]
    assert df.attrs["columns"]["rig1/voltage"] == {"unit": "V", "units": "V"}
    assert df.attrs["file"]["time_range_start"] == "2025-01-23T14:00:00Z"
    assert len(df) == 3


def aligned_hdf5_with_quality(path):
    """Today's aligned HDF5 with quality: /rig1/voltage:quality (uint8) attached to /time like its signal."""
    h5py = pytest.importorskip("h5py")
    np = pytest.importorskip("numpy")
    aligned_hdf5_with_dimension_scales(path)
    with h5py.File(path, "a") as f:
        f["rig1/voltage:quality"] = np.array([0, 1, 2], dtype="uint8")
        f["rig1/voltage:quality"].attrs["flag_values"] = np.array([0, 1, 2], dtype="uint8")
        f["rig1/voltage:quality"].attrs["flag_meanings"] = "observed filled missing"
        f["rig1/voltage:quality"].dims[0].attach_scale(f["time"])
        f["rig1/voltage"].attrs["ancillary_variables"] = "voltage:quality"
    return path.read_bytes()


def test_export_dataframe_keeps_quality_flags_as_uint8_columns(fake, sleeps, tmp_path):
    np = pytest.importorskip("numpy")
    fake.route("POST", EXPORT, inline(aligned_hdf5_with_quality(tmp_path / "src.h5")))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1", "rig2"], quality=True)
    assert list(df.columns) == ["rig1/voltage", "rig1/voltage:quality", "rig2/temp"]
    assert df["rig1/voltage:quality"].dtype == np.uint8
    assert df["rig1/voltage:quality"].tolist() == [0, 1, 2]
    assert df.attrs["columns"]["rig1/voltage:quality"] == {"flag_values": [0, 1, 2],
                                                           "flag_meanings": "observed filled missing"}


def test_read_xarray_keeps_quality_flags_as_variables_on_time(tmp_path):
    np = pytest.importorskip("numpy")
    pytest.importorskip("xarray")
    from speeddata.frames import read_xarray
    path = tmp_path / "q.h5"
    aligned_hdf5_with_quality(path)
    ds = read_xarray(path)
    assert set(ds.data_vars) == {"rig1/voltage", "rig1/voltage:quality", "rig2/temp"}
    assert ds["rig1/voltage:quality"].dims == ("time",) and ds["rig1/voltage:quality"].dtype == np.uint8
    assert ds["rig1/voltage:quality"].attrs["flag_meanings"] == "observed filled missing"


def test_export_dataframe_of_the_raw_layout(fake, sleeps, tmp_path):
    h5py = pytest.importorskip("h5py")
    np = pytest.importorskip("numpy")
    path = tmp_path / "raw.h5"
    with h5py.File(path, "w") as f:
        f["rig1/voltage/time"] = np.array([3, 1], dtype="int64")
        f["rig1/voltage/value"] = np.array([3.0, 1.0])
        f["rig2/temp/time"] = np.array([2], dtype="int64")
        f["rig2/temp/value"] = np.array([2.0])
    fake.route("POST", EXPORT, inline(path.read_bytes()))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1", "rig2"], layout="raw")
    assert df["value"].tolist() == [1.0, 2.0, 3.0]
    assert df["signal"].tolist() == ["rig1/voltage", "rig2/temp", "rig1/voltage"]
    assert df.index.asi8.tolist() == [1, 2, 3]


@pytest.mark.parametrize("times", [(b"2025-01-23T14:00:00.000000000Z", b"2025-01-23T14:00:00.001000000Z"),
                                   (b"2025-01-23T14:00:00Z", b"2025-01-23T14:00:00.001Z")],
                         ids=["nine digits on every row", "mixed precision of older servers"])
def test_export_dataframe_without_h5py_reads_csv(fake, sleeps, monkeypatch, times):
    pd = pytest.importorskip("pandas")
    monkeypatch.setitem(sys.modules, "h5py", None)
    csv = b"time,rig1/voltage,rig2/temp\n" + times[0] + b",1.5,\n" + times[1] + b",2.5,20\n"
    fake.route("POST", EXPORT, Reply(200, csv, {"Content-Type": "text/csv"}))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1", "rig2"])
    assert fake.calls("POST", EXPORT)[0].json()["format"] == "csv"
    assert df["rig1/voltage"].tolist() == [1.5, 2.5]
    assert math.isnan(df["rig2/temp"].iloc[0])
    assert str(df.index.tz) == "UTC" and df.index[1].value - df.index[0].value == 1_000_000
    assert df.index.dtype == pd.DatetimeTZDtype("ns", "UTC")


def test_export_dataframe_without_h5py_keeps_quality_flags_as_uint8(fake, sleeps, monkeypatch):
    pytest.importorskip("pandas")
    times = (b"2025-01-23T14:00:00.000000000Z", b"2025-01-23T14:00:00.001000000Z")
    np = pytest.importorskip("numpy")
    monkeypatch.setitem(sys.modules, "h5py", None)
    csv = b"time,rig1/voltage,rig1/voltage:quality\n" + times[0] + b",1.5,0\n" + times[1] + b",,2\n"
    fake.route("POST", EXPORT, Reply(200, csv, {"Content-Type": "text/csv"}))
    df = client(fake, sleeps).export_dataframe(RANGE, ["rig1"], quality=True)
    assert df["rig1/voltage:quality"].dtype == np.uint8 and df["rig1/voltage:quality"].tolist() == [0, 2]
    assert df["rig1/voltage"].dtype == np.float64


def test_export_dataframe_without_pandas_says_what_is_missing(fake, sleeps, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(errors.MissingDependency, match="pandas"):
        client(fake, sleeps).export_dataframe(RANGE, ["rig1"])
    assert fake.requests == []


def test_export_dataframe_refuses_csv_format(fake, sleeps):
    pytest.importorskip("pandas")
    with pytest.raises(ValueError):
        client(fake, sleeps).export_dataframe(RANGE, ["rig1"], format="csv")


def test_jobs_follows_every_page_and_passes_the_status_filter(fake, sleeps):
    fake.route("GET", "/api/v1/pivot/jobs",
               Reply.json({"jobs": [{"job_id": "a"}, {"job_id": "b"}], "next_cursor": "c1"}),
               Reply.json({"jobs": [{"job_id": "c"}], "next_cursor": None}))
    assert [j["job_id"] for j in client(fake, sleeps).jobs(status="completed")] == ["a", "b", "c"]
    first, second = fake.calls("GET", "/api/v1/pivot/jobs")
    assert first.query == {"status": ["completed"], "limit": ["1000"]}
    assert second.query == {"status": ["completed"], "limit": ["1000"], "cursor": ["c1"]}


def test_jobs_stops_at_the_limit(fake, sleeps):
    fake.route("GET", "/api/v1/pivot/jobs", Reply.json({"jobs": [{"job_id": "a"}, {"job_id": "b"}],
                                                        "next_cursor": "c1"}))
    assert [j["job_id"] for j in client(fake, sleeps).jobs(limit=2)] == ["a", "b"]
    assert fake.calls("GET", "/api/v1/pivot/jobs")[0].query == {"limit": ["2"]}
    assert len(fake.calls("GET", "/api/v1/pivot/jobs")) == 1


T0_NS = 1737640800000000000  # 2025-01-23T14:00:00Z


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_a_datetime_index_of_any_unit_becomes_nanoseconds(unit):
    pd = pytest.importorskip("pandas")
    from speeddata import wire
    index = pd.DatetimeIndex(["2025-01-23T14:00:00Z", "2025-01-23T14:00:01Z"])
    if hasattr(index, "as_unit"):  # pandas >= 2: the unit the index is kept in
        index = index.as_unit(unit)
    assert wire.timestamps(index) == [T0_NS, T0_NS + 1_000_000_000]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_a_numpy_datetime64_array_of_any_unit_becomes_nanoseconds(unit):
    np = pytest.importorskip("numpy")
    from speeddata import wire
    array = np.array(["2025-01-23T14:00:00", "2025-01-23T14:00:01"], dtype=f"datetime64[{unit}]")
    assert wire.timestamps(array) == [T0_NS, T0_NS + 1_000_000_000]


def test_nat_and_instants_nanoseconds_cannot_hold_are_refused_not_wrapped():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    from speeddata import wire
    with pytest.raises(ValueError, match="NaT"):
        wire.timestamps(np.array(["2025-01-23T14:00:00", "NaT"], dtype="datetime64[ns]"))
    with pytest.raises(ValueError, match="NaT"):
        wire.timestamps(pd.DatetimeIndex(["2025-01-23T14:00:00Z", None]))
    with pytest.raises(ValueError, match="cannot hold"):
        wire.timestamps(np.array(["3000-01-01T00:00:00"], dtype="datetime64[s]"))
    with pytest.raises(ValueError, match="cannot hold"):
        wire.timestamps(np.array(["1600-01-01T00:00:00"], dtype="datetime64[us]"))


def ranged_download(data=HDF5):
    """Serves Range/If-Range as the service does."""
    etag = '"' + hashlib.sha256(data).hexdigest() + '"'

    def handler(request):
        wanted = request.header("Range")
        if wanted and request.header("If-Range") == etag:
            first = int(wanted.split("=")[1].rstrip("-"))
            return Reply(206, data[first:], {"ETag": etag, "Content-Type": "application/x-hdf5",
                                             "Content-Range": f"bytes {first}-{len(data) - 1}/{len(data)}"})
        return file_reply(data)
    return handler


def test_an_interrupted_export_to_reattaches_to_its_job_and_resumes_the_download(fake, sleeps, tmp_path,
                                                                                 monkeypatch):
    import speeddata.pivot as pivot
    fake.route("POST", EXPORT, accepted(), accepted())
    fake.route("GET", STATUS, completed(), completed())
    fake.route("GET", DOWNLOAD, ranged_download())
    real_download = pivot.download

    def interrupted_download(transport, path, sink, **kwargs):
        sink.write(HDF5[:3000])
        raise KeyboardInterrupt  # Ctrl-C in the middle of the download

    monkeypatch.setattr(pivot, "download", interrupted_download)
    target = tmp_path / "out.h5"
    with pytest.raises(KeyboardInterrupt) as caught:
        client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    assert caught.value.job_id == JOB
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.h5.part", "out.h5.part.json"]

    monkeypatch.setattr(pivot, "download", real_download)
    result = client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    first, second = fake.calls("POST", EXPORT)
    assert first.header("Idempotency-Key") == second.header("Idempotency-Key"), "the same job, not a second one"
    assert fake.calls("GET", DOWNLOAD)[-1].header("Range") == "bytes=3000-"
    assert target.read_bytes() == HDF5 and result.job_id == JOB
    assert [p.name for p in tmp_path.iterdir()] == ["out.h5"], "nothing left to resume"


def test_another_request_or_a_finished_export_starts_afresh(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, inline(), inline(), inline())
    target = tmp_path / "out.h5"
    client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    (tmp_path / "out.h5.part").write_bytes(b"old")
    (tmp_path / "out.h5.part.json").write_text('{"request": "another", "idempotency_key": "export-old"}')
    client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    keys = [call.header("Idempotency-Key") for call in fake.calls("POST", EXPORT)]
    assert len(set(keys)) == 3 and "export-old" not in keys, "a finished export is not handed back later"
    assert target.read_bytes() == HDF5


def test_format_ns_is_exact_to_the_nanosecond():
    from speeddata import wire
    assert wire.format_ns(T0_NS + 1) == "2025-01-23T14:00:00.000000001Z"
    assert wire.format_ns(-1) == "1969-12-31T23:59:59.999999999Z"


def test_ingest_parts_send_on_grid_columns_as_binary_and_the_rest_as_json(monkeypatch):
    np = pytest.importorskip("numpy")
    from speeddata import ingest
    monkeypatch.setattr(ingest, "BINARY_SAMPLES", 4)
    monkeypatch.setattr(ingest, "JSON_SAMPLES", 3)
    times = T0_NS + np.arange(10, dtype="int64") * 1_000_000  # 1 kHz
    values = np.arange(10, dtype="float64")
    binary = list(ingest.parts(times, values, 1000.0))
    assert [p.start_ns for p in binary] == [T0_NS, T0_NS + 4_000_000, T0_NS + 8_000_000]
    assert b"".join(p.binary for p in binary) == values.astype("<f8").tobytes()
    with_gap = values.copy()
    with_gap[5] = np.nan
    gappy = list(ingest.parts(times, with_gap, 1000.0))
    assert [("binary", p.start_ns) if p.binary is not None else ("json", len(p.json["values"])) for p in gappy] == [
        ("binary", T0_NS), ("json", 3), ("json", 1), ("binary", T0_NS + 8_000_000)], "only the chunk with the gap"
    assert gappy[1].json["values"][1] is None  # row 5 is the second of rows 4-6
    for why, (t, v, rate) in {"an irregular signal": (times, values, None),
                              "rows off the grid": (times + np.arange(10) % 2, values, 1000.0)}.items():
        parts = list(ingest.parts(t, v, rate))
        assert all(p.binary is None for p in parts), why
        assert [len(p.json["values"]) for p in parts] == [3, 1, 3, 1, 2], why
        assert sum((p.json["timestamps"] for p in parts), []) == [int(x) for x in t], why


def test_delete_signal_sends_a_delete_and_returns_nothing(fake, sleeps):
    fake.route("DELETE", "/api/v1/channels/rig%201/signals/voltage", Reply(204))
    assert client(fake, sleeps).delete_signal("rig 1", "voltage") is None
    assert len(fake.calls("DELETE", "/api/v1/channels/rig%201/signals/voltage")) == 1


def test_delete_of_an_unknown_signal_raises_not_found(fake, sleeps):
    fake.route("DELETE", "/api/v1/channels/rig1/signals/nope", Reply.problem(404, "UNKNOWN_SIGNAL", "rig1/nope"))
    fake.route("DELETE", "/api/v1/channels/rig1/signals/nope/samples", Reply.problem(404, "UNKNOWN_SIGNAL"))
    c = client(fake, sleeps)
    with pytest.raises(errors.NotFound) as raised:
        c.delete_signal("rig1", "nope")
    assert raised.value.code == "UNKNOWN_SIGNAL"
    with pytest.raises(errors.NotFound):
        c.delete_samples("rig1", "nope", "2025-01-23T14:00:00Z", "2025-01-23T15:00:00Z")


def test_delete_samples_sends_the_range_as_rfc3339_and_returns_the_count(fake, sleeps):
    path = "/api/v1/channels/rig1/signals/voltage/samples"
    fake.route("DELETE", path, Reply.json({"deleted": 3}), Reply.json({"deleted": 0}), Reply.json({"deleted": 7}))
    c = client(fake, sleeps)
    assert c.delete_samples("rig1", "voltage", "2025-01-23T14:00:00Z", "2025-01-23T15:00:00+01:00") == 3
    assert fake.calls("DELETE", path)[0].query == {"start": ["2025-01-23T14:00:00Z"],
                                                   "end": ["2025-01-23T15:00:00+01:00"]}
    utc = dt.timezone.utc
    assert c.delete_samples("rig1", "voltage", dt.datetime(2025, 1, 23, 14, tzinfo=utc),
                            dt.datetime(2025, 1, 23, 14, 0, 0, 1000, tzinfo=utc)) == 0
    assert fake.calls("DELETE", path)[1].query == {"start": ["2025-01-23T14:00:00+00:00"],
                                                   "end": ["2025-01-23T14:00:00.001000+00:00"]}
    assert c.delete_samples("rig1", "voltage", 1737640800000000000, 1737640800000000001) == 7
    assert fake.calls("DELETE", path)[2].query == {"start": ["2025-01-23T14:00:00.000000000Z"],
                                                   "end": ["2025-01-23T14:00:00.000000001Z"]}


def test_delete_samples_refuses_what_is_not_an_instant_before_sending(fake, sleeps):
    c = client(fake, sleeps)
    with pytest.raises(ValueError, match="time zone"):
        c.delete_samples("rig1", "voltage", dt.datetime(2025, 1, 23), "2025-01-23T15:00:00Z")
    with pytest.raises(TypeError):
        c.delete_samples("rig1", "voltage", True, "2025-01-23T15:00:00Z")
    with pytest.raises(TypeError):
        c.delete_samples("rig1", "voltage", 1.5, "2025-01-23T15:00:00Z")
    assert fake.requests == []


def test_delete_samples_takes_pandas_timestamps_with_nanoseconds(fake, sleeps):
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    path = "/api/v1/channels/rig1/signals/voltage/samples"
    fake.route("DELETE", path, Reply.json({"deleted": 1}), Reply.json({"deleted": 1}))
    c = client(fake, sleeps)
    c.delete_samples("rig1", "voltage", pd.Timestamp("2025-01-23T14:00:00.000000001Z"),
                     pd.Timestamp("2025-01-23T15:00:00Z"))
    sent = fake.calls("DELETE", path)[0].query["start"][0]
    assert sent.startswith("2025-01-23T14:00:00.000000001"), sent
    c.delete_samples("rig1", "voltage", np.int64(5), np.int64(6))
    assert fake.calls("DELETE", path)[1].query == {"start": ["1970-01-01T00:00:00.000000005Z"],
                                                   "end": ["1970-01-01T00:00:00.000000006Z"]}


def test_export_to_a_csv_name_asks_for_csv_unless_a_format_is_given(fake, sleeps, tmp_path):
    fake.route("POST", EXPORT, Reply(200, b"time\n", {"Content-Type": "text/csv"}), inline())
    client(fake, sleeps).export_to(tmp_path / "out.CSV", RANGE, ["ch1"])
    client(fake, sleeps).export_to(tmp_path / "out.csv", RANGE, ["ch1"], format="hdf5")
    assert [call.json().get("format") for call in fake.calls("POST", EXPORT)] == ["csv", "hdf5"]


def test_each_binary_chunk_sits_on_the_grid_from_its_own_start(monkeypatch):
    """The server rounds start + i / rate per request: at 3 Hz a second chunk sent from its own first row lands
    1 ns off the column's grid, so that chunk goes as JSON with exact timestamps."""
    np = pytest.importorskip("numpy")
    from speeddata import ingest
    monkeypatch.setattr(ingest, "BINARY_SAMPLES", 4)
    period = 1e9 / 3
    times = T0_NS + np.floor(np.arange(8) * period + 0.5).astype("int64")  # the column's grid from its start
    parts = list(ingest.parts(times, np.arange(8, dtype="float64"), 3.0))
    for part in parts:
        if part.binary is not None:
            first = (part.start_ns - T0_NS)
            n = len(part.binary) // 8
            placed = [part.start_ns + int(np.floor(i * period + 0.5)) for i in range(n)]
            index = int(np.searchsorted(times, part.start_ns))
            assert placed == times[index:index + n].tolist(), f"binary chunk from {first} ns lands off the grid"
    assert any(p.json is not None for p in parts), "the second chunk is not on a grid of its own"


def test_a_part_file_of_another_job_is_not_resumed(fake, sleeps, tmp_path):
    """The server answered the same key with another job (it forgot the key): .part is not that job's file."""
    fake.route("POST", EXPORT, accepted())
    fake.route("GET", STATUS, completed())
    fake.route("GET", DOWNLOAD, ranged_download())
    target = tmp_path / "out.h5"
    from speeddata.resume import ExportState
    body = PivotClient.export_request(RANGE, ["ch1"])
    state = ExportState(target, fake.url, body)
    state.begin("export-old")
    state.job_started("0b9a2d3e-0000-4000-8000-00000000dead")
    (tmp_path / "out.h5.part").write_bytes(b"not this job's bytes")
    client(fake, sleeps).export_to(target, RANGE, ["ch1"])
    assert fake.calls("POST", EXPORT)[0].header("Idempotency-Key") == "export-old"
    assert fake.calls("GET", DOWNLOAD)[0].header("Range") is None, "the whole file, not a resume"
    assert target.read_bytes() == HDF5


def test_a_series_of_times_is_taken_like_its_index():
    pd = pytest.importorskip("pandas")
    from speeddata import wire
    series = pd.Series(pd.to_datetime(["2025-01-23T14:00:00Z", "2025-01-23T14:00:01Z"], utc=True))
    assert wire.timestamps(series) == [T0_NS, T0_NS + 1_000_000_000]
    with pytest.raises(ValueError, match="time zone"):
        wire.timestamps(series.dt.tz_localize(None))
