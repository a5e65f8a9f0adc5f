"""The values records are made of: texts, periods, places, the article, enums.

:data:`Value`, :class:`Unit`, :class:`Qualifier`, :class:`InstrumentKind`,
:class:`Text`, :class:`Period`, :class:`SourceRef`, :class:`Source` and
:class:`AdministrativeContext`; all are public as ``vinhphuc_dx.<name>``.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import unicodedata
from decimal import Decimal
from typing import Any

import attrs

from vinhphuc_dx._validators import (
    _exactly,
    _language_tag,
    _nonempty_str,
    _optional,
    _optional_subdivision,
    _optional_url,
    _tuple_of,
)
from vinhphuc_dx._vocabulary import QUALIFIER_NAMES, UNIT_NAMES
from vinhphuc_dx.exceptions import FieldError


class Shown:
    """The ``__repr__``, ``__eq__`` and ``__hash__`` every model class shares.

    attrs would generate and compile these three for each of the fourteen
    classes at every first ``load()``, a fifth of its cost (measured in the
    benchmark's cold start); the classes are made with ``repr=False,
    eq=False`` and inherit these, which behave as attrs' own (a test holds
    them to it): the repr reads ``Text(vi='…', en='…')``, two records are
    equal when they are of one class and every compared field is equal, and
    equal records hash alike.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        cls = type(self)
        inner = ", ".join(
            f"{a.name}={getattr(self, a.name)!r}"
            for a in cls.__attrs_attrs__  # type: ignore[attr-defined]
            if a.repr
        )
        return f"{cls.__qualname__}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _compared(type(self))
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        return hash((type(self), _compared(type(self))(self)))


#: Each model class's reader of its compared fields' values (see _compared).
_COMPARED: dict[type, operator.attrgetter[Any]] = {}


def _compared(cls: type) -> operator.attrgetter[Any]:
    """The values of a model class's compared fields, read in one C call."""
    values = _COMPARED.get(cls)
    if values is None:
        names = [a.name for a in cls.__attrs_attrs__ if a.eq]  # type: ignore[attr-defined]
        values = _COMPARED[cls] = operator.attrgetter(*names)
    return values


#: The attrs metadata of a field the file format does not hold: it is
#: neither read from a file nor written to one.
NOT_IN_FILE = {"in_file": False}

#: The type of a figure: an :class:`int`, or a :class:`~decimal.Decimal` when
#: the article writes decimals (``99.7``), so that no figure passes through a
#: float.
Value = int | Decimal


class _Worded(enum.Enum):
    """An enum whose ``str()`` is its value in English words."""

    def __str__(self) -> str:
        """The member in English words: ``"percent"``, ``"more than"``.

        >>> str(Unit.PERCENT), str(Unit.BILLION_VND)
        ('percent', 'billion VND')
        >>> str(Qualifier.MORE_THAN)
        'more than'

        .. versionadded:: 0.2.0
        """
        return _ENGLISH[self.value]


#: Each unit's and each qualifier's value in English words.
_ENGLISH = UNIT_NAMES | QUALIFIER_NAMES


class Unit(_Worded):
    """What a figure counts or measures.

    >>> Unit("percent") is Unit.PERCENT
    True

    .. versionadded:: 0.1.0
    """

    #: How many of something (services, documents, enterprises, stations).
    COUNT = "count"
    #: A share in percent (``53`` means 53 %, not 0.53).
    PERCENT = "percent"
    #: Billions of Vietnamese dong (tỷ đồng).
    BILLION_VND = "billion_vnd"


class Qualifier(_Worded):
    """How the article qualifies a figure.

    .. versionadded:: 0.1.0
    """

    #: Stated as is.
    EXACT = "exact"
    #: Stated with *trên*: the true figure is above the stated one.
    MORE_THAN = "more_than"
    #: Stated with *khoảng*: the true figure is near the stated one.
    APPROXIMATELY = "approximately"


class InstrumentKind(enum.Enum):
    """The kind of a directive or of another policy instrument.

    .. versionadded:: 0.1.0
    """

    DIRECTIVE = "directive"
    ARCHITECTURE = "architecture"
    CRITERIA_SET = "criteria_set"
    INDEX_SET = "index_set"
    LEGAL_DOCUMENTS = "legal_documents"
    REGULATION = "regulation"
    GUIDANCE = "guidance"
    ELECTRONIC_IDENTIFIER = "electronic_identifier"


@attrs.frozen(repr=False, eq=False)
class Text(Shown):
    """A piece of text in Vietnamese and in English.

    Both are required and non-empty; both are stored NFC-composed, so that
    the same words typed two ways compare equal.

    >>> Text(vi="Chính quyền số", en="Digital government").en
    'Digital government'

    Attributes:
        vi: The Vietnamese text.
        en: The English text.

    .. versionadded:: 0.1.0
    """

    vi: str
    en: str

    def __attrs_post_init__(self) -> None:
        # One check of both fields: Text is the most numerous object of a
        # report, and printable NFC text, the common case, is checked in C.
        vi, en = self.vi, self.en
        for field, value in zip(_TEXT_FIELDS, (vi, en), strict=True):
            if not (type(value) is str and value.isprintable() and value.strip()):
                _nonempty_str(self, field, value)
        if not (
            unicodedata.is_normalized("NFC", vi)
            and unicodedata.is_normalized("NFC", en)
        ):
            object.__setattr__(self, "vi", unicodedata.normalize("NFC", vi))
            object.__setattr__(self, "en", unicodedata.normalize("NFC", en))

    def __str__(self) -> str:
        return self.en


_TEXT_FIELDS = attrs.fields(Text)


@attrs.frozen(repr=False, eq=False)
class Period(Shown):
    """The span of time a figure covers, both ends inclusive.

    A figure the article gives with no date holds at the publication date:
    then *start* and *end* are that date and *stated* is ``False``.

    >>> h1 = Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    >>> h1.overlaps(dt.date(2024, 6, 1), dt.date(2024, 12, 31))
    True

    Attributes:
        start: The first day covered.
        end: The last day covered; never before *start*.
        stated: Whether the article states the period.

    .. versionadded:: 0.1.0
    """

    start: dt.date = attrs.field(validator=_exactly(dt.date))
    end: dt.date = attrs.field(validator=_exactly(dt.date))
    stated: bool = attrs.field(default=True, validator=_exactly(bool))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            msg = f"ends on {self.end} before it starts on {self.start}"
            raise FieldError(field="end", reason=msg)

    def overlaps(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Tell whether the period shares a day with *start* .. *end*.

        Args:
            start: The first day of the span asked about.
            end: Its last day; a single day when omitted.

        Returns:
            ``True`` when at least one day lies in both spans.
        """
        return self.start <= (start if end is None else end) and start <= self.end


@attrs.frozen(repr=False, eq=False)
class Source(Shown):
    """The article every record is drawn from.

    Attributes:
        title: The headline as published (Vietnamese) and in English.
        outlet: The publication.
        author: The byline.
        published: When it was published, with its UTC offset (+07:00).
        language: The language of the article, as a BCP 47 tag.
        url: Where it is published (an http or https address), when known;
            the bundled report leaves it empty because the article as kept
            does not give it.
        paragraphs: How many paragraphs the article has (non-empty lines,
            the title and the byline included), when known: a record citing
            a paragraph past it is an error.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The *paragraphs* attribute.
    """

    title: Text = attrs.field(validator=_exactly(Text))
    outlet: str = attrs.field(validator=_nonempty_str)
    author: str = attrs.field(validator=_nonempty_str)
    published: dt.datetime = attrs.field(validator=_exactly(dt.datetime))
    language: str = attrs.field(validator=[_nonempty_str, _language_tag])
    url: str | None = attrs.field(default=None, validator=_optional_url)
    paragraphs: int | None = attrs.field(default=None, validator=_optional(int))

    def __attrs_post_init__(self) -> None:
        if self.paragraphs is not None and self.paragraphs < 1:
            msg = f"an article has at least 1 paragraph, got {self.paragraphs}"
            raise FieldError(field="paragraphs", reason=msg)
        if self.published.utcoffset() is None:
            msg = f"needs a UTC offset, got {self.published.isoformat()}"
            raise FieldError(field="published", reason=msg)

    def cite(self, style: str = "apa") -> str:
        """Return a citation of the article.

        >>> import vinhphuc_dx
        >>> apa = vinhphuc_dx.load().source.cite("apa")
        >>> apa.startswith("Hiền Hưng. (2024, December 27). Chuyển đổi số")
        True

        Args:
            style: ``"bibtex"``, ``"apa"`` or ``"csl-json"`` (a JSON array
                holding one CSL item).

        Returns:
            The citation text, ending in a newline.

        Raises:
            ValueError: *style* is not one of those.

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx._cite import cite  # only when citing

        return cite(self, style)


@attrs.frozen(repr=False, eq=False)
class SourceRef(Shown):
    """Where in the article a record stands.

    Attributes:
        paragraph: 1-based: the N-th non-empty line of the article, the title
            being paragraph 1.
        article: The article itself, which :meth:`~vinhphuc_dx.Indicator.cite`
            cites: set for every record :func:`vinhphuc_dx.load` reads;
            ``None`` in a record built in code. Not compared, and not
            written to a file (the file states the article once).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The *article* attribute.
    """

    paragraph: int = attrs.field(validator=_exactly(int))
    article: Source | None = attrs.field(
        default=None,
        eq=False,
        repr=False,
        validator=_optional(Source),
        metadata=NOT_IN_FILE,
    )

    def __attrs_post_init__(self) -> None:
        if self.paragraph < 1:
            msg = f"paragraphs count from 1, got {self.paragraph}"
            raise FieldError(field="paragraph", reason=msg)


@attrs.frozen(repr=False, eq=False)
class AdministrativeContext(Shown):
    """What changed in the province's administration after the article.

    The figures describe the province as it stood in 2024; this record keeps
    the later reorganisation beside them so that they are not joined with
    later data as if the province still existed.

    Attributes:
        former_province: The province the article describes.
        successor: The province it became part of.
        merged: Every province merged into the successor.
        effective: The day the merger took effect.
        districts_abolished: Whether the district level was abolished then.
        description: What this means for a user, in a sentence or two.
        former_province_code: The ISO 3166-2 code of the former province
            (``VN-70``), to join these figures with other data; ``None`` in
            files written before it was recorded.
        successor_code: The ISO 3166-2 code of the province it was merged
            into (``VN-68``, Phú Thọ).

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *former_province_code* and *successor_code*.
    """

    former_province: Text = attrs.field(validator=_exactly(Text))
    successor: Text = attrs.field(validator=_exactly(Text))
    merged: tuple[Text, ...] = attrs.field(validator=_tuple_of(Text))
    effective: dt.date = attrs.field(validator=_exactly(dt.date))
    districts_abolished: bool = attrs.field(validator=_exactly(bool))
    description: Text = attrs.field(validator=_exactly(Text))
    former_province_code: str | None = attrs.field(
        default=None, validator=_optional_subdivision
    )
    successor_code: str | None = attrs.field(
        default=None, validator=_optional_subdivision
    )
