"""The report as an Excel workbook (openpyxl, the ``excel`` extra).

One sheet per collection of :data:`vinhphuc_dx.model.COLLECTIONS`, its
header row frozen and filtered, each header cell carrying the column's
description as a comment; figures are number cells with digit grouping and
as many decimals as stated, dates are date cells, the qualifier and the
estimate have their own columns and ``as_written`` stands beside the value.
An *About* sheet comes first: the source and how to cite it, the licence,
the data revision, what each unit and qualifier means, and the 2025 merger.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._tables import QUALIFIER_MEANINGS, UNIT_MEANINGS, Table, tables

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from vinhphuc_dx.model import Report

__all__ = ["EXTRA_HINT", "to_xlsx"]

#: What to install when openpyxl is missing.
EXTRA_HINT = 'pip install "vinhphuc-dx[excel]"'

#: The licence, as the data package states it.
LICENCE = "MIT (labels and descriptions); the facts are the article's"

_MAX_WIDTH = 60


def _number_format(value: int | Decimal) -> str:
    """Digit grouping, and as many decimals as the figure states."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if places:
            return "#,##0." + "0" * places
    return "#,##0"


def _fill(sheet: Worksheet, table: Table) -> None:
    from openpyxl.comments import Comment  # noqa: PLC0415 - optional extra
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    columns = [c for c in table.columns if c.name != "value_exact"]
    keep = [i for i, c in enumerate(table.columns) if c.name != "value_exact"]
    sheet.append([c.name for c in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.comment = Comment(column.description, "vinhphuc-dx")
    for row in table.rows:
        cells: list[Any] = []
        for i in keep:
            value, kind = row[i], table.columns[i].kind
            if kind == "ids":
                value = " ".join(value) or None
            cells.append(value)
        sheet.append(cells)
    for j, column in enumerate(columns, start=1):
        longest = len(column.name)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=j, max_col=j):
            value = cell.value
            if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
                cell.number_format = _number_format(value)
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if value is not None:
                longest = max(longest, len(str(value)))
        letter = get_column_letter(j)
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _about(sheet: Worksheet, report: Report) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415 - optional extra

    source, context = report.source, report.context
    rows: list[tuple[str, Any]] = [
        ("Title", "Vĩnh Phúc digital transformation figures"),
        ("Source", f"{source.title.vi} [{source.title.en}]"),
        ("Outlet", source.outlet),
        ("Author", source.author),
        ("Published", source.published.date()),
        ("How to cite (APA)", source.cite("apa").strip()),
        (
            "Citing one figure",
            (
                "vinhphuc-dx cite ID, or record.cite(style='apa') in Python: "
                "the figure as stated, its paragraph and the article"
            ),
        ),
        ("Licence", LICENCE),
        ("Data revision", report.revision),
        ("File format version", report.format_version),
        ("", ""),
        ("Column", "Meaning"),
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
        ("", ""),
        ("Warning: the 2025 merger", context.description.en),
        ("Lưu ý: sáp nhập 2025", context.description.vi),
    ]
    for label, code in (
        (f"{context.former_province.en}, ISO 3166-2", context.former_province_code),
        (f"{context.successor.en}, ISO 3166-2", context.successor_code),
    ):
        if code is not None:
            rows.append((label, code))
    for row in rows:
        sheet.append(row)
    for (cell,) in sheet.iter_rows(min_row=1, max_col=1):
        cell.font = Font(bold=True)
    sheet["B5"].number_format = "yyyy-mm-dd"
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100


def to_xlsx(report: Report) -> bytes:
    """Return *report* as the bytes of an Excel workbook.

    Args:
        report: The report; it is only read.

    Returns:
        The ``.xlsx`` file's bytes.

    Raises:
        ImportError: openpyxl is not installed; the message says what to
            install.
    """
    try:
        from openpyxl import Workbook  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        msg = f"the xlsx export needs openpyxl: {EXTRA_HINT}"
        raise ImportError(msg, name="openpyxl") from exc
    book = Workbook()
    about = book.active
    assert about is not None  # noqa: S101 - a new workbook has one sheet
    about.title = "About"
    _about(about, report)
    for table in tables(report):
        _fill(book.create_sheet(table.name), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
