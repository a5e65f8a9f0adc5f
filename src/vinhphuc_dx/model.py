"""The data model: frozen attrs classes for every kind of record in a report.

Every class is ``frozen`` and ``slots``; what a record holds inside is a tuple
or a :class:`~vinhphuc_dx.query.Records` view, never a list or a dict. The
validators run on every construction, so an impossible record cannot be built
in code either: a report file is checked by the same rules.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union

import attrs

from vinhphuc_dx.exceptions import FieldError
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    from vinhphuc_dx.checks import Finding

__all__ = [
    "COLLECTIONS",
    "AdministrativeContext",
    "Directive",
    "Goal",
    "Indicator",
    "InstrumentKind",
    "InvestmentProject",
    "Period",
    "Pillar",
    "PolicyInstrument",
    "Qualifier",
    "Report",
    "Source",
    "SourceRef",
    "Text",
    "Unit",
    "Value",
]

#: The type of a figure: an :class:`int`, or a :class:`~decimal.Decimal` when
#: the article writes decimals (``99.7``), so that no figure passes through a
#: float.
Value = int | Decimal


# ---------------------------------------------------------------- validators
# Hand-written rather than attrs.validators.instance_of(...) composites: these
# run for every record of a report (100,000 in the benchmark), and one call
# that checks and explains is both faster and clearer than a chain.


def _nonempty_str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str:
        raise FieldError(attribute.name, f"expected a string, got {value!r}")
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")
    if "\x00" in value:
        # Exports mark exact decimals with NUL (see _loading.dump_json).
        raise FieldError(attribute.name, f"must not hold a NUL character: {value!r}")


def _optional_str(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _nonempty_str(obj, attribute, value)


_SPACE = re.compile(r"\s")

#: Characters an id may not hold besides whitespace, as a regular expression
#: class (the same text is the JSON Schema's id pattern): controls, and the
#: invisible characters of Unicode's Default_Ignorable_Code_Point (soft
#: hyphen, zero-width spaces and joiners, bidi marks and embeddings,
#: variation selectors, fillers, the byte-order mark).
_ID_INVISIBLE = (
    r"\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    r"\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
    r"\ufeff\uffa0\ufff0-\ufff8"
)
_INVISIBLE = re.compile(
    rf"[{_ID_INVISIBLE}\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
#: Unicode categories no id holds: format characters, surrogates, private use,
#: unassigned code points.
_NOT_IN_ID = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _nonempty_str(_, attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    if _SPACE.search(value):
        raise FieldError(attribute.name, f"an id has no spaces, got {_cut(value)!r}")
    found = _INVISIBLE.search(value)
    if found is None and value.isascii():
        return
    bad = (
        found.group()
        if found
        else next((c for c in value if unicodedata.category(c) in _NOT_IN_ID), None)
    )
    if bad is not None:
        reason = f"an id has no invisible or control character, got {bad!r}"
        raise FieldError(attribute.name, f"{reason} in {_cut(value)!r}")
    if not unicodedata.is_normalized("NFC", value):
        reason = f"an id is written in Unicode NFC, got {_cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _cut(value: str) -> str:
    """*value*, cut to 40 characters for a message."""
    return value if len(value) <= 40 else value[:37] + "..."


def _optional_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _id(_, attribute, value)


def _ids(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise FieldError(attribute.name, f"expected a tuple of ids, got {value!r}")
    for item in value:
        _id(_, attribute, item)
    if len(set(value)) != len(value):
        seen: set[str] = set()
        twice = next(v for v in value if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise FieldError(attribute.name, f"the id {_cut(twice)!r} is named twice")


def _exactly(kind: type) -> Any:
    """A validator accepting instances of *kind* (and, for int, not bool)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # type() first: the exact class is by far the common case.
        if type(value) is not kind and (
            not isinstance(value, kind) or (kind is int and type(value) is bool)
        ):
            raise FieldError(attribute.name, f"expected {kind.__name__}, got {value!r}")

    return check


def _optional(kind: type) -> Any:
    check = _exactly(kind)

    def optional(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(obj, attribute, value)

    return optional


#: The bounds of a figure: at most this many significant digits, less than
#: ``10**FIGURE_DIGITS``, and no digit below ``10**-FIGURE_DIGITS``. A float64
#: (pandas) holds every such number exactly, and the checks' arithmetic on
#: them never overflows.
FIGURE_DIGITS = 15


def _figure(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int:
        if value < 0:
            raise FieldError(attribute.name, f"must not be negative, got {value}")
        if value >= 10**FIGURE_DIGITS:
            raise FieldError(attribute.name, _out_of_bounds(value))
        return
    if type(value) is not Decimal:
        raise FieldError(attribute.name, f"expected a number, got {value!r}")
    if not value.is_finite():
        raise FieldError(attribute.name, f"expected a finite number, got {value}")
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {value}")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite, checked above
    if (
        len(digits) > FIGURE_DIGITS
        or exponent < -FIGURE_DIGITS
        or exponent + len(digits) > FIGURE_DIGITS
    ):
        raise FieldError(attribute.name, _out_of_bounds(value))


def _out_of_bounds(value: Value) -> str:
    if type(value) is int and value.bit_length() > 128:
        # str() of an int of over 4,300 digits raises; its size is enough.
        shown = f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    else:
        text = str(value)
        shown = text if len(text) <= 40 else text[:37] + "..."
    return (
        f"a figure has at most {FIGURE_DIGITS} significant digits and is less "
        f"than 10^{FIGURE_DIGITS}, with none below 10^-{FIGURE_DIGITS}; got {shown}"
    )


#: The shape of a BCP 47 language tag (RFC 5646): a language subtag, then
#: subtags of 1 to 8 letters or digits, joined by hyphens (``vi``, ``vi-VN``).
LANGUAGE_TAG = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG)


def _language_tag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is str and not _LANGUAGE_TAG.fullmatch(value):
        reason = f"expected a BCP 47 language tag such as 'vi', got {_cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _at_least_one(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int and value < 1:
        raise FieldError(attribute.name, f"counts from 1, got {value}")


def _directive_kind(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not InstrumentKind.DIRECTIVE:
        reason = f"a directive's kind is 'directive', got {_describe_kind(value)}"
        raise FieldError(attribute.name, reason)


def _describe_kind(value: object) -> str:
    return repr(value.value) if isinstance(value, enum.Enum) else repr(value)


def _tuple_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not all(isinstance(v, kind) for v in value):
            raise FieldError(
                attribute.name, f"expected a tuple of {kind.__name__}, got {value!r}"
            )

    return check


def _records_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Records) or not all(
            isinstance(v, kind) for v in value
        ):
            raise FieldError(
                attribute.name, f"expected records of {kind.__name__}, got {value!r}"
            )

    return check


def _records(value: object) -> object:
    """Accept any iterable of records where the model holds :class:`Records`."""
    if isinstance(value, (Records, str, bytes)):
        return value
    try:
        return Records(value)  # type: ignore[arg-type]
    except TypeError:
        return value  # the validator names the field and the problem


# ---------------------------------------------------------------- enums


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


# ---------------------------------------------------------------- records


class _Record:
    """What every record with an id shares: a table for notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Each field and its value, for Jupyter and other notebooks."""
        import html  # noqa: PLC0415 - notebooks only

        cells = [
            (field.name, html.escape(_shown(getattr(self, field.name))))
            for field in attrs.fields(type(self))  # type: ignore[arg-type]
        ]
        rows = "".join(f"<tr><th>{n}</th><td>{v}</td></tr>" for n, v in cells)
        return f"<table><caption>{type(self).__name__}</caption>{rows}</table>"


def _shown(value: object) -> str:  # noqa: PLR0911 - one return per kind of field
    """A field's value in a notebook table cell."""
    if value is None:
        return "—"
    if isinstance(value, Text):
        return f"{value.en} · {value.vi}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Pillar):
        return value.id
    if isinstance(value, SourceRef):
        return f"paragraph {value.paragraph}"
    if isinstance(value, Period):
        return f"{value.start} – {value.end}" + (
            "" if value.stated else " (not stated)"
        )
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    return str(value)


@attrs.frozen(slots=True)
class Text:
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


@attrs.frozen(slots=True)
class Period:
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
            raise FieldError("end", msg)

    def overlaps(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Tell whether the period shares a day with *start* .. *end*.

        Args:
            start: The first day of the span asked about.
            end: Its last day; a single day when omitted.

        Returns:
            ``True`` when at least one day lies in both spans.
        """
        return self.start <= (start if end is None else end) and start <= self.end


@attrs.frozen(slots=True)
class SourceRef:
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
            raise FieldError("paragraph", msg)


@attrs.frozen(slots=True)
class Source:
    """The article every record is drawn from.

    Attributes:
        title: The headline as published (Vietnamese) and in English.
        outlet: The publication.
        author: The byline.
        published: When it was published, with its UTC offset (+07:00).
        language: The language of the article, as a BCP 47 tag.
        url: Where it is published, when known; the bundled report leaves it
            empty because the article as kept does not say.

    .. versionadded:: 0.1.0
    """

    title: Text = attrs.field(validator=_exactly(Text))
    outlet: str = attrs.field(validator=_nonempty_str)
    author: str = attrs.field(validator=_nonempty_str)
    published: dt.datetime = attrs.field(validator=_exactly(dt.datetime))
    language: str = attrs.field(validator=[_nonempty_str, _language_tag])
    url: str | None = attrs.field(default=None, validator=_optional_str)

    def __attrs_post_init__(self) -> None:
        if self.published.utcoffset() is None:
            msg = f"needs a UTC offset, got {self.published.isoformat()}"
            raise FieldError("published", msg)

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


@attrs.frozen(slots=True)
class Pillar(_Record):
    """One of the three pillars of digital transformation.

    Attributes:
        id: ``"digital-government"``, ``"digital-economy"`` or
            ``"digital-society"`` in the bundled report.
        name: The pillar's name.
        description: What the pillar covers, in a sentence.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    name: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))


@attrs.frozen(slots=True)
class Indicator(_Record):
    """One figure of the article, with everything needed to cite it.

    >>> import vinhphuc_dx
    >>> fig = vinhphuc_dx.load().indicators.get("gov.documents.signing-rate")
    >>> fig.value, fig.unit.value, fig.source.paragraph
    (Decimal('99.7'), 'percent', 11)

    Attributes:
        id: A stable, readable slug such as ``gov.online-services.total``.
        pillar: The pillar it belongs to; ``None`` for a figure that spans
            them all (the budget).
        label: A short name.
        description: What exactly is counted or measured, in a sentence.
        value: The number as the article states it.
        unit: What the number counts or measures.
        qualifier: Whether the article says "over" or "about".
        estimated: Whether the article calls it an estimate.
        period: The span of time it covers.
        source: The paragraph that states it.
        parts: Ids of the figures that add up to this one.
        part_of: Id of a figure this one is a subset of.
        numerator: For a stated rate, the id of the figure counted.
        denominator: For a stated rate, the id of the figure it is out of.
        note: What a careful reader should know: a slip in the article, an
            oddity kept as stated.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    pillar: Pillar | None = attrs.field(validator=_optional(Pillar))
    label: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))
    value: Value = attrs.field(validator=_figure)
    unit: Unit = attrs.field(validator=_exactly(Unit))
    qualifier: Qualifier = attrs.field(validator=_exactly(Qualifier))
    estimated: bool = attrs.field(validator=_exactly(bool))
    period: Period = attrs.field(validator=_exactly(Period))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    parts: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    part_of: str | None = attrs.field(default=None, validator=_optional_id)
    numerator: str | None = attrs.field(default=None, validator=_optional_id)
    denominator: str | None = attrs.field(default=None, validator=_optional_id)
    note: Text | None = attrs.field(default=None, validator=_optional(Text))

    def __attrs_post_init__(self) -> None:
        if (self.numerator is None) != (self.denominator is None):
            msg = "a rate names both its numerator and its denominator, or neither"
            raise FieldError("numerator", msg)
        own = self.id
        if own in self.parts or own in (self.part_of, self.numerator, self.denominator):
            msg = f"{own!r} cannot relate to itself"
            raise FieldError("parts", msg)

    @property
    def related_ids(self) -> tuple[str, ...]:
        """The ids of every figure this one names in a relation."""
        named = (self.part_of, self.numerator, self.denominator)
        return self.parts + tuple(i for i in named if i is not None)


@attrs.frozen(slots=True)
class Directive(_Record):
    """A numbered directive (chỉ thị) the article names.

    Attributes:
        id: A readable slug, ``directive.23`` in the bundled report.
        number: The number as written: ``"05"``, not ``5``.
        kind: Always :attr:`InstrumentKind.DIRECTIVE` for these.
        issuer: Who issued it.
        subject: What it is about.
        source: The paragraph that names it.
        note: A slip in the article's wording of it, if any.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    number: str = attrs.field(validator=_nonempty_str)
    kind: InstrumentKind = attrs.field(
        validator=[_exactly(InstrumentKind), _directive_kind]
    )
    issuer: Text = attrs.field(validator=_exactly(Text))
    subject: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))


@attrs.frozen(slots=True)
class PolicyInstrument(_Record):
    """Another policy instrument the article names, one with no number.

    Attributes:
        id: A readable slug.
        kind: Architecture, criteria set, regulation, and so on.
        title: Its name, or what it governs when the article gives no name.
        source: The paragraph that names it.
        note: Anything the article leaves open about it.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    kind: InstrumentKind = attrs.field(validator=_exactly(InstrumentKind))
    title: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))


@attrs.frozen(slots=True)
class InvestmentProject(_Record):
    """An investment project the article reports on.

    Attributes:
        id: A readable slug.
        name: The project's name.
        investor: Who invests.
        location: Where it is to be built, when the article says.
        status: Where it stands, as the article puts it.
        milestone: The next milestone the article sets, if any.
        coordinator: Who is charged with following it up, if the article says.
        source: The paragraph that reports it.
        note: What the article leaves open about it.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    name: Text = attrs.field(validator=_exactly(Text))
    investor: Text = attrs.field(validator=_exactly(Text))
    location: Text | None = attrs.field(validator=_optional(Text))
    status: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    milestone: Text | None = attrs.field(default=None, validator=_optional(Text))
    coordinator: Text | None = attrs.field(default=None, validator=_optional(Text))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))


@attrs.frozen(slots=True)
class Goal(_Record):
    """An aim the article states for the years ahead.

    Attributes:
        id: A readable slug.
        label: The aim in a few words.
        description: The aim in a sentence.
        horizon: The year it is set for, when the article gives one.
        source: The paragraph that states it.
        note: A slip in the article's wording of it, or who it is asked of.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_id)
    label: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))
    horizon: int | None = attrs.field(validator=_optional(int))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))


@attrs.frozen(slots=True)
class AdministrativeContext:
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

    .. versionadded:: 0.1.0
    """

    former_province: Text = attrs.field(validator=_exactly(Text))
    successor: Text = attrs.field(validator=_exactly(Text))
    merged: tuple[Text, ...] = attrs.field(validator=_tuple_of(Text))
    effective: dt.date = attrs.field(validator=_exactly(dt.date))
    districts_abolished: bool = attrs.field(validator=_exactly(bool))
    description: Text = attrs.field(validator=_exactly(Text))


def field_types(cls: type) -> dict[str, tuple[Any, bool]]:
    """Map each field of a record class to (type without None, may be None).

    >>> field_types(SourceRef)
    {'paragraph': (<class 'int'>, False)}
    """
    hints = attrs.resolve_types(cls)
    result: dict[str, tuple[Any, bool]] = {}
    for field in attrs.fields(hints):
        args = typing.get_args(field.type)
        if type(None) in args:
            rest = tuple(a for a in args if a is not type(None))
            result[field.name] = (rest[0] if len(rest) == 1 else Union[rest], True)  # noqa: UP007
        else:
            result[field.name] = (field.type, False)
    return result


#: The version of the file format this release reads and writes.
FORMAT_VERSION = 1


@attrs.frozen(slots=True)
class Report:
    """A whole report: its source and every record drawn from it.

    Reports compare equal by value. Building one checks that ids are unique
    within each collection, that every relation names an indicator of the
    report, and that every indicator's pillar is one of the report's pillars.

    >>> import vinhphuc_dx
    >>> report = vinhphuc_dx.load()
    >>> len(report.pillars), report.source.published.isoformat()
    (3, '2024-12-27T14:15:24+07:00')

    Attributes:
        format_version: The version of the file format.
        revision: The revision of the data; it grows whenever a figure or a
            locator is corrected.
        source: The article.
        context: The later administrative reorganisation.
        pillars: The pillars, in the article's order.
        indicators: Every figure, in the article's order.
        directives: The numbered directives.
        instruments: The other policy instruments.
        projects: The investment projects.
        goals: The aims stated for the years ahead.

    .. versionadded:: 0.1.0
    """

    format_version: int = attrs.field(validator=_exactly(int))
    revision: int = attrs.field(validator=[_exactly(int), _at_least_one])
    source: Source = attrs.field(validator=_exactly(Source))
    context: AdministrativeContext = attrs.field(
        validator=_exactly(AdministrativeContext)
    )
    pillars: Records[Pillar] = attrs.field(
        converter=_records, validator=_records_of(Pillar)
    )
    indicators: Records[Indicator] = attrs.field(
        converter=_records, validator=_records_of(Indicator)
    )
    directives: Records[Directive] = attrs.field(
        converter=_records, validator=_records_of(Directive)
    )
    instruments: Records[PolicyInstrument] = attrs.field(
        converter=_records, validator=_records_of(PolicyInstrument)
    )
    projects: Records[InvestmentProject] = attrs.field(
        converter=_records, validator=_records_of(InvestmentProject)
    )
    goals: Records[Goal] = attrs.field(converter=_records, validator=_records_of(Goal))

    def __attrs_post_init__(self) -> None:
        problems = _integrity_problems(self)
        if problems:
            raise FieldError(*problems[0], more=tuple(problems[1:]))
        for name in COLLECTIONS:
            records = getattr(self, name)
            if records._source is None:  # noqa: SLF001 - the model owns its Records
                records._source = self.source  # noqa: SLF001
            elif records._source != self.source:  # noqa: SLF001
                # Records taken from another report: a copy carries this source.
                copy: Records[Any] = Records(records)
                copy._source = self.source  # noqa: SLF001
                object.__setattr__(self, name, copy)

    def check(self) -> tuple[Finding, ...]:
        """Check every relation the report states, and every share.

        Returns:
            One :class:`Finding` for every stated sum, rate and subset, and
            one for every value that cannot be true as stated (a share over
            100 %). The report itself is never changed.

        >>> import vinhphuc_dx
        >>> [f.indicators for f in vinhphuc_dx.load().check() if not f.holds]
        [('econ.enterprises.e-tax-registration-share',)]

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx.checks import check  # noqa: PLC0415 - not every user checks

        return check(self)


#: The names of a report's collections of records, in the file's order.
COLLECTIONS = (
    "pillars",
    "indicators",
    "directives",
    "instruments",
    "projects",
    "goals",
)


def _lookalike_ids(name: str, first: dict[str, int]) -> list[tuple[str, str]]:
    """Ids of one collection that differ only by Unicode normalisation (NFKC)."""
    if all(i.isascii() for i in first):  # ASCII is its own NFKC form
        return []
    folded: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for id_ in sorted(first, key=first.__getitem__):
        other = folded.setdefault(unicodedata.normalize("NFKC", id_), id_)
        if other != id_:
            reason = (
                f"the id {id_!r} differs from {other!r} ({name}[{first[other]}]) "
                "only by Unicode normalisation"
            )
            problems.append((f"{name}[{first[id_]}].id", reason))
    return problems


def _unknown_parts(
    index: int, indicator: Indicator, known: set[str | None]
) -> list[tuple[str, str]]:
    """One problem naming the first few unknown ids of *indicator*'s parts.

    One, not one per id: a file of a million unknown parts gives one line.
    """
    missing = [p for p in indicator.parts if p not in known]
    if not missing:
        return []
    shown = ", ".join(repr(_cut(p)) for p in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    reason = f"names no indicator of this report: {shown}{more}"
    return [(f"indicators[{index}].parts", reason)]


def _integrity_problems(report: Report) -> list[tuple[str, str]]:
    """Every broken id and reference of *report*, as (place, reason) pairs."""
    problems: list[tuple[str, str]] = []
    for name in COLLECTIONS:
        first: dict[str, int] = {}
        for i, record in enumerate(getattr(report, name)):
            seen = first.setdefault(record.id, i)
            if seen != i:
                reason = f"duplicate id {record.id!r} (first at {name}[{seen}])"
                problems.append((f"{name}[{i}].id", reason))
        problems.extend(_lookalike_ids(name, first))
    pillars = {pillar.id: pillar for pillar in report.pillars}
    # None included: an absent relation names nothing.
    known: set[str | None] = {None, *(indicator.id for indicator in report.indicators)}
    for i, indicator in enumerate(report.indicators):
        pillar = indicator.pillar
        # The same object, as loading gives, or an equal one built in code;
        # looked up by id, since hashing a Pillar hashes all its texts.
        if pillar is not None:
            ours = pillars.get(pillar.id)
            if ours is not pillar and ours != pillar:
                reason = f"unknown pillar {pillar.id!r}"
                problems.append((f"indicators[{i}].pillar", reason))
        singles = (indicator.part_of, indicator.numerator, indicator.denominator)
        # Checked together first: almost every indicator names only known ids.
        if known.issuperset(singles) and known.issuperset(indicator.parts):
            continue
        problems.extend(_unknown_parts(i, indicator, known))
        named = zip(("part_of", "numerator", "denominator"), singles, strict=True)
        for field, ref in named:
            if ref not in known:
                reason = f"names no indicator of this report: {_cut(ref)!r}"  # type: ignore[arg-type]
                problems.append((f"indicators[{i}].{field}", reason))
    return problems
