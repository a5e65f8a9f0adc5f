"""The report as typed tables: what the SQLite and Excel writers share.

Everything here is derived from :data:`vinhphuc_dx.model.COLLECTIONS` and the
attrs fields of each record class, so a collection or a field added to the
model appears in every table without a change here. A cell keeps its Python
type (an ``int``, an exact :class:`~decimal.Decimal`, a
:class:`~datetime.date`, a ``bool``), for each writer to store natively.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import enum
import inspect
import re
import typing
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx import model
from vinhphuc_dx._words import fold

if TYPE_CHECKING:
    from collections.abc import Callable

    from vinhphuc_dx.model import Report

__all__ = ["UNIT_MEANINGS", "Column", "Table", "tables"]

#: What each unit means, for descriptions and the workbook's About sheet.
UNIT_MEANINGS = {
    "count": "how many of something (services, documents, enterprises, stations)",
    "percent": "a share in percent: 53 means 53 %, not 0.53",
    "billion_vnd": "billions of Vietnamese dong (tỷ đồng)",
}

#: What each qualifier means.
QUALIFIER_MEANINGS = {
    "exact": "stated as is",
    "more_than": "stated with 'trên' (over): the true figure is above the one stated",
    "approximately": "stated with 'khoảng' (about): the true figure is near it",
}

#: Fields holding the id of a record of another collection, by field name:
#: the collection they name. Applied only where that collection exists.
REFERENCES = {
    "attributed_to": "people",
    "part_of": "indicators",
    "numerator": "indicators",
    "denominator": "indicators",
}

#: The column of every table that holds its texts folded for search.
FOLDED = "search_folded"


@attrs.frozen
class Column:
    """One column of a table.

    Attributes:
        name: The column's name.
        get: Reads the cell from a record.
        kind: ``text``, ``integer``, ``number``, ``date``, ``boolean`` or
            ``ids`` (a list of ids).
        description: What the column holds, for metadata and headers.
        references: The table whose ``id`` the column names, if any.
        searchable: Whether the column is a text to search.
    """

    name: str
    get: Callable[[Any], Any]
    kind: str
    description: str
    references: str | None = None
    searchable: bool = False


@attrs.frozen
class Table:
    """One collection of the report as a table.

    Attributes:
        name: The collection's name (``indicators``).
        record_class: The class of its records.
        description: What a row is.
        columns: The columns, ``id`` first.
        rows: One tuple of cells per record, in the report's order.
    """

    name: str
    record_class: type
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


_ATTRIBUTE = re.compile(r"^(\w+)(?: \([^)]*\))?: (.*)$")


def attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of *cls*'s docstring, one sentence a field.

    >>> attribute_docs(model.SourceRef)["paragraph"]
    '1-based: the N-th non-empty line of the article, the title being paragraph 1.'
    """
    doc = inspect.cleandoc(cls.__doc__ or "")
    found: dict[str, str] = {}
    inside, current = False, None
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = _ATTRIBUTE.match(line.strip()) if line.startswith("    ") else None
        if match and not line.startswith("     "):
            current = match.group(1)
            found[current] = match.group(2)
        elif current and line.strip():
            found[current] += " " + line.strip()
    return {
        name: " ".join(text.replace("``", "").split()) for name, text in found.items()
    }


def _part(name: str, attribute: str | None = None) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        return (
            value if attribute is None or value is None else getattr(value, attribute)
        )

    return get


def _value_exact(name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else str(value)

    return get


def _enum_value(name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else value.value

    return get


def _enum_description(kind: type[enum.Enum], doc: str) -> str:
    meanings = {"Unit": UNIT_MEANINGS, "Qualifier": QUALIFIER_MEANINGS}.get(
        kind.__name__, {}
    )
    values = "; ".join(
        f"{m.value}: {meanings[m.value]}" if m.value in meanings else str(m.value)
        for m in kind
    )
    return f"{doc} One of: {values}."


def _columns(cls: type, collections: set[str]) -> list[Column]:  # noqa: C901 - a branch per kind of field
    docs = attribute_docs(cls)
    result: list[Column] = []
    for name, (kind, _) in model.field_types(cls).items():
        doc = docs.get(name, name.replace("_", " ").capitalize() + ".")
        if kind is model.Text:
            result += [
                Column(
                    f"{name}_{lang}",
                    _part(name, lang),
                    "text",
                    f"{doc} ({language})",
                    searchable=True,
                )
                for lang, language in (("vi", "Vietnamese"), ("en", "English"))
            ]
        elif kind is model.SourceRef:
            result.append(Column("paragraph", _part(name, "paragraph"), "integer", doc))
        elif kind is model.Period:
            result += [
                Column(
                    f"{name}_start", _part(name, "start"), "date", f"{doc} First day."
                ),
                Column(f"{name}_end", _part(name, "end"), "date", f"{doc} Last day."),
                Column(
                    f"{name}_stated",
                    _part(name, "stated"),
                    "boolean",
                    "Whether the article states the period; if not, the figure "
                    "holds at the publication date.",
                ),
            ]
        elif kind is model.Pillar:
            result.append(
                Column(name, _part(name, "id"), "text", doc, references="pillars")
            )
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            description = _enum_description(kind, doc)
            result.append(Column(name, _enum_value(name), "text", description))
        elif kind == model.Value:
            result += [
                Column(
                    name,
                    _part(name),
                    "number",
                    f"{doc} A number, for sorting and sums; its unit is in the "
                    "unit column.",
                ),
                Column(
                    f"{name}_exact",
                    _value_exact(name),
                    "text",
                    f"{doc} The exact decimal as text (99.7 stays 99.7).",
                ),
            ]
        elif kind is bool:
            result.append(Column(name, _part(name), "boolean", doc))
        elif kind is int:
            result.append(Column(name, _part(name), "integer", doc))
        elif kind is dt.date:
            result.append(Column(name, _part(name), "date", doc))
        elif typing.get_origin(kind) is tuple and typing.get_args(kind)[0] is str:
            result.append(Column(name, _part(name), "ids", doc))
        else:
            target = REFERENCES.get(name)
            result.append(
                Column(
                    name,
                    _part(name) if kind is str else _shown(name),
                    "text",
                    doc,
                    references=target if target in collections else None,
                    searchable=kind is str and name != "id" and target is None,
                )
            )
    return _value_first(result)


def _shown(name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else str(value)

    return get


def _value_first(columns: list[Column]) -> list[Column]:
    """Put ``as_written`` right after the value columns, where a reader looks."""
    names = [c.name for c in columns]
    if "as_written" not in names or "value_exact" not in names:
        return columns
    written = columns.pop(names.index("as_written"))
    at = [c.name for c in columns].index("value_exact") + 1
    columns.insert(at, written)
    return columns


def record_class(collection: str) -> type:
    """The class of the records of *collection*, from the model's types.

    >>> record_class("indicators").__name__
    'Indicator'
    """
    records_type, _ = model.field_types(model.Report)[collection]
    (cls,) = typing.get_args(records_type)
    return typing.cast("type", cls)


def folded(record: Any, columns: tuple[Column, ...]) -> str:
    """The record's searchable texts folded: no case, no diacritics, đ as d."""
    texts = (column.get(record) for column in columns if column.searchable)
    return fold(" ".join(t for t in texts if t))


def tables(report: Report) -> list[Table]:
    """Every collection of *report* as a :class:`Table`, in the file's order.

    >>> import vinhphuc_dx
    >>> first = tables(vinhphuc_dx.load())[1]
    >>> first.name, [c.name for c in first.columns][:4]
    ('indicators', ['id', 'pillar', 'label_vi', 'label_en'])

    Args:
        report: The report; it is only read.

    Returns:
        One table per collection of :data:`~vinhphuc_dx.model.COLLECTIONS`.
    """
    collections = set(model.COLLECTIONS)
    result = []
    for name in model.COLLECTIONS:
        cls = record_class(name)
        columns = tuple(_columns(cls, collections))
        rows = tuple(
            tuple(column.get(record) for column in columns)
            for record in getattr(report, name)
        )
        summary = inspect.cleandoc(cls.__doc__ or name).splitlines()[0]
        result.append(Table(name, cls, summary, columns, rows))
    return result
