"""The report as an Excel workbook (openpyxl, the ``excel`` extra).

An *About* sheet first (the source and how to cite it, the licence, the
data revision, what each unit and qualifier means, the 2025 merger), then
one sheet per collection with the flat table's columns: a bold header row
(in the workbook's own font), frozen and filtered, each header cell
carrying the column's description as a comment; figures are number cells
with digit grouping and as many decimals as stated, to the right, dates
are date cells, yes-or-no cells read TRUE or FALSE. Columns are as wide as
their cells up to a limit, beyond which texts wrap, and each row is as tall
as its wrapped texts (no application grows a row to fit when it opens a
file); every cell sits at the top of its row. Every sheet fits the page's
width when printed, with its header on each page. A text is always a text
cell: never a formula or an error value, whatever a report file holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_files
from vinhphuc_dx._frames import decimal_places
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
_MAX_WIDTH = 32
#: A line of text, in points: Calibri 11, a new workbook's font.
_LINE = 15
#: What a header needs beside its name: room for the filter's button.
_BUTTON = 4


def _bold() -> Any:
    """The workbook's own font, bold (a bare bold font falls back to another face)."""
    from openpyxl.styles import DEFAULT_FONT, Font  # the excel extra

    face = {
        key: getattr(DEFAULT_FONT, key) for key in ("name", "sz", "family", "scheme")
    }
    return Font(**face, b=True)


def _shown(value: Any) -> str:
    """A cell's value as the sheet shows it: figures with their grouping."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, Decimal)):
        return f"{value:,}"
    return "" if value is None else str(value)


def _lines(cell: Any) -> int:
    """How many lines *cell* takes: more than one only where its text wraps.

    A width counts the digit 0, wider than most letters: a line holds a
    quarter more characters, less a few lost where a word does not fit (as
    measured in LibreOffice's Carlito, which has Calibri's widths).
    """
    if not cell.alignment.wrap_text or cell.value is None:
        return 1
    width = cell.parent.column_dimensions[cell.column_letter].width
    room = max(1, int(width * 1.25) - 3)
    return sum(max(1, -(-len(part) // room)) for part in _shown(cell.value).split("\n"))


def _finish(sheet: Worksheet) -> None:
    """Every string a text cell, and each row as tall as its wrapped cells need.

    A text cell is never a formula or an error value, whatever a report file
    holds; no application grows a row to fit when it opens a file.
    """
    for number, row in enumerate(sheet.iter_rows(), start=1):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
        lines = max(_lines(cell) for cell in row)
        if lines > 1:
            sheet.row_dimensions[number].height = lines * _LINE


def _print(sheet: Worksheet, *, landscape: bool) -> None:
    """The page's width when printed, with narrow margins."""
    from openpyxl.worksheet.page import PageMargins  # the excel extra
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)


#: Kinds of column drawn as figures, to the right; a text after one is
#: indented, so as not to run on from it (1,283 then 1283, not 1,2831283).
_FIGURES = frozenset({"number", "integer", "date", "boolean"})

#: The number format of a kind of column, beside a figure's own: a yes-or-no
#: cell as the word, where an application shows it as 1 or 0 (LibreOffice
#: does; Excel shows TRUE and FALSE whatever the format).
_FORMATS = {"date": "yyyy-mm-dd", "boolean": '"TRUE";"TRUE";"FALSE"'}


def _fill(sheet: Worksheet, table: Table) -> None:
    """A collection's sheet: described headers, a row per record, widths that fit.

    Long cells wrap; every cell sits at the top of its row.
    """
    from openpyxl.comments import Comment  # the excel extra
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    columns = table.columns
    sheet.append([c.name for c in columns])
    bold = _bold()
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.comment = Comment(column.description, "vinhphuc-dx")
        cell.font = bold
    widths = [len(c.name) + _BUTTON for c in columns]
    for row in table.rows():
        cells: list[Any] = [
            str(v) if c.kind == "exact" and v is not None else v
            for v, c in zip(row, columns, strict=True)
        ]
        sheet.append(cells)
        widths = [max(w, len(_shown(v))) for w, v in zip(widths, cells, strict=True)]
    before = [None, *(c.kind for c in columns)]  # the kind of the column before each
    for j, (width, column) in enumerate(zip(widths, columns, strict=True), start=1):
        figure = column.kind in _FIGURES
        indent = not figure and before[j - 1] in _FIGURES
        # An id is what a reader cites: whole, on one line.
        room = width + 2 + (2 if indent else 0)
        most = room if column.name == "id" else _MAX_WIDTH
        sheet.column_dimensions[get_column_letter(j)].width = min(most, room)
        style = Alignment(
            horizontal="right" if figure else ("left" if indent else None),
            indent=1 if indent else 0,
            vertical="top",
            wrap_text=room > most or None,
        )
        for (cell,) in sheet.iter_rows(min_row=2, min_col=j, max_col=j):
            cell.alignment = style
            if column.kind == "number" and cell.value is not None:
                # Digit grouping, and as many decimals as the figure states.
                places = decimal_places([cell.value])
                cell.number_format = "#,##0" + ("." + "0" * places if places else "")
            elif column.kind in _FORMATS:
                cell.number_format = _FORMATS[column.kind]
    _finish(sheet)
    _print(sheet, landscape=True)
    sheet.print_options.gridLines = True
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"


def _about(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Alignment  # the excel extra

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
    bold = _bold()
    for cells in sheet.iter_rows(max_col=2):
        cells[0].font = bold
        for cell in cells:
            cell.alignment = left
    # The heading of the list of columns, as the sheets' headers are.
    heading = next(r for r, (label, _) in enumerate(rows, start=1) if label == "Column")
    sheet.cell(heading, 2).font = bold
    sheet["B3"].number_format = "yyyy-mm-dd"
    # Bold labels are wider than plain ones: a tenth more, and a margin.
    labels = max(len(str(r[0])) for r in rows)
    sheet.column_dimensions["A"].width = round(labels * 1.1) + 2
    # Narrow enough for a portrait page at nearly full size.
    sheet.column_dimensions["B"].width = 75
    _finish(sheet)
    _print(sheet, landscape=False)


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
    del book["Sheet"]  # a new workbook's one sheet: the About sheet is first
    _about(book.create_sheet("About"), report)
    for name, table in tables(report).items():
        _fill(book.create_sheet(name), table)
    return write_files([(path, book.save)], overwrite=overwrite)[0]
