"""The report as a SQLite database for Datasette, with its metadata file.

Built with the standard library's :mod:`sqlite3`, in a file beside the
target, and put in place together with ``FILE.metadata.json``: both land,
or neither.

* One table per collection, the flat table's columns, in the article's
  order; ``id`` is unique, and a record's ``pillar``, ``attributed_to`` and
  relations are real foreign keys.
  ``value`` has NUMERIC affinity (an INTEGER, or a REAL for a decimal, which
  reads back as the decimal stated, since no figure has more than 15
  significant digits) so that Datasette sorts and sums it; ``value_exact``
  is the exact decimal as TEXT; a yes-or-no column holds ``true`` or
  ``false``, as the CSV does.
* ``<table>_fts``, an FTS5 table (hidden in Datasette, named in the
  metadata as the table's ``fts_table``), holds each record's searched
  texts, the ones the library searches, in every spelling a reader may type
  for each word: both placements of a tone mark, both *i* and *y* where
  either stands, without marks, and decomposed (NFD, as macOS sends). Its
  tokenizer keeps marks, so Datasette's ``_search`` (each typed word, in
  any column) finds what :meth:`Records.search <vinhphuc_dx.Records.search>`
  finds for the same words: ``thuê bao`` finds subscriptions, not taxes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import sqlite3
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_files
from vinhphuc_dx._search import searched
from vinhphuc_dx._spelling import variants, words
from vinhphuc_dx._table import tables
from vinhphuc_dx._vocabulary import TABLES, dataset

if TYPE_CHECKING:
    from vinhphuc_dx._table import Column, Table
    from vinhphuc_dx.model import Report

__all__ = ["TOKENIZER", "metadata", "metadata_path", "write"]

#: The FTS5 tokenizer: Unicode words, case folded, marks kept (combining
#: marks too, so that a decomposed word stays one word).
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"


_TYPES = {"integer": "INTEGER", "number": "NUMERIC"}

#: The facets each table's page offers first.
_FACETS = {
    "indicators": ["pillar", "unit", "qualifier", "estimated"],
    "instruments": ["kind"],
    "statements": ["pillar"],
}


def metadata_path(path: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of the database at *path* goes.

    >>> metadata_path("out/vinhphuc.db").as_posix()
    'out/vinhphuc.metadata.json'
    """
    if not isinstance(path, (str, os.PathLike)):
        msg = f"metadata_path() takes a path, got {path!r}"
        raise TypeError(msg)
    target = Path(path)
    return target.with_name(f"{target.stem}.metadata.json")


def _quote(name: str) -> str:
    return "[" + name.replace("]", "]]") + "]"


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "exact":
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        # Exact in value_exact; here a REAL, for sorting: the decimal as
        # stated is the shortest repr of the float nearest to it.
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _spellings(text: str | None) -> str | None:
    """*text* for the full-text index: each word in every spelling it is typed in."""
    if text is None:
        return None
    typed = []
    for word, _ in words(text):
        found = sorted(variants(word))
        typed += found
        typed += [n for v in found if (n := unicodedata.normalize("NFD", v)) != v]
    return " ".join(typed)


def _part(value: Any, lang: str | None) -> str | None:
    text: str | None = value if lang is None or value is None else getattr(value, lang)
    return text


def _build(connection: sqlite3.Connection, report: Report) -> None:
    for name, table in tables(report).items():
        lines = []
        for column in table.columns:
            line = f"{_quote(column.name)} {_TYPES.get(column.kind, 'TEXT')}"
            if column.name == "id":
                # Unique, not the primary key: rows keep their rowid, so that
                # Datasette shows them in the article's order.
                line += " NOT NULL UNIQUE"
            elif column.references is not None and column.kind != "ids":
                line += f" REFERENCES {_quote(column.references)}([id])"
            lines.append(line)
        connection.execute(f"CREATE TABLE {_quote(name)} ({', '.join(lines)})")
        marks = ", ".join("?" * len(table.columns))
        connection.executemany(
            f"INSERT INTO {_quote(name)} VALUES ({marks})",  # noqa: S608 - the model's names
            [
                tuple(_cell(v, c) for v, c in zip(row, table.columns, strict=True))
                for row in table.rows()
            ],
        )
        fields = searched(table.record_class)
        listed = ", ".join(_quote(column) for _, _, column in fields)
        fts = _quote(f"{name}_fts")
        connection.execute(
            f'CREATE VIRTUAL TABLE {fts} USING FTS5 ({listed}, tokenize="{TOKENIZER}")'
        )
        connection.executemany(
            f"INSERT INTO {fts} (rowid, {listed}) "  # noqa: S608 - the model's names
            f"VALUES (?{', ?' * len(fields)})",
            [
                (
                    position,
                    *(
                        _spellings(_part(getattr(record, field), lang))
                        for field, lang, _ in fields
                    ),
                )
                for position, record in enumerate(table.records, start=1)
            ],
        )
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:  # pragma: no cover - Report's own checks refuse such a report
        msg = f"broken references in the database: {broken[:3]}"
        raise ValueError(msg)


_HIDE_LIST = "data:text/css,dl.column-descriptions%7Bdisplay:none%7D"


def _columns_html(table: Table) -> str:
    rows = "".join(
        f"<dt>{html.escape(c.name)}</dt><dd>{html.escape(c.description)}</dd>"
        for c in table.columns
    )
    return (
        f"<details><summary>What each column holds</summary><dl>{rows}</dl></details>"
    )


def metadata(report: Report, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named *database*.

    For ``datasette FILE.db -m FILE.metadata.json``: the title, description,
    source and licence; for each table what a row is, what each column holds
    (folded away under the description, so that the page opens on its data),
    its facets and its full-text table.

    >>> import vinhphuc_dx
    >>> meta = metadata(vinhphuc_dx.load(), "vinhphuc")
    >>> meta["databases"]["vinhphuc"]["tables"]["indicators"]["facets"]
    ['pillar', 'unit', 'qualifier', 'estimated']

    Args:
        report: The report.
        database: The database's name in Datasette: the file name without
            ``.db``.
    """
    about = dataset(report)
    described: dict[str, Any] = {}
    for name, table in tables(report).items():
        what = html.escape(TABLES[name])
        described[name] = {
            "description_html": f"<p>{what}</p>{_columns_html(table)}",
            "columns": {c.name: c.description for c in table.columns},
            "fts_table": f"{name}_fts",
            **({"facets": _FACETS[name]} if name in _FACETS else {}),
        }
        described[f"{name}_fts"] = {"hidden": True}
    url = report.source.url
    return {
        # Datasette lists the column descriptions above the data; they are
        # folded into the description instead, so that a page opens on its
        # data (each column's menu shows its own).
        "extra_css_urls": [_HIDE_LIST],
        "title": about["title"],
        "description": f"{about['description']} {about['merger']}",
        "source": about["source"],
        **({"source_url": url} if url else {}),
        "license": about["licence"],
        "databases": {database: {"description": about["merger"], "tables": described}},
    }


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write the database and its metadata file: both, or neither."""
    target = metadata_path(path)
    name = Path(path).stem

    def database(temporary: Path) -> None:
        connection = sqlite3.connect(temporary)
        try:
            with connection:
                _build(connection, report)
            connection.execute("VACUUM")
        finally:
            connection.close()

    def meta(temporary: Path) -> None:
        text = json.dumps(metadata(report, name), ensure_ascii=False, indent=2)
        temporary.write_text(text + "\n", encoding="utf-8")

    written, _ = write_files([(path, database), (target, meta)], overwrite=overwrite)
    return written
