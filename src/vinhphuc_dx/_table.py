"""The one flat table of each kind of record, which every flat output reads.

CSV, the data package, SQLite, the workbook, pandas, Arrow, polars and
Parquet all take their columns from :func:`columns`: the same names, in the
same order, with the same descriptions. The columns follow the record
class's fields: a text gives ``<field>_vi`` then ``<field>_en`` (Vietnamese,
the article's language, first); a period ``period_start``, ``period_end``
and ``period_stated``; the paragraph reference ``paragraph``; the pillar its
id; a figure's value ``value`` then ``value_exact``; ids of other records a
space-separated list. A missing value is ``None`` in every cell, an empty
list of ids included, for each writer to write as its format writes nothing.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx._records import Pillar
from vinhphuc_dx._values import Period, SourceRef, Text
from vinhphuc_dx._vocabulary import COLLECTIONS, column_description

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["Column", "Table", "columns", "tables"]

#: The collection whose ``id`` a field naming another record refers to.
_REFERS = {
    "attributed_to": "people",
    "part_of": "indicators",
    "numerator": "indicators",
    "denominator": "indicators",
    "pillar": "pillars",
}


@attrs.frozen
class Column:
    """One column of the flat table.

    Attributes:
        name: The column's name.
        kind: What a cell holds: ``text``; ``category`` (one of a few known
            strings: an enum's value, a pillar's id); ``integer``; ``number``
            (a figure, ``int`` or exact ``Decimal``); ``exact`` (the same
            figure, for formats that write it as text); ``date``;
            ``boolean``; ``ids`` (space-separated ids of other records).
        description: What the column holds, in prose.
        get: Reads the cell from a record.
        required: Whether every record has a value.
        values: A category's possible values, where they are known.
        references: The collection whose ``id`` the column names, if any.
    """

    name: str
    kind: str
    description: str
    get: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    required: bool = True
    values: tuple[str, ...] = ()
    references: str | None = None


def _inner(name: str, attribute: str) -> Callable[[Any], Any]:
    outer = operator.attrgetter(name)

    def get(record: Any) -> Any:
        value = outer(record)
        return None if value is None else getattr(value, attribute)

    return get


def _ids(name: str) -> Callable[[Any], Any]:
    def get(record: Any) -> str | None:
        return " ".join(getattr(record, name)) or None

    return get


def field_types(cls: type) -> dict[str, tuple[Any, bool]]:
    """Map each field of an attrs class to (type without None, may be None).

    >>> import attrs
    >>> @attrs.frozen
    ... class Spot:
    ...     paragraph: int
    ...     note: str | None = None
    >>> field_types(Spot)
    {'paragraph': (<class 'int'>, False), 'note': (<class 'str'>, True)}
    """
    result: dict[str, tuple[Any, bool]] = {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        args = typing.get_args(field.type)
        if type(None) in args:
            (kind,) = (a for a in args if a is not type(None))
            result[field.name] = (kind, True)
        else:
            result[field.name] = (field.type, False)
    return result


def _columns_of(  # noqa: PLR0911 - one return per kind of field
    name: str, kind: Any, *, optional: bool, cls: type
) -> list[Column]:
    def column(
        column: str, what: str, get: Callable[[Any], Any], **more: Any
    ) -> Column:
        described = column_description(cls.__name__, column)
        more.setdefault("required", not optional)
        return Column(column, what, described, get, **more)

    read = operator.attrgetter(name)
    if kind is Text:
        return [
            column(f"{name}_{lang}", "text", _inner(name, lang))
            for lang in ("vi", "en")
        ]
    if kind is SourceRef:
        return [column("paragraph", "integer", _inner(name, "paragraph"))]
    if kind is Period:
        return [
            column("period_start", "date", _inner(name, "start")),
            column("period_end", "date", _inner(name, "end")),
            column("period_stated", "boolean", _inner(name, "stated")),
        ]
    if kind is Pillar:
        return [column(name, "category", _inner(name, "id"), references="pillars")]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        values = tuple(m.value for m in kind)
        return [column(name, "category", _inner(name, "value"), values=values)]
    if typing.get_origin(kind) is tuple:  # an empty list of ids is None
        refers = _REFERS.get(name)
        return [column(name, "ids", _ids(name), required=False, references=refers)]
    if set(typing.get_args(kind)) == {int, Decimal}:  # a figure
        return [column(name, "number", read), column(f"{name}_exact", "exact", read)]
    simple = {str: "text", int: "integer", bool: "boolean", dt.date: "date"}[kind]
    return [column(name, simple, read, references=_REFERS.get(name))]


@functools.cache
def columns(cls: type) -> tuple[Column, ...]:
    """The flat columns of a record class, in order.

    >>> from vinhphuc_dx import Pillar
    >>> [c.name for c in columns(Pillar)]
    ['id', 'name_vi', 'name_en', 'description_vi', 'description_en']

    Args:
        cls: A record class, such as :class:`~vinhphuc_dx.Indicator`.
    """
    found: list[Column] = []
    for name, (kind, optional) in field_types(cls).items():
        found += _columns_of(name, kind, optional=optional, cls=cls)
    return tuple(found)


class Table:
    """Records of one class as the flat table: its columns and its rows.

    Args:
        record_class: The class of the records, which gives the columns.
        records: The records, all of that class.
        report: The report they come from, for its pillars and its article.
    """

    def __init__(
        self, record_class: type, records: Sequence[Any], report: Any = None
    ) -> None:
        self.record_class = record_class
        self.records = records
        self.report = report
        self.columns = columns(record_class)

    def rows(self) -> list[tuple[Any, ...]]:
        """One tuple of cells per record, in order."""
        return [tuple(c.get(record) for c in self.columns) for record in self.records]

    def categories(self, column: Column) -> tuple[str, ...]:
        """The values a category column can hold: an enum's, or the report's pillars."""
        if column.values:
            return column.values
        if column.name == "pillar" and self.report is not None:
            return self.report.pillars.ids  # type: ignore[no-any-return]
        return tuple(dict.fromkeys(v for r in self.records if (v := column.get(r))))


def tables(report: Any) -> dict[str, Table]:
    """Every collection of *report* as a :class:`Table`, in the file's order."""
    return {
        name: Table(getattr(report, name).record_class, getattr(report, name), report)
        for name in COLLECTIONS
    }
