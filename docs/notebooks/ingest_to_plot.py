# ---
# A notebook as a script: each "# %%" starts a cell (VS Code, PyCharm, Spyder and jupytext
# open it as a notebook); `python3 ingest_to_plot.py` runs it top to bottom.
# ---

# %% [markdown]
# # From ingest to a pandas plot
#
# Defines two signals, stores a minute of samples through the API, sizes and exports them
# (inline, then as a job with a progress bar), and plots the aligned DataFrame.
# Needs a running service (`java -jar server-app/target/server-app.jar`) and the client on the
# path (`pip install --no-build-isolation clients/python`, or `PYTHONPATH=clients/python`);
# pandas and h5py for the DataFrame; matplotlib for the plot (skipped without it).

# %%
import datetime as dt
import math
import os
import sys

from speeddata import NotFound, PivotClient

URL = os.environ.get("SPEEDDATA_URL", "http://localhost:8000")
client = PivotClient(URL)  # api_key="..." in multi-user mode
print(client.health())

# %% [markdown]
# ## Define the signals
# A regular 100 Hz voltage and an irregular temperature (`sample_rate_hz=None`).

# %%
client.define_signal("demo", "voltage", unit="V", sample_rate_hz=100.0, description="supply voltage")
client.define_signal("demo", "temp", unit="degC", sample_rate_hz=None, description="housing temperature")

# %% [markdown]
# ## Ingest a minute of samples
# A regular signal takes a start instant and its values; an irregular one takes timestamps
# (zone-aware datetimes, RFC 3339 strings or int64 nanoseconds). NaN stores a gap.

# %%
start = dt.datetime(2025, 1, 23, 14, 0, tzinfo=dt.timezone.utc)
voltage = [230.0 + 5.0 * math.sin(i / 50.0) for i in range(60 * 100)]
voltage[3000:3050] = [math.nan] * 50  # half a second without data
temp_times = [start + dt.timedelta(seconds=s) for s in range(0, 60, 7)]
temp = [21.0 + 0.1 * k for k in range(len(temp_times))]

print("voltage:", client.ingest("demo", "voltage", voltage, start=start))
print("temp:", client.ingest("demo", "temp", temp, timestamps=temp_times))
print([s["name"] + ": " + str(s["samples"]) for c in client.channels() if c["name"] == "demo" for s in c["signals"]])

# %% [markdown]
# ## Size it first
# The estimate says how big the file will be and whether `auto` answers inline or queues a job.

# %%
minute = {"start": start, "duration": dt.timedelta(minutes=1)}
print(client.estimate(minute, ["demo"]))

# %% [markdown]
# ## Export to a DataFrame
# Index: UTC `DatetimeIndex` from the file's `/time`; columns `channel/signal`; attributes of
# the file and of each column in `df.attrs`. `fill` says how to fill cells without a sample.

# %%
df = client.export_dataframe(minute, ["demo"], interval="PT0.1S", fill={"demo/temp": "previous"})
print(df.head())
print(df.attrs["columns"]["demo/voltage"])

# %% [markdown]
# ## The same as a job
# `execution="async"` queues a job; the client follows it (WebSocket when the `websockets`
# package is installed, else polling) with a progress bar, then downloads the file.

# %%
result = client.export_to("demo.h5", minute, ["demo"], execution="async")
print(result.route, result.job_id, result.bytes, "bytes")

# %% [markdown]
# ## Errors are typed
# An unknown channel is a `NotFound` carrying the service's problem details.

# %%
try:
    client.export(minute, ["no_such_channel"])
except NotFound as e:
    print(e.status, e.code, "-", e.detail)

# %% [markdown]
# ## Plot

# %%
try:
    import matplotlib
except ImportError:
    matplotlib = None

if matplotlib is None:
    print("matplotlib is not installed: no plot. Summary instead:")
    print(df.describe())
else:
    in_notebook = "ipykernel" in sys.modules
    if not in_notebook:
        matplotlib.use("Agg")  # no display needed when run as a script
    axes = df.plot(subplots=True, figsize=(10, 5), title="demo, 100 ms grid")
    if not in_notebook:
        out = os.environ.get("PLOT_FILE", "ingest_to_plot.png")
        axes[0].figure.savefig(out)
        print("plot saved to", out)
