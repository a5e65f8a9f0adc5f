"""The data model: frozen attrs classes for every kind of record in a report.

Every class is ``frozen`` and ``slots``; what a record holds inside is a tuple
or a :class:`~vinhphuc_dx.query.Records` view, never a list or a dict. The
validators run on every construction, so an impossible record cannot be built
in code either: a report file is checked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

# The "X as X" imports: names defined in model.py before the split, still
# importable from it.
from vinhphuc_dx._validators import _ID_INVISIBLE as _ID_INVISIBLE  # noqa: PLC0414
from vinhphuc_dx._validators import AS_WRITTEN_WORDS as AS_WRITTEN_WORDS  # noqa: PLC0414
from vinhphuc_dx._validators import ATTRIBUTED as ATTRIBUTED  # noqa: PLC0414
from vinhphuc_dx._validators import (
    COLLECTIONS,
    _as_written,
    _at_least_one,
    _directive_kind,
    _exactly,
    _figure,
    _id,
    _ids,
    _integrity_problems,
    _nfc,
    _nonempty_str,
    _optional,
    _optional_id,
    _records,
    _records_of,
)
from vinhphuc_dx._validators import FIGURE_DIGITS as FIGURE_DIGITS  # noqa: PLC0414
from vinhphuc_dx._validators import LANGUAGE_TAG as LANGUAGE_TAG  # noqa: PLC0414
from vinhphuc_dx._values import (
    AdministrativeContext,
    InstrumentKind,
    Period,
    Qualifier,
    Source,
    SourceRef,
    Text,
    Unit,
    Value,
    _Shown,
)
from vinhphuc_dx._values import field_types as field_types  # noqa: PLC0414
from vinhphuc_dx._wording import LANGUAGES, cell, format_number, words
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

# ---------------------------------------------------------------- records


class _Record(_Shown):
    """What every record with an id shares: its repr, a table for notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """Each field and its value, for Jupyter and other notebooks."""
        import html  # noqa: PLC0415 - notebooks only

        cells = [
            (field.name, html.escape(cell(getattr(self, field.name))))
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
        said = words(lang)
        from vinhphuc_dx.query import _texts  # noqa: PLC0415 - query sits below

        label, _ = _texts(self)
        name = (label[0] if lang == "vi" else label[1]) if label else self.id  # type: ignore[attr-defined]
        source = getattr(self, "source", None)
        where = f" ({said['paragraph']} {source.paragraph})" if source else ""
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
                when omitted (once :func:`vinhphuc_dx.load` has been used in
                this process). Pass ``report.source`` for a record of a
                report loaded from a file, or built in code.

        Returns:
            The citation text, ending in a newline.

        Raises:
            ValueError: *style* is unknown, or the record has no paragraph
                (a pillar): cite the article with :meth:`Source.cite`; or no
                *source* is given and no report has been loaded.

        .. versionadded:: 0.2.0
        """
        from vinhphuc_dx._cite import cite_record  # noqa: PLC0415 - only when citing

        return cite_record(self, source, style)


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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
        said = words(lang)
        number = format_number(self.value, lang)
        estimate = f" ({said['estimate']})" if self.estimated else ""
        return f"{said[self.qualifier.value]}{number}{said[self.unit.value]}{estimate}"

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
        label = self.label.vi if lang == "vi" else self.label.en
        number = format_number(self.value, lang)
        notes = [said["estimate"]] if self.estimated else []
        notes.append(f"{said['paragraph']} {self.source.paragraph}")
        return (
            f"{label}: {said[self.qualifier.value]}{number}{said[self.unit.value]}"
            f" ({', '.join(notes)})"
        )

    @property
    def related_ids(self) -> tuple[str, ...]:
        """The ids of every figure this one names in a relation."""
        named = (self.part_of, self.numerator, self.denominator)
        return self.parts + tuple(i for i in named if i is not None)


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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


@attrs.frozen(slots=True, repr=False, eq=False)
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


#: The version of the file format this release writes.
FORMAT_VERSION = 2

#: Every version of the file format this release reads.
READ_VERSIONS = (1, 2)


@attrs.frozen(slots=True, repr=False, eq=False)
class Report(_Shown):
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
