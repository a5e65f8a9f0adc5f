"""The flat table as CSV: the figures for spreadsheets, and any table as text.

A CSV written for spreadsheets (the export, and every CSV the command line
prints) is UTF-8 with a byte-order mark, so that Excel reads Vietnamese
correctly, and no text cell can run as a formula (:func:`spreadsheet_safe`).
The data package's tables, meant for programs, keep every text exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._table import tables

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from vinhphuc_dx._table import Table
    from vinhphuc_dx.model import Report

__all__ = ["BOM", "FORMULA_STARTS", "csv_text", "spreadsheet_safe", "table_csv"]

#: What a CSV for spreadsheets starts with: UTF-8's byte-order mark.
BOM = "\ufeff"

#: The first characters that make a spreadsheet read a cell as a formula
#: (OWASP, *CSV Injection*; NUL as ASVS 1.2.10 adds it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")

#: The kinds of column whose cells are text (see ``_table.Column``).
TEXT_KINDS = frozenset(("text", "category", "ids"))


def spreadsheet_safe(text: str) -> str:
    r"""Return *text* so that a spreadsheet shows it rather than evaluates it.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return
    (or NUL) is prefixed with a single quote, as OWASP's guidance on CSV
    injection advises; any other text is returned unchanged. Apply it to text
    cells only: numbers are written as numbers.

    >>> from vinhphuc_dx.export import spreadsheet_safe
    >>> spreadsheet_safe('=HYPERLINK("http://example.com")')
    '\'=HYPERLINK("http://example.com")'
    >>> spreadsheet_safe("Chữ ký số")
    'Chữ ký số'

    .. versionadded:: 0.2.0
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell_text(value: object) -> str:
    """A cell as text: empty for None, ``true`` or ``false``, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # str, int, Decimal (as stated)


def csv_text(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    text: Sequence[bool],
    *,
    for_spreadsheet: bool,
) -> str:
    """CSV text, a line per row ending in LF; *text* says which cells are text.

    Before Python 3.13 the csv module leaves a field holding a lone carriage
    return unquoted when lines end in LF, and readers then split the row
    there; such a row is written with every field quoted.
    """
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(header)
    for row in rows:
        cells = [
            spreadsheet_safe(cell_text(v)) if for_spreadsheet and t else cell_text(v)
            for v, t in zip(row, text, strict=True)
        ]
        (quoted if any("\r" in c for c in cells) else plain).writerow(cells)
    return out.getvalue()


def table_csv(table: Table, *, for_spreadsheet: bool) -> str:
    """The flat table as CSV text (no byte-order mark)."""
    columns = table.columns
    return csv_text(
        [c.name for c in columns],
        table.rows(),
        [c.kind in TEXT_KINDS for c in columns],
        for_spreadsheet=for_spreadsheet,
    )


def text(report: Report) -> str:
    """The figures as CSV for spreadsheets, byte-order mark included."""
    return BOM + table_csv(tables(report)["indicators"], for_spreadsheet=True)
