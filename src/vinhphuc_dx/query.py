"""Immutable collections of records: look up by id, filter, search.

:class:`Records` is what ``report.indicators``, ``report.directives`` and the
other collections of a :class:`~vinhphuc_dx.Report` are. It is a read-only
sequence in the article's order; what every query needs (an index by id, an
index per filterable field, the folded text that search scans) is computed
once, on first use, and kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Protocol,
    TypeVar,
    overload,
)

from vinhphuc_dx._filter import FieldIndex, check_applies, criteria
from vinhphuc_dx._filter import span as overlap_span

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

    from vinhphuc_dx._search import SearchIndex
    from vinhphuc_dx.exceptions import UnknownIdError
    from vinhphuc_dx.model import (
        InstrumentKind,
        Period,
        Pillar,
        Qualifier,
        Source,
        Unit,
    )

__all__ = ["Records"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...  # pragma: no cover - a protocol member


T = TypeVar("T", bound=_HasId)
D = TypeVar("D")

_NOT_GIVEN: Any = object()


# ---------------------------------------------------------------- Records


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

    .. versionadded:: 0.1.0
    """

    __slots__ = (
        "__weakref__",
        "_by_id",
        "_fields",
        "_folded",
        "_items",
        "_root",
        "_siblings",
        "_source",
    )

    _items: tuple[T, ...]
    _by_id: dict[str, T] | None
    _fields: FieldIndex[T]
    _folded: SearchIndex | None
    _root: Records[T] | None
    _source: Source | None
    _siblings: tuple[tuple[str, Records[Any]], ...]

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items = tuple(items)
        # Caches, filled on first use. Two threads racing to fill one build
        # equal values and the last assignment wins: harmless, so no lock.
        self._by_id = None
        self._fields = FieldIndex(self._items)
        self._folded = None
        self._root = None
        # The article the records come from, set by the Report holding them.
        self._source = None
        # The collections of the Report holding these records, by name, so
        # that get() can say where an id of another kind is; set by it.
        self._siblings = ()

    @classmethod
    def _subset(cls, root: Records[T], items: Iterable[T]) -> Records[T]:
        subset = cls(items)
        subset._root = root
        return subset

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
            return self._subset(self._root or self, self._items[index])
        if isinstance(index, str):
            msg = f"index by position; look up an id with .get({index!r})"
            raise TypeError(msg)
        return self._items[index]

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._index()
        by_id = self._index()
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
        from vinhphuc_dx._display import html_table  # noqa: PLC0415 - notebooks only

        return html_table(self._items)

    # -- get

    def _index(self) -> dict[str, T]:
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
                the message names the closest ids.

        .. versionadded:: 0.1.0
        """
        try:
            return self._index()[id]
        except KeyError:
            if default is not _NOT_GIVEN:
                return default
        except TypeError:
            msg = f"an id is a string, got {id!r}"
            raise TypeError(msg) from None
        raise self._unknown(id)

    def _unknown(self, id: str) -> UnknownIdError:  # noqa: A002
        """The error for an id this collection does not hold (see ``_display``)."""
        from vinhphuc_dx._display import unknown_id  # noqa: PLC0415 - the error path

        root = self._root or self
        return unknown_id(id, self._index(), root, root._siblings)  # noqa: SLF001

    # -- filter

    def _known_keys(self, field: str) -> list[Hashable]:
        """Every value *field* takes in the whole collection, in order."""
        return (self._root or self)._fields.known_keys(field)

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
        }
        given = {
            name: value for name, value in given.items() if value is not _NOT_GIVEN
        }
        first = self._items[0] if self._items else None
        if first is not None:
            applied = [*given, *([] if overlaps is _NOT_GIVEN else ["overlaps"])]
            check_applies(first, applied)
        root = self._root or self
        cls = type(root._items[0]) if root._items else None  # noqa: SLF001
        wanted = criteria(given, cls, lambda: self._known_keys("pillar"))
        span = None if overlaps is _NOT_GIVEN else overlap_span(overlaps)
        if not wanted and span is None:
            return self
        candidates = self._fields.select(wanted, span)
        return self._subset(self._root or self, candidates)

    # -- pandas

    def to_pandas(self) -> pd.DataFrame:
        """Return the records as a pandas DataFrame indexed by id.

        Enum fields and the pillar are categoricals, dates are datetimes,
        texts come as ``<field>_en`` and ``<field>_vi`` columns. For
        indicators, ``value`` is a float column for arithmetic and
        ``value_exact`` keeps the figure as stated (``Decimal('99.7')``).
        The source and its APA citation are in ``DataFrame.attrs``.

        A missing value is ``pd.NA`` in every column (text columns are of
        the ``string`` dtype; a figure with no parts has ``pd.NA`` there,
        not ``""``), except in the categorical ``pillar`` column, where
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
            ImportError: pandas is not installed
                (``python -m pip install 'pandas>=2.0'``).

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx._pandas import frame  # noqa: PLC0415 - pandas is optional

        if not self._items:
            msg = "to_pandas() needs at least one record to know the columns"
            raise ValueError(msg)
        root = self._root or self
        pillars: list[str] = []
        if hasattr(self._items[0], "pillar"):
            pillars = [p for p in root._known_keys("pillar") if isinstance(p, str)]  # noqa: SLF001
        return frame(self._items, type(self._items[0]), root._source, pillars)  # noqa: SLF001

    # -- search

    def search(self, text: str) -> Records[T]:
        """Return the records whose texts hold the words of *text*, best first.

        Whole words are matched, not parts of words, ignoring case; a word
        typed with diacritics means those diacritics, a word typed without
        them means any (``"thue"`` finds *thuê* and *thuế*, ``"thuê"`` only
        *thuê*), as the user guide states. Labels, descriptions, notes,
        names, ``as_written`` and ids are searched, in Vietnamese and English.

        A record whose label is the text comes first, then those whose label
        holds it as a phrase (its words adjacent, in order), then those whose
        other texts or id hold the phrase, then those holding each of its
        words somewhere; ties keep the article's order. The label is the
        record's ``label``, ``name``, ``title`` or, for a directive,
        ``subject``.

        >>> import vinhphuc_dx
        >>> found = vinhphuc_dx.load().indicators.search("CHỮ KÝ SỐ")
        >>> found.ids == vinhphuc_dx.load().indicators.search("chu ky so").ids
        True
        >>> found[0].id
        'gov.documents.signing-rate'

        Args:
            text: What to look for.

        Returns:
            The matching records, as a :class:`Records`.

        Raises:
            TypeError: *text* is not a string.
            ValueError: *text* has no word to search for.

        .. versionadded:: 0.1.0
        """
        if not isinstance(text, str):
            msg = f"search takes a string, got {text!r}"
            raise TypeError(msg)
        index = self._folded
        if index is None:
            # Built on first use; a race builds two equal indexes, harmlessly.
            from vinhphuc_dx._search import SearchIndex  # noqa: PLC0415

            index = self._folded = SearchIndex(self._items)
        items = self._items
        return self._subset(self._root or self, [items[p] for p in index.search(text)])
