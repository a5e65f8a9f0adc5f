"""Code a downstream user writes; `mypy --strict` must accept it as is.

Checked by ``nox -s typing`` and by .ci/run: the public API's types are what
users see, so a change that makes this file fail is a breaking change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import vinhphuc_dx
from vinhphuc_dx import (
    DataError,
    Finding,
    Indicator,
    Qualifier,
    Records,
    Report,
    Unit,
    UnknownIdError,
)


def total_of_counts(report: Report) -> int:
    """Add up the count figures of one pillar."""
    figures: Records[Indicator] = report.indicators.filter(
        pillar="digital-society", unit=Unit.COUNT
    )
    return sum(int(f.value) for f in figures)


def share(report: Report, figure_id: str) -> Decimal:
    """A figure as an exact Decimal, whatever it was stated as."""
    figure: Indicator = report.indicators.get(figure_id)
    return Decimal(figure.value)


def maybe(report: Report, figure_id: str) -> Indicator | None:
    """get() with a default keeps the record type."""
    return report.indicators.get(figure_id, None)


def first_half(report: Report) -> list[str]:
    """Ids of figures for the first half of 2024 stated 'over'."""
    h1 = report.indicators.filter(overlaps=(dt.date(2024, 1, 1), dt.date(2024, 6, 30)))
    return [f.id for f in h1.filter(qualifier=Qualifier.MORE_THAN)]


def failing(report: Report) -> tuple[Finding, ...]:
    """The checks that do not hold."""
    return tuple(f for f in report.check() if not f.holds)


def safe_load(path: str) -> Report | None:
    """Load a user's file, or None when it is broken."""
    try:
        return vinhphuc_dx.load(path)
    except DataError:
        return None


def lookup(report: Report, figure_id: str) -> str:
    """The label of a figure, or the error's message."""
    try:
        return report.indicators.get(figure_id).label.en
    except UnknownIdError as exc:
        return str(exc)


def directive_numbers(report: Report) -> list[str]:
    """Directive numbers as written."""
    return [d.number for d in report.directives]


if __name__ == "__main__":
    bundled = vinhphuc_dx.load()
    print(total_of_counts(bundled), share(bundled, "gov.documents.signing-rate"))  # noqa: T201
