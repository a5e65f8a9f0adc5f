"""The report as an Excel workbook (openpyxl, the ``excel`` extra).

An *About* sheet first (the source and how to cite it, the licence, the
data revision, what each unit and qualifier means, the 2025 merger), then
one sheet per collection with the flat table's columns: a bold header row,
frozen and filtered, each header cell carrying the column's description as
a comment; figures are number cells with digit grouping and as many
decimals as stated, dates are date cells, long texts wrap. Every sheet fits
the page's width when printed. A text is always a text cell: never a
formula or an error value, whatever a report file holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_file
from vinhphuc_dx._table import tables
from vinhphuc_dx._vocabulary import QUALIFIER_MEANINGS, UNIT_MEANINGS, dataset

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from openpyxl.worksheet.worksheet import Worksheet

    from vinhphuc_dx._table import Table
    from vinhphuc_dx.model import Report

__all__ = ["write"]

#: The widest a column is drawn, in characters; longer cells wrap.
_MAX_WIDTH = 50


def _number_format(value: int | Decimal) -> str:
    """Digit grouping, and as many decimals as the figure states."""
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def _as_text(sheet: Worksheet) -> None:
    """Make every string cell a text cell: never a formula or an error value."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _fit(sheet: Worksheet, widths: list[int]) -> None:
    """Widths that fit, long cells wrapped, the page's width when printed."""
    from openpyxl.styles import Alignment  # the excel extra
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    wrap = Alignment(wrap_text=True, vertical="top")
    for j, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(j)].width = min(_MAX_WIDTH, width + 2)
        if width > _MAX_WIDTH:
            for (cell,) in sheet.iter_rows(min_col=j, max_col=j):
                cell.alignment = wrap
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _fill(sheet: Worksheet, table: Table) -> None:
    from openpyxl.comments import Comment  # the excel extra
    from openpyxl.styles import Font

    columns = table.columns
    sheet.append([c.name for c in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.comment = Comment(column.description, "vinhphuc-dx")
        cell.font = Font(bold=True)
    widths = [len(c.name) for c in columns]
    for number, row in enumerate(table.rows(), start=2):
        cells: list[Any] = [
            str(v) if c.kind == "exact" and v is not None else v
            for v, c in zip(row, columns, strict=True)
        ]
        sheet.append(cells)
        for j, (value, column) in enumerate(zip(cells, columns, strict=True), start=1):
            if column.kind == "number" and value is not None:
                sheet.cell(number, j).number_format = _number_format(value)
            elif column.kind == "date":
                sheet.cell(number, j).number_format = "yyyy-mm-dd"
        widths = [
            max(w, len(str(v)) if v is not None else 0)
            for w, v in zip(widths, cells, strict=True)
        ]
    _as_text(sheet)
    _fit(sheet, widths)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"


def _about(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Alignment, Font  # the excel extra
    from openpyxl.worksheet.properties import PageSetupProperties

    source, context = report.source, report.context
    about = dataset(report)
    rows: list[tuple[str, Any]] = [
        ("Title", about["title"]),
        ("Source", about["source"]),
        ("Published", source.published.date()),
        ("How to cite (APA)", about["citation"]),
        (
            "Citing one figure",
            (
                "vinhphuc-dx cite ID, or record.cite(style='apa') in Python: the "
                "figure as stated, its paragraph and the article"
            ),
        ),
        ("Licence", about["licence"]),
        ("Data revision", report.revision),
        ("File format version", report.format_version),
        ("", ""),
        ("Warning: the 2025 merger", context.description.en),
        ("Lưu ý: sáp nhập 2025", context.description.vi),
        *(
            (f"{place.en}, ISO 3166-2", code)
            for place, code in (
                (context.former_province, context.former_province_code),
                (context.successor, context.successor_code),
            )
            if code is not None
        ),
        ("", ""),
        ("Column", "What it means"),
        *((f"unit: {unit}", meaning) for unit, meaning in UNIT_MEANINGS.items()),
        *(
            (f"qualifier: {name}", meaning)
            for name, meaning in QUALIFIER_MEANINGS.items()
        ),
        (
            "estimated",
            "TRUE where the article calls the figure an estimate (ước đạt, ước tính)",
        ),
        ("as_written", "the figure exactly as the article prints it"),
        ("paragraph", "the N-th non-empty line of the article, the title being 1"),
        (
            "period_stated",
            (
                "FALSE where the article gives no period: the figure holds at "
                "the publication date"
            ),
        ),
    ]
    for row in rows:
        sheet.append(row)
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    for cells in sheet.iter_rows(max_col=2):
        cells[0].font = Font(bold=True)
        for cell in cells:
            cell.alignment = left
    sheet["B3"].number_format = "yyyy-mm-dd"
    _as_text(sheet)
    sheet.column_dimensions["A"].width = max(len(str(r[0])) for r in rows) + 2
    sheet.column_dimensions["B"].width = 90
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write the workbook.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
    """
    try:
        from openpyxl import Workbook  # the excel extra
    except ImportError as exc:
        msg = "the xlsx export needs openpyxl: pip install 'vinhphuc-dx[excel]'"
        raise ImportError(msg, name="openpyxl") from exc
    book = Workbook()
    about = book.active
    assert about is not None  # noqa: S101 - a new workbook has one sheet
    about.title = "About"
    _about(about, report)
    for name, table in tables(report).items():
        _fill(book.create_sheet(name), table)
    return write_file(path, book.save, overwrite=overwrite)
