"""The bundled report, end to end, as tzdata checks every zone it ships."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import attrs
import importlib_resources
import pytest

from conftest import ARTICLE, needs_article
from vinhphuc_dx import InstrumentKind, Qualifier, Text, Unit
from vinhphuc_dx.model import COLLECTIONS

PUBLISHED = dt.date(2024, 12, 27)
H1_2024 = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))

# Every figure of the article, typed again from the article itself, so that an
# accidental edit of the data file cannot pass: id -> (value, unit, qualifier,
# estimated, paragraph, period).
AT_PUBLICATION = (PUBLISHED, PUBLISHED)
# fmt: off
FIGURES = {
    "budget.total": (1283, "billion_vnd", "more_than", False, 3, (dt.date(2014, 1, 1), dt.date(2024, 12, 31))),
    "gov.online-services.total": (1865, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.online-services.full-process": (954, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.online-services.partial": (645, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.online-services.information": (266, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.procedures.eligible-full-process-share": (100, "percent", "exact", False, 10, AT_PUBLICATION),
    "gov.national-portal.integrated": (1217, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.national-portal.full-process": (701, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.national-portal.partial": (516, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.procedures.financial-obligation": (479, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.procedures.online-payment": (419, "count", "exact", False, 10, AT_PUBLICATION),
    "gov.applications.online-share": (53, "percent", "exact", False, 10, H1_2024),
    "gov.one-stop.population-db-accounts": (371, "count", "exact", False, 10, H1_2024),
    "gov.population-db.lookups": (54503, "count", "exact", False, 10, H1_2024),
    "gov.document-software.coverage": (100, "percent", "exact", False, 11, AT_PUBLICATION),
    "gov.documents.incoming": (493356, "count", "exact", False, 11, H1_2024),
    "gov.documents.outgoing": (150811, "count", "exact", False, 11, H1_2024),
    "gov.documents.outgoing-signed": (150360, "count", "exact", False, 11, H1_2024),
    "gov.documents.signing-rate": (Decimal("99.7"), "percent", "exact", False, 11, AT_PUBLICATION),
    "gov.certificates.issued": (2562, "count", "exact", False, 11, AT_PUBLICATION),
    "gov.certificates.agencies": (515, "count", "exact", False, 11, AT_PUBLICATION),
    "gov.pki-sims.registered": (104, "count", "exact", False, 11, AT_PUBLICATION),
    "gov.pki-sims.agencies": (22, "count", "exact", False, 11, AT_PUBLICATION),
    "econ.digital-economy.grdp-share": (21, "percent", "approximately", True, 12, AT_PUBLICATION),
    "econ.smes.digital-platforms": (10000, "count", "more_than", False, 12, AT_PUBLICATION),
    "econ.enterprises.online-tax-filing-share": (100, "percent", "exact", False, 13, AT_PUBLICATION),
    "econ.enterprises.e-tax-registration-share": (100, "percent", "more_than", False, 13, AT_PUBLICATION),
    "econ.tax-payments.electronic-share": (99, "percent", "more_than", False, 13, AT_PUBLICATION),
    "econ.enterprises.e-invoice-share": (100, "percent", "exact", False, 13, AT_PUBLICATION),
    "soc.telecom.phone-providers": (5, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.telecom.internet-providers": (5, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.telecom.bts-stations": (3000, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.telecom.mobile-coverage": (100, "percent", "exact", False, 14, AT_PUBLICATION),
    "soc.telecom.5g-stations": (2, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.subscriptions.mobile-phone": (1350000, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.subscriptions.fixed-broadband": (286000, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.subscriptions.mobile-broadband": (1050000, "count", "exact", False, 14, AT_PUBLICATION),
    "soc.households.broadband-share": (90, "percent", "exact", True, 14, AT_PUBLICATION),
}
# fmt: on

PILLAR_OF_PARAGRAPH = {
    3: None,
    10: "digital-government",
    11: "digital-government",
    12: "digital-economy",
    13: "digital-economy",
    14: "digital-society",
}
SLUG = re.compile(r"[a-z][a-z0-9]*(\.[a-z0-9]+(-[a-z0-9]+)*)+")


def every_text(record):
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, Text):
            yield value
        elif isinstance(value, tuple):
            yield from (v for v in value if isinstance(v, Text))
        elif attrs.has(type(value)):
            yield from every_text(value)


class TestFigures:
    def test_the_same_figures(self, report):
        """The report holds exactly the figures the article states."""
        assert set(report.indicators.ids) == set(FIGURES)

    @pytest.mark.parametrize("figure_id", FIGURES)
    def test_each_figure(self, report, figure_id):
        """Value, unit, qualifier, estimate, paragraph and period are as stated."""
        value, unit, qualifier, estimated, paragraph, (start, end) = FIGURES[figure_id]
        figure = report.indicators.get(figure_id)
        assert figure.value == value
        assert type(figure.value) is type(value)
        assert figure.unit is Unit(unit)
        assert figure.qualifier is Qualifier(qualifier)
        assert figure.estimated is estimated
        assert figure.source.paragraph == paragraph
        assert (figure.period.start, figure.period.end) == (start, end)
        # A figure with no date in the article holds at publication, unstated.
        assert figure.period.stated is ((start, end) != AT_PUBLICATION)
        expected_pillar = PILLAR_OF_PARAGRAPH[paragraph]
        assert (figure.pillar and figure.pillar.id) == expected_pillar

    def test_article_order(self, report):
        """Indicators come in the order of their paragraphs."""
        paragraphs = [f.source.paragraph for f in report.indicators]
        assert paragraphs == sorted(paragraphs)

    def test_slips_are_flagged(self, report):
        """The article's slips are kept as stated and carry a note."""
        noted = {f.id for f in report.indicators if f.note is not None}
        assert {
            "budget.total",  # "gian đoạn"
            "econ.enterprises.e-tax-registration-share",  # "over 100%"
            "econ.enterprises.e-invoice-share",  # "doanh nghiêp"
            "gov.documents.signing-rate",  # "99.7" with a point
        } <= noted
        assert report.directives.get("directive.05").note is not None  # "đẩy mạng"
        assert (
            report.goals.get("goal.electronics-iot-ai").note is not None
        )  # "sản phẩn"


@pytest.fixture(scope="module")
def paragraphs():
    """The article's paragraphs: its non-empty lines, the title first."""
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


@needs_article
class TestLocators:
    """Every record points at a paragraph that states it (the idea of check_locators.py)."""

    @staticmethod
    def spelled(value):
        if isinstance(value, int):
            return {str(value), f"{value:,}".replace(",", ".")}
        return {str(value), str(value).replace(".", ",")}

    def test_figures(self, report, paragraphs):
        """Each figure's paragraph writes its value as a whole number."""
        for figure in report.indicators:
            text = paragraphs[figure.source.paragraph - 1]
            assert any(
                re.search(rf"(?<![\d.,]){re.escape(s)}(?!\d|[.,]\d)", text)
                for s in self.spelled(figure.value)
            ), figure.id

    def test_qualifiers(self, report, paragraphs):
        """A 'more than' figure follows 'trên', an 'about' figure 'khoảng'."""
        words = {Qualifier.MORE_THAN: "trên", Qualifier.APPROXIMATELY: "khoảng"}
        for figure in report.indicators:
            if figure.qualifier in words:
                text = paragraphs[figure.source.paragraph - 1]
                spelled = "|".join(map(re.escape, self.spelled(figure.value)))
                assert re.search(rf"{words[figure.qualifier]}\s+({spelled})", text), (
                    figure.id
                )

    def test_estimates(self, report, paragraphs):
        """An estimated figure's paragraph says 'ước'."""
        for figure in report.indicators:
            if figure.estimated:
                assert "ước" in paragraphs[figure.source.paragraph - 1]

    def test_other_records(self, report, paragraphs):
        """Directives, instruments and projects point at paragraphs naming them."""
        for directive in report.directives:
            assert (
                f"Chỉ thị số {directive.number}"
                in paragraphs[directive.source.paragraph - 1]
            )
        for project in report.projects:
            assert "FPT" in paragraphs[project.source.paragraph - 1]
        for instrument in report.instruments:
            assert instrument.source.paragraph in (6, 7)
        assert (
            "2030"
            in paragraphs[
                report.goals.get("goal.industrial-province-2030").source.paragraph - 1
            ]
        )

    def test_as_written_is_a_short_verbatim_span(self, report, paragraphs):
        """Each figure as printed: at most eight words of its paragraph, spelling the value."""
        for figure in report.indicators:
            written = figure.as_written
            assert written is not None, figure.id
            text = paragraphs[figure.source.paragraph - 1]
            assert written in text, figure.id
            assert len(written.split()) <= 8, figure.id
            assert any(
                re.search(rf"(?<![\d.,]){re.escape(s)}(?!\d|[.,]\d)", written)
                for s in self.spelled(figure.value)
            ), figure.id

    def test_as_written_keeps_the_qualifier(self, report):
        """A figure the article qualifies keeps the word before it as printed."""
        words = {Qualifier.MORE_THAN: "trên", Qualifier.APPROXIMATELY: "khoảng"}
        for figure in report.indicators:
            if figure.qualifier in words:
                spelled = "|".join(map(re.escape, self.spelled(figure.value)))
                pattern = rf"{words[figure.qualifier]}\s+({spelled})"
                assert re.search(pattern, figure.as_written), figure.id

    def test_people_named_where_stated(self, report, paragraphs):
        """Each person's name stands, as written, in the paragraph cited."""
        for person in report.people:
            assert person.name in paragraphs[person.source.paragraph - 1]

    def test_attributions_where_the_article_attributes(self, report, paragraphs):
        """A record is attributed only in a paragraph that names its person."""
        for name in (
            "indicators",
            "directives",
            "instruments",
            "projects",
            "goals",
            "statements",
        ):
            for record in getattr(report, name):
                if record.attributed_to is not None:
                    person = report.people.get(record.attributed_to)
                    text = paragraphs[record.source.paragraph - 1]
                    # Paragraph 17 names the chairman again by office and name.
                    assert person.name in text or "Chủ tịch" in text, record.id

    def test_source(self, report, paragraphs):
        """The title and the byline are the article's own."""
        assert paragraphs[0] == report.source.title.vi
        assert report.source.author in paragraphs[-1]
        assert report.source.outlet in paragraphs[-1]
        assert "14:15:24 | 27/12/2024" in paragraphs[1]


class TestRecords:
    def test_ids_readable_and_unique(self, report):
        """Every id is a lowercase dotted slug, unique across the report."""
        ids = [r.id for name in COLLECTIONS for r in getattr(report, name)]
        assert len(ids) == len(set(ids))
        for record_id in ids:
            if record_id not in report.pillars:
                assert SLUG.fullmatch(record_id), record_id

    def test_texts_nfc_and_bilingual(self, report):
        """Every text is NFC and differs between Vietnamese and English where it is prose."""
        for name in COLLECTIONS:
            for record in getattr(report, name):
                for text in every_text(record):
                    assert unicodedata.is_normalized("NFC", text.vi)
                    assert unicodedata.is_normalized("NFC", text.en)

    def test_directives(self, report):
        """The three directives keep their numbers as written."""
        assert [d.number for d in report.directives] == ["23", "05", "04"]
        assert {d.kind for d in report.directives} == {InstrumentKind.DIRECTIVE}
        assert (
            report.directives.get("directive.23").issuer.vi
            == "Ban Thường vụ Tỉnh ủy Vĩnh Phúc"
        )

    def test_instruments(self, report):
        """Paragraphs 6 and 7 name two architectures, a criteria set, an index, five regulations."""
        kinds = [i.kind.value for i in report.instruments]
        assert kinds.count("architecture") == 2
        assert kinds.count("regulation") == 5
        assert {
            "criteria_set",
            "index_set",
            "legal_documents",
            "guidance",
            "electronic_identifier",
        } <= set(kinds)

    def test_projects(self, report):
        """Both FPT projects, with location, status, milestone and coordinator as stated."""
        centre = report.projects.get("project.fpt-data-centre")
        campus = report.projects.get("project.fpt-education-complex")
        assert "Thanh Long" in centre.location.vi
        assert centre.milestone is None
        assert "XVIII" in campus.milestone.vi
        assert "Xúc tiến đầu tư" in campus.coordinator.vi
        assert {p.investor.vi for p in report.projects} == {"Tập đoàn FPT"}

    def test_goals(self, report):
        """The 2030 orientation is there, with its year."""
        assert {g.horizon for g in report.goals} == {None, 2030}
        assert report.goals.get("goal.industrial-province-2030").source.paragraph == 16

    def test_people(self, report):
        """The two people the article names, with their offices."""
        assert [(p.id, p.name, p.source.paragraph) for p in report.people] == [
            ("person.bui-hong-do", "Bùi Hồng Đô", 5),
            ("person.tran-duy-dong", "Trần Duy Đông", 16),
        ]
        assert "Xúc tiến đầu tư" in report.people[0].role.vi
        assert report.people[1].role.en.startswith("Chairman")

    def test_attributions(self, report):
        """Paragraph 5 is the director's account; 16-17 the chairman's words."""
        attributed = {
            r.id: r.attributed_to
            for name in (
                "indicators",
                "directives",
                "instruments",
                "projects",
                "goals",
                "statements",
            )
            for r in getattr(report, name)
            if r.attributed_to is not None
        }
        by_director = {
            i for i, who in attributed.items() if who == "person.bui-hong-do"
        }
        by_chairman = {
            i for i, who in attributed.items() if who == "person.tran-duy-dong"
        }
        assert {"directive.23", "directive.05", "directive.04"} <= by_director
        assert {
            "project.fpt-data-centre",
            "project.fpt-education-complex",
            "goal.industrial-province-2030",
            "goal.high-tech-semiconductors",
            "goal.skilled-workforce-training",
            "statement.fpt-cooperation-focal-point",
        } <= by_chairman
        for record_id in attributed:
            assert report.get(record_id).source.paragraph in (5, 16, 17), record_id
        # Nothing outside those paragraphs is attributed.
        assert not any(
            report.get(i).source.paragraph not in (5, 16, 17) for i in attributed
        )
        assert all(f.attributed_to is None for f in report.indicators)

    def test_statements(self, report):
        """The qualitative claims the issue lists are there, each in one paragraph."""
        expected = {
            "statement.first-to-assign-targets": 6,
            "statement.central-standards": 6,
            "statement.document-software-interconnection": 11,
            "statement.document-software-signatures": 11,
            "statement.directives-open-list": 5,
            "statement.three-pillars-aim": 3,
            "statement.pillars-as-driver": 9,
        }
        for record_id, paragraph in expected.items():
            assert report.statements.get(record_id).source.paragraph == paragraph
        first = report.statements.get("statement.first-to-assign-targets")
        # The article does not say first among which localities: the note says so.
        assert first.note is not None
        assert "country" not in first.text.en
        for statement in report.statements:
            assert statement.label.vi != statement.text.vi

    def test_source_and_context(self, report):
        """The source's date-time keeps its +07:00 offset; the 2025 merger is recorded."""
        assert report.source.published.isoformat() == "2024-12-27T14:15:24+07:00"
        assert report.source.language == "vi"
        assert report.source.url is None
        assert report.context.effective == dt.date(2025, 7, 1)
        assert report.context.successor.vi.startswith("Tỉnh Phú Thọ")
        assert [t.vi for t in report.context.merged] == [
            "Vĩnh Phúc",
            "Phú Thọ",
            "Hòa Bình",
        ]
        assert report.context.districts_abolished is True

    def test_relations_hold_but_one(self, report):
        """Every stated sum and subset holds; the only failing finding is the 'over 100%' share."""
        failing = [f for f in report.check() if not f.holds]
        assert [f.indicators for f in failing] == [
            ("econ.enterprises.e-tax-registration-share",)
        ]
        assert {f.rule for f in report.check() if f.holds} == {"sum", "subset"}
        # The article gives its one rate (99.7 %, paragraph 11) no base.
        assert not any(f.numerator or f.denominator for f in report.indicators)


def test_resource_is_packaged():
    """The data file is reachable through importlib-resources, not __file__."""
    resource = importlib_resources.files("vinhphuc_dx") / "data" / "report.json"
    assert resource.is_file()
    assert importlib_resources.files("vinhphuc_dx").joinpath("py.typed").is_file()
