"""The values records are made of: texts, periods, places, the article, enums.

:data:`Value`, :class:`Unit`, :class:`Qualifier`, :class:`InstrumentKind`,
:class:`Text`, :class:`Period`, :class:`SourceRef`, :class:`Source` and
:class:`AdministrativeContext`, and :func:`field_types`, which reads a record
class's fields. All are public as
``vinhphuc_dx.model.<name>`` and ``vinhphuc_dx.<name>``.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

import attrs

from vinhphuc_dx._columns import field_types
from vinhphuc_dx._validators import (
    _CONTROL,
    _exactly,
    _language_tag,
    _nonempty_str,
    _optional,
    _optional_str,
    _optional_subdivision,
    _tuple_of,
)
from vinhphuc_dx._wording import QUALIFIER_NAMES, UNIT_NAMES
from vinhphuc_dx.exceptions import FieldError

__all__ = [
    "AdministrativeContext",
    "InstrumentKind",
    "Period",
    "Qualifier",
    "Source",
    "SourceRef",
    "Text",
    "Unit",
    "Value",
    "field_types",
]


class _Shown:
    """The ``__repr__``, ``__eq__`` and ``__hash__`` every model class shares.

    attrs would generate and compile these three for each class as the
    module is imported, at every first ``load()``; the model's classes are
    made with ``repr=False, eq=False`` and inherit these instead, which
    behave as attrs' own: the repr reads ``Text(vi='…', en='…')``, two
    records are equal when they are of one class and every field is equal,
    and equal records hash alike. Records are immutable trees, so no repr
    meets itself again (attrs' guard against that is not needed).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        cls = type(self)
        inner = ", ".join(
            f"{a.name}={getattr(self, a.name)!r}"
            for a in cls.__attrs_attrs__  # type: ignore[attr-defined]
            if a.repr
        )
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({inner})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _values_of(type(self))
        return bool(values(self) == values(other))

    def __hash__(self) -> int:
        return hash((type(self), _values_of(type(self))(self)))


#: For each model class, a function giving its fields' values (one C call).
_VALUES: dict[type, Callable[[object], Any]] = {}


def _values_of(cls: type) -> Callable[[object], Any]:
    values = _VALUES.get(cls)
    if values is None:
        names = [a.name for a in cls.__attrs_attrs__]  # type: ignore[attr-defined]
        values = _VALUES[cls] = operator.attrgetter(*names)
    return values


#: The type of a figure: an :class:`int`, or a :class:`~decimal.Decimal` when
#: the article writes decimals (``99.7``), so that no figure passes through a
#: float.
Value = int | Decimal


class Unit(enum.Enum):
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

    def __str__(self) -> str:
        """The unit in English words: ``"percent"``, ``"billion VND"``.

        >>> str(Unit.PERCENT), str(Unit.BILLION_VND)
        ('percent', 'billion VND')

        .. versionadded:: 0.2.0
        """
        return UNIT_NAMES[self.value]


class Qualifier(enum.Enum):
    """How the article qualifies a figure.

    .. versionadded:: 0.1.0
    """

    #: Stated as is.
    EXACT = "exact"
    #: Stated with *trên*: the true figure is above the stated one.
    MORE_THAN = "more_than"
    #: Stated with *khoảng*: the true figure is near the stated one.
    APPROXIMATELY = "approximately"

    def __str__(self) -> str:
        """The qualifier in English words: ``"more than"``, ``"about"``.

        >>> str(Qualifier.MORE_THAN)
        'more than'

        .. versionadded:: 0.2.0
        """
        return QUALIFIER_NAMES[self.value]


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


@attrs.frozen(slots=True, repr=False, eq=False)
class Text(_Shown):
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
        # One check for both fields rather than two validators and two
        # converters: Text is the most numerous object of a report.
        vi, en = self.vi, self.en
        if not (
            type(vi) is str
            and type(en) is str
            and vi.strip()
            and en.strip()
            and "\x00" not in vi
            and "\x00" not in en
            and (vi.isprintable() or not _CONTROL.search(vi))
            and (en.isprintable() or not _CONTROL.search(en))
        ):
            for name, value in (("vi", vi), ("en", en)):
                _nonempty_str(self, _TEXT_FIELDS[name], value)
        if not (
            unicodedata.is_normalized("NFC", vi)
            and unicodedata.is_normalized("NFC", en)
        ):
            object.__setattr__(self, "vi", unicodedata.normalize("NFC", vi))
            object.__setattr__(self, "en", unicodedata.normalize("NFC", en))

    def __str__(self) -> str:
        return self.en


_TEXT_FIELDS = {field.name: field for field in attrs.fields(Text)}


@attrs.frozen(slots=True, repr=False, eq=False)
class Period(_Shown):
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
            msg_0 = "end"
            raise FieldError(msg_0, msg)

    def overlaps(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Tell whether the period shares a day with *start* .. *end*.

        Args:
            start: The first day of the span asked about.
            end: Its last day; a single day when omitted.

        Returns:
            ``True`` when at least one day lies in both spans.
        """
        return self.start <= (start if end is None else end) and start <= self.end


@attrs.frozen(slots=True, repr=False, eq=False)
class SourceRef(_Shown):
    """Where in the article a record stands.

    Attributes:
        paragraph: 1-based: the N-th non-empty line of the article, the title
            being paragraph 1.

    .. versionadded:: 0.1.0
    """

    paragraph: int = attrs.field(validator=_exactly(int))

    def __attrs_post_init__(self) -> None:
        if self.paragraph < 1:
            msg = f"paragraphs count from 1, got {self.paragraph}"
            msg_0 = "paragraph"
            raise FieldError(msg_0, msg)


@attrs.frozen(slots=True, repr=False, eq=False)
class Source(_Shown):
    """The article every record is drawn from.

    Attributes:
        title: The headline as published (Vietnamese) and in English.
        outlet: The publication.
        author: The byline.
        published: When it was published, with its UTC offset (+07:00).
        language: The language of the article, as a BCP 47 tag.
        url: Where it is published, when known; the bundled report leaves it
            empty because the article as kept does not say.
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
    url: str | None = attrs.field(default=None, validator=_optional_str)
    paragraphs: int | None = attrs.field(default=None, validator=_optional(int))

    def __attrs_post_init__(self) -> None:
        if self.paragraphs is not None and self.paragraphs < 1:
            msg = f"an article has at least 1 paragraph, got {self.paragraphs}"
            msg_0 = "paragraphs"
            raise FieldError(msg_0, msg)
        if self.published.utcoffset() is None:
            msg = f"needs a UTC offset, got {self.published.isoformat()}"
            msg_0 = "published"
            raise FieldError(msg_0, msg)

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
        from vinhphuc_dx._cite import cite  # noqa: PLC0415 - only when citing

        return cite(self, style)


@attrs.frozen(slots=True, repr=False, eq=False)
class AdministrativeContext(_Shown):
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
