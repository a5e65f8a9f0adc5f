"""The command line's new formats and commands: export sqlite/xlsx, cite ID, diff."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest

from vinhphuc_dx import cli, export


def test_help_lists_new_formats_and_commands(capsys):
    """vinhphuc-dx --help names the sqlite and xlsx exports, cite ID and diff."""
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for word in ("--format sqlite", "--format xlsx", "diff", "cite", "Datasette"):
        assert word in out


def test_export_help_lists_formats(capsys):
    """export --help shows every format among its choices."""
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    assert "{" + ",".join(export.FORMATS) + "}" in capsys.readouterr().out
    assert "parquet" in export.FORMATS


def test_export_sqlite(tmp_path, capsys):
    """export --format sqlite writes the database and its metadata, and refuses to clobber."""
    target = tmp_path / "v.db"
    assert cli.main(["export", "--format", "sqlite", "--output", str(target)]) == 0
    assert (tmp_path / "v.metadata.json").exists()
    with contextlib.closing(sqlite3.connect(target)) as db:
        assert db.execute("select count(*) from indicators").fetchone()[0] > 0
    capsys.readouterr()
    assert cli.main(["export", "--format", "sqlite", "--output", str(target)]) == 1
    assert "--force" in capsys.readouterr().err
    assert (
        cli.main(["export", "--format", "sqlite", "--output", str(target), "--force"])
        == 0
    )


def test_export_xlsx(tmp_path):
    """export --format xlsx writes a workbook openpyxl reads."""
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "v.xlsx"
    assert cli.main(["export", "--format", "xlsx", "--output", str(target)]) == 0
    assert "About" in openpyxl.load_workbook(target).sheetnames


@pytest.mark.parametrize("fmt", ["sqlite", "xlsx"])
def test_binary_formats_refuse_stdout(fmt, capsys):
    """A binary format to standard output is a usage error, exit 2."""
    assert cli.main(["export", "--format", fmt, "--output", "-"]) == 2
    assert "binary" in capsys.readouterr().err
