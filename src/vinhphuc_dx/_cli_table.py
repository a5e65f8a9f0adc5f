"""The command line's terminal output: widths, wrapping, tables, CSV, JSON.

How ``list`` and ``search`` print records: a table drawn to the terminal's
width (wide letters counted twice, marks not at all), or JSON, or CSV for
spreadsheets.
"""

from __future__ import annotations

import functools
import shutil
import textwrap
import typing
import unicodedata
from typing import TYPE_CHECKING, Any, TextIO

import attrs

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence

    from vinhphuc_dx.query import Records

__all__ = ["BOM", "emit", "record_class", "terminal_width", "text_width", "wrap"]

#: The widest a table is drawn, however wide the terminal: the value stays
#: near its label.
_MAX_WIDTH = 100
#: The narrowest: below it, lines run over rather than wrap to nothing.
_MIN_WIDTH = 40

#: The CLI's own words, in each language of --lang (report texts come from
#: the report).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "indicators": "figure",
        "record": "record",
        "name": "name",
        "value": "value",
        "number": "number",
        "kind": "kind",
        "horizon": "year",
        "found": "value or kind",
        "pillars": "pillar",
        "directives": "directive",
        "instruments": "instrument",
        "projects": "project",
        "goals": "goal",
        "people": "person",
        "statements": "statement",
    },
    "vi": {
        "indicators": "chỉ tiêu",
        "record": "bản ghi",
        "name": "tên",
        "value": "giá trị",
        "number": "số",
        "kind": "loại",
        "horizon": "năm",
        "found": "giá trị hoặc loại",
        "pillars": "trụ cột",
        "directives": "chỉ thị",
        "instruments": "văn bản",
        "projects": "dự án",
        "goals": "mục tiêu",
        "people": "người",
        "statements": "nhận định",
    },
}


def text_width(text: str) -> int:
    """Columns *text* takes in a terminal: marks take none, wide letters two."""
    return sum(
        0
        if unicodedata.combining(c)
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def terminal_width() -> int:
    """The width to draw in: the terminal's (``COLUMNS``), within bounds."""
    total = shutil.get_terminal_size((80, 24)).columns
    return max(_MIN_WIDTH, min(total, _MAX_WIDTH))


def wrap(text: str, width: int) -> list[str]:
    """*text* in lines of at most *width*, never breaking a word or an id."""
    # A unit stays with its number: textwrap breaks only at ASCII spaces.
    kept = text.replace(" %", "\u00a0%")
    lines = textwrap.wrap(kept, width, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\u00a0%", " %") for line in lines] or [""]


def _label(record: Any, lang: str) -> str:
    from vinhphuc_dx._vocabulary import label_of  # noqa: PLC0415

    return label_of(record, lang)


def _kind_word(record: Any, lang: str) -> str:
    """What kind of record this is, in a word of *lang* (a figure, a project)."""
    name = _collections().get(type(record))
    if name is None:
        return type(record).__name__.lower()
    return _WORDS[lang].get(name, name)


@functools.cache
def _collections() -> dict[type, str]:
    """The name of the report's collection of each class of record."""
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    return {record_class(name): name for name in COLLECTIONS}


def _detail(name: str, record: Any, lang: str) -> str:
    """The short second column of ``list NAME``: a value, a number, a year."""
    if name == "indicators":
        return str(record.value_text(lang))
    if name == "directives":
        return str(record.number)
    if name == "instruments":
        return str(record.kind.value).replace("_", " ")
    if name == "goals":
        return "" if record.horizon is None else str(record.horizon)
    return ""


#: The header of that second column, by collection.
_DETAIL = {
    "indicators": "value",
    "directives": "number",
    "instruments": "kind",
    "goals": "horizon",
}


def _table(
    rows: Sequence[tuple[str, str, str]], heads: tuple[str, str], out: TextIO
) -> None:
    """Rows of (id, label, detail), each as a block of two lines or more.

    The label comes first and has the whole width, so it is read whole at
    any width down to 60 columns (wrapped when longer); the line under it
    holds the id, which ``show`` takes, and the detail (a figure's value)
    at the right margin, or on a line of its own when both do not fit.
    """
    total = terminal_width()
    detail = heads[1] if any(row[2] for row in rows) else ""
    lines = [heads[0], _beside("  id", detail, total), "-" * total]
    for record_id, label, detail in rows:
        lines += wrap(label, total)
        lines.append(_beside(f"  {record_id}", detail, total))
    out.write("\n".join(line.rstrip() for line in lines) + "\n")


def _beside(left: str, right: str, total: int) -> str:
    """*right* at the right margin of the line that starts with *left*."""
    gap = total - text_width(left) - text_width(right)
    if not right or gap >= 2:
        return left + " " * gap + right
    return f"{left}\n{' ' * max(0, total - text_width(right))}{right}"


def _records_json(records: Iterable[Any]) -> str:
    from vinhphuc_dx._converter import unstructure  # noqa: PLC0415
    from vinhphuc_dx._json import json_text  # noqa: PLC0415

    return json_text([unstructure(r) for r in records])


#: Every CSV this command line writes is for spreadsheets, as the export's
#: file is: it starts with a byte-order mark (``export.CSV_ENCODING``), so
#: that Excel reads it as UTF-8, and no text cell can run as a formula.
BOM = "\ufeff"


def _csv(records: Sequence[Any], out: TextIO) -> None:
    """Records as CSV, always by the export's writer, after a byte-order mark."""
    from vinhphuc_dx import export  # noqa: PLC0415
    from vinhphuc_dx.model import Text  # noqa: PLC0415

    out.write(BOM)
    if records and len({type(r) for r in records}) > 1:
        # Records of many kinds share no columns but these: give the export's
        # writer (and whatever it guards against) one flat record for each.
        found = attrs.make_class(
            "Found",
            {
                "id": attrs.field(type=str),
                "kind": attrs.field(type=str),
                "label": attrs.field(type=Text),
            },
            frozen=True,
            slots=True,
        )
        records = [
            found(r.id, type(r).__name__, Text(_label(r, "vi"), _label(r, "en")))
            for r in records
        ]
    out.write(export.to_csv(records, for_spreadsheet=True))


def emit(records: Records[Any], args: argparse.Namespace, out: TextIO) -> None:
    """Print *records* as ``--format`` says: a table, JSON or CSV."""
    fmt, lang = args.format, args.lang
    if fmt == "json":
        out.write(_records_json(records))
    elif fmt == "csv":
        _csv(records, out)
    elif args.command == "search":
        words = _WORDS[lang]
        rows = [
            (
                r.id,
                _label(r, lang),
                r.value_text(lang) if hasattr(r, "value_text") else _kind_word(r, lang),
            )
            for r in records
        ]
        _table(rows, (words["record"], words["found"]), out)
    else:
        name, words = args.records, _WORDS[lang]
        rows = [(r.id, _label(r, lang), _detail(name, r, lang)) for r in records]
        first = words["indicators" if name == "indicators" else "name"]
        heads = (first, words[_DETAIL.get(name, "value")])
        _table(rows, heads, out)


def record_class(name: str) -> type:
    """The class of the records of the report's collection *name*."""
    from vinhphuc_dx.model import RECORD_CLASSES  # noqa: PLC0415

    return RECORD_CLASSES[name]
