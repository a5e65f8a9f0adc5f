"""The report as a SQLite database for Datasette, with its metadata file.

Built with the standard library's :mod:`sqlite3`: the database needs tables,
foreign keys and one FTS5 statement per table, which sqlite-utils would do
no better, so it earns no place as a dependency.

Design:

* one table per collection of :data:`vinhphuc_dx.model.COLLECTIONS`, ``id``
  its primary key; an indicator's ``pillar`` and any ``attributed_to`` are
  real foreign keys (``PRAGMA foreign_keys`` is checked before the file is
  handed over);
* a figure is stored twice: ``value`` with NUMERIC affinity (an INTEGER, or a
  REAL for a decimal, which reads back as the decimal stated, ``99.7``, since
  no figure has more than 15 significant digits), so that Datasette sorts
  and sums it; and ``value_exact``, the exact decimal as TEXT;
* ``<table>_fts``, an FTS5 table in the form sqlite-utils creates
  (``content=[<table>]``), which Datasette finds on its own. Its tokenizer
  keeps diacritics (``remove_diacritics 0``) over the texts as written, and
  the table's ``search_folded`` column holds the same texts folded (no
  diacritics, đ as d). A word typed with diacritics then matches only the
  texts that carry them (``thuê`` finds *thuê bao*, subscriptions, and not
  *thuế*, taxes), and a word typed without them matches the folded copy
  (``dien thoai`` finds *điện thoại*): Datasette's ``_search`` quotes each
  word and requires all of them, each in any column.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._tables import FOLDED, Column, Table, folded, tables

if TYPE_CHECKING:
    from vinhphuc_dx.model import Report

__all__ = ["TOKENIZER", "metadata", "to_sqlite"]

#: The FTS5 tokenizer: Unicode words, case folded, diacritics kept.
TOKENIZER = "unicode61 remove_diacritics 0"

_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "number": "NUMERIC",
    "date": "TEXT",
    "boolean": "INTEGER",
    "ids": "TEXT",
}


def _quote(name: str) -> str:
    return "[" + name.replace("]", "]]") + "]"


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "ids":
        return json.dumps(list(value))
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        # Exact in the _exact column; here a REAL, for sorting: the decimal
        # as stated is the shortest repr of the float nearest to it.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _create(table: Table) -> str:
    lines = []
    for column in table.columns:
        line = f"   {_quote(column.name)} {_TYPES[column.kind]}"
        if column.name == "id":
            line += " PRIMARY KEY"
        if column.references is not None:
            line += f" REFERENCES {_quote(column.references)}([id])"
        lines.append(line)
    lines.append(f"   {_quote(FOLDED)} TEXT")
    body = ",\n".join(lines)
    return f"CREATE TABLE {_quote(table.name)} (\n{body}\n)"


def _fts(table: Table) -> tuple[str, str]:
    """The statements that create and fill ``<table>_fts``."""
    names = [c.name for c in table.columns if c.searchable] + [FOLDED]
    listed = ", ".join(map(_quote, names))
    fts = _quote(f"{table.name}_fts")
    # The form sqlite-utils' enable_fts writes, which Datasette detects.
    create = (
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {listed},\n"
        f"    tokenize='{TOKENIZER}',\n    content={_quote(table.name)}\n)"
    )
    fill = (
        f"INSERT INTO {fts} (rowid, {listed}) "  # noqa: S608 - the model's names
        f"SELECT rowid, {listed} FROM {_quote(table.name)}"
    )
    return create, fill


def _build(connection: sqlite3.Connection, report: Report) -> None:
    for table in tables(report):
        connection.execute(_create(table))
        marks = ", ".join("?" * (len(table.columns) + 1))
        records = getattr(report, table.name)
        connection.executemany(
            f"INSERT INTO {_quote(table.name)} VALUES ({marks})",  # noqa: S608 - names are the model's
            [
                (
                    *(_cell(v, c) for v, c in zip(row, table.columns, strict=True)),
                    folded(record, table.columns),
                )
                for row, record in zip(table.rows, records, strict=True)
            ],
        )
        for statement in _fts(table):
            connection.execute(statement)
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:  # pragma: no cover - Report's own checks refuse such a report
        msg = f"broken references in the database: {broken[:3]}"
        raise ValueError(msg)


def to_sqlite(report: Report) -> bytes:
    """Return *report* as the bytes of a SQLite database file.

    >>> import sqlite3, tempfile, pathlib, vinhphuc_dx
    >>> data = to_sqlite(vinhphuc_dx.load())
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "v.db")
    ...     _ = path.write_bytes(data)
    ...     db = sqlite3.connect(path)
    ...     row = db.execute(
    ...         "select value, value_exact from indicators where id = ?",
    ...         ("gov.documents.signing-rate",),
    ...     ).fetchone()
    ...     db.close()
    >>> row
    (99.7, '99.7')

    Args:
        report: The report; it is only read.

    Returns:
        The database file's bytes.
    """
    # A file rather than ":memory:" + serialize(), which Python 3.10 lacks.
    with tempfile.TemporaryDirectory(prefix="vinhphuc-dx-") as directory:
        path = Path(directory, "report.db")
        connection = sqlite3.connect(path)
        try:
            with connection:
                _build(connection, report)
            connection.execute("VACUUM")
        finally:
            connection.close()
        return path.read_bytes()


def metadata(report: Report, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named *database*.

    For ``datasette FILE.db -m FILE.metadata.json``: the title, description,
    source and licence, and a description of every table and column.

    >>> import vinhphuc_dx
    >>> meta = metadata(vinhphuc_dx.load(), "vinhphuc")
    >>> meta["databases"]["vinhphuc"]["tables"]["indicators"]["columns"]["unit"][:20]
    'What the number coun'

    Args:
        report: The report.
        database: The database's name in Datasette: the file name without
            ``.db``.

    Returns:
        A JSON-ready dict.
    """
    source = report.source
    about = (
        f"{source.author}, “{source.title.vi}” ({source.title.en}), "
        f"{source.outlet}, {source.published.date().isoformat()}"
    )
    context = report.context
    codes = "".join(
        f" {place.en}: ISO 3166-2 {code}."
        for place, code in (
            (context.former_province, context.former_province_code),
            (context.successor, context.successor_code),
        )
        if code is not None
    )
    tables_meta: dict[str, Any] = {}
    for table in tables(report):
        columns = {c.name: c.description for c in table.columns}
        columns[FOLDED] = (
            "The texts of the row without case or diacritics (đ as d), "
            "so that a search typed without them finds them."
        )
        tables_meta[table.name] = {
            "description": table.description,
            "columns": columns,
        }
        tables_meta[f"{table.name}_fts"] = {"hidden": True}
    return {
        "title": (
            "Vĩnh Phúc digital transformation figures "
            "(Vietnam Business Forum, 2024-12-27)"
        ),
        "description": (
            "Every figure, directive, policy instrument, investment project "
            "and goal of one article, with unit, qualifier, estimate, period "
            f"and paragraph, in Vietnamese and English. Data revision "
            f"{report.revision}. {report.context.description.en}"
        ),
        "source": about,
        **({"source_url": source.url} if source.url else {}),
        "license": "MIT (labels and descriptions); the facts are the article's",
        "databases": {
            database: {
                "description": report.context.description.en + codes,
                "tables": tables_meta,
            }
        },
    }
