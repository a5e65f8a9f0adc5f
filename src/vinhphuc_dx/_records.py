"""The record classes: one frozen attrs class for each kind of record.

The validators run on every construction, so an impossible record cannot be
built in code either: a report file is checked by the same rules. What every
record shares (a line of text, a citation, a notebook table) is
:class:`_Record`'s. All are importable from ``vinhphuc_dx``.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from vinhphuc_dx._validators import (
    REFERENCE,
    _as_written,
    _exactly,
    _figure,
    _id,
    _ids,
    _nfc,
    _nonempty_str,
    _optional,
    _optional_id,
)
from vinhphuc_dx._values import (
    InstrumentKind,
    Period,
    Qualifier,
    Shown,
    SourceRef,
    Text,
    Unit,
    Value,
)
from vinhphuc_dx._vocabulary import amount, label_of, words
from vinhphuc_dx.exceptions import FieldError

if TYPE_CHECKING:
    from collections.abc import Callable

    from vinhphuc_dx._values import Source


def _reference() -> Any:
    """A field naming another record by its id, or ``None`` (the default)."""
    return attrs.field(default=None, validator=_optional_id, metadata=REFERENCE)


def _cell(value: object) -> str:
    """A field's value in a notebook table's cell."""
    if value is None or value == ():
        return "—"
    shown = _CELLS.get(type(value))
    if shown is not None:
        return shown(value)
    return str(value.value if isinstance(value, enum.Enum) else value)


@attrs.frozen(repr=False, eq=False)
class _Record(Shown):
    """What every record shares: an id, a line of text, a citation, a notebook table."""

    #: The field that names a record of this class (see
    #: :func:`vinhphuc_dx._vocabulary.label_of`).
    label_field: ClassVar[str] = "label"

    id: str = attrs.field(validator=_id)

    def _repr_html_(self) -> str:
        """Each field and its value, for Jupyter and other notebooks."""
        import html  # notebooks only

        cells = [
            (f.name, html.escape(_cell(getattr(self, f.name))))
            for f in attrs.fields(type(self))
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
        source = getattr(self, "source", None)
        where = f" ({words(lang)['paragraph']} {source.paragraph})" if source else ""
        return label_of(self, lang) + where

    def __str__(self) -> str:
        return self.describe()

    def cite(self, style: str = "apa", *, source: Source | None = None) -> str:
        """Return a citation of this record: what it says, its paragraph, the article.

        A figure is named as stated: value, qualifier, unit, estimate,
        period and the figure as written.

        >>> import vinhphuc_dx
        >>> budget = vinhphuc_dx.load().indicators.get("budget.total")
        >>> print(budget.cite("apa")[:70])
        Budget for investment in digital transformation, 2014–2024: over 1,283

        Args:
            style: ``"apa"``, ``"bibtex"`` (the paragraph and the figure in
                ``note``) or ``"csl-json"`` (a CSL citation object: the
                article as ``itemData``, ``locator`` the paragraph, ``label``
                ``"paragraph"``).
            source: The article to cite; by default the one the record was
                read from (``record.source.article``). Pass it for a record
                built in code.

        Returns:
            The citation text, ending in a newline.

        Raises:
            ValueError: *style* is unknown, or the record has no paragraph
                (a pillar): cite the article with :meth:`Source.cite`; or it
                knows no article and no *source* is given.

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._cite import cite_record  # only when citing

        return cite_record(self, source, style)


@attrs.frozen(repr=False, eq=False)
class Pillar(_Record):
    """One of the three pillars of digital transformation.

    Attributes:
        id: ``"digital-government"``, ``"digital-economy"`` or
            ``"digital-society"`` in the bundled report.
        name: The pillar's name.
        description: What the pillar covers, in a sentence.

    .. versionadded:: 0.1.0
    """

    label_field = "name"

    name: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))


@attrs.frozen(repr=False, eq=False)
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
            at most eight words of its paragraph, on one line, that spells
            the value (``"trên 1.283 tỷ đồng"``, ``"99.7%"``). ``None`` only
            for a report read from a version-1 file, which does not record it.
        attributed_to: The id of the :class:`Person` the article attributes
            the figure to, or ``None`` where it names no one.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0
       *as_written* and *attributed_to*.
    """

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
    part_of: str | None = _reference()
    numerator: str | None = _reference()
    denominator: str | None = _reference()
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    as_written: str | None = attrs.field(
        default=None, converter=_nfc, validator=_as_written
    )
    attributed_to: str | None = _reference()

    def __attrs_post_init__(self) -> None:
        if (self.numerator is None) != (self.denominator is None):
            msg = "a rate names both its numerator and its denominator, or neither"
            raise FieldError("numerator", msg)
        own = self.id
        if own in self.parts or own in (self.part_of, self.numerator, self.denominator):
            msg = f"{own!r} cannot relate to itself"
            raise FieldError("parts", msg)
        if self.unit is Unit.COUNT and type(self.value) is not int:
            msg = f"a count is a whole number, written without a point: {self.value}"
            raise FieldError("value", msg)

    def value_text(self, lang: str = "en") -> str:
        """The value as a person reads it: qualifier, number, unit, estimate.

        >>> import vinhphuc_dx
        >>> share = vinhphuc_dx.load().indicators.get("econ.digital-economy.grdp-share")
        >>> share.value_text(), share.value_text("vi")
        ('about 21% (estimate)', 'khoảng 21% (ước tính)')

        Args:
            lang: ``"en"`` or ``"vi"``: the words, and how digits are grouped.

        Returns:
            The value in words and digits.

        Raises:
            ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

        .. versionadded:: 0.2.0
        """
        figure = amount(self.value, self.unit.value, self.qualifier.value, lang)
        return f"{figure} ({words(lang)['estimate']})" if self.estimated else figure

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
        said = words(lang)
        figure = amount(self.value, self.unit.value, self.qualifier.value, lang)
        notes = [said["estimate"]] if self.estimated else []
        notes.append(f"{said['paragraph']} {self.source.paragraph}")
        return f"{label_of(self, lang)}: {figure} ({', '.join(notes)})"

    @property
    def related_ids(self) -> tuple[str, ...]:
        """The ids of every figure this one names in a relation."""
        named = (self.part_of, self.numerator, self.denominator)
        return self.parts + tuple(i for i in named if i is not None)


#: How a notebook table shows a field's value, by its type (see _cell).
_CELLS: dict[type, Callable[[Any], str]] = {
    tuple: lambda ids: ", ".join(map(str, ids)),
    Text: lambda text: f"{text.en} · {text.vi}",
    Pillar: lambda pillar: str(pillar.id),
    SourceRef: lambda ref: f"paragraph {ref.paragraph}",
    Period: lambda p: f"{p.start} – {p.end}{'' if p.stated else ' (not stated)'}",
}


def _directive_kind(obj: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _exactly(InstrumentKind)(obj, attribute, value)
    if value is not InstrumentKind.DIRECTIVE:
        msg = f"a directive's kind is 'directive', got {value.value!r}"
        raise FieldError(attribute.name, msg)


@attrs.frozen(repr=False, eq=False)
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

    label_field = "subject"

    number: str = attrs.field(validator=_nonempty_str)
    kind: InstrumentKind = attrs.field(validator=_directive_kind)
    issuer: Text = attrs.field(validator=_exactly(Text))
    subject: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = _reference()


@attrs.frozen(repr=False, eq=False)
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

    label_field = "title"

    kind: InstrumentKind = attrs.field(validator=_exactly(InstrumentKind))
    title: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = _reference()


@attrs.frozen(repr=False, eq=False)
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

    label_field = "name"

    name: Text = attrs.field(validator=_exactly(Text))
    investor: Text = attrs.field(validator=_exactly(Text))
    location: Text | None = attrs.field(validator=_optional(Text))
    status: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    milestone: Text | None = attrs.field(default=None, validator=_optional(Text))
    coordinator: Text | None = attrs.field(default=None, validator=_optional(Text))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = _reference()


@attrs.frozen(repr=False, eq=False)
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

    label: Text = attrs.field(validator=_exactly(Text))
    description: Text = attrs.field(validator=_exactly(Text))
    horizon: int | None = attrs.field(validator=_optional(int))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
    attributed_to: str | None = _reference()


@attrs.frozen(repr=False, eq=False)
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

    label_field = "name"

    name: str = attrs.field(converter=_nfc, validator=_nonempty_str)
    role: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))


@attrs.frozen(repr=False, eq=False)
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

    pillar: Pillar | None = attrs.field(validator=_optional(Pillar))
    label: Text = attrs.field(validator=_exactly(Text))
    text: Text = attrs.field(validator=_exactly(Text))
    source: SourceRef = attrs.field(validator=_exactly(SourceRef))
    attributed_to: str | None = _reference()
    note: Text | None = attrs.field(default=None, validator=_optional(Text))
