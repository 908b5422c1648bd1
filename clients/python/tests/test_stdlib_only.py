"""The package must import and work with the standard library alone."""
import subprocess
import sys
import textwrap
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent("""
    import importlib.abc, sys
    OPTIONAL = {"numpy", "h5py", "pandas", "tqdm", "websockets"}

    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in OPTIONAL:
                raise ImportError(f"blocked: {name}")
            return None

    sys.meta_path.insert(0, Block())
    import speeddata, speeddata.cli, speeddata.ws, speeddata.frames
    from speeddata import PivotClient, ScoreClient, MissingDependency
    assert not speeddata.ws.available()
    client = PivotClient("http://127.0.0.1:9", progress=True)
    try:
        client.export_dataframe("last_hour", ["c"])
    except MissingDependency as e:
        print("missing:", e)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in OPTIONAL)
    print("loaded:", loaded)
""")


def test_imports_and_runs_without_optional_packages():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=PACKAGE_DIR, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "missing: export_dataframe needs pandas" in done.stdout
    assert "loaded: []" in done.stdout
