"""Writing a report out: JSON, CSV, a data package, SQLite, Excel, Parquet.

Every export is written beside its target under a hidden temporary name,
flushed to disk, then put in place in one step, so that a crash, an
interrupt or a full disk never leaves half a result. Nothing is replaced
unless asked (``overwrite=True``, the command line's ``--force``), also when
two exports race to one path; only a regular file (or, for a folder, a
folder this package wrote) is ever replaced, and never through a symbolic
link. A new format is one module with a ``write(report, path, *,
overwrite)`` function (or, for a text that can go to standard output too, a
``text(report)`` function), and one line in the registry below.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, cast

from vinhphuc_dx._atomic import write_bytes
from vinhphuc_dx._csv import spreadsheet_safe, table_csv
from vinhphuc_dx._sqlite import metadata_path
from vinhphuc_dx._table import Table, columns
from vinhphuc_dx.model import Indicator, Report

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

__all__ = [
    "CSV_ENCODING",
    "FORMATS",
    "columns",
    "metadata_path",
    "spreadsheet_safe",
    "to_csv",
    "to_json",
    "write",
]

#: What each format writes, in a phrase (the command line's help says it).
#: The module ``_<format>`` writes it (but ``_jsonfile`` the JSON: ``_json``
#: is the JSON that every module reads and writes).
DESCRIPTIONS = {
    "json": "the file format load() reads",
    "csv": "the figures, UTF-8 with a byte-order mark for Excel",
    "datapackage": (
        "a folder of plain UTF-8 tables, their descriptor datapackage.json "
        "and dataset.jsonld"
    ),
    "sqlite": (
        "a database for Datasette, with FILE.metadata.json beside it for datasette -m"
    ),
    "xlsx": "an Excel workbook (the excel extra)",
    "parquet": "a folder of Parquet files, one per collection (the arrow extra)",
}

#: What :func:`write` can write.
FORMATS = tuple(DESCRIPTIONS)

#: The encoding of the CSV export, UTF-8 with a byte-order mark, so that Excel
#: shows Vietnamese correctly when the file is opened by double-click; csv,
#: pandas (``encoding="utf-8-sig"``) and LibreOffice read it as well.
CSV_ENCODING = "utf-8-sig"


def _writer(fmt: str) -> Any:
    if fmt not in DESCRIPTIONS:
        msg = f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    module = "_jsonfile" if fmt == "json" else f"_{fmt}"
    return importlib.import_module(f"vinhphuc_dx.{module}")


def to_json(report: Report) -> str:
    """Return *report* in the file format that :func:`vinhphuc_dx.load` reads.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_json
    >>> '"value": 99.7,' in to_json(vinhphuc_dx.load())
    True
    """
    if not isinstance(report, Report):
        msg = f"to_json() takes a Report, got {report!r}"
        raise TypeError(msg)
    return str(_writer("json").text(report))


def to_csv(records: Iterable[Any], *, for_spreadsheet: bool = False) -> str:
    """Return records as one flat CSV table, a row per record.

    The columns are the flat table's (see the docs' *File format*): values
    exactly as stated (``99.7``), periods as ISO dates, relations as
    space-separated ids, texts in Vietnamese then English.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_csv
    >>> text = to_csv(vinhphuc_dx.load().indicators.filter(paragraph=3))
    >>> text.splitlines()[1][:47]
    'budget.total,,Ngân sách đầu tư cho chuyển đổi s'

    Args:
        records: Records of one kind (indicators when empty), for example a
            filtered collection.
        for_spreadsheet: Pass every text cell through :func:`spreadsheet_safe`,
            so that a label such as ``=HYPERLINK(…)`` in a user's report file
            is shown, not run, in a spreadsheet. :func:`write` sets it for the
            CSV file; text meant for programs keeps it off.

    Returns:
        The CSV text (no byte-order mark; :func:`write` adds one).

    .. versionchanged:: 0.2.0
       *for_spreadsheet*; any kind of record.
    """
    if isinstance(records, (str, bytes)) or not hasattr(records, "__iter__"):
        msg = f"to_csv() takes records, got {records!r}"
        raise TypeError(msg)
    items = list(records)
    kinds = {type(r) for r in items} or {Indicator}
    if len(kinds) > 1:
        msg = "to_csv() takes records of one kind"
        raise ValueError(msg)
    return table_csv(Table(kinds.pop(), items), for_spreadsheet=for_spreadsheet)


def write(
    report: Report,
    path: str | os.PathLike[str],
    fmt: str = "json",
    *,
    overwrite: bool = False,
) -> Path:
    """Export *report* to *path* in one of :data:`FORMATS`.

    The CSV is the file meant for spreadsheets: UTF-8 with a byte-order mark
    (:data:`CSV_ENCODING`), text cells neutralised by :func:`spreadsheet_safe`;
    so is the workbook (every text a text cell). The JSON, the data package,
    the database and the Parquet files, meant for programs, keep every text
    exactly. ``sqlite`` writes ``FILE.metadata.json`` beside the database
    (:func:`metadata_path`), for ``datasette FILE.db -m FILE.metadata.json``:
    both files are put in place, or neither.

    Args:
        report: The report.
        path: A file for json, csv, sqlite and xlsx; a folder for
            datapackage and parquet.
        fmt: One of :data:`FORMATS`.
        overwrite: Replace what is there (a regular file, or a folder holding
            an export of the same format).

    Returns:
        The file written (``datapackage.json`` for a data package, the
        folder for Parquet).

    Raises:
        TypeError: *report* is not a report, or *path* not a path.
        ValueError: *fmt* is not one of :data:`FORMATS`, or *path* is empty.
        FileExistsError: The target exists and *overwrite* is false, or it is
            something that is never replaced.
        OSError: The target cannot be written.
        ImportError: ``xlsx`` without openpyxl, ``parquet`` without pyarrow.

    .. versionchanged:: 0.2.0
       ``sqlite``, ``xlsx`` and ``parquet``.
    """
    if not isinstance(report, Report):
        msg = f"write() takes a Report, got {report!r}"
        raise TypeError(msg)
    if not isinstance(path, (str, os.PathLike)):
        msg = f"write() takes a path (str or os.PathLike), got {path!r}"
        raise TypeError(msg)
    if not isinstance(fmt, str):
        msg = (
            f"write() takes fmt= as a string, one of {', '.join(FORMATS)}; got {fmt!r}"
        )
        raise TypeError(msg)
    if type(overwrite) is not bool:
        msg = f"write() takes overwrite= as True or False, got {overwrite!r}"
        raise TypeError(msg)
    writer = _writer(fmt)
    if not hasattr(writer, "write"):  # a text, for standard output too
        return write_bytes(path, writer.text(report).encode(), overwrite=overwrite)
    return cast("Path", writer.write(report, path, overwrite=overwrite))
