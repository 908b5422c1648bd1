"""End to end against the real server jar: ingest through the client, export inline and as jobs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proxy import CuttingProxy
from speeddata import BadRequest, Conflict, Gone, NotFound, PivotClient

np = pytest.importorskip("numpy")
h5py = pytest.importorskip("h5py")
pd = pytest.importorskip("pandas")

pytestmark = pytest.mark.e2e

START = "2025-01-23T14:00:00Z"
START_NS = 1737640800 * 10**9
SECONDS = 20
RATE = 1000
N = SECONDS * RATE
VOLTAGE = np.sin(np.arange(N) / 100.0) * 230.0
CURRENT = np.cos(np.arange(N) / 37.0) * 5.0 + 0.1
TEMP_NS = START_NS + np.arange(0, SECONDS * 10**9, 250_000_000, dtype="int64") + 1_000  # irregular, off grid
TEMP = 20.0 + np.arange(len(TEMP_NS)) * 0.05


@pytest.fixture(scope="module")
def client(server):
    c = PivotClient(server.url, progress=False)
    c.define_signal("rig1", "voltage", unit="V", sample_rate_hz=float(RATE))
    c.define_signal("rig1", "current", unit="A", sample_rate_hz=float(RATE))
    c.define_signal("rig2", "temp", unit="degC", sample_rate_hz=None, description="irregular")
    assert c.ingest("rig1", "voltage", VOLTAGE, start=START) == N
    assert c.ingest("rig1", "current", CURRENT, start=START) == N
    assert c.ingest("rig2", "temp", TEMP, timestamps=TEMP_NS.tolist()) == len(TEMP)
    return c


def span(seconds):
    return {"start": START, "duration": f"PT{seconds}S"}


def check_rig1(path, rows):
    with h5py.File(path, "r") as f:
        assert f["time"].dtype == np.int64
        assert np.array_equal(f["time"][...], START_NS + np.arange(rows, dtype="int64") * 1_000_000)
        assert f["time"].attrs["units"] == "nanoseconds since 1970-01-01T00:00:00Z"  # str: variable-length UTF-8
        # samples sit on the grid, so they come back bit for bit
        assert np.array_equal(f["rig1/voltage"][...], VOLTAGE[:rows])
        assert np.array_equal(f["rig1/current"][...], CURRENT[:rows])
        assert f["rig1/voltage"].attrs["unit"] == "V"
        assert f["rig1/voltage"].attrs["units"] == "V"
        assert f.attrs["format_version"] == 1


def test_catalog_lists_what_was_ingested(client):
    signals = {(ch["name"], s["name"]): s for ch in client.channels() for s in ch["signals"]}
    assert signals[("rig1", "voltage")]["samples"] == N
    assert signals[("rig2", "temp")]["sample_rate_hz"] is None


def test_estimate_routes_by_size(client):
    assert client.estimate(span(1), ["rig1"])["route"] == "sync"
    big = client.estimate(span(SECONDS), ["rig1"])
    assert big["route"] == "async" and big["rows"] == N and big["columns"] == 2


def test_small_export_is_inline(client, tmp_path):
    result = client.export_to(tmp_path / "small.h5", span(1), ["rig1"])
    assert result.route == "inline"
    check_rig1(tmp_path / "small.h5", 1000)
    assert client.export(span(1), ["rig1"])[:8] == b"\x89HDF\r\n\x1a\n"


def test_large_export_goes_through_a_job_followed_to_the_end(client, tmp_path):
    result = client.export_to(tmp_path / "big.h5", span(SECONDS), ["rig1"])
    assert result.route == "job" and result.job_id
    check_rig1(tmp_path / "big.h5", N)
    try:
        import websockets  # noqa: F401
        expected = "websocket"
    except ImportError:
        expected = "polling"
    assert client.waiter.last_route == expected
    assert client.status(result.job_id)["result"]["sha256"] == result.sha256


def test_a_job_followed_by_polling_when_websockets_is_missing(server, client, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "websockets", None)
    polling = PivotClient(server.url, progress=False)
    result = polling.export_to(tmp_path / "polled.h5", span(SECONDS), ["rig1"], execution="async")
    assert result.route == "job" and polling.waiter.last_route == "polling"
    check_rig1(tmp_path / "polled.h5", N)


def test_dataframe_with_time_index_and_decoded_attributes(client):
    df = client.export_dataframe(span(2), ["rig1", "rig2"], interval="PT0.01S", fill={"rig2/temp": "previous"})
    assert isinstance(df.index, pd.DatetimeIndex) and str(df.index.tz) == "UTC"
    assert len(df) == 200 and df.index[0] == pd.Timestamp(START)
    assert (df.index[1] - df.index[0]) == pd.Timedelta("10ms")
    assert sorted(df.columns) == ["rig1/current", "rig1/voltage", "rig2/temp"]
    means = VOLTAGE[:2000].reshape(200, 10).mean(axis=1)
    assert np.allclose(df["rig1/voltage"].to_numpy(), means, rtol=0, atol=1e-9)
    # temp at cell i (10 ms) is the last sample at or before it (samples every 250 ms, 1 µs late)
    assert df["rig2/temp"].iloc[30] == TEMP[1] and df["rig2/temp"].iloc[24] == TEMP[0]
    assert df.attrs["columns"]["rig1/voltage"]["unit"] == "V"
    assert df.attrs["columns"]["rig2/temp"]["fill"] == "previous"
    assert df.attrs["file"]["time_range_start"] == START


def test_xarray_dataset_on_a_time_dimension_with_the_stored_values(client):
    xr = pytest.importorskip("xarray")
    ds = client.export_xarray(span(2), ["rig1", "rig2"], interval="PT0.01S", fill={"rig2/temp": "previous"})
    assert isinstance(ds, xr.Dataset) and dict(ds.sizes) == {"time": 200}
    assert ds["time"].dtype == np.dtype("datetime64[ns]")
    assert ds["time"].values[0] == np.datetime64("2025-01-23T14:00:00", "ns")
    assert set(ds.data_vars) == {"rig1/voltage", "rig1/current", "rig2/temp"}
    assert ds["rig1/voltage"].dims == ("time",) and ds["rig1/voltage"].attrs["unit"] == "V"
    means = VOLTAGE[:2000].reshape(200, 10).mean(axis=1)  # 10 ms cells of 1 kHz samples, mean of each
    assert np.allclose(ds["rig1/voltage"].values, means, rtol=0, atol=1e-9)
    with pytest.raises(ValueError, match="aligned"):
        client.export_xarray(span(1), ["rig1"], layout="raw")


def test_quality_flags_are_uint8_columns_and_variables_on_time(client):
    """quality=True: each signal's flags come back as a uint8 column "<ch>/<sig>:quality" (0 observed, 1 filled,
    2 missing) beside it, and as a variable on time in xarray; the time links are no columns."""
    fields = dict(interval="PT0.01S", fill={"rig2/temp": "previous"}, quality=True)
    df = client.export_dataframe(span(2), ["rig1", "rig2"], **fields)
    assert sorted(df.columns) == ["rig1/current", "rig1/current:quality", "rig1/voltage", "rig1/voltage:quality",
                                  "rig2/temp", "rig2/temp:quality"]
    assert df["rig2/temp:quality"].dtype == np.uint8
    flags = df["rig2/temp:quality"].to_numpy()
    # a temp sample every 250 ms (1 µs late) is observed in 1 cell of 25; the cells between are filled
    assert flags[0] == 0 and flags[25] == 0 and flags[1] == 1 and flags[24] == 1
    assert set(flags.tolist()) == {0, 1}
    assert (df["rig1/voltage:quality"] == 0).all()
    assert df.attrs["columns"]["rig2/temp:quality"]["flag_meanings"] == "observed filled missing"
    assert df.attrs["columns"]["rig2/temp:quality"]["flag_values"] == [0, 1, 2]
    assert df.attrs["columns"]["rig2/temp"]["ancillary_variables"] == "temp:quality"
    assert df.attrs["columns"]["rig2/temp"]["samples_read"] == 8

    xr = pytest.importorskip("xarray")
    ds = client.export_xarray(span(2), ["rig1", "rig2"], **fields)
    assert ds["rig2/temp:quality"].dims == ("time",) and ds["rig2/temp:quality"].dtype == np.uint8
    assert np.array_equal(ds["rig2/temp:quality"].values, flags)


def test_a_quality_export_opens_in_xarray_with_the_flags_on_time(client, tmp_path):
    xr = pytest.importorskip("xarray")
    pytest.importorskip("h5netcdf")
    import warnings
    path = tmp_path / "q.h5"
    client.export_to(path, span(1), ["rig2"], interval="PT0.1S", fill="previous", quality=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with xr.open_dataset(path, engine="h5netcdf", group="rig2") as ds:
            ds.load()
    assert set(ds.data_vars) == {"temp", "temp:quality"}
    assert ds["temp:quality"].dims == ("time",) and ds["temp:quality"].dtype == np.uint8
    assert ds["time"].dtype == np.dtype("datetime64[ns]") and ds.sizes["time"] == 10
    assert ds["temp:quality"].attrs["flag_meanings"] == "observed filled missing"
    assert ds["temp"].attrs["first_sample"] == "2025-01-23T14:00:00.000001000Z"


def test_raw_dataframe_has_every_stored_sample(client):
    df = client.export_dataframe(span(SECONDS), ["rig2"], layout="raw")
    assert df.index.asi8.tolist() == TEMP_NS.tolist()
    assert df["value"].tolist() == TEMP.tolist()
    assert set(df["signal"]) == {"rig2/temp"}


def test_csv_export(client):
    text = client.export(span(1), ["rig1"], format="csv", interval="PT0.1S").decode()
    lines = text.splitlines()
    assert lines[0].startswith("time,") and "rig1/voltage" in lines[0]
    assert len(lines) == 11 and lines[1].startswith("2025-01-23T14:00:00")


def test_csv_export_reads_with_plain_pandas_as_datetimes(client):
    """Nine fraction digits on every row: pandas 1.5, 2 and 3 all parse the column as times, with no format hint
    (pandas 2+ guesses one format from the first row and leaves a column of mixed precision as strings)."""
    import io
    data = client.export(span(2), ["rig1", "rig2"], format="csv", interval="PT0.25S")
    frame = pd.read_csv(io.BytesIO(data), parse_dates=["time"])
    assert pd.api.types.is_datetime64_any_dtype(frame["time"]), frame["time"].dtype
    assert len(frame) == 8 and frame["time"].iloc[1] - frame["time"].iloc[0] == pd.Timedelta("250ms")


def test_unknown_channel_is_a_typed_404(client):
    with pytest.raises(NotFound) as caught:
        client.export(span(1), ["rig1", "rig9"])
    assert caught.value.code == "UNKNOWN_SIGNAL" and "rig9" in caught.value.detail
    assert caught.value.problem["status"] == 404


def test_invalid_request_is_a_400_with_details(client):
    with pytest.raises(BadRequest) as caught:
        client.export({"start": "2025-01-23T15:00:00Z", "end": START}, ["rig1"])
    assert caught.value.code == "INVALID_REQUEST" and caught.value.detail


def test_idempotent_submit_and_job_helpers(client, tmp_path):
    first = client.submit(span(SECONDS), ["rig1"], idempotency_key="e2e-key-1")
    again = client.submit(span(SECONDS), ["rig1"], idempotency_key="e2e-key-1")
    assert first["job_id"] == again["job_id"]
    with pytest.raises(Conflict):
        client.submit(span(SECONDS - 1), ["rig1"], idempotency_key="e2e-key-1")
    job_id = first["job_id"]
    assert client.wait(job_id, timeout=60)["status"] == "completed"
    assert job_id in [j["job_id"] for j in client.jobs()]
    data = client.download(job_id)
    written = client.download_to(job_id, tmp_path / "job.h5")
    assert (tmp_path / "job.h5").read_bytes() == data and written.bytes == len(data)
    check_rig1(tmp_path / "job.h5", N)
    assert client.cancel(job_id)["status"] == "expired"  # a finished job: its file is deleted
    with pytest.raises(Gone):
        client.download(job_id)


def test_a_download_cut_mid_body_resumes_against_the_real_server(server, client, tmp_path):
    port = int(server.url.rsplit(":", 1)[1])
    with CuttingProxy("localhost", port, cuts=2, cut_at=40_000, select=lambda line: b"/download" in line) as proxy:
        through = PivotClient(proxy.url, progress=False, websocket=False)
        result = through.export_to(tmp_path / "resumed.h5", span(SECONDS), ["rig1"], execution="async")
        downloads = proxy.requests(b"/download")
    assert len(downloads) == 3  # cut, cut, complete
    assert b"range: bytes=" not in downloads[0].lower()
    for later in downloads[1:]:
        assert b"range: bytes=" in later.lower() and b"if-range: \"" in later.lower()
    check_rig1(tmp_path / "resumed.h5", N)
    assert result.sha256 == client.status(result.job_id)["result"]["sha256"]


def run_cli(server, *args, cwd):
    package = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "speeddata", *args, "--url", server.url, "-q"],
                          capture_output=True, text=True, cwd=cwd, timeout=120,
                          env={"PYTHONPATH": str(package), "PATH": "/usr/bin:/bin"})


def test_cli_export_and_exit_codes(server, client, tmp_path):
    done = run_cli(server, "export", "--start", START, "--duration", f"PT{SECONDS}S", "--channels", "rig1",
                   "-o", "cli.h5", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["route"] == "job" and summary["bytes"] == (tmp_path / "cli.h5").stat().st_size
    check_rig1(tmp_path / "cli.h5", N)
    missing = run_cli(server, "export", "--start", START, "--duration", "PT1S", "--channels", "nope",
                      "-o", "x.h5", cwd=tmp_path)
    assert missing.returncode == 3 and "UNKNOWN_SIGNAL" in missing.stderr
    assert not (tmp_path / "x.h5").exists()
    estimate = run_cli(server, "estimate", "--start", START, "--duration", "PT1S", "--channels", "rig1", cwd=tmp_path)
    assert estimate.returncode == 0 and json.loads(estimate.stdout)["route"] == "sync"


def test_the_docs_notebook_runs(server, tmp_path):
    """docs/notebooks/ingest_to_plot.py, run as a script against the real server."""
    notebook = Path(__file__).resolve().parents[3] / "docs" / "notebooks" / "ingest_to_plot.py"
    env = {"PYTHONPATH": str(Path(__file__).resolve().parents[1]), "PATH": "/usr/bin:/bin",
           "SPEEDDATA_URL": server.url, "PLOT_FILE": str(tmp_path / "plot.png"), "MPLBACKEND": "Agg",
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, str(notebook)], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "404 UNKNOWN_SIGNAL" in done.stdout
    assert "job " in done.stdout and (tmp_path / "demo.h5").is_file()
    try:
        import matplotlib  # noqa: F401
        assert (tmp_path / "plot.png").stat().st_size > 1000
    except ImportError:
        assert "matplotlib is not installed" in done.stdout


def test_ingest_dataframe_round_trips_binary_and_json_columns_and_splits_large_frames(client, monkeypatch):
    from speeddata import ingest
    monkeypatch.setattr(ingest, "BINARY_SAMPLES", 700)  # several requests per column, as a 64 MiB frame would be
    monkeypatch.setattr(ingest, "JSON_SAMPLES", 300)
    client.define_signal("rig7", "fast", unit="V", sample_rate_hz=1000.0)
    client.define_signal("rig7", "gappy", unit="V", sample_rate_hz=1000.0)
    index = pd.date_range("2025-02-01T00:00:00Z", periods=2000, freq="1ms")
    if hasattr(index, "as_unit"):
        index = index.as_unit("us")  # pandas 2 and 3 keep other units than ns: must still land on the right instants
    fast = np.sin(np.arange(2000) / 7.0)
    gappy = fast.copy()
    gappy[100:110] = np.nan
    assert client.ingest_dataframe(pd.DataFrame({"fast": fast, "gappy": gappy}, index=index), "rig7") == 4000
    back = client.export_dataframe({"start": "2025-02-01T00:00:00Z", "duration": "PT2S"}, ["rig7"], fill="none")
    assert back.index.equals(pd.DatetimeIndex(pd.date_range("2025-02-01T00:00:00Z", periods=2000, freq="1ms")))
    assert back["rig7/fast"].to_numpy().tobytes() == fast.tobytes(), "bit for bit"
    assert np.isnan(back["rig7/gappy"].to_numpy()[100:110]).all()
    assert np.array_equal(back["rig7/gappy"].to_numpy()[110:], fast[110:])
    with pytest.raises(ValueError, match="define_signal"):
        client.ingest_dataframe(pd.DataFrame({"nope": [1.0]}, index=index[:1]), "rig7")


def test_delete_samples_leaves_a_gap_and_delete_signal_removes_it(client):
    client.define_signal("rig8", "v", unit="V", sample_rate_hz=1000.0)
    client.define_signal("rig8", "w", unit="V", sample_rate_hz=1000.0)
    start = "2025-03-01T00:00:00Z"
    start_ns = int(pd.Timestamp(start).value)
    values = np.arange(2000, dtype="float64")
    assert client.ingest("rig8", "v", values, start=start) == 2000
    assert client.ingest("rig8", "w", values, start=start) == 2000

    # [100 ms, 200 ms): int ns for the start, a pandas Timestamp for the end, which is kept
    assert client.delete_samples("rig8", "v", start_ns + 100 * 10**6, pd.Timestamp("2025-03-01T00:00:00.2Z")) == 100
    assert client.delete_samples("rig8", "v", start, start) == 0
    back = client.export_dataframe({"start": start, "duration": "PT2S"}, ["rig8"], fill="none")
    v = back["rig8/v"].to_numpy()
    assert np.isnan(v[100:200]).all()
    assert np.array_equal(v[:100], values[:100]) and np.array_equal(v[200:], values[200:])
    assert np.array_equal(back["rig8/w"].to_numpy(), values), "the other signal is untouched"
    listed = {s["name"]: s for ch in client.channels() if ch["name"] == "rig8" for s in ch["signals"]}
    assert listed["v"]["samples"] == 1900 and listed["w"]["samples"] == 2000
    with pytest.raises(BadRequest) as reversed_range:
        client.delete_samples("rig8", "v", "2025-03-01T00:00:01Z", start)
    assert reversed_range.value.code == "INVALID_REQUEST"

    client.delete_signal("rig8", "v")
    assert [s["name"] for ch in client.channels() if ch["name"] == "rig8" for s in ch["signals"]] == ["w"]
    with pytest.raises(NotFound) as gone:
        client.delete_signal("rig8", "v")
    assert gone.value.code == "UNKNOWN_SIGNAL"
    with pytest.raises(NotFound):
        client.delete_samples("rig8", "v", start, "2025-03-01T00:00:01Z")
    client.define_signal("rig8", "v", unit="V", sample_rate_hz=1000.0)
    listed = {s["name"]: s for ch in client.channels() if ch["name"] == "rig8" for s in ch["signals"]}
    assert listed["v"]["samples"] == 0, "defined again: empty"
