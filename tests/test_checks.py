"""report.check(): stated sums, rates, subsets and impossible shares."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import vinhphuc_dx
from vinhphuc_dx import Finding, Qualifier


def with_figures(report, **changes):
    """The report with some figures' fields changed: id -> {field: value}."""
    figures = [
        attrs.evolve(f, **changes[f.id]) if f.id in changes else f
        for f in report.indicators
    ]
    return attrs.evolve(report, indicators=figures)


RATE = "gov.documents.signing-rate"


def with_rate(report, **changes):
    """The report in which the signing rate is stated as signed over outgoing documents.

    The article gives the 99.7 % no base, so the bundled report states no
    rate; this one does, to test the rate rule on the article's figures.
    *changes* are as for :func:`with_figures`.
    """
    rate = {
        "numerator": "gov.documents.outgoing-signed",
        "denominator": "gov.documents.outgoing",
        **changes.pop(RATE, {}),
    }
    return with_figures(report, **{RATE: rate}, **changes)


class TestBundled:
    def test_one_finding_per_relation(self, report):
        """Two sums, two subsets, one impossible share; no rate is stated."""
        rules = [f.rule for f in report.check()]
        assert sorted(rules) == ["share", "subset", "subset", "sum", "sum"]
        figure = report.indicators.get(RATE)
        assert (figure.numerator, figure.denominator) == (None, None)

    def test_a_stated_rate_adds_one_finding(self, report):
        """A rate that names its numerator and denominator gets one rate finding."""
        rules = [f.rule for f in with_rate(report).check()]
        assert sorted(rules) == ["rate", "share", "subset", "subset", "sum", "sum"]

    def test_findings_are_frozen(self, report):
        """A Finding is an immutable record."""
        finding = report.check()[0]
        assert isinstance(finding, Finding)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            finding.holds = False  # type: ignore[misc]

    def test_anomaly_kept_as_stated(self, report):
        """The 'over 100%' share is flagged, and the figure keeps its value."""
        (failing,) = [f for f in report.check() if not f.holds]
        assert failing.rule == "share"
        assert "over 100%" in failing.message
        figure = report.indicators.get(failing.indicators[0])
        assert (figure.value, figure.qualifier) == (100, Qualifier.MORE_THAN)

    def test_article_slip_marked(self, report):
        """The failing share is the article's own slip; holding ones are not."""
        findings = report.check()
        assert [f.rule for f in findings if f.in_source] == ["share"]
        assert not any(f.in_source for f in findings if f.holds)

    def test_unexplained_failure_not_marked(self, report):
        """A failure no note explains is not put on the article."""
        broken = with_figures(report, **{"gov.online-services.total": {"value": 1866}})
        (failing,) = [f for f in broken.check() if f.rule == "sum" and not f.holds]
        assert not failing.in_source

    def test_rate_message(self, report):
        """The rate finding names both figures and the computed share."""
        (rate,) = [f for f in with_rate(report).check() if f.rule == "rate"]
        assert rate.indicators == (
            "gov.documents.signing-rate",
            "gov.documents.outgoing-signed",
            "gov.documents.outgoing",
        )
        assert (
            "= 99.7010%: agrees with gov.documents.signing-rate (99.7%)" in rate.message
        )


class TestBroken:
    def test_sum_off_by_one(self, report):
        """A total one above its parts does not hold."""
        broken = with_figures(report, **{"gov.online-services.total": {"value": 1866}})
        (total,) = [
            f for f in broken.check() if f.indicators[0] == "gov.online-services.total"
        ]
        assert not total.holds
        assert (
            "= 1,865: they do not add up to gov.online-services.total (1,866)"
            in total.message
        )

    def test_rate_precision(self, report):
        """A rate holds only to the precision it is written with."""
        for value, holds in (
            (Decimal("99.7"), True),
            (Decimal("99.70"), True),
            (Decimal("99.71"), False),
            (100, True),
            (Decimal("99.6"), False),
        ):
            changed = with_rate(report, **{RATE: {"value": value}})
            (rate,) = [f for f in changed.check() if f.rule == "rate"]
            assert rate.holds is holds, value

    def test_more_than_and_about(self, report):
        """'More than' needs a larger computed figure; 'about' allows 5 %."""
        cases = [
            (Qualifier.MORE_THAN, Decimal("99.6"), True),
            (Qualifier.MORE_THAN, Decimal("99.8"), False),
            (Qualifier.APPROXIMATELY, Decimal(95), True),
            (Qualifier.APPROXIMATELY, Decimal(94), False),
        ]
        for qualifier, value, holds in cases:
            changed = with_rate(
                report, **{RATE: {"value": value, "qualifier": qualifier}}
            )
            (rate,) = [f for f in changed.check() if f.rule == "rate"]
            assert rate.holds is holds, (qualifier, value)

    def test_part_larger_than_whole(self, report):
        """A subset larger than its whole does not hold."""
        broken = with_figures(
            report, **{"gov.procedures.online-payment": {"value": 480}}
        )
        (subset,) = [
            f
            for f in broken.check()
            if f.indicators[0] == "gov.procedures.online-payment"
        ]
        assert not subset.holds
        assert "is larger than its whole" in subset.message

    def test_share_over_hundred(self, report):
        """Any share above 100 is flagged, whatever its qualifier."""
        broken = with_figures(
            report, **{"gov.applications.online-share": {"value": 153}}
        )
        flagged = {f.indicators for f in broken.check() if f.rule == "share"}
        assert ("gov.applications.online-share",) in flagged

    def test_zero_denominator(self, report):
        """A rate over zero does not hold, and says why."""
        broken = with_rate(
            report,
            **{
                "gov.documents.outgoing": {"value": 0},
                "gov.documents.outgoing-signed": {"value": 0},
            },
        )
        (rate,) = [f for f in broken.check() if f.rule == "rate"]
        assert not rate.holds
        assert "denominator is 0" in rate.message


class TestInSource:
    def test_the_articles_share_is_its_own(self, report):
        """The bundled share over 100 % is the article's: as_written spells it."""
        found = [f for f in report.check() if not f.holds]
        assert [(f.rule, f.in_source) for f in found] == [("share", True)]

    def test_a_failed_sum_is_never_excused_by_a_note(self, write, raw):
        """A broken sum is not the article's slip, though a figure involved has a note."""
        raw["indicators"][6]["value"] = 1218  # 701 + 516 = 1217; it has a note
        report = vinhphuc_dx.load(write(raw))
        failed = [f for f in report.check() if not f.holds]
        assert [(f.rule, f.in_source) for f in failed if f.rule == "sum"] == [
            ("sum", False)
        ]

    def test_a_share_changed_from_the_printed_one_is_not(self, write, raw):
        """A share over 100 % that its as_written does not spell is not the article's."""
        figure = next(
            f
            for f in raw["indicators"]
            if f["id"] == "econ.enterprises.e-tax-registration-share"
        )
        figure["value"] = 120
        failed = [f for f in vinhphuc_dx.load(write(raw)).check() if not f.holds]
        assert [(f.rule, f.in_source) for f in failed] == [("share", False)]
