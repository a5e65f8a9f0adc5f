"""README.md: its examples run, and CI runs the test command it gives."""

from __future__ import annotations

import doctest
import re

from conftest import ROOT

README = ROOT / "README.md"


def commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", README.read_text(encoding="utf-8"))


def test_examples_run():
    """Every >>> example of the README gives the output it shows."""
    result = doctest.testfile(
        str(README), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 5
    assert result.failed == 0


def test_two_commands_first():
    """The README gives an install-and-run command, then an install-and-test one."""
    run, test = commands()[:2]
    assert run.startswith("python3 -m venv .venv && ")
    assert "pip install ." in run
    assert test.endswith("-m pytest")


def test_ci_runs_the_readme_test_command():
    """.ci/run runs the README's test command, verbatim."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands()[1] in ci.splitlines()
