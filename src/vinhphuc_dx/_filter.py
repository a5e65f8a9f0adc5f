"""The criteria of :meth:`Records.filter <vinhphuc_dx.Records.filter>`.

What each criterion reads from a record, how a value given by the user
becomes the key the per-field index holds, and the span ``overlaps=`` asks
about. Records are known only through attrs and their attributes: an enum
field's type comes from the record class's own annotations, a period and a
pillar by what they hold (``start``/``end``, ``id``).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
import typing
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Mapping

__all__ = ["KEYS", "FieldIndex", "check_applies", "criteria", "span"]

T = TypeVar("T")


def _pillar_key(record: Any) -> str | None:
    pillar = record.pillar
    return None if pillar is None else typing.cast("str", pillar.id)


#: The fields ``filter`` can index, and how to read each from a record.
KEYS: dict[str, Callable[[Any], Hashable]] = {
    "pillar": _pillar_key,
    "unit": operator.attrgetter("unit"),
    "qualifier": operator.attrgetter("qualifier"),
    "estimated": operator.attrgetter("estimated"),
    "kind": operator.attrgetter("kind"),
    "paragraph": operator.attrgetter("source.paragraph"),
}

_PILLAR = operator.attrgetter("pillar")

#: The record attribute each criterion needs.
_NEEDS = {"paragraph": "source", "overlaps": "period"}


@functools.cache  # one lookup per class and field: filters are called often
def enum_type(cls: type, field: str) -> type[enum.Enum] | None:
    """The enum class of *field* of the attrs class *cls*, if it is one.

    The annotations are resolved in the class's own module, so nothing here
    imports the model.

    >>> import vinhphuc_dx
    >>> enum_type(vinhphuc_dx.Indicator, "unit").__name__
    'Unit'
    """
    if not attrs.has(cls):
        return None
    hints = typing.get_type_hints(cls)
    kind = hints.get(field)
    for candidate in (kind, *typing.get_args(kind)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def _enum_member(criterion: str, kind: type[enum.Enum], value: object) -> enum.Enum:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(m.value) for m in kind)
    msg = f"{criterion}={value!r} is not one of {allowed}"
    raise ValueError(msg)


def _is_day(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def span(value: object) -> tuple[dt.date, dt.date]:
    """The (start, end) days of an ``overlaps=`` criterion.

    >>> span(dt.date(2024, 1, 1))
    (datetime.date(2024, 1, 1), datetime.date(2024, 1, 1))
    """
    if _is_day(value):
        return value, value  # type: ignore[return-value]
    if isinstance(value, tuple):
        if len(value) == 2 and all(map(_is_day, value)):
            start, end = value
            if end < start:
                msg = f"overlaps=({start}, {end}) ends before it starts"
                raise ValueError(msg)
            return start, end
    elif _is_day(getattr(value, "start", None)) and _is_day(
        getattr(value, "end", None)
    ):
        return value.start, value.end  # type: ignore[attr-defined]
    msg = f"overlaps= takes a date, a (start, end) pair or a Period, got {value!r}"
    raise TypeError(msg)


def check_applies(first: object, criteria: Iterable[str]) -> None:
    """Raise TypeError when a record like *first* lacks what a criterion reads."""
    for criterion in criteria:
        if not hasattr(first, _NEEDS.get(criterion, criterion)):
            name = type(first).__name__
            msg = f"{name} records cannot be filtered by {criterion!r}"
            raise TypeError(msg)


def _pillar_id(value: object, known: Callable[[], Iterable[Hashable]]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        pillar_id = getattr(value, "id", None)
        if isinstance(pillar_id, str) and attrs.has(type(value)):
            return pillar_id
        msg = f"pillar= takes a Pillar, its id or None, got {value!r}"
        raise TypeError(msg)
    ids = {k for k in known() if k is not None}
    if ids and value not in ids:
        msg = f"pillar={value!r} is not one of {', '.join(sorted(map(str, ids)))}"
        raise ValueError(msg)
    return value


def criteria(
    given: Mapping[str, object],
    cls: type | None,
    known_pillars: Callable[[], Iterable[Hashable]],
) -> dict[str, Hashable]:
    """The index key of each criterion *given*, checked.

    Args:
        given: Each criterion and the value the user passed.
        cls: The class of the records filtered (``None`` for no records),
            whose annotations name each enum field's type.
        known_pillars: Every pillar id the whole collection holds.

    Returns:
        Each criterion and the key to look up.
    """
    wanted: dict[str, Hashable] = {}
    for field, value in given.items():
        if field == "pillar":
            wanted[field] = _pillar_id(value, known_pillars)
        elif field in ("unit", "qualifier", "kind"):
            kind = None if cls is None else enum_type(cls, field)
            if kind is None:  # no records: nothing to compare with
                wanted[field] = value
            else:
                wanted[field] = _enum_member(field, kind, value)
        elif field == "estimated":
            if type(value) is not bool:
                msg = f"estimated= takes True or False, got {value!r}"
                raise TypeError(msg)
            wanted[field] = value
        else:  # paragraph
            if type(value) is not int:
                msg = f"paragraph= takes an int, got {value!r}"
                raise TypeError(msg)
            if value < 1:
                msg = f"paragraph={value}: paragraphs count from 1"
                raise ValueError(msg)
            wanted[field] = value
    return wanted


class FieldIndex(Generic[T]):
    """The per-field indexes of one collection's records, built on use.

    Two threads racing to fill one build equal values and the last
    assignment wins: harmless, so no lock.
    """

    __slots__ = ("_columns", "_indexes", "_items", "_scanned")

    def __init__(self, items: tuple[T, ...]) -> None:
        self._items = items
        self._indexes: dict[str, dict[Hashable, list[T]]] = {}
        self._columns: dict[str, list[Hashable]] = {}
        self._scanned: set[str] = set()

    def column(self, field: str) -> list[Hashable]:
        """The value of *field* for each record, read in one C loop and kept."""
        column = self._columns.get(field)
        if column is None:
            if field == "pillar":
                # The pillar's id, or None: getattr with a default reads both
                # in C, where _pillar_key would be a Python call per record.
                pillars = map(_PILLAR, self._items)
                column = list(map(getattr, pillars, repeat("id"), repeat(None)))
            else:
                column = list(map(KEYS[field], self._items))
            self._columns[field] = column
        return column

    def bucket(self, field: str, key: Hashable) -> list[T]:
        """The records whose *field* is *key*, in order.

        The first use of a field reads it into a column and scans that (a
        few milliseconds at 100,000 records); the second builds an index by
        value, which answers every later use at once.
        """
        index = self._indexes.get(field)
        if index is not None:
            return index.get(key, [])
        if field not in self._scanned:
            self._scanned.add(field)
            column = self.column(field)
            return list(compress(self._items, map(operator.eq, column, repeat(key))))
        index = {}
        column = self.column(field)
        self._columns.pop(field, None)  # the index replaces it
        for record, value in zip(self._items, column, strict=True):
            index.setdefault(value, []).append(record)
        self._indexes[field] = index
        return index.get(key, [])

    def known_keys(self, field: str) -> list[Hashable]:
        """Every value *field* takes in these records, in order."""
        index = self._indexes.get(field)
        if index is not None:
            return list(index)
        return list(dict.fromkeys(self.column(field)))

    def select(
        self, wanted: Mapping[str, Hashable], days: tuple[dt.date, dt.date] | None
    ) -> Iterable[T]:
        """The records whose fields have the *wanted* keys, overlapping *days*."""
        candidates: Iterable[T]
        if wanted:
            # Start from the smallest indexed bucket, then test the rest.
            found = {f: self.bucket(f, k) for f, k in wanted.items()}
            buckets = sorted((len(b), f, wanted[f]) for f, b in found.items())
            candidates = found[buckets[0][1]]
            for _, field, key in buckets[1:]:
                read = KEYS[field]
                candidates = [r for r in candidates if read(r) == key]
        else:
            candidates = self._items
        if days is not None:
            start, end = days
            candidates = [
                r
                for r in candidates
                if r.period.start <= end and start <= r.period.end  # type: ignore[attr-defined]
            ]
        return candidates
