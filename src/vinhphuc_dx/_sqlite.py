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
  texts, the ones the library searches, in every way a reader may type
  them: as written; each word with the tone of an open *oa/oe/uy* on
  either vowel and with *i* or *y* where either stands; without marks;
  and decomposed (NFD, as macOS may send). Its tokenizer keeps marks, so
  Datasette's ``_search`` (each typed word, in any column) finds what
  :meth:`Records.search <vinhphuc_dx.Records.search>` finds for the same
  words: ``thuê bao`` finds subscriptions, not taxes. Words joined by a
  hyphen or a dot (``ký-số``) are a phrase to FTS5, found when typed in one
  habit, and not when they mix words typed with and without marks
  (``dich-vụ``), which the library still finds.
* The metadata's stylesheet (:data:`STYLE_URL`) makes a table's page open
  on its data: one line a row, the column descriptions folded away.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import itertools
import os
import sqlite3
import unicodedata
import urllib.parse
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_files
from vinhphuc_dx._csv import cell_text
from vinhphuc_dx._json import json_text
from vinhphuc_dx._search import searched
from vinhphuc_dx._spelling import bare, variants, words
from vinhphuc_dx._table import tables
from vinhphuc_dx._vocabulary import TABLES, dataset

if TYPE_CHECKING:
    from vinhphuc_dx._table import Column
    from vinhphuc_dx.model import Report

__all__ = ["STYLE_URL", "TOKENIZER", "metadata", "metadata_path", "write"]

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
    if column.kind == "exact" or isinstance(value, (bool, dt.date)):
        return cell_text(value)  # as the CSV writes it
    if isinstance(value, Decimal):
        # Exact in value_exact; here a REAL, for sorting: the decimal as
        # stated is the shortest repr of the float nearest to it.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


#: Between two spellings of one text in the index: a token nobody types (a
#: private-use character, which the tokenizer keeps as a word of its own), so
#: that no phrase runs from the end of one spelling into the next.
_APART = "\ue000"


def _plain(token: str) -> str:
    """*token* without its combining marks (đ stays đ)."""
    decomposed = unicodedata.normalize("NFD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _forms(key: str) -> tuple[str, str, bool, str, str]:
    """A word's spellings by habit, from its canonical *key*.

    ``(key, other, letter, bare_i, bare_y)``: *other* is the word in the
    other habit (the tone on the second vowel of an open oa/oe/uy, or y for
    i), *letter* whether that habit is the i/y one; *bare_i* and *bare_y*
    are the word without marks, with i or with y. A word without marks is its
    own bare forms.
    """
    bare_i = bare(key)
    bare_y = next((v for v in sorted(variants(bare_i)) if v != bare_i), bare_i)
    if key == bare_i:
        return key, bare_y, True, bare_i, bare_y
    other = next((v for v in sorted(variants(key)) if v not in {key, _plain(v)}), key)
    return key, other, _plain(other) != _plain(key), bare_i, bare_y


def _spellings(text: str | None) -> str | None:
    """*text* for the full-text index: the text in every way it is typed.

    The text as written, then each word in each habit a reader may type in
    (the tone of an open oa/oe/uy on the first vowel or on the second; i or
    y where either stands), then without marks (with i, with y), each marked
    one in NFD too: whole texts, one after the other (apart), so that a
    phrase typed in one habit (``ký-số``, ``kinh tế-xã hội``) is a phrase of
    one of them. Every spelling of each word that
    :func:`~vinhphuc_dx._spelling.variants` lists is among them.
    """
    if text is None:
        return None
    found = [_forms(word) for word, _ in words(text)]
    spelled = [text]
    for tone_second, letter_y in itertools.product((False, True), repeat=2):
        spelled.append(
            " ".join(
                other if (letter_y if letter else tone_second) else key
                for key, other, letter, _, _ in found
            )
        )
    spelled += [" ".join(f[3] for f in found), " ".join(f[4] for f in found)]
    spelled += [unicodedata.normalize("NFD", s) for s in spelled]
    return f" {_APART} ".join(dict.fromkeys(spelled))


def _build(connection: sqlite3.Connection, report: Report) -> None:
    connection.create_function("spellings", 1, _spellings)
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
        # The searched texts are columns of the table: their cells, spelled out.
        searched_columns = [_quote(c) for _, _, c in searched(table.record_class)]
        listed = ", ".join(searched_columns)
        fts = _quote(f"{name}_fts")
        connection.execute(
            f'CREATE VIRTUAL TABLE {fts} USING FTS5 ({listed}, tokenize="{TOKENIZER}")'
        )
        spelled = ", ".join(f"spellings({column})" for column in searched_columns)
        connection.execute(
            f"INSERT INTO {fts} (rowid, {listed}) "  # noqa: S608 - the model's names
            f"SELECT rowid, {spelled} FROM {_quote(name)}"
        )


#: Datasette's table pages, made to open on their data (its classes: the
#: body's ``table``, a cell's ``col-NAME`` and ``type-none`` where empty).
_CSS = (
    # The list of column descriptions above the rows: folded into the
    # table's description instead; each column's menu shows its own.
    "dl.column-descriptions{display:none}"
    # That description's list: each name in bold beside what it holds.
    "dl.columns-held{display:grid;grid-template-columns:max-content auto;"
    "gap:0.2em 1em;margin:0.5em 0 1em}"
    "dl.columns-held dt{font-weight:bold}dl.columns-held dd{margin:0}"
    # rowid repeats the Link column (the row's number in the article).
    "body.table .rows-and-columns .col-rowid{display:none}"
    # A row a line: long texts end in an ellipsis, whole on the row's page;
    # ids and labels are kept whole or nearly.
    "@media (min-width:577px){"
    "body.table .rows-and-columns td{white-space:nowrap;overflow:hidden;"
    "text-overflow:ellipsis;max-width:16em}"
    "body.table .rows-and-columns td.col-id{max-width:none}"
    'body.table .rows-and-columns td[class*="col-label_"]{max-width:22em}'
    "}"
    # On a phone, where each row is a card: no empty fields, facets two
    # abreast.
    "@media (max-width:576px){"
    "body.table .rows-and-columns td.type-none{display:none}"
    "body.table .facet-info{width:45%;margin-right:5%}"
    "}"
)

#: The stylesheet, as a ``data:`` URL: the metadata file is all it needs.
STYLE_URL = "data:text/css," + urllib.parse.quote(_CSS, safe="")


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
        held = "".join(
            f"<dt>{html.escape(c.name)}</dt><dd>{html.escape(c.description)}</dd>"
            for c in table.columns
        )
        described[name] = {
            "description_html": (
                f"<p>{what}</p><details><summary>What each column holds</summary>"
                f'<dl class="columns-held">{held}</dl></details>'
            ),
            "columns": {c.name: c.description for c in table.columns},
            "fts_table": f"{name}_fts",
            **({"facets": _FACETS[name]} if name in _FACETS else {}),
        }
        described[f"{name}_fts"] = {"hidden": True}
    return {
        # So that a table's page opens on its data: see _CSS.
        "extra_css_urls": [STYLE_URL],
        "title": about["title"],
        "description": f"{about['description']} {about['merger']}",
        "source": about["source"],
        **({"source_url": report.source.url} if report.source.url else {}),
        "license": about["licence"],
        "databases": {database: {"description": about["merger"], "tables": described}},
    }


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write the database and its metadata file: both, or neither."""
    target = metadata_path(path)
    name = Path(path).stem

    def database(temporary: Path) -> None:
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            with connection:  # one transaction, committed before the VACUUM
                _build(connection, report)
            connection.execute("VACUUM")

    def meta(temporary: Path) -> None:
        temporary.write_text(json_text(metadata(report, name)), encoding="utf-8")

    return write_files([(path, database), (target, meta)], overwrite=overwrite)[0]
