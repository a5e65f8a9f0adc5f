"""The Excel export, read back with openpyxl."""

from __future__ import annotations

import builtins
import datetime as dt
from decimal import Decimal

import pytest

from vinhphuc_dx import cli, export, model

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    import vinhphuc_dx

    path = tmp_path_factory.mktemp("xlsx") / "vinhphuc.xlsx"
    export.write(vinhphuc_dx.load(), path, "xlsx")
    return openpyxl.load_workbook(path)


def rows(sheet):
    header = [c.value for c in sheet[1]]
    return {
        r[0].value: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2)
    }


class TestSheets:
    def test_one_sheet_per_collection_after_about(self, book, report):
        """About first, then one sheet per collection with one row per record."""
        assert book.sheetnames == ["About", *model.COLLECTIONS]
        for name in model.COLLECTIONS:
            assert list(rows(book[name])) == [r.id for r in getattr(report, name)]

    def test_header_frozen_and_filtered(self, book):
        """Each sheet's header row is frozen and carries an auto-filter over the table."""
        for name in model.COLLECTIONS:
            sheet = book[name]
            assert sheet.freeze_panes == "B2"  # the header row and the ids
            assert sheet.auto_filter.ref == sheet.dimensions
            assert sheet["A1"].comment is not None

    def test_numbers_are_number_cells(self, book, report):
        """Figures are numbers with grouping and the decimals stated; 99.7 is a number."""
        table = rows(book["indicators"])
        for figure in report.indicators:
            cell = table[figure.id]["value"]
            assert cell.data_type == "n"
            assert Decimal(str(cell.value)) == figure.value
            assert cell.number_format.startswith("#,##0")
        rate = table["gov.documents.signing-rate"]
        assert rate["value"].value == 99.7
        assert rate["value"].number_format == "#,##0.0"

    def test_columns(self, book, report):
        """Bilingual labels; qualifier and estimate of their own; dates as dates."""
        header = [c.value for c in book["indicators"][1]]
        assert {"label_vi", "label_en", "qualifier", "estimated", "unit"} <= set(header)
        figure = report.indicators.get("budget.total")
        row = rows(book["indicators"])["budget.total"]
        assert row["qualifier"].value == "more_than"
        assert row["estimated"].value is False
        assert row["period_start"].is_date
        assert (
            row["period_start"].value.date()
            == figure.period.start
            == dt.date(2014, 1, 1)
        )
        assert header == [c.name for c in export.columns(model.Indicator)]

    def test_about(self, book, report):
        """About: source and citation, licence, revision, units, qualifiers, merger."""
        about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r[0]}
        assert about["How to cite (APA)"] == report.source.cite("apa").strip()
        assert about["Data revision"] == report.revision
        assert about["Licence"].startswith("MIT")
        assert "53 means 53%" in about["unit: percent"]
        assert "trên" in about["qualifier: more_than"]
        assert "khoảng" in about["qualifier: approximately"]
        assert "estimate" in about["estimated"]
        assert "2025" in about["Warning: the 2025 merger"]
        assert about["Vĩnh Phúc province (former), ISO 3166-2"] == "VN-70"


class TestWithoutOpenpyxl:
    def test_import_error_names_the_extra(self, report, monkeypatch, tmp_path, capsys):
        """Without openpyxl, the error says to install the excel extra, and the CLI says it in one line."""
        real = builtins.__import__

        def no_openpyxl(name, *args, **kwargs):
            if name.startswith("openpyxl"):
                raise ImportError(name)
            return real(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_openpyxl)
        with pytest.raises(ImportError, match=r"vinhphuc-dx\[excel\]"):
            export.write(report, tmp_path / "y.xlsx", "xlsx")
        status = cli.main(
            ["export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx")]
        )
        assert status == 1
        assert "pip install 'vinhphuc-dx[excel]'" in capsys.readouterr().err
        assert not (tmp_path / "x.xlsx").exists()
