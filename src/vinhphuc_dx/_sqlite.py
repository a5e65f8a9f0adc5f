"""The report as a SQLite database for Datasette, with its metadata file.

Built with the standard library's :mod:`sqlite3`, in a file beside the
target, and put in place together with ``FILE.metadata.json``: both land,
or neither.

* One table per collection, the flat table's columns, ``id`` the primary
  key; a record's ``pillar`` and ``attributed_to`` are real foreign keys.
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
import sqlite3
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_files
from vinhphuc_dx._search import strings_of
from vinhphuc_dx._spelling import variants, words
from vinhphuc_dx._table import tables
from vinhphuc_dx._vocabulary import TABLES, dataset

if TYPE_CHECKING:
    import os

    from vinhphuc_dx._table import Column, Table
    from vinhphuc_dx.model import Report

__all__ = ["TOKENIZER", "metadata", "metadata_path", "write"]

#: The FTS5 tokenizer: Unicode words, case folded, marks kept (combining
#: marks too, so that a decomposed word stays one word).
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"

#: The spellings the full-text table holds, one column each.
_SPELLINGS = ("written", "variant", "bare", "bare_variant", "decomposed", "decomposed_variant")

#: A word no one types, between the fields of a record: a phrase does not
#: run from one field into the next.
_BETWEEN = "ǂ"

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


def _spellings(strings: list[str]) -> list[str]:
    """The searched texts of a record, once in each spelling of _SPELLINGS."""
    columns: list[list[str]] = [[] for _ in _SPELLINGS]
    for string in strings:
        for word, _ in words(string):
            found = variants(word)
            marked = sorted(v for v in found if not v.isascii()) or sorted(found)[:1]
            plain = sorted(v for v in found if v.isascii()) or marked
            spelled = (
                marked[0],
                marked[-1],
                plain[0],
                plain[-1],
                unicodedata.normalize("NFD", marked[0]),
                unicodedata.normalize("NFD", marked[-1]),
            )
            for column, one in zip(columns, spelled, strict=True):
                column.append(one)
        for column in columns:
            column.append(_BETWEEN)
    return [" ".join(column) for column in columns]


def _build(connection: sqlite3.Connection, report: Report) -> None:
    for name, table in tables(report).items():
        lines = []
        for column in table.columns:
            line = f"{_quote(column.name)} {_TYPES.get(column.kind, 'TEXT')}"
            if column.name == "id":
                line += " PRIMARY KEY"
            elif column.references in ("pillars", "people"):
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
        fts = _quote(f"{name}_fts")
        connection.execute(
            f"CREATE VIRTUAL TABLE {fts} USING FTS5 ({', '.join(_SPELLINGS)}, "
            f'tokenize="{TOKENIZER}")'
        )
        connection.executemany(
            f"INSERT INTO {fts} (rowid, {', '.join(_SPELLINGS)}) "  # noqa: S608 - ours
            f"VALUES (?{', ?' * len(_SPELLINGS)})",
            [
                (position, *_spellings([s for part in strings_of(record) for s in part]))
                for position, record in enumerate(table.records, start=1)
            ],
        )
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:  # pragma: no cover - Report's own checks refuse such a report
        msg = f"broken references in the database: {broken[:3]}"
        raise ValueError(msg)


def _columns_html(table: Table) -> str:
    rows = "".join(
        f"<dt>{html.escape(c.name)}</dt><dd>{html.escape(c.description)}</dd>"
        for c in table.columns
    )
    return f"<details><summary>What each column holds</summary><dl>{rows}</dl></details>"


def metadata(report: Report, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named *database*.

    For ``datasette FILE.db -m FILE.metadata.json``: the title, description,
    source and licence; for each table what a row is, what each column holds
    (folded away under the description, so that the page opens on its data),
    its facets, its order (the article's) and its full-text table.

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
        described[name] = {
            "description_html": f"<p>{html.escape(TABLES[name])}</p>{_columns_html(table)}",
            "sort": "rowid",
            "fts_table": f"{name}_fts",
            **({"facets": _FACETS[name]} if name in _FACETS else {}),
        }
        described[f"{name}_fts"] = {"hidden": True}
    url = report.source.url
    return {
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
