"""The data model: a whole report, and every kind of record in it.

:class:`Report` is here; the record classes are in
:mod:`vinhphuc_dx._records`, the values they hold (``Text``, ``Period``, the
enums) in :mod:`vinhphuc_dx._values`, and all are importable from here and
from ``vinhphuc_dx``. Every class is a frozen, slotted attrs class; what a
record holds inside is a tuple or a :class:`~vinhphuc_dx.query.Records`
view, never a list or a dict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from vinhphuc_dx._integrity import ATTRIBUTED, integrity_problems
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
from vinhphuc_dx._validators import _at_least_one, _exactly
from vinhphuc_dx._values import (
    AdministrativeContext,
    InstrumentKind,
    Period,
    Qualifier,
    Shown,
    Source,
    SourceRef,
    Text,
    Unit,
    Value,
)
from vinhphuc_dx._vocabulary import LANGUAGES, format_number
from vinhphuc_dx.exceptions import FieldError
from vinhphuc_dx.query import COLLECTIONS, Records

if TYPE_CHECKING:
    from vinhphuc_dx.checks import Finding

__all__ = [
    "ATTRIBUTED",
    "COLLECTIONS",
    "FORMAT_VERSION",
    "LANGUAGES",
    "READ_VERSIONS",
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


def _records(value: object) -> object:
    """Accept any iterable of records where the model holds :class:`Records`."""
    try:
        return Records(value)  # type: ignore[arg-type]
    except TypeError:
        return value  # __attrs_post_init__ names the field and the problem


#: The class of the records of each collection.
RECORD_CLASSES: dict[str, type] = {
    "pillars": Pillar,
    "indicators": Indicator,
    "directives": Directive,
    "instruments": PolicyInstrument,
    "projects": InvestmentProject,
    "goals": Goal,
    "people": Person,
    "statements": Statement,
}


@attrs.frozen(repr=False, eq=False)
class Report(Shown):
    """A whole report: its source and every record drawn from it.

    Reports compare equal by value. Building one checks that ids are unique
    across the whole report, that every relation names an indicator of the
    report, that every pillar a record names is one of the report's pillars,
    and that every ``attributed_to`` names one of its people. Each of its
    collections knows the report (see :class:`~vinhphuc_dx.Records`).

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
       *people*, *statements*, :meth:`get` and :meth:`search`.
    """

    format_version: int = attrs.field(validator=_exactly(int))
    revision: int = attrs.field(validator=[_exactly(int), _at_least_one])
    source: Source = attrs.field(validator=_exactly(Source))
    context: AdministrativeContext = attrs.field(
        validator=_exactly(AdministrativeContext)
    )
    pillars: Records[Pillar] = attrs.field(converter=_records)
    indicators: Records[Indicator] = attrs.field(converter=_records)
    directives: Records[Directive] = attrs.field(converter=_records)
    instruments: Records[PolicyInstrument] = attrs.field(converter=_records)
    projects: Records[InvestmentProject] = attrs.field(converter=_records)
    goals: Records[Goal] = attrs.field(converter=_records)
    people: Records[Person] = attrs.field(factory=Records, converter=_records)
    statements: Records[Statement] = attrs.field(factory=Records, converter=_records)

    def __attrs_post_init__(self) -> None:
        # The collections' validator, run after the other fields' validators;
        # each collection is then built knowing this report (its article, its
        # sibling collections): attrs' own way to set a frozen field here.
        for name, cls in RECORD_CLASSES.items():
            value = getattr(self, name)
            if not isinstance(value, Records) or not all(
                isinstance(v, cls) for v in value
            ):
                reason = f"expected records of {cls.__name__}, got {value!r}"
                raise FieldError(name, reason)
            owned = Records(value, report=self, record_class=cls)
            object.__setattr__(self, name, owned)
        problems = integrity_problems(self)
        if problems:
            raise FieldError(*problems[0], more=tuple(problems[1:]))

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
        return self.records().get(id)  # raises UnknownIdError, naming the closest

    def records(self) -> Records[Any]:
        """Every record of the report, of every kind, in the file's order.

        >>> import vinhphuc_dx
        >>> len(vinhphuc_dx.load().records())
        78

        .. versionadded:: 0.2.0
        """
        every = (record for name in COLLECTIONS for record in getattr(self, name))
        return Records(every, report=self)

    def search(self, text: str) -> Records[Any]:
        """Return the records of every kind that hold *text*, best first.

        Ranked as :meth:`Records.search <vinhphuc_dx.Records.search>` ranks
        (and as the command line's ``search``): the label first, then the
        other texts, ties in the file's order.

        >>> import vinhphuc_dx
        >>> [r.id for r in vinhphuc_dx.load().search("chỉ thị 05")][:1]
        ['directive.05']

        .. versionadded:: 0.2.0
        """
        return self.records().search(text)

    def check(self) -> tuple[Finding, ...]:
        """Check every relation the report states, and every share.

        Returns:
            One :class:`Finding` for every stated sum, rate and subset, and
            one for every value that cannot be true as stated (a share over
            100%). The report itself is never changed.

        >>> import vinhphuc_dx
        >>> [f.indicators for f in vinhphuc_dx.load().check() if not f.holds]
        [('econ.enterprises.e-tax-registration-share',)]

        .. versionadded:: 0.1.0
        """
        from vinhphuc_dx.checks import check  # not every user checks

        return check(self)
