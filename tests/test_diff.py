"""diff(old, new) and the diff command."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

import vinhphuc_dx
from vinhphuc_dx import Change, ReportDiff, cli, diff, export, model


def edited(report, collection, record_id, **changes):
    """The report with one record evolved."""
    records = [
        attrs.evolve(r, **changes) if r.id == record_id else r
        for r in getattr(report, collection)
    ]
    return attrs.evolve(report, **{collection: records})


class TestDiff:
    def test_equal_reports(self, report):
        """Equal reports give an empty, false diff with every collection listed."""
        result = diff(report, report)
        assert not result
        assert [c.name for c in result.collections] == list(model.COLLECTIONS)
        assert "no differences" in str(result)

    def test_changed_value_and_nested_text(self, report):
        """A changed record lists each field with old and new, nested fields dotted."""
        figure = report.indicators.get("gov.documents.signing-rate")
        new = edited(
            report,
            "indicators",
            figure.id,
            value=Decimal("99.8"),
            label=attrs.evolve(figure.label, en="Signing rate"),
        )
        (indicators,) = [c for c in diff(report, new).collections if c]
        (record,) = indicators.changed
        assert record.id == figure.id
        assert record.changes == (
            Change("label.en", figure.label.en, "Signing rate"),
            Change("value", Decimal("99.7"), Decimal("99.8")),
        )

    def test_added_and_removed(self, report):
        """Records only in the new report are added; only in the old, removed."""
        first, *rest = report.goals
        new = attrs.evolve(report, goals=rest)
        result = diff(report, new)
        goals = next(c for c in result.collections if c.name == "goals")
        assert goals.removed == (first.id,)
        back = diff(new, report).collections
        assert next(c for c in back if c.name == "goals").added == (first.id,)

    def test_pillar_compared_by_id_and_revision_named(self, report):
        """A record's pillar is compared by id; the revisions of both are named."""
        figure = report.indicators.get("budget.total")
        new = edited(report, "indicators", figure.id, pillar=report.pillars[0])
        new = attrs.evolve(new, revision=report.revision + 1)
        result = diff(report, new)
        assert result.report == (
            Change("revision", report.revision, report.revision + 1),
        )
        (change,) = next(c for c in result.collections if c).changed[0].changes
        assert change == Change("pillar", None, report.pillars[0].id)
        text = str(result)
        assert text.startswith(
            f"--- revision {report.revision}\n+++ revision {report.revision + 1}"
        )

    def test_json_keeps_decimals_exact(self, report):
        """The JSON form writes 99.7 as the number 99.7."""
        figure = report.indicators.get("gov.documents.signing-rate")
        new = edited(report, "indicators", figure.id, value=Decimal("99.8"))
        text = diff(report, new).to_json("a.json", "b.json")
        assert '"old": 99.7,' in text
        data = json.loads(text, parse_float=Decimal)
        assert data["equal"] is False
        assert data["old"] == {"revision": report.revision, "name": "a.json"}
        assert data["collections"]["indicators"]["changed"][0]["changes"][0][
            "new"
        ] == Decimal("99.8")

    def test_public_name(self, report):
        """vinhphuc_dx.diff stays the function after its module is imported."""
        import vinhphuc_dx._diff

        assert isinstance(vinhphuc_dx.diff(report, report), ReportDiff)
        assert vinhphuc_dx.diff is vinhphuc_dx._diff.diff
        assert "diff" in vinhphuc_dx.__all__

    def test_result_classes_public(self):
        """The result's classes are importable from the package."""
        import vinhphuc_dx._diff

        for name in ("ReportDiff", "CollectionDiff", "RecordChange", "Change"):
            assert name in vinhphuc_dx.__all__
            assert getattr(vinhphuc_dx, name) is getattr(vinhphuc_dx._diff, name)


class TestCommand:
    @pytest.fixture
    def files(self, report, tmp_path):
        old = tmp_path / "old.json"
        export.write(report, old)
        text = old.read_text("utf-8")
        new = tmp_path / "new.json"
        new.write_text(text.replace('"value": 99.7,', '"value": 99.8,'), "utf-8")
        return old, new

    def test_equal_exit_0(self, files, capsys):
        """Equal files: exit 0."""
        old, _ = files
        assert cli.main(["diff", str(old), str(old)]) == 0
        assert "no differences" in capsys.readouterr().out

    def test_differ_exit_1(self, files, capsys):
        """Different files: exit 1 and the change, both files named."""
        old, new = files
        assert cli.main(["diff", str(old), str(new)]) == 1
        out = capsys.readouterr().out
        revision = vinhphuc_dx.load().revision
        assert out.startswith(
            f"--- {old} (revision {revision})\n+++ {new} (revision {revision})\n"
        )
        assert "value: 99.7 -> 99.8" in out

    def test_json(self, files, capsys):
        """--format json for programs."""
        old, new = files
        assert cli.main(["diff", str(old), str(new), "--format", "json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert (
            data["collections"]["indicators"]["changed"][0]["id"]
            == "gov.documents.signing-rate"
        )

    @pytest.mark.parametrize("broken", ["missing", "bad json"])
    def test_error_exit_2(self, files, tmp_path, capsys, broken):
        """A missing or broken file: one line on stderr, exit 2."""
        old, _ = files
        bad = tmp_path / "bad.json"
        if broken == "bad json":
            bad.write_text("{", "utf-8")
        assert cli.main(["diff", str(old), str(bad)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "bad.json" in err
