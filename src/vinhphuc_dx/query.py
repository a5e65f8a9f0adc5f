"""Immutable collections of records: look up by id, filter, search, tabulate.

:class:`Records` is what ``report.indicators``, ``report.directives`` and the
other collections of a :class:`~vinhphuc_dx.Report` are: a read-only
sequence in the article's order. A report builds its collections knowing
it, so that each can say where an id of another kind is and what article
its table comes from. The index by id and the folded texts that search
scans are computed on first use and kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from vinhphuc_dx._vocabulary import COLLECTIONS, label_of
from vinhphuc_dx.exceptions import UnknownIdError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from vinhphuc_dx._search import Index
    from vinhphuc_dx._values import InstrumentKind, Period, Qualifier, Unit
    from vinhphuc_dx.model import Pillar, Report

__all__ = ["COLLECTIONS", "Records"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...  # pragma: no cover - a protocol member


T = TypeVar("T", bound=_HasId)
D = TypeVar("D")

_NOT_GIVEN: Any = object()

#: The record attribute each criterion of filter() reads.
_READS = {"paragraph": "source", "overlaps": "period"}


class Records(Sequence[T], Generic[T]):
    """An immutable, ordered collection of records with an index by id.

    It is a :class:`~collections.abc.Sequence` (sized, iterable, indexable by
    position), ``in`` accepts a record or an id, and two collections are
    equal when they hold equal records in the same order.

    >>> import vinhphuc_dx
    >>> pillars = vinhphuc_dx.load().pillars
    >>> len(pillars), "digital-economy" in pillars
    (3, True)
    >>> [p.id for p in pillars]
    ['digital-government', 'digital-economy', 'digital-society']

    Args:
        items: The records.
        report: The report they belong to: a :class:`Report` builds its own
            collections with it (their filtered parts keep it), so that
            ``get`` can name the collection an id of another kind is in.
        record_class: The class of the records, which an empty collection
            needs to know its table's columns; by default the first
            record's.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 *report* and *record_class*.
    """

    __slots__ = (
        "__weakref__",
        "_by_id",
        "_index",
        "_items",
        "_record_class",
        "_report",
    )

    def __init__(
        self,
        items: Iterable[T] = (),
        *,
        report: Report | None = None,
        record_class: type[T] | None = None,
    ) -> None:
        if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
            msg = f"Records takes an iterable of records, got {items!r}"
            raise TypeError(msg)
        self._items: tuple[T, ...] = tuple(items)
        self._report = report
        self._record_class = record_class
        # Filled on first use; two threads racing to fill one build equal
        # values and the last assignment wins: harmless, so no lock.
        self._by_id: dict[str, T] | None = None
        self._index: Index | None = None

    def _part(self, items: Iterable[T]) -> Records[T]:
        return Records(items, report=self._report, record_class=self._record_class)

    @property
    def report(self) -> Report | None:
        """The report these records belong to, or ``None``.

        .. versionadded:: 0.2.0
        """
        return self._report

    @property
    def record_class(self) -> type[T] | None:
        """The records' class, the one given or else the one they all share.

        ``None`` for an empty collection built without one, or records of
        several kinds (``report.records()``).

        .. versionadded:: 0.2.0
        """
        if self._record_class is None and self._items:
            classes = {type(record) for record in self._items}
            if len(classes) == 1:
                self._record_class = classes.pop()
        return self._record_class

    # -- the Sequence protocol

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Records[T]: ...
    def __getitem__(self, index: int | slice) -> T | Records[T]:
        if isinstance(index, slice):
            return self._part(self._items[index])
        if isinstance(index, str):
            msg = f"index by position; look up an id with .get({index!r})"
            raise TypeError(msg)
        return self._items[index]

    def __contains__(self, item: object) -> bool:
        by_id = self._ids()
        if isinstance(item, str):
            return item in by_id
        record_id = getattr(item, "id", None)
        return isinstance(record_id, str) and by_id.get(record_id) == item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        shown = ", ".join(repr(r.id) for r in self._items[:3])
        more = ", ..." if len(self._items) > 3 else ""
        kind = type(self._items[0]).__name__ if self._items else "record"
        return f"<Records of {len(self._items)} {kind}: [{shown}{more}]>"

    def _repr_html_(self) -> str:
        """A table for notebooks: id, English label and, for figures, value."""
        import html  # notebooks only

        figures = any(hasattr(r, "as_written") for r in self._items)
        head = ["id", "label", *(["value", "as printed"] if figures else [])]
        rows = [
            [r.id, label_of(r)]
            + ([r.value_text(), r.as_written or ""] if figures else [])  # type: ignore[attr-defined]
            for r in self._items
        ]
        cells = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in rows
        )
        heads = "".join(f"<th>{h}</th>" for h in head)
        return f"<table><thead><tr>{heads}</tr></thead><tbody>{cells}</tbody></table>"

    # -- get

    def _ids(self) -> dict[str, T]:
        by_id = self._by_id
        if by_id is None:
            by_id = self._by_id = {record.id: record for record in self._items}
        return by_id

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order.

        >>> import vinhphuc_dx
        >>> vinhphuc_dx.load().directives.ids
        ('directive.23', 'directive.05', 'directive.04')
        """
        return tuple(record.id for record in self._items)

    @overload
    def get(self, id: str) -> T: ...
    @overload
    def get(self, id: str, default: D) -> T | D: ...
    def get(self, id: str, default: object = _NOT_GIVEN) -> object:  # noqa: A002
        """Return the record whose id is *id*.

        >>> import vinhphuc_dx
        >>> vinhphuc_dx.load().indicators.get("gov.online-services.full-process").value
        954
        >>> vinhphuc_dx.load().indicators.get("no.such.id", None) is None
        True

        Args:
            id: The record's id.
            default: Returned when no record has that id; without it, an
                unknown id raises.

        Returns:
            The record, or *default*.

        Raises:
            UnknownIdError: No record has that id and no default was given;
                the message names the report's collection that has it, or
                the closest ids.
            TypeError: *id* is not a string.

        .. versionadded:: 0.1.0
        """
        if not isinstance(id, str):
            msg = f"an id is a string, got {id!r}"
            raise TypeError(msg)
        found = self._ids().get(id, _NOT_GIVEN)
        if found is not _NOT_GIVEN:
            return found
        if default is not _NOT_GIVEN:
            return default
        # Not found: name the collection that holds it, or the closest ids.
        import difflib  # the error path only

        report = self._report
        for name in COLLECTIONS if report is not None else ():
            sibling = getattr(report, name)
            if sibling.record_class is not self.record_class and id in sibling:
                msg = f"no record here has id {id!r}: it is in report.{name}"
                raise UnknownIdError(msg, id, (), name)
        # Each id by its casefold (the first one, where several share it).
        by_case = {known.casefold(): known for known in reversed(self._ids())}
        wanted = id.casefold()
        if wanted in by_case:  # the id itself, in another case
            near = [wanted]
        else:
            near = difflib.get_close_matches(wanted, by_case, n=3, cutoff=0.5)
        close = [by_case[c] for c in near]
        hint = f"; closest: {', '.join(close)}" if close else ""
        if any(c.isspace() for c in id):
            hint += "; an id has no spaces: search() finds records by their text"
        msg = f"no record has id {id!r}{hint}"
        raise UnknownIdError(msg, id, tuple(close))

    # -- filter

    def filter(  # noqa: PLR0913 - one keyword per criterion
        self,
        *,
        pillar: Pillar | str | None = _NOT_GIVEN,
        unit: Unit | str = _NOT_GIVEN,
        qualifier: Qualifier | str = _NOT_GIVEN,
        estimated: bool = _NOT_GIVEN,
        kind: InstrumentKind | str = _NOT_GIVEN,
        paragraph: int = _NOT_GIVEN,
        overlaps: dt.date | tuple[dt.date, dt.date] | Period = _NOT_GIVEN,
    ) -> Records[T]:
        """Return the records that meet every criterion given, in order.

        Criteria combine with AND, and the result is a :class:`Records` too,
        so filters chain.

        >>> import vinhphuc_dx, datetime
        >>> figures = vinhphuc_dx.load().indicators
        >>> h1 = figures.filter(overlaps=datetime.date(2024, 3, 1), unit="count")
        >>> len(h1.filter(pillar="digital-government")) == len(h1)
        True
        >>> [f.id for f in figures.filter(qualifier="approximately")]
        ['econ.digital-economy.grdp-share']

        Args:
            pillar: A :class:`Pillar` or its id; ``None`` for the figures
                that belong to no pillar.
            unit: A :class:`Unit` or its value (``"percent"``).
            qualifier: A :class:`Qualifier` or its value (``"more_than"``).
            estimated: Whether the article calls the figure an estimate.
            kind: For directives and instruments, an :class:`InstrumentKind`
                or its value.
            paragraph: The paragraph the record comes from.
            overlaps: A date, a ``(start, end)`` pair of dates, or a
                :class:`Period`: the records whose period shares a day with it.

        Returns:
            The matching records.

        Raises:
            TypeError: A criterion does not apply to these records, or its
                value is of the wrong type.
            ValueError: A value is not one the criterion accepts (an unknown
                unit or pillar id, a paragraph below 1).

        .. versionadded:: 0.1.0
        """
        given = {
            "pillar": pillar,
            "unit": unit,
            "qualifier": qualifier,
            "estimated": estimated,
            "kind": kind,
            "paragraph": paragraph,
            "overlaps": overlaps,
        }
        given = {k: v for k, v in given.items() if v is not _NOT_GIVEN}
        items = self._items
        for name in given:
            if items and not hasattr(items[0], _READS.get(name, name)):
                kind_name = type(items[0]).__name__
                msg = f"{kind_name} records cannot be filtered by {name!r}"
                raise TypeError(msg)
        for name, value in given.items():
            items = _CRITERIA[name](self, items, value)
        return self._part(items) if given else self

    # -- search

    def search(self, text: str) -> Records[T]:
        """Return the records whose texts hold the words of *text*, best first.

        Whole words are matched, case ignored, Vietnamese read as it is
        typed: a word typed with diacritics means those diacritics, one
        typed without them means any (``"thue"`` finds *thuê* and *thuế*,
        ``"thuê"`` only *thuê*); a tone mark counts wherever it sits in its
        syllable (*hóa* is *hoá*), and *i* and *y* are one letter where the
        spelling lets either stand (*kí* is *ký*). Labels, descriptions,
        notes, names, ``as_written`` and ids are searched, in both languages.

        A record whose label is the text comes first, then those whose label
        holds it as a phrase (its words adjacent, in order), then those whose
        other texts or id hold the phrase, then those holding each of its
        words somewhere; ties keep the article's order. The label is the
        record's ``label``, ``name``, ``title`` or, for a directive,
        ``subject``.

        >>> import vinhphuc_dx
        >>> found = vinhphuc_dx.load().indicators.search("CHỮ KÝ SỐ")
        >>> found.ids == vinhphuc_dx.load().indicators.search("chu ki so").ids
        True
        >>> found[0].id
        'gov.documents.signing-rate'

        Args:
            text: What to look for: at most 1,000 characters and 32 words.

        Returns:
            The matching records, as a :class:`Records`.

        Raises:
            TypeError: *text* is not a string.
            ValueError: *text* has no word to search for, or is too long.

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx._search import Index, query  # on first search

        terms = query(text)  # checks the query before any one-off work
        index = self._index
        if index is None:
            index = self._index = Index(self._items)
        items = self._items
        return self._part([items[i] for i in index.search(terms)])

    # -- tables

    def to_pandas(self) -> pd.DataFrame:
        """Return the records as a pandas DataFrame indexed by id.

        The columns are the flat table's (the file format docs list them):
        enum fields and the pillar are categoricals, dates are datetimes,
        texts come as ``<field>_vi`` and ``<field>_en`` columns. For
        indicators, ``value`` is a float column for arithmetic and
        ``value_exact`` keeps the figure as stated (``Decimal('99.7')``).
        The source and its APA citation are in ``DataFrame.attrs``.

        A missing value is ``pd.NA`` in every column (text columns are of
        the ``string`` dtype), except in the categorical columns, where
        pandas marks it NaN; ``pd.isna`` finds both. The budget belongs to
        no pillar: a ``groupby("pillar")`` drops it unless told
        ``dropna=False``.

        >>> import vinhphuc_dx
        >>> society = vinhphuc_dx.load().indicators.filter(pillar="digital-society")
        >>> df = society.to_pandas()
        >>> float(df.loc["soc.telecom.bts-stations", "value"])
        3000.0
        >>> str(df["unit"].dtype), df.attrs["source"]["outlet"]
        ('category', 'Vietnam Business Forum')
        >>> every = vinhphuc_dx.load().indicators.to_pandas()
        >>> counts = every.groupby("pillar", observed=True, dropna=False).size()
        >>> int(counts.iloc[-1])  # the row of no pillar: the budget
        1

        Raises:
            ImportError: pandas is not installed (the ``pandas`` extra).

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx._frames import to_pandas  # an extra

        return to_pandas(self._table())

    def to_arrow(self) -> pa.Table:
        """Return the records as a pyarrow Table: typed, exact, described.

        The flat table's columns, with exact values (``value`` is a
        ``decimal128``: ``99.7`` stays ``99.7``), dates as dates, the pillar
        and enums dictionary-encoded; each column's description (and the
        value's unit) is in its field metadata, the article's citation, the
        licence, the data revision and the 2025 merger note in the schema's.

        >>> import vinhphuc_dx
        >>> table = vinhphuc_dx.load().indicators.to_arrow()
        >>> str(table.schema.field("value").type), table.num_rows
        ('decimal128(16, 1)', 38)

        Raises:
            ImportError: pyarrow is not installed (the ``arrow`` extra).

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._frames import to_arrow  # an extra

        return to_arrow(self._table())

    def to_polars(self) -> pl.DataFrame:
        """Return the records as a polars DataFrame, with exact decimals.

        The same columns and types as :meth:`to_arrow` (``value`` a
        ``Decimal`` column, the enums categorical).

        >>> import vinhphuc_dx
        >>> frame = vinhphuc_dx.load().indicators.to_polars()
        >>> frame.filter(frame["id"] == "gov.documents.signing-rate")["value"].item()
        Decimal('99.7')

        Raises:
            ImportError: polars or pyarrow is not installed (the ``polars``
                extra).

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._frames import to_polars  # an extra

        return to_polars(self._table())

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        """The Arrow PyCapsule stream of :meth:`to_arrow`, for polars and DuckDB."""
        return self.to_arrow().__arrow_c_stream__(requested_schema)  # type: ignore[no-untyped-call]

    def _table(self) -> Any:
        from vinhphuc_dx._table import Table  # tables only

        cls = self.record_class
        if cls is None:
            msg = (
                "records of several kinds, or none, have no one table: "
                "give Records(..., record_class=...)"
            )
            raise ValueError(msg)
        return Table(cls, self._items, self._report)


def _enum_criterion(name: str) -> Any:
    def select(_: Records[Any], items: Sequence[Any], value: object) -> Any:
        if not items:
            return items
        kind = type(getattr(items[0], name))
        if not isinstance(value, (kind, str)):
            msg = f"{name}= takes a {kind.__name__} or its value, got {value!r}"
            raise TypeError(msg)
        if not isinstance(value, kind):
            member = next((m for m in kind if m.value == value), None)
            if member is None:
                allowed = ", ".join(repr(m.value) for m in kind)
                msg = f"{name}={value!r} is not one of {allowed}"
                raise ValueError(msg)
            value = member
        return [r for r in items if getattr(r, name) is value]

    return select


def _pillar(records: Records[Any], items: Sequence[Any], value: object) -> Any:
    if value is None:
        return [r for r in items if r.pillar is None]
    if isinstance(value, str):
        # The report's pillars, or else those of the records filtered.
        pillars = records.report.pillars if records.report is not None else ()
        known = {p.id for p in pillars} or {r.pillar.id for r in records if r.pillar}
        if known and value not in known:
            msg = f"pillar={value!r} is not one of {', '.join(sorted(known))}"
            raise ValueError(msg)
        wanted = value
    elif isinstance(getattr(value, "id", None), str) and hasattr(value, "name"):
        wanted = value.id  # type: ignore[attr-defined]
    else:
        msg = f"pillar= takes a Pillar, its id or None, got {value!r}"
        raise TypeError(msg)
    return [r for r in items if r.pillar is not None and r.pillar.id == wanted]


def _estimated(_: Records[Any], items: Sequence[Any], value: object) -> Any:
    if type(value) is not bool:
        msg = f"estimated= takes True or False, got {value!r}"
        raise TypeError(msg)
    return [r for r in items if r.estimated is value]


def _paragraph(_: Records[Any], items: Sequence[Any], value: object) -> Any:
    if type(value) is not int:
        msg = f"paragraph= takes an int, got {value!r}"
        raise TypeError(msg)
    if value < 1:
        msg = f"paragraph={value}: paragraphs count from 1"
        raise ValueError(msg)
    return [r for r in items if r.source.paragraph == value]


def _is_day(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _overlaps(_: Records[Any], items: Sequence[Any], value: Any) -> Any:
    if _is_day(value):
        start = end = value
    elif isinstance(value, tuple) and len(value) == 2 and all(map(_is_day, value)):
        start, end = value
        if end < start:
            msg = f"overlaps=({start}, {end}) ends before it starts"
            raise ValueError(msg)
    elif all(_is_day(getattr(value, end, None)) for end in ("start", "end")):
        start, end = value.start, value.end
    else:
        msg = f"overlaps= takes a date, a (start, end) pair or a Period, got {value!r}"
        raise TypeError(msg)
    return [r for r in items if r.period.start <= end and start <= r.period.end]


#: How each criterion of filter() selects, given the collection filtered, the
#: records left and the value asked for.
_CRITERIA = {
    "pillar": _pillar,
    "unit": _enum_criterion("unit"),
    "qualifier": _enum_criterion("qualifier"),
    "kind": _enum_criterion("kind"),
    "estimated": _estimated,
    "paragraph": _paragraph,
    "overlaps": _overlaps,
}
