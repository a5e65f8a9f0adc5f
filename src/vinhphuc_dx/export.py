"""Writing a report out: JSON, CSV, a data package, SQLite, Excel.

JSON, a flat CSV, a Frictionless Data Package, a SQLite database for
Datasette, an Excel workbook.

Every file goes through :func:`write_file` (and a data package, a folder,
through :func:`write_directory`): it is written beside its target under a
hidden temporary name, flushed to disk, then put in place in one step, so
that a crash, an interrupt or a full disk never leaves half a result. Nothing
is replaced unless asked (``overwrite=True``, the command line's
``--force``), also when two exports race to one path; only a regular file (or,
for a package, a folder) is ever replaced, and never through a symbolic link.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx import _datapackage
from vinhphuc_dx._atomic import write_all, write_directory, write_file
from vinhphuc_dx._columns import columns
from vinhphuc_dx._converter import dump_json
from vinhphuc_dx._csv import csv_text, flat_rows
from vinhphuc_dx.model import Indicator

if TYPE_CHECKING:
    from collections.abc import Iterable

    from vinhphuc_dx.model import Report

__all__ = [
    "CSV_ENCODING",
    "FORMATS",
    "FORMULA_STARTS",
    "columns",
    "metadata_path",
    "spreadsheet_safe",
    "to_csv",
    "to_json",
    "write",
    "write_bytes",
    "write_datapackage",
    "write_directory",
    "write_file",
    "write_sqlite",
    "write_text",
    "write_xlsx",
]

#: What :func:`write` can write.
FORMATS = ("json", "csv", "datapackage", "sqlite", "xlsx")

#: The encoding of the CSV export, UTF-8 with a byte-order mark, so that Excel
#: shows Vietnamese correctly when the file is opened by double-click; csv,
#: pandas (``encoding="utf-8-sig"``) and LibreOffice read it as well. The
#: data package's tables are plain UTF-8, as its schema declares.
CSV_ENCODING = "utf-8-sig"


def to_json(report: Report) -> str:
    """Return *report* in the file format that :func:`vinhphuc_dx.load` reads.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_json
    >>> text = to_json(vinhphuc_dx.load())
    >>> '"value": 99.7,' in text
    True
    """
    return dump_json(report)


#: The first characters that make a spreadsheet read a cell as a formula
#: (OWASP, *CSV Injection*; NUL as ASVS 1.2.10 adds it).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


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

    Args:
        text: A cell's text.

    Returns:
        The text a spreadsheet will not run.

    .. versionadded:: 0.2.0
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def to_csv(records: Iterable[Any], *, for_spreadsheet: bool = False) -> str:
    """Return indicators as one flat CSV table, a row per figure.

    Values are written exactly as stated (``99.7``), periods as ISO dates,
    relations as space-separated ids, texts in English and Vietnamese.

    >>> import vinhphuc_dx
    >>> from vinhphuc_dx.export import to_csv
    >>> text = to_csv(vinhphuc_dx.load().indicators.filter(paragraph=3))
    >>> print(text.splitlines()[1].split(",Ngân")[0])
    budget.total,,"Budget for investment in digital transformation, 2014–2024"

    Args:
        records: The indicators, for example a filtered collection.
        for_spreadsheet: Pass every text cell (the columns whose Table Schema
            type is ``string``) through :func:`spreadsheet_safe`, so that a
            label such as ``=HYPERLINK(…)`` in a user's report file is shown,
            not run, when the file is opened in a spreadsheet. Numbers, dates
            and booleans are written as they are. :func:`write` sets it for
            the CSV file; text meant for programs keeps it off.

    Returns:
        The CSV text (no byte-order mark; :func:`write` adds one).

    .. versionchanged:: 0.2.0
       *for_spreadsheet*.
    """
    records = list(records)
    # Indicators unless told otherwise: `list directives --format csv` too.
    cls = type(records[0]) if records else Indicator
    header, rows = flat_rows(records, cls)
    if for_spreadsheet:
        text = [spec["type"] == "string" for _, _, spec in columns(cls)]
        rows = [
            [spreadsheet_safe(c) if t else c for c, t in zip(row, text, strict=True)]
            for row in rows
        ]
    return csv_text(header, rows)


def write_bytes(
    path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False
) -> Path:
    """Write *data* to *path* atomically, as :func:`write_file` does.

    >>> import tempfile, pathlib
    >>> from vinhphuc_dx.export import write_bytes
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_bytes(folder / "a.bin", b"hi").read_bytes()
    b'hi'
    >>> import shutil; shutil.rmtree(folder)

    Args:
        path: Where to write.
        data: What to write.
        overwrite: Replace a regular file at *path*.

    Returns:
        *path*, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            what is there is not a regular file.
        ValueError: *path* is empty.
        OSError: The directory is missing or not writable, or the disk is full.

    .. versionadded:: 0.2.0
    """

    def fill(temporary: Path) -> None:
        fd = os.open(temporary, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            write_all(fd, data)
        finally:
            os.close(fd)

    return write_file(path, fill, overwrite=overwrite)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    overwrite: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """Write *text* to *path* atomically, as :func:`write_file` does.

    Line ends are written as they are in *text*.

    Args:
        path: Where to write.
        text: What to write.
        overwrite: Replace a regular file at *path* (keeping its mode); without
            it, anything at *path* is an error.
        encoding: The text encoding.

    Returns:
        The path written.

    Raises:
        FileExistsError: Something is at *path* and *overwrite* is false, or
            what is there is not a regular file.
        UnicodeEncodeError: *text* cannot be written in *encoding*; the
            message names *path*.
        ValueError: *path* is empty.
        OSError: The directory is missing or not writable, or the disk is full.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        reason = f"{exc.reason} (writing {os.fspath(path)})"
        raise UnicodeEncodeError(
            exc.encoding, exc.object, exc.start, exc.end, reason
        ) from None
    return write_bytes(path, data, overwrite=overwrite)


def write(
    report: Report,
    path: str | os.PathLike[str],
    fmt: str = "json",
    *,
    overwrite: bool = False,
) -> Path:
    """Export *report* to *path* in one of :data:`FORMATS`.

    The CSV is the file meant for spreadsheets: UTF-8 with a byte-order mark
    (:data:`CSV_ENCODING`), text cells neutralised by :func:`spreadsheet_safe`.
    The JSON and the data package, meant for programs, keep every text
    exactly. Files are written as :func:`write_file` says, a package as
    :func:`write_directory` says.

    Args:
        report: The report.
        path: A file for json, csv, sqlite and xlsx; a directory for
            datapackage.
        fmt: One of :data:`FORMATS`.
        overwrite: Replace what is there (a regular file, or a folder holding
            a data package).

    Returns:
        The file written (``datapackage.json`` for a data package).

    Raises:
        ValueError: *fmt* is not one of :data:`FORMATS`, or *path* is empty.
        FileExistsError: The target exists and *overwrite* is false, or it is
            something that is never replaced.
        OSError: The target cannot be written.
        ImportError: ``xlsx`` without openpyxl (the ``excel`` extra).

    .. versionchanged:: 0.2.0
       ``sqlite`` and ``xlsx``.
    """
    if fmt == "json":
        return write_text(path, to_json(report), overwrite=overwrite)
    if fmt == "csv":
        text = to_csv(report.indicators, for_spreadsheet=True)
        return write_text(path, text, overwrite=overwrite, encoding=CSV_ENCODING)
    if fmt == "datapackage":
        return write_datapackage(report, path, overwrite=overwrite)
    if fmt == "sqlite":
        return write_sqlite(report, path, overwrite=overwrite)
    if fmt == "xlsx":
        return write_xlsx(report, path, overwrite=overwrite)
    msg = f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}"
    raise ValueError(msg)


def write_datapackage(
    report: Report, directory: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a Frictionless Data Package into *directory*.

    One CSV per table (pillars, indicators, directives, instruments,
    projects, goals, people, statements) and ``datapackage.json`` with a
    Table Schema for each: field types, enum constraints, primary keys, the
    foreign keys (a record's pillar, the person it is attributed to), the
    source and the licence. Texts are written exactly (the tables are for
    programs; no spreadsheet neutralising).

    The package is built in a new folder beside *directory* and renamed into
    place whole (:func:`write_directory`): an existing folder is never mixed
    with new files. With *overwrite*, a folder holding ``datapackage.json``
    (or an empty one) is replaced whole, the user's other files in it
    included; any other folder is refused.
    Beside them, ``dataset.jsonld``: a schema.org ``Dataset`` description
    for search engines and catalogues.

    .. versionchanged:: 0.2.0
       ``dataset.jsonld``.

    Args:
        report: The report.
        directory: The folder to create; its parent must exist.
        overwrite: Replace an existing package there.

    Returns:
        The path of ``datapackage.json``.

    Raises:
        FileExistsError: Something is at *directory* and *overwrite* is
            false, or it is not a folder holding a data package.
        OSError: The folder cannot be written.
    """
    return _datapackage.write(report, directory, overwrite=overwrite)


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at *path* goes.

    >>> metadata_path("out/vinhphuc.db").as_posix()
    'out/vinhphuc.metadata.json'
    """
    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def write_sqlite(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as a SQLite database for Datasette, with its metadata.

    Beside ``FILE.db`` goes ``FILE.metadata.json``, for
    ``datasette FILE.db -m FILE.metadata.json``. See the module ``vinhphuc_dx._sqlite``
    for the tables, the exact values and the full-text search.

    Args:
        report: The report.
        path: The database file.
        overwrite: Replace the database and its metadata file.

    Returns:
        The database's path.

    Raises:
        FileExistsError: The database or its metadata file exists and
            *overwrite* is false; then neither is written.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _sqlite  # noqa: PLC0415 - only for this format

    target = Path(path)
    meta_path = metadata_path(target)
    if not overwrite and os.path.lexists(target):
        msg = f"{target} exists; pass overwrite=True (--force) to replace it"
        raise FileExistsError(msg)
    if not overwrite and os.path.lexists(meta_path):
        msg = f"{meta_path} exists; pass overwrite=True (--force) to replace it"
        raise FileExistsError(msg)
    meta = _sqlite.metadata(report, target.stem)
    written = write_bytes(target, _sqlite.to_sqlite(report), overwrite=overwrite)
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_text(meta_path, text, overwrite=overwrite)
    return written


def write_xlsx(
    report: Report, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Path:
    """Write *report* as an Excel workbook: a sheet per collection, and About.

    Needs openpyxl: ``pip install "vinhphuc-dx[excel]"``.

    Args:
        report: The report.
        path: The workbook file.
        overwrite: Replace an existing file.

    Returns:
        The path written.

    Raises:
        ImportError: openpyxl is not installed; the message names the extra.
        FileExistsError: *path* exists and *overwrite* is false.

    .. versionadded:: 0.2.0
    """
    from vinhphuc_dx import _xlsx  # noqa: PLC0415 - only for this format

    return write_bytes(path, _xlsx.to_xlsx(report), overwrite=overwrite)
