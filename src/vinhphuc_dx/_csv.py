"""Records as flat CSV text: a cell per column, a line per record."""

from __future__ import annotations

import csv
import enum
import io
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._columns import columns

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["cell", "csv_text", "flat_rows"]


def cell(value: object) -> str:
    """A value as the text of one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return str(value)  # str, int, Decimal (as stated), date


def flat_rows(records: Iterable[Any], cls: type) -> tuple[list[str], list[list[str]]]:
    """The header and the cells of *records*, all of class *cls*."""
    cols = columns(cls)
    header = [name for name, _, _ in cols]
    return header, [[cell(get(r)) for _, get, _ in cols] for r in records]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """CSV text, a line per row ending in LF.

    Before Python 3.13 the csv module leaves a field holding a lone carriage
    return unquoted when lines end in LF, and readers then split the row
    there; such a row is written with every field quoted.
    """
    out = io.StringIO()
    plain = csv.writer(out, lineterminator="\n")
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    plain.writerow(header)
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else plain).writerow(row)
    return out.getvalue()
