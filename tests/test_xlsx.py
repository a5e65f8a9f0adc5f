"""The Excel export, read back with openpyxl."""

from __future__ import annotations

import builtins
import datetime as dt
import math
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


DATA_SHEETS = list(model.COLLECTIONS)


def _width(sheet, column):
    from openpyxl.utils import get_column_letter

    return sheet.column_dimensions[get_column_letter(column)].width


def _shown(value):
    """A value as the sheet shows it (grouped figures, TRUE/FALSE), for its length."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return f"{value:,}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def _least_lines(text, width):
    """Lines a text takes at the least: no line of Calibri holds 1.3 widths of 0s."""
    return sum(
        max(1, math.ceil(len(part) / (width * 1.3))) for part in text.split("\n")
    )


class TestPrint:
    def test_every_sheet_fits_the_page_width(self, book):
        """Every sheet, About too, prints one page wide and as many pages long as it needs."""
        for sheet in book:
            assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, sheet.title
            assert sheet.page_setup.fitToWidth == 1, sheet.title
            assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert book["About"].page_setup.orientation == "portrait"
        for name in DATA_SHEETS:
            assert book[name].page_setup.orientation == "landscape"

    def test_header_on_every_printed_page(self, book):
        """A data sheet prints its header row on each page, with grid lines between cells."""
        for name in DATA_SHEETS:
            assert book[name].print_title_rows == "$1:$1"
            assert book[name].print_options.gridLines is True


class TestLayout:
    def test_headers_bold_in_the_workbooks_font(self, book):
        """Every header cell is bold, in the font of the cells below it (a bare bold font prints in another face)."""
        for name in DATA_SHEETS:
            sheet = book[name]
            for cell in sheet[1]:
                assert cell.font.b is True, (name, cell.coordinate)
                assert cell.font.name == sheet.cell(2, cell.column).font.name
                assert cell.font.name == "Calibri"

    def test_panes_frozen_below_the_header_right_of_the_id(self, book):
        """Scrolling keeps the header row and the id column in view."""
        for name in DATA_SHEETS:
            sheet = book[name]
            assert sheet.freeze_panes == "B2"
            assert sheet["A1"].value == "id"

    def test_long_columns_wrap(self, book):
        """A column holding a text wider than the column wraps, every data cell of it; a column with room to spare does not."""
        wrapped = set()
        for name in DATA_SHEETS:
            sheet = book[name]
            for column in range(1, sheet.max_column + 1):
                width = _width(sheet, column)
                cells = [sheet.cell(r, column) for r in range(2, sheet.max_row + 1)]
                longest = max(len(_shown(c.value)) for c in cells)
                wraps = {bool(c.alignment.wrap_text) for c in cells}
                header = sheet.cell(1, column).value
                assert len(wraps) == 1, (name, header)
                if longest > width:
                    assert wraps == {True}, (name, header)
                    wrapped.add((name, header))
                elif longest + 4 <= width:  # room to spare, and for an indent
                    assert wraps == {False}, (name, header)
        assert {("indicators", "note_en"), ("indicators", "description_vi")} <= wrapped

    def test_rows_tall_enough_for_their_wrapped_texts(self, book):
        """Each row is at least as tall as its longest wrapped text needs, in 15-point lines."""
        for name in [*DATA_SHEETS, "About"]:
            sheet = book[name]
            for row in sheet.iter_rows(min_row=1 if name == "About" else 2):
                need = max(
                    (
                        _least_lines(_shown(c.value), _width(sheet, c.column))
                        for c in row
                        if c.alignment.wrap_text and c.value is not None
                    ),
                    default=1,
                )
                height = sheet.row_dimensions[row[0].row].height or 15
                assert height >= 15 * need, (name, row[0].row, height, need)

    def test_widths_fit(self, book):
        """Columns are wide enough for their header and filter button, at most 32 wide, ids whole."""
        for name in DATA_SHEETS:
            sheet = book[name]
            for column in range(1, sheet.max_column + 1):
                header = sheet.cell(1, column).value
                width = _width(sheet, column)
                assert width >= len(header) + 4, (name, header)
                if header != "id":
                    assert width <= 32, (name, header)
            ids = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
            assert _width(sheet, 1) >= max(map(len, ids)) + 2, name
            assert not sheet["A2"].alignment.wrap_text

    def test_figures_stand_apart(self, book):
        """Figures sit right; the exact figure after them is indented; yes-or-no cells print TRUE or FALSE."""
        table = rows(book["indicators"])
        row = table["budget.total"]
        assert row["value"].alignment.horizontal == "right"
        assert row["paragraph"].alignment.horizontal == "right"
        assert row["value_exact"].alignment.indent == 1  # 1,283 then 1283
        assert row["parts"].alignment.indent == 1  # after paragraph
        assert row["label_vi"].alignment.indent == 0
        assert row["estimated"].number_format == '"TRUE";"TRUE";"FALSE"'
        assert all(c.alignment.vertical == "top" for c in row.values())


class TestAboutLayout:
    def test_labels_fit_column_a(self, book):
        """Column A is wide enough for its longest label in bold (a tenth wider than plain)."""
        sheet = book["About"]
        labels = [c.value for c in sheet["A"] if c.value]
        assert sheet.column_dimensions["A"].width >= 1.1 * max(map(len, labels))
        assert all(c.font.b for c in sheet["A"] if c.value)

    def test_merger_warning_wraps(self, book):
        """The merger warning, in both languages, wraps in a row tall enough for it."""
        sheet = book["About"]
        for row in sheet.iter_rows(max_col=2):
            if row[0].value in {"Warning: the 2025 merger", "Lưu ý: sáp nhập 2025"}:
                assert row[1].alignment.wrap_text is True
                assert len(row[1].value) > 300
                assert sheet.row_dimensions[row[0].row].height >= 4 * 15

    def test_date_and_revision_left_aligned(self, book):
        """The publication date, data revision and format version sit left, like the texts above them."""
        sheet = book["About"]
        about = {r[0].value: r[1] for r in sheet.iter_rows(max_col=2) if r[0].value}
        published = about["Published"]
        assert published.is_date
        assert published.number_format == "yyyy-mm-dd"
        for label in ("Published", "Data revision", "File format version"):
            assert about[label].alignment.horizontal == "left", label
            assert about[label].alignment.vertical == "top", label
        assert isinstance(about["Data revision"].value, int)

    def test_column_list_heading_bold(self, book):
        """The heading of the list of columns is bold on both sides, as a sheet's header is."""
        sheet = book["About"]
        (heading,) = [r for r in sheet.iter_rows(max_col=2) if r[0].value == "Column"]
        assert heading[1].value == "What it means"
        assert heading[0].font.b is True
        assert heading[1].font.b is True
