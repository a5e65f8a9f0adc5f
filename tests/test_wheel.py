"""The wheel as users get it: its contents, and a clean install used from outside."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel once for this module."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("vinhphuc_dx-*.whl")
    return built


def test_contents(wheel):
    """The wheel holds the package, its data and py.typed, and nothing else."""
    names = zipfile.ZipFile(wheel).namelist()
    outside = [n for n in names if not n.startswith(("vinhphuc_dx/", "vinhphuc_dx-"))]
    assert outside == []
    for needed in (
        "vinhphuc_dx/py.typed",
        "vinhphuc_dx/data/report.json",
        "vinhphuc_dx/data/report.schema.json",
    ):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("METADATA")))
        .decode()
    )
    assert "Requires-Python: >=3.10" in metadata
    requires = sorted(
        line.split()[1]
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    )
    assert requires == ["attrs>=23.1", "cattrs>=24.1", "importlib-resources>=6.0"]


def test_clean_install_works_outside_the_tree(wheel, tmp_path):
    """Installed into a fresh venv, the package loads its data and its script runs."""
    env = tmp_path / "env"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import vinhphuc_dx, pathlib\n"
        "assert 'site-packages' in vinhphuc_dx.__file__\n"
        "print(vinhphuc_dx.load().indicators.get('gov.online-services.full-process').value)\n"
    )
    done = subprocess.run(
        [python, "-c", code], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert done.stdout.strip() == "954"
    script = subprocess.run(
        [env / "bin" / "vinhphuc-dx", "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert script.returncode == 0
    assert "4 hold, 1 does not hold" in script.stdout
