"""The data model: a whole report, and every kind of record in it.

:class:`Report` is here; the record classes are in
:mod:`vinhphuc_dx._records`, the values they hold (``Text``, ``Period``, the
enums) in :mod:`vinhphuc_dx._values`, and all are importable from here.
Every class is ``frozen`` and ``slots``; what a record holds inside is a
tuple or a :class:`~vinhphuc_dx.query.Records` view, never a list or a
dict. The validators run on every construction, so an impossible record
cannot be built in code either: a report file is checked by the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

# The "X as X" imports: names defined in model.py before the split, still
# importable from it.
from vinhphuc_dx._integrity import ATTRIBUTED as ATTRIBUTED  # noqa: PLC0414
from vinhphuc_dx._integrity import COLLECTIONS, _integrity_problems
from vinhphuc_dx._records import (
    Directive,
    Goal,
    Indicator,
    InvestmentProject,
    Person,
    Pillar,
    PolicyInstrument,
    Statement,
)
from vinhphuc_dx._validators import _ID_INVISIBLE as _ID_INVISIBLE  # noqa: PLC0414
from vinhphuc_dx._validators import AS_WRITTEN_WORDS as AS_WRITTEN_WORDS  # noqa: PLC0414
from vinhphuc_dx._validators import FIGURE_DIGITS as FIGURE_DIGITS  # noqa: PLC0414
from vinhphuc_dx._validators import LANGUAGE_TAG as LANGUAGE_TAG  # noqa: PLC0414
from vinhphuc_dx._validators import (
    _at_least_one,
    _exactly,
    _records,
    _records_of,
)
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
from vinhphuc_dx._wording import LANGUAGES, format_number
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
