"""Exports: atomic writes, no silent overwrite, exact values."""

from __future__ import annotations

import json
import os

import pytest

import vinhphuc_dx
from vinhphuc_dx import export


class TestWriteText:
    def test_failure_leaves_old_file_and_no_temporary(self, tmp_path, monkeypatch):
        """A crash mid-write keeps the old file whole and leaves no temporary file."""
        target = tmp_path / "r.json"
        target.write_text("old")

        def full_disk(_fd):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full_disk)
        with pytest.raises(OSError, match="No space left"):
            export.write_text(target, "new", overwrite=True)
        assert target.read_text() == "old"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]

    def test_refuses_to_overwrite(self, tmp_path):
        """Without overwrite=True an existing file is an error."""
        target = tmp_path / "r.json"
        target.write_text("old")
        with pytest.raises(FileExistsError, match="overwrite=True"):
            export.write_text(target, "new")
        assert target.read_text() == "old"


class TestFormats:
    def test_unknown_format(self, report, tmp_path):
        """An unknown format names the known ones."""
        with pytest.raises(
            ValueError, match="choose one of json, csv, datapackage, sqlite, xlsx"
        ):
            export.write(report, tmp_path / "x", "ods")

    def test_datapackage_tables(self, report, tmp_path):
        """The package has a table per collection with keys and enum constraints."""
        descriptor_path = export.write(report, tmp_path / "pkg", "datapackage")
        descriptor = json.loads(descriptor_path.read_text("utf-8"))
        names = [r["name"] for r in descriptor["resources"]]
        assert names == [
            "pillars",
            "indicators",
            "directives",
            "instruments",
            "projects",
            "goals",
        ]
        indicators = descriptor["resources"][1]["schema"]
        fields = {f["name"]: f for f in indicators["fields"]}
        assert fields["unit"]["constraints"]["enum"] == [
            "count",
            "percent",
            "billion_vnd",
        ]
        assert fields["value"]["type"] == "number"
        assert fields["period_start"]["type"] == "date"
        assert indicators["primaryKey"] == ["id"]
        assert indicators["foreignKeys"][0]["reference"] == {
            "resource": "pillars",
            "fields": ["id"],
        }
        assert "Vietnam Business Forum" in descriptor["sources"][0]["title"]
        lines = (tmp_path / "pkg" / "indicators.csv").read_text("utf-8").splitlines()
        assert len(lines) == 39

    def test_datapackage_not_overwritten(self, report, tmp_path):
        """A second export into the same directory needs overwrite=True."""
        export.write(report, tmp_path / "pkg", "datapackage")
        with pytest.raises(FileExistsError):
            export.write(report, tmp_path / "pkg", "datapackage")
        export.write(report, tmp_path / "pkg", "datapackage", overwrite=True)

    def test_csv_of_a_filtered_collection(self, report):
        """to_csv takes any collection of indicators."""
        text = export.to_csv(report.indicators.filter(unit="billion_vnd"))
        assert text.splitlines()[1].startswith("budget.total,,")
        assert len(text.splitlines()) == 2

    def test_json_round_trip_through_file(self, report, tmp_path):
        """write(json) then load gives an equal report."""
        path = export.write(report, tmp_path / "r.json")
        assert vinhphuc_dx.load(path) == report
