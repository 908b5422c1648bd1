"""``pip install`` from the folder works offline with Debian's setuptools (no build isolation)."""
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def test_pip_installs_offline(tmp_path):
    # found, not imported: importing setuptools inside pytest upsets its distutils shim
    missing = [name for name in ("pip", "setuptools", "wheel") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: python3-pip python3-setuptools python3-wheel)")
    source = tmp_path / "src"  # a copy, so the build leaves nothing in the worktree
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                                        "__pycache__", ".pytest_cache"))
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation",
                           "--disable-pip-version-check", "--root-user-action=ignore", "--target", str(target),
                           str(source)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    check = subprocess.run([sys.executable, "-c", "import speeddata; print(speeddata.__file__, speeddata.__version__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert check.returncode == 0, check.stderr
    assert check.stdout.startswith(str(target)) and "0.1.0" in check.stdout
    script = subprocess.run([str(target / "bin" / "speeddata"), "--version"], capture_output=True, text=True,
                            env=env, timeout=60)
    assert script.returncode == 0 and "speeddata 0.1.0" in script.stdout


def test_the_documented_offline_venv_install_works(tmp_path):
    """docs/python-client.md's offline command: a venv that sees Debian's packages, then --no-build-isolation.
    (In a bare venv, --no-build-isolation fails with "invalid command 'bdist_wheel'": it has no wheel.)"""
    if sys.prefix != sys.base_prefix:
        pytest.skip("runs from the system Python, whose packages the venv borrows")
    missing = [name for name in ("pip", "setuptools", "wheel", "ensurepip") if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (Debian: python3-pip python3-setuptools python3-wheel python3-venv)")
    source = tmp_path / "src"
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info",
                                                                        "__pycache__", ".pytest_cache"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-index", "--no-build-isolation",
                           "--disable-pip-version-check", str(source)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    script = subprocess.run([str(venv / "bin" / "speeddata"), "--version"], capture_output=True, text=True,
                            timeout=60)
    assert script.returncode == 0 and "speeddata 0.1.0" in script.stdout, script.stderr
