"""The report's consistency checks: stated sums, rates, subsets and shares.

A check never changes a figure: the article's own anomalies stay as stated
and come out as findings that do not hold.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from vinhphuc_dx._vocabulary import amount, format_number

if TYPE_CHECKING:
    from vinhphuc_dx.model import Indicator, Report

__all__ = ["APPROXIMATE_TOLERANCE", "Finding", "check"]

#: How far, as a fraction of the stated figure, a computed figure may lie
#: from one the article calls approximate ("khoảng") and still agree.
APPROXIMATE_TOLERANCE = Decimal("0.05")

_HUNDRED = Decimal(100)


@attrs.frozen(slots=True)
class Finding:
    """The outcome of one check of a report.

    >>> import vinhphuc_dx
    >>> finding = vinhphuc_dx.load().check()[0]
    >>> finding.rule, finding.holds
    ('sum', True)

    Attributes:
        rule: ``"sum"`` (parts add up to a total), ``"rate"`` (a stated rate
            against its numerator and denominator), ``"subset"`` (a part is
            no larger than its whole) or ``"share"`` (a share can be at most
            100 %).
        holds: Whether the figures agree.
        message: What was checked and what was found, in English, naming the
            figures.
        indicators: The ids of the figures involved, the checked one first.
        in_source: ``True`` for a finding that does not hold because of what
            the article prints: a share over 100 % whose figure holds the
            value its ``as_written`` spells. The figure is kept as the
            article states it; the package is not at fault. ``False`` for
            every finding that holds, and for a failed sum, rate or subset,
            whose relation is this report's reading of the article (in a
            report file of your own, look for a typing mistake first).

    >>> [f.rule for f in vinhphuc_dx.load().check() if f.in_source]
    ['share']

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The *in_source* attribute.
    """

    rule: str
    holds: bool
    message: str
    indicators: tuple[str, ...]
    in_source: bool = False


def _agrees(stated: Indicator, computed: Decimal) -> bool:
    """Whether *computed* is what *stated* says, given its qualifier.

    An exact figure agrees when *computed* rounds to it at the precision the
    article writes it with (99.7 % against 99.70096...); "more than" needs a
    larger computed figure; "about" allows :data:`APPROXIMATE_TOLERANCE`.
    """
    value = Decimal(stated.value)
    if stated.qualifier.value == "more_than":
        return computed > value
    if stated.qualifier.value == "approximately":
        return abs(computed - value) <= value * APPROXIMATE_TOLERANCE
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - finite, by the model
    # Enough digits for any rate of two figures at any figure's precision
    # (the model bounds both: 10^15 / 10^-15 * 100 at 10^-15 is 48 digits).
    with localcontext() as context:
        context.prec = 60
        return computed.quantize(Decimal(1).scaleb(exponent)) == value


def _show(figure: Indicator) -> str:
    stated = amount(figure.value, figure.unit.value, figure.qualifier.value)
    return f"{figure.id} ({stated})"


def check(report: Report) -> tuple[Finding, ...]:
    """Check every relation *report* states, and every share it gives.

    :meth:`Report.check <vinhphuc_dx.Report.check>` calls this; see there.
    """
    figures = report.indicators
    findings: list[Finding] = []
    for figure in figures:
        if figure.parts:
            parts = [figures.get(i) for i in figure.parts]
            total = sum((Decimal(p.value) for p in parts), Decimal(0))
            holds = _agrees(figure, total)
            verb = "add up to" if holds else "do not add up to"
            listed = " + ".join(_show(p) for p in parts)
            message = f"{listed} = {format_number(total)}: they {verb} {_show(figure)}"
            findings.append(Finding("sum", holds, message, (figure.id, *figure.parts)))
        if figure.numerator is not None and figure.denominator is not None:
            top, bottom = figures.get(figure.numerator), figures.get(figure.denominator)
            if bottom.value == 0:
                holds, ratio = False, "undefined (the denominator is 0)"
            else:
                computed = Decimal(top.value) / Decimal(bottom.value) * _HUNDRED
                holds = _agrees(figure, computed)
                ratio = f"{format_number(computed.quantize(Decimal('0.0001')))}%"
            message = (
                f"{_show(top)} / {_show(bottom)} = {ratio}: "
                f"{'agrees' if holds else 'disagrees'} with {_show(figure)}"
            )
            ids = (figure.id, top.id, bottom.id)
            findings.append(Finding("rate", holds, message, ids))
        if figure.part_of is not None:
            whole = figures.get(figure.part_of)
            holds = figure.value <= whole.value
            relation = "is within" if holds else "is larger than"
            message = f"{_show(figure)} {relation} its whole {_show(whole)}"
            findings.append(Finding("subset", holds, message, (figure.id, whole.id)))
        if figure.unit.value == "percent" and (
            figure.value > _HUNDRED
            or (figure.value == _HUNDRED and figure.qualifier.value == "more_than")
        ):
            message = (
                f"{_show(figure)} cannot be true as stated: "
                "a share of a whole is at most 100%"
            )
            in_source = _as_printed(figure)
            findings.append(Finding("share", False, message, (figure.id,), in_source))  # noqa: FBT003
    return tuple(findings)


def _as_printed(figure: Indicator) -> bool:
    """Whether *figure* holds the value the article prints (its ``as_written``).

    Such a share over 100 % is the article's own: the figure is kept as
    stated. A failed sum, rate or subset never is: its relation is this
    report's reading of the article, to be looked at first.
    """
    printed = figure.as_written
    if printed is None:
        return False
    value = Decimal(figure.value)
    if value == value.to_integral_value():
        whole = int(value)
        spellings = {str(whole), f"{whole:,}".replace(",", ".")}
    else:
        plain = format(value.normalize(), "f")
        spellings = {plain, plain.replace(".", ",")}
    return any(
        re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d]|[.,]\d)", printed)
        for s in spellings
    )
