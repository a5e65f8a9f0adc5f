"""The model's classes: immutability, validators, equality."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from strategies import indicators, periods, reports
from vinhphuc_dx import (
    Indicator,
    Period,
    Person,
    Qualifier,
    Records,
    Report,
    SourceRef,
    Statement,
    Text,
    Unit,
    model,
)
from vinhphuc_dx.exceptions import FieldError, UnknownIdError
from vinhphuc_dx.model import format_number

H1 = Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))


def figure(**changes: object) -> Indicator:
    fields: dict[str, object] = {
        "id": "gov.test",
        "pillar": None,
        "label": Text("Nhãn", "Label"),
        "description": Text("Mô tả", "Description"),
        "value": 1,
        "unit": Unit.COUNT,
        "qualifier": Qualifier.EXACT,
        "estimated": False,
        "period": H1,
        "source": SourceRef(10),
    }
    fields.update(changes)
    return Indicator(**fields)  # type: ignore[arg-type]


class TestText:
    def test_both_languages_required(self):
        """An empty or blank text in either language is refused."""
        with pytest.raises(FieldError, match="vi: must not be empty"):
            Text("", "x")
        with pytest.raises(FieldError, match="en: must not be empty"):
            Text("x", "   ")

    def test_not_a_string(self):
        """A number where text belongs is refused, naming the field."""
        with pytest.raises(FieldError, match="en: expected a string, got 3"):
            Text("x", 3)  # type: ignore[arg-type]

    def test_nul_refused(self):
        """NUL cannot be part of a text (exports use it as a marker)."""
        with pytest.raises(FieldError, match="NUL"):
            Text("a\x00b", "x")

    def test_stored_nfc(self):
        """Decomposed input is stored composed, and compares equal to it."""
        decomposed = unicodedata.normalize("NFD", "Chữ ký số")
        text = Text(decomposed, "Digital signature")
        assert unicodedata.is_normalized("NFC", text.vi)
        assert text == Text("Chữ ký số", "Digital signature")

    def test_frozen_and_slotted(self):
        """A Text cannot be changed and has no per-instance dict."""
        text = Text("a", "b")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            text.vi = "c"  # type: ignore[misc]
        assert not hasattr(text, "__dict__")

    def test_str_is_english(self):
        """str() of a Text gives its English form."""
        assert str(Text("Xã hội số", "Digital society")) == "Digital society"


class TestPeriod:
    def test_end_before_start(self):
        """A period that ends before it starts cannot be built."""
        with pytest.raises(FieldError, match="before it starts"):
            Period(dt.date(2024, 6, 30), dt.date(2024, 1, 1))

    def test_dates_only(self):
        """A string where a date belongs is refused."""
        with pytest.raises(FieldError, match="start: expected date"):
            Period("2024-01-01", dt.date(2024, 1, 1))  # type: ignore[arg-type]

    @given(periods(), periods())
    def test_overlap_is_symmetric(self, a, b):
        """a overlaps b exactly when b overlaps a."""
        assert a.overlaps(b.start, b.end) == b.overlaps(a.start, a.end)

    def test_overlap_single_day(self):
        """A single day overlaps a period that contains it, and no other."""
        assert H1.overlaps(dt.date(2024, 6, 30))
        assert not H1.overlaps(dt.date(2024, 7, 1))


class TestSourceRef:
    @pytest.mark.parametrize("paragraph", [0, -3])
    def test_counts_from_one(self, paragraph):
        """Paragraphs below 1 are refused."""
        with pytest.raises(FieldError, match="count from 1"):
            SourceRef(paragraph)

    def test_bool_is_not_a_paragraph(self):
        """True is an int to Python but not a paragraph number."""
        with pytest.raises(FieldError, match="expected int"):
            SourceRef(True)  # noqa: FBT003


class TestIndicator:
    def test_negative_value(self):
        """No figure of a report is below zero."""
        with pytest.raises(FieldError, match="value: must not be negative"):
            figure(value=-1)
        with pytest.raises(FieldError, match="value: must not be negative"):
            figure(value=Decimal("-0.5"))

    @pytest.mark.parametrize(
        "value", [1.5, "3", True, Decimal("NaN"), Decimal("Infinity")]
    )
    def test_value_types(self, value):
        """Floats, strings, booleans and non-finite decimals are refused."""
        with pytest.raises(FieldError, match="value: expected a"):
            figure(value=value)

    def test_rate_needs_both_ends(self):
        """A numerator without a denominator is refused."""
        with pytest.raises(FieldError, match="numerator and its denominator"):
            figure(numerator="a.b")

    def test_no_self_relation(self):
        """A figure cannot be its own part."""
        with pytest.raises(FieldError, match="cannot relate to itself"):
            figure(parts=("gov.test",))

    def test_parts_are_a_tuple_of_ids(self):
        """Parts must be a tuple of distinct ids without spaces."""
        with pytest.raises(FieldError, match="expected a tuple"):
            figure(parts=["a.b"])
        with pytest.raises(FieldError, match="named twice"):
            figure(parts=("a.b", "a.b"))
        with pytest.raises(FieldError, match="no spaces"):
            figure(parts=("a b",))

    def test_enums_only(self):
        """A unit given as a string is refused: the model holds enums."""
        with pytest.raises(FieldError, match="unit: expected Unit"):
            figure(unit="count")

    def test_related_ids(self):
        """related_ids lists parts, then the whole, numerator, denominator."""
        fig = figure(
            parts=("a.x", "a.y"), part_of="a.w", numerator="a.x", denominator="a.z"
        )
        assert fig.related_ids == ("a.x", "a.y", "a.w", "a.x", "a.z")

    @given(indicators())
    def test_generated_indicators_are_hashable(self, indicator):
        """Every valid indicator is frozen and hashable."""
        assert hash(indicator) == hash(attrs.evolve(indicator))


class TestNewRecords:
    def test_person_name_nfc(self):
        """A person's name is stored composed, so both typings compare equal."""
        decomposed = unicodedata.normalize("NFD", "Trần Duy Đông")
        person = Person(
            "person.x", decomposed, Text("Chủ tịch", "Chairman"), SourceRef(16)
        )
        assert person.name == "Trần Duy Đông"
        assert person == Person(
            "person.x", "Trần Duy Đông", Text("Chủ tịch", "Chairman"), SourceRef(16)
        )

    @pytest.mark.parametrize("name", ["", "  ", 7, None])
    def test_person_needs_a_name(self, name):
        """A person's name is a non-empty string."""
        with pytest.raises(FieldError, match="name"):
            Person("person.x", name, Text("a", "b"), SourceRef(5))  # type: ignore[arg-type]

    def test_statement_fields(self):
        """A statement's texts are Text; its attribution an id."""
        with pytest.raises(FieldError, match="text"):
            Statement("statement.x", None, Text("a", "b"), "plain", SourceRef(6))  # type: ignore[arg-type]
        with pytest.raises(FieldError, match="attributed_to: an id has no spaces"):
            Statement(
                "statement.x", None, Text("a", "b"), Text("c", "d"), SourceRef(6), "a b"
            )

    @pytest.mark.parametrize(
        ("written", "message"),
        [
            ("1 2 3 4 5 6 7 8 9", "at most 8 words"),
            ("", "must not be empty"),
            (" 954", "spaces at an end"),
            (954, "expected a string"),
        ],
    )
    def test_as_written_refused(self, written, message):
        """as_written is a short, trimmed string (or None)."""
        with pytest.raises(FieldError, match=message):
            figure(as_written=written)

    def test_as_written_nfc(self):
        """as_written is stored composed."""
        decomposed = unicodedata.normalize("NFD", "trên 1 tỷ đồng")
        assert figure(as_written=decomposed).as_written == "trên 1 tỷ đồng"
        assert figure().as_written is None


class TestReport:
    def test_equal_by_value(self, report, raw):
        """Two reports built from the same data are equal and hash alike."""
        from vinhphuc_dx._converter import structure

        other = structure(raw)
        assert other is not report
        assert other == report
        assert hash(other) == hash(report)

    def test_changed_figure_is_unequal(self, report):
        """Changing one figure makes the reports differ."""
        figures = list(report.indicators)
        figures[5] = attrs.evolve(figures[5], value=figures[5].value + 1)
        assert attrs.evolve(report, indicators=figures) != report

    def test_collections_are_records(self, report):
        """A list given for a collection is stored as an immutable Records."""
        changed = attrs.evolve(report, goals=list(report.goals))
        assert isinstance(changed.goals, Records)
        assert not hasattr(changed.goals, "append")

    def test_duplicate_ids(self, report):
        """Two indicators with one id cannot be in a report."""
        figures = [*report.indicators, report.indicators[0]]
        with pytest.raises(FieldError, match=r"indicators\[38\].id: duplicate id"):
            attrs.evolve(report, indicators=figures)

    def test_dangling_relation(self, report):
        """A relation must name an indicator of the report."""
        figures = list(report.indicators)
        figures[0] = attrs.evolve(figures[0], part_of="no.such")
        with pytest.raises(FieldError, match=r"indicators\[0\].part_of: names no"):
            attrs.evolve(report, indicators=figures)

    def test_foreign_pillar(self, report):
        """An indicator's pillar must be one of the report's pillars."""
        with pytest.raises(FieldError, match="unknown pillar"):
            attrs.evolve(report, pillars=report.pillars[:1])

    def test_records_of_the_right_class(self, report):
        """Directives cannot stand where indicators belong."""
        with pytest.raises(FieldError, match="expected records of Indicator"):
            attrs.evolve(report, indicators=report.directives)

    def test_ids_unique_across_collections(self, report):
        """An id used by an indicator cannot name a goal too."""
        goals = [attrs.evolve(report.goals[0], id="budget.total"), *report.goals[1:]]
        with pytest.raises(
            FieldError,
            match=r"goals\[0\].id: duplicate id 'budget.total' \(first at indicators\[0\]\)",
        ):
            attrs.evolve(report, goals=goals)

    @pytest.mark.parametrize(
        "kind",
        ["indicators", "directives", "instruments", "projects", "goals", "statements"],
    )
    def test_dangling_attribution(self, report, kind):
        """Every kind that can be attributed must name a person of the report."""
        records = list(getattr(report, kind))
        records[0] = attrs.evolve(records[0], attributed_to="person.nobody")
        with pytest.raises(
            FieldError, match=rf"{kind}\[0\].attributed_to: names no person"
        ):
            attrs.evolve(report, **{kind: records})

    def test_removing_a_person_breaks_attributions(self, report):
        """Records attributed to a person need that person in the report."""
        with pytest.raises(FieldError, match=r"attributed_to: names no person"):
            attrs.evolve(report, people=report.people[:1])

    def test_statement_pillar_is_the_reports(self, report):
        """A statement's pillar must be one of the report's pillars."""
        stray = attrs.evolve(report.pillars[0], description=Text("khác", "other"))
        statements = [attrs.evolve(report.statements[1], pillar=stray)]
        with pytest.raises(FieldError, match=r"statements\[0\].pillar: unknown pillar"):
            attrs.evolve(report, statements=statements)

    def test_people_and_statements_default_empty(self, report):
        """Code may build a report without people or statements."""
        fields = {
            f.name: getattr(report, f.name)
            for f in attrs.fields(Report)
            if f.name not in ("people", "statements")
        }
        figures = [attrs.evolve(f, attributed_to=None) for f in report.indicators]
        bare = Report(
            **{
                **fields,
                "indicators": figures,
                "directives": [
                    attrs.evolve(d, attributed_to=None) for d in report.directives
                ],
                "projects": [
                    attrs.evolve(p, attributed_to=None) for p in report.projects
                ],
                "goals": [attrs.evolve(g, attributed_to=None) for g in report.goals],
            }
        )
        assert len(bare.people) == len(bare.statements) == 0

    def test_get_any_record(self, report):
        """report.get finds a record of every kind by its id."""
        for name in (
            "pillars",
            "indicators",
            "directives",
            "instruments",
            "projects",
            "goals",
            "people",
            "statements",
        ):
            for record in getattr(report, name):
                assert report.get(record.id) is record
        assert isinstance(report.get("person.tran-duy-dong"), Person)
        assert isinstance(report.get("statement.first-to-assign-targets"), Statement)

    def test_get_unknown(self, report):
        """An unknown id raises UnknownIdError (a KeyError) naming the closest ids."""
        with pytest.raises(UnknownIdError, match=r"person\.tran-duy-dong") as caught:
            report.get("person.tran-duy-dog")
        assert isinstance(caught.value, KeyError)

    @given(reports())
    def test_generated_reports_are_valid(self, generated):
        """The strategy builds reports the model accepts, and they are equal to copies."""
        assert isinstance(generated, Report)
        assert attrs.evolve(generated) == generated


class TestNotebook:
    def test_record_html(self, report):
        """A record shows every field in a table, texts in both languages."""
        html = report.indicators.get("gov.documents.signing-rate")._repr_html_()
        assert html.startswith("<table><caption>Indicator</caption>")
        assert html.count("<tr>") == len(attrs.fields(Indicator))
        assert "<td>99.7</td>" in html
        assert "Tỷ lệ ký bằng chữ ký số" in html
        assert "<td>paragraph 11</td>" in html

    def test_html_escapes(self, report):
        """Text is escaped, never injected as markup."""
        figure = attrs.evolve(report.indicators[0], label=Text("<b>x</b>", "a & b"))
        html = figure._repr_html_()
        assert "&lt;b&gt;x&lt;/b&gt;" in html
        assert "a &amp; b" in html


class TestSource:
    def test_needs_offset(self, report):
        """A publication time without its UTC offset is refused."""
        naive = report.source.published.replace(tzinfo=None)
        with pytest.raises(FieldError, match="published: needs a UTC offset"):
            attrs.evolve(report.source, published=naive)

    def test_new_source_relabels_copies(self, report):
        """A report built with another source gives its collections that source."""
        other = attrs.evolve(report.source, outlet="Another outlet")
        changed = attrs.evolve(report, source=other)
        assert changed.indicators == report.indicators
        assert changed.indicators.report is changed
        assert changed.indicators.report.source is other
        assert report.indicators.report is report

    def test_not_iterable_collection(self, report):
        """A number where a collection belongs is refused, naming the field."""
        with pytest.raises(FieldError, match="goals: expected records of Goal"):
            attrs.evolve(report, goals=3)

    def test_paragraphs_of_the_article(self, report):
        """The bundled article has 18 paragraphs, and none is cited past it."""
        assert report.source.paragraphs == 18
        assert max(f.source.paragraph for f in report.indicators) <= 18

    def test_paragraph_past_the_end(self, report):
        """A record citing a paragraph past the article's last is refused."""
        figures = list(report.indicators)
        figures[2] = attrs.evolve(figures[2], source=SourceRef(19))
        with pytest.raises(FieldError, match=r"indicators\[2\].source.paragraph"):
            attrs.evolve(report, indicators=figures)

    def test_paragraphs_at_least_one(self, report):
        """An article of no paragraphs cannot be."""
        with pytest.raises(FieldError, match="paragraphs: an article has at least"):
            attrs.evolve(report.source, paragraphs=0)


class TestAsText:
    def test_str_reads_like_the_article(self, report):
        """str() of a figure gives label, value in words and paragraph."""
        figures = report.indicators
        assert (
            str(figures.get("gov.online-services.full-process"))
            == "Fully online public services: 954 (paragraph 10)"
        )
        assert (
            str(figures.get("budget.total"))
            == "Budget for investment in digital transformation, 2014–2024: over 1,283 billion VND"
            " (paragraph 3)"
        )
        assert str(figures.get("econ.digital-economy.grdp-share")) == (
            "Value added of some digital-economy-related industries, share of GRDP:"
            " about 21% (estimate, paragraph 12)"
        )

    def test_describe_in_vietnamese(self, report):
        """describe(lang="vi") gives the same in Vietnamese words and digits."""
        figures = report.indicators
        assert figures.get("budget.total").describe(lang="vi") == (
            "Ngân sách đầu tư cho chuyển đổi số 2014–2024: trên 1.283 tỷ đồng (đoạn 3)"
        )
        share = figures.get("econ.digital-economy.grdp-share")
        assert share.value_text("vi") == "khoảng 21% (ước tính)"
        assert share.value_text() == "about 21% (estimate)"

    @pytest.mark.parametrize(
        ("value", "en", "vi"),
        [
            (1350000, "1,350,000", "1.350.000"),
            (Decimal("99.7"), "99.7", "99,7"),
            (Decimal("1234.50"), "1,234.50", "1.234,50"),
            (5, "5", "5"),
        ],
    )
    def test_digit_grouping(self, value, en, vi):
        """Digits group as each language groups them, keeping the stated digits."""
        assert format_number(value) == en
        assert format_number(value, "vi") == vi

    def test_unknown_language(self, report):
        """A language other than en and vi is a ValueError naming both."""
        with pytest.raises(ValueError, match="lang='fr' is not one of 'en', 'vi'"):
            report.indicators[0].describe("fr")

    def test_enums_in_words(self):
        """Units and qualifiers read as words."""
        assert str(Unit.PERCENT) == "percent"
        assert str(Unit.BILLION_VND) == "billion VND"
        assert str(Qualifier.APPROXIMATELY) == "about"
        assert Unit.PERCENT.value == "percent"

    def test_repr_unchanged(self, report):
        """repr() stays the attrs repr, naming every field."""
        assert repr(report.indicators[0]).startswith("Indicator(id='budget.total', ")

    def test_other_records(self, report):
        """Other records read as their label and paragraph."""
        assert str(report.projects.get("project.fpt-data-centre")) == (
            "Data centre in Thanh Long Industrial Park (paragraph 16)"
        )
        assert str(report.pillars[0]) == "Digital government"


class TestUnknownId:
    def test_other_collection_named(self, report):
        """Asking one collection for another's id says which holds it."""
        with pytest.raises(
            UnknownIdError, match=r"it is in report\.directives"
        ) as info:
            report.indicators.get("directive.05")
        assert info.value.id == "directive.05"
        assert info.value.elsewhere == "directives"
        with pytest.raises(UnknownIdError, match=r"in report\.indicators"):
            report.directives.filter(kind="directive").get("budget.total")

    def test_case_ignored_for_the_hint(self, report):
        """An id typed in capitals finds its record as the closest."""
        with pytest.raises(UnknownIdError, match=r"closest: budget\.total$") as info:
            report.indicators.get("BUDGET.TOTAL")
        assert info.value.closest == ("budget.total",)

    def test_closest_for_programs(self, report):
        """The closest ids come as a tuple; none close gives an empty one."""
        with pytest.raises(UnknownIdError) as info:
            report.indicators.get("gov.documents.signin")
        assert info.value.closest[0] == "gov.documents.signing-rate"
        with pytest.raises(UnknownIdError) as info:
            report.indicators.get("zzzzzz")
        assert info.value.closest == ()
        assert info.value.elsewhere is None

    def test_words_point_to_search(self, report):
        """An id with spaces is text: the message points to search()."""
        with pytest.raises(UnknownIdError, match=r"search\(\) finds records"):
            report.indicators.get("chu ky so")


class TestRepr:
    def test_repr_is_the_one_attrs_writes(self, report):
        """The shared __repr__ gives, for every class, the text attrs would generate."""
        import attrs as attrs_

        seen = {type(report): report, type(report.source): report.source}
        for name in model.COLLECTIONS:
            for record in getattr(report, name):
                seen.setdefault(type(record), record)
                for field in attrs_.fields(type(record)):
                    value = getattr(record, field.name)
                    if attrs_.has(type(value)):
                        seen.setdefault(type(value), value)
        seen.setdefault(type(report.context), report.context)
        assert len(seen) >= 14
        for cls, example in seen.items():
            if cls is model.Report:
                continue  # its Records have their own repr, checked below
            fields = attrs_.fields(cls)
            twin = attrs_.make_class(
                cls.__name__,
                {f.name: attrs_.field(repr=f.repr) for f in fields},
                repr=True,
            )
            values = {f.name: getattr(example, f.name) for f in fields}
            assert repr(example) == repr(twin(**values)), cls.__name__

    def test_report_repr_names_its_collections(self, report):
        """A report's repr is attrs' form, each collection by its own repr."""
        text = repr(report)
        assert text.startswith("Report(format_version=2, revision=")
        assert f"indicators={report.indicators!r}" in text

    def test_equality_and_hash_as_attrs_gives(self, report):
        """Equal when of one class with every field equal; equal records hash alike."""
        import attrs as attrs_

        for name in model.COLLECTIONS:
            for record in getattr(report, name):
                fields = attrs_.fields(type(record))
                copy = type(record)(**{f.name: getattr(record, f.name) for f in fields})
                assert copy == record
                assert hash(copy) == hash(record)
                assert copy != object()
                changed = attrs_.evolve(record, id=record.id + "-x")
                assert changed != record
        assert report.source.title == Text(
            report.source.title.vi, report.source.title.en
        )
        assert Text("a", "b") != Text("a", "c")
        assert len({Text("a", "b"), Text("a", "b"), Text("b", "a")}) == 2
        assert Period(dt.date(2024, 1, 1), dt.date(2024, 1, 2)) != SourceRef(3)
