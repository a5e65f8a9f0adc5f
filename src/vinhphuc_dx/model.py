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
    "LANGUAGES",
    "AdministrativeContext",
    "Directive",
    "Goal",
    "Indicator",
    "InstrumentKind",
    "InvestmentProject",
    "Period",
    "Person",
    "Pillar",
    "PolicyInstrument",
    "Qualifier",
    "Report",
    "Source",
    "SourceRef",
    "Statement",
    "Text",
    "Unit",
    "Value",
    "format_number",
]

#: The type of a figure: an :class:`int`, or a :class:`~decimal.Decimal` when
#: the article writes decimals (``99.7``), so that no figure passes through a
#: float.
Value = int | Decimal


# ---------------------------------------------------------------- validators
# Hand-written rather than attrs.validators.instance_of(...) composites: these
# run for every record of a report (100,000 in the benchmark), and one call
# that checks and explains is both faster and clearer than a chain.


#: Control characters no text holds: C0 but tab, line feed, carriage return
#: (NUL has its own message above).
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def _some_str(attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string holding no NUL."""
    if type(value) is not str:
        raise FieldError(attribute.name, f"expected a string, got {value!r}")
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")
    if "\x00" in value:
        # Exports mark exact decimals with NUL (see _loading.dump_json).
        raise FieldError(attribute.name, f"must not hold a NUL character: {value!r}")


def _nonempty_str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _some_str(attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    control = _CONTROL.search(value)
    if control:
        # No spreadsheet cell or XML document can hold one (openpyxl refuses).
        code = f"U+{ord(control.group()):04X}"
        raise FieldError(attribute.name, f"must not hold a control character ({code})")


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


def _nfc(value: object) -> object:
    """Compose a string (NFC), so that a name typed two ways compares equal."""
    if type(value) is str and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


#: The most words a figure's ``as_written`` may have.
AS_WRITTEN_WORDS = 8


def _as_written(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    _nonempty_str(obj, attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    words = len(value.split())
    if words > AS_WRITTEN_WORDS:
        msg = f"at most {AS_WRITTEN_WORDS} words as printed, got {words}: {value!r}"
        raise FieldError(attribute.name, msg)
    if value != value.strip():
        raise FieldError(attribute.name, f"has spaces at an end: {value!r}")


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _some_str(attribute, value)  # control characters: the id's own rule below
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


_SUBDIVISION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")


def _optional_subdivision(
    _: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An ISO 3166-2 subdivision code such as ``VN-70``, or None."""
    if value is None:
        return
    if type(value) is not str or not _SUBDIVISION.fullmatch(value):
        msg = f"expected an ISO 3166-2 code such as 'VN-70', got {value!r}"
        raise FieldError(attribute.name, msg)


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

    def __str__(self) -> str:
        """The unit in English words: ``"percent"``, ``"billion VND"``.

        >>> str(Unit.PERCENT), str(Unit.BILLION_VND)
        ('percent', 'billion VND')

        .. versionadded:: 0.2.0
        """
        return _UNIT_WORDS[self]


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
        return _QUALIFIER_WORDS[self]


_UNIT_WORDS = {
    Unit.COUNT: "count",
    Unit.PERCENT: "percent",
    Unit.BILLION_VND: "billion VND",
}
_QUALIFIER_WORDS = {
    Qualifier.EXACT: "exactly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.APPROXIMATELY: "about",
}

#: How a figure reads, language by language: the qualifier's word before
#: the number, the unit after it, the word for an estimate and a paragraph.
_READS: dict[str, dict[object, str]] = {
    "en": {
        Qualifier.EXACT: "",
        Qualifier.MORE_THAN: "over ",
        Qualifier.APPROXIMATELY: "about ",
        Unit.COUNT: "",
        Unit.PERCENT: " %",
        Unit.BILLION_VND: " billion VND",
        "estimate": "estimate",
        "paragraph": "paragraph",
    },
    "vi": {
        Qualifier.EXACT: "",
        Qualifier.MORE_THAN: "trên ",
        Qualifier.APPROXIMATELY: "khoảng ",
        Unit.COUNT: "",
        Unit.PERCENT: " %",
        Unit.BILLION_VND: " tỷ đồng",
        "estimate": "ước tính",
        "paragraph": "đoạn",
    },
}

#: The languages a record can be described in.
LANGUAGES = ("en", "vi")


def _words(lang: str) -> dict[object, str]:
    try:
        return _READS[lang]
    except (KeyError, TypeError):
        msg = f"lang={lang!r} is not one of {', '.join(map(repr, LANGUAGES))}"
        raise ValueError(msg) from None


def format_number(value: Value, lang: str = "en") -> str:
    """Write *value* with digits grouped as *lang* groups them.

    English groups thousands with a comma and marks decimals with a point;
    Vietnamese does the reverse. The digits are those stated: ``99.7``
    stays ``99.7``, never ``99.70``.

    >>> from decimal import Decimal
    >>> from vinhphuc_dx.model import format_number
    >>> format_number(1350000), format_number(Decimal("99.7"))
    ('1,350,000', '99.7')
    >>> format_number(1350000, "vi"), format_number(Decimal("99.7"), "vi")
    ('1.350.000', '99,7')

    Args:
        value: A figure's value.
        lang: ``"en"`` or ``"vi"``.

    Returns:
        The number as text.

    Raises:
        ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

    .. versionadded:: 0.2.0
    """
    _words(lang)
    text = f"{value:,}"
    return text.translate(_VI_DIGITS) if lang == "vi" else text


_VI_DIGITS = str.maketrans(",.", ".,")


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

    def describe(self, lang: str = "en") -> str:
        """The record in a line, as a person reads it, in *lang*.

        Its label (or name, title, subject) and the paragraph that states
        it; a figure also gives its value as the article states it.

        >>> import vinhphuc_dx
        >>> report = vinhphuc_dx.load()
        >>> report.pillars.get("digital-society").describe()
        'Digital society'
        >>> report.directives.get("directive.05").describe()[-13:]
        '(paragraph 5)'
        >>> report.indicators.get("budget.total").describe("vi")
        'Ngân sách đầu tư cho chuyển đổi số 2014–2024: trên 1.283 tỷ đồng (đoạn 3)'

        Args:
            lang: ``"en"`` (the default, also what ``str()`` gives) or
                ``"vi"``.

        Returns:
            One line of text.

        Raises:
            ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

        .. versionadded:: 0.2.0
        """
        words = _words(lang)
        from vinhphuc_dx.query import _texts  # noqa: PLC0415 - query sits below

        label, _ = _texts(self)
        name = (label[0] if lang == "vi" else label[1]) if label else self.id  # type: ignore[attr-defined]
        source = getattr(self, "source", None)
        where = f" ({words['paragraph']} {source.paragraph})" if source else ""
        return name + where

    def __str__(self) -> str:
        return self.describe()

    def cite(self, style: str = "apa", *, source: Source | None = None) -> str:
        """Return a citation of this record: what it says, its paragraph, the article.

        A figure is named as stated: value, qualifier, unit, estimate,
        period and, where the record has it, the figure as written.

        >>> import vinhphuc_dx
        >>> budget = vinhphuc_dx.load().indicators.get("budget.total")
        >>> print(budget.cite("apa")[:70])
        Budget for investment in digital transformation, 2014–2024: over 1,283

        Args:
            style: ``"apa"``, ``"bibtex"`` (the paragraph and the figure in
                ``note``) or ``"csl-json"`` (a CSL citation object: the
                article as ``itemData``, ``locator`` the paragraph, ``label``
                ``"paragraph"``).
            source: The article the record comes from; the bundled report's
                when omitted. Pass ``report.source`` for a record of a report
                loaded from a file.

        Returns:
            The citation text, ending in a newline.

        Raises:
            ValueError: *style* is unknown, or the record has no paragraph
                (a pillar): cite the article with :meth:`Source.cite`.

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._cite import cite_record  # noqa: PLC0415 - only when citing

        return cite_record(self, source, style)


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
            and not _CONTROL.search(vi)
            and not _CONTROL.search(en)
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
            raise FieldError("paragraphs", msg)
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
        as_written: The figure exactly as the article prints it: a span of
            at most eight words of its paragraph that spells the value
            (``"trên 1.283 tỷ đồng"``, ``"99.7%"``). ``None`` only for a
            report read from a version-1 file, which does not record it.
        attributed_to: The id of the :class:`Person` the article attributes
            the figure to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *as_written* and *attributed_to*.
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
    as_written: str | None = attrs.field(
        default=None, converter=_nfc, validator=_as_written
    )
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)

    def __attrs_post_init__(self) -> None:
        if (self.numerator is None) != (self.denominator is None):
            msg = "a rate names both its numerator and its denominator, or neither"
            raise FieldError("numerator", msg)
        own = self.id
        if own in self.parts or own in (self.part_of, self.numerator, self.denominator):
            msg = f"{own!r} cannot relate to itself"
            raise FieldError("parts", msg)

    def value_text(self, lang: str = "en") -> str:
        """The value as a person reads it: qualifier, number, unit, estimate.

        >>> import vinhphuc_dx
        >>> share = vinhphuc_dx.load().indicators.get("econ.digital-economy.grdp-share")
        >>> share.value_text(), share.value_text("vi")
        ('about 21 % (estimate)', 'khoảng 21 % (ước tính)')

        Args:
            lang: ``"en"`` or ``"vi"``: the words, and how digits are grouped.

        Returns:
            The value in words and digits.

        Raises:
            ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

        .. versionadded:: 0.2.0
        """
        words = _words(lang)
        number = format_number(self.value, lang)
        estimate = f" ({words['estimate']})" if self.estimated else ""
        return f"{words[self.qualifier]}{number}{words[self.unit]}{estimate}"

    def describe(self, lang: str = "en") -> str:
        """The figure in a line, as the article gives it, in *lang*.

        ``str(figure)`` is ``figure.describe()``, in English.

        >>> import vinhphuc_dx
        >>> figures = vinhphuc_dx.load().indicators
        >>> print(figures.get("gov.online-services.full-process"))
        Fully online public services: 954 (paragraph 10)
        >>> print(figures.get("budget.total").describe(lang="vi"))
        Ngân sách đầu tư cho chuyển đổi số 2014–2024: trên 1.283 tỷ đồng (đoạn 3)

        Args:
            lang: ``"en"`` or ``"vi"``.

        Returns:
            Its label, its value read in words, and its paragraph.

        Raises:
            ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

        .. versionadded:: 0.2.0
        """
        words = _words(lang)
        label = self.label.vi if lang == "vi" else self.label.en
        number = format_number(self.value, lang)
        notes = [words["estimate"]] if self.estimated else []
        notes.append(f"{words['paragraph']} {self.source.paragraph}")
        return (
            f"{label}: {words[self.qualifier]}{number}{words[self.unit]}"
            f" ({', '.join(notes)})"
        )

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
        attributed_to: The id of the :class:`Person` the article attributes
            it to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *attributed_to*.
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
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)


@attrs.frozen(slots=True)
class PolicyInstrument(_Record):
    """Another policy instrument the article names, one with no number.

    Attributes:
        id: A readable slug.
        kind: Architecture, criteria set, regulation, and so on.
        title: Its name, or what it governs when the article gives no name.
        source: The paragraph that names it.
        note: Anything the article leaves open about it.
        attributed_to: The id of the :class:`Person` the article attributes
            it to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *attributed_to*.
    """

    id: str = attrs.field(validator=_id)
    kind: InstrumentKind = attrs.field(validator=_exactly(InstrumentKind))
    title: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)


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
        attributed_to: The id of the :class:`Person` the article attributes
            it to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *attributed_to*.
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
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)


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
        attributed_to: The id of the :class:`Person` the article attributes
            it to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *attributed_to*.
    """

    id: str = attrs.field(validator=_id)
    label: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))
    horizon: int | None = attrs.field(validator=_optional(int))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)


@attrs.frozen(slots=True)
class Person(_Record):
    """A person the article names.

    >>> import vinhphuc_dx
    >>> chairman = vinhphuc_dx.load().get("person.tran-duy-dong")
    >>> chairman.name, chairman.source.paragraph
    ('Trần Duy Đông', 16)

    Attributes:
        id: A readable slug, ``person.<name without diacritics>``.
        name: The name as the article writes it, with its diacritics.
        role: The office the article gives the person.
        source: The first paragraph that names the person.

    .. versionadded:: 0.2.0
    """

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(converter=_nfc, validator=_nonempty_str)
    role: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))


@attrs.frozen(slots=True)
class Statement(_Record):
    """A claim of the article that no figure, directive or goal holds.

    >>> import vinhphuc_dx
    >>> first = vinhphuc_dx.load().statements.get("statement.first-to-assign-targets")
    >>> first.source.paragraph, first.pillar is None
    (6, True)

    Attributes:
        id: A readable slug, ``statement.<what it says>``.
        pillar: The pillar it is about; ``None`` when it spans them or
            belongs to none.
        label: The claim in a few words.
        text: The claim in a sentence, in the project's own words.
        source: The paragraph that makes it.
        attributed_to: The id of the :class:`Person` the article attributes
            it to, or ``None`` where it names no one.
        note: What the article leaves open about it.

    .. versionadded:: 0.2.0
    """

    id: str = attrs.field(validator=_id)
    pillar: Pillar | None = attrs.field(validator=_optional(Pillar))
    label: Text = attrs.field(validator=_exactly(Text))
    text: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    attributed_to: str | None = attrs.field(default=None, validator=_optional_id)
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


#: The version of the file format this release writes.
FORMAT_VERSION = 2

#: Every version of the file format this release reads.
READ_VERSIONS = (1, 2)


@attrs.frozen(slots=True)
class Report:
    """A whole report: its source and every record drawn from it.

    Reports compare equal by value. Building one checks that ids are unique
    across the whole report, that every relation names an indicator of the
    report, that every pillar a record names is one of the report's pillars,
    and that every ``attributed_to`` names one of its people.

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
        people: The people the article names.
        statements: The article's claims that no other record holds.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *people*, *statements* and :meth:`get`.
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
    people: Records[Person] = attrs.field(
        factory=Records, converter=_records, validator=_records_of(Person)
    )
    statements: Records[Statement] = attrs.field(
        factory=Records, converter=_records, validator=_records_of(Statement)
    )

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
        # Each collection knows its siblings, so that get() on one can say
        # that an id belongs to another (query cannot import this module).
        siblings = tuple((name, getattr(self, name)) for name in COLLECTIONS)
        for _, records in siblings:
            if not records._siblings:  # noqa: SLF001
                records._siblings = siblings  # noqa: SLF001

    def get(self, id: str) -> Any:  # noqa: A002 - the name every collection uses
        """Return the record of any kind whose id is *id*.

        Ids are unique across the whole report, so one id names one record:
        an indicator, a directive, a person, a statement, and so on.

        >>> import vinhphuc_dx
        >>> report = vinhphuc_dx.load()
        >>> type(report.get("directive.05")).__name__
        'Directive'
        >>> report.get("person.bui-hong-do").name
        'Bùi Hồng Đô'

        Args:
            id: The record's id.

        Returns:
            The record.

        Raises:
            UnknownIdError: No record has that id; the message names the
                closest ids.

        .. versionadded:: 0.2.0
        """
        for name in COLLECTIONS:
            found = getattr(self, name).get(id, None)
            if found is not None:
                return found
        everything: Records[Any] = Records(
            record for name in COLLECTIONS for record in getattr(self, name)
        )
        return everything.get(id)  # raises UnknownIdError, naming the closest

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
    "people",
    "statements",
)


def _past_the_end(report: Report) -> list[tuple[str, str]]:
    """Every record citing a paragraph past the article's last, if known."""
    last = report.source.paragraphs
    problems: list[tuple[str, str]] = []
    if last is None:
        return problems
    for name in COLLECTIONS:
        for i, record in enumerate(getattr(report, name)):
            source = getattr(record, "source", None)
            if source is not None and source.paragraph > last:
                reason = (
                    f"paragraph {source.paragraph} is past the article's last, {last}"
                )
                problems.append((f"{name}[{i}].source.paragraph", reason))
    return problems


def _lookalike_ids(first: dict[str, str]) -> list[tuple[str, str]]:
    """Ids that differ only by Unicode normalisation (NFKC), anywhere in a report.

    Args:
        first: Each id and the place of the record that has it, in the
            report's order.
    """
    if all(i.isascii() for i in first):  # ASCII is its own NFKC form
        return []
    folded: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for id_, place in first.items():
        other = folded.setdefault(unicodedata.normalize("NFKC", id_), id_)
        if other != id_:
            reason = (
                f"the id {id_!r} differs from {other!r} ({first[other]}) "
                "only by Unicode normalisation"
            )
            problems.append((f"{place}.id", reason))
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
    problems = _duplicate_ids(report)
    problems += _past_the_end(report)
    pillars = {pillar.id: pillar for pillar in report.pillars}
    problems += _attribution_problems(report)
    for i, statement in enumerate(report.statements):
        pillar = statement.pillar
        if pillar is not None and pillars.get(pillar.id) != pillar:
            reason = f"unknown pillar {pillar.id!r}"
            problems.append((f"statements[{i}].pillar", reason))
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


def _duplicate_ids(report: Report) -> list[tuple[str, str]]:
    """Every id used a second time, in any collection of *report*."""
    problems: list[tuple[str, str]] = []
    first: dict[str, str] = {}
    for name in COLLECTIONS:
        for i, record in enumerate(getattr(report, name)):
            place = f"{name}[{i}]"
            seen = first.setdefault(record.id, place)
            if seen != place:
                reason = f"duplicate id {record.id!r} (first at {seen})"
                problems.append((f"{place}.id", reason))
    return problems + _lookalike_ids(first)


#: The collections whose records may be attributed to a person.
ATTRIBUTED = (
    "indicators",
    "directives",
    "instruments",
    "projects",
    "goals",
    "statements",
)


def _attribution_problems(report: Report) -> list[tuple[str, str]]:
    """Every ``attributed_to`` that names no person of *report*."""
    people: set[str | None] = {None, *(person.id for person in report.people)}
    problems: list[tuple[str, str]] = []
    for name in ATTRIBUTED:
        for i, record in enumerate(getattr(report, name)):
            if record.attributed_to not in people:
                reason = f"names no person of this report: {record.attributed_to!r}"
                problems.append((f"{name}[{i}].attributed_to", reason))
    return problems
