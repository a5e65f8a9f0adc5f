"""Task runner: ``nox -l`` lists the sessions, ``nox`` runs the default ones.

nox rather than tox: sessions are plain Python, so the wheel check and the
benchmark need no shell glue, and it finds the pyenv interpreters by name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests", "lint", "typing", "build"]

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
ROOT = Path(__file__).parent


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite (doctests included) on every supported Python."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Run ruff check and ruff format --check."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typing(session: nox.Session) -> None:
    """Run mypy --strict on the package, a downstream user's code and the benchmark."""
    session.install("-e", ".[lint,pandas]")
    session.run("mypy", "--strict", "src")
    session.run("mypy", "--strict", "tests/typing/downstream.py")
    session.run("mypy", "--strict", "benchmarks/bench.py")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs with warnings as errors, and run their doctests."""
    session.install("-e", ".[pandas]", "-r", "docs/requirements.txt")
    session.run(
        "sphinx-build",
        "-W",
        "-n",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
    )
    session.run(
        "sphinx-build", "-W", "-n", "-b", "doctest", "docs", "docs/_build/doctest"
    )


@nox.session
def build(session: nox.Session) -> None:
    """Build the sdist and wheel once, and check what was built."""
    shutil.rmtree(ROOT / "dist", ignore_errors=True)
    session.install("build", "twine", "check-wheel-contents")
    session.run("python", "-m", "build")
    session.run("twine", "check", "--strict", *map(str, (ROOT / "dist").iterdir()))
    session.run("check-wheel-contents", *map(str, (ROOT / "dist").glob("*.whl")))


@nox.session
def bench(session: nox.Session) -> None:
    """Run the benchmark (a report to read, not a test)."""
    session.install(".[bench]")
    session.run("python", "benchmarks/bench.py", *session.posargs)
