"""Records: the immutable collections with get, filter and search."""

from __future__ import annotations

import datetime as dt
import html
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vinhphuc_dx
from strategies import reports
from vinhphuc_dx import Period, Qualifier, Records, Text, Unit, UnknownIdError, fold

ALL_CRITERIA = {
    "pillar": ["digital-government", "digital-economy", "digital-society", None],
    "unit": list(Unit),
    "qualifier": [q.value for q in Qualifier],
    "estimated": [True, False],
    "paragraph": [3, 10, 11, 12, 13, 14],
    "overlaps": [dt.date(2024, 3, 1), (dt.date(2024, 7, 1), dt.date(2024, 12, 31))],
}


class TestSequence:
    def test_sized_ordered_indexable(self, report):
        """Records are sized, iterate in the article's order, index by position."""
        figures = report.indicators
        assert len(figures) == 38
        assert figures[0].id == "budget.total"
        assert figures[-1].id == "soc.households.broadband-share"
        assert [f.id for f in figures] == list(figures.ids)

    def test_slice_is_records(self, report):
        """A slice is a Records too."""
        assert isinstance(report.indicators[1:4], Records)
        assert report.indicators[1:4].ids == report.indicators.ids[1:4]

    def test_index_by_id_is_refused(self, report):
        """records['id'] points the user at .get()."""
        with pytest.raises(TypeError, match=r"\.get\('budget.total'\)"):
            report.indicators["budget.total"]  # type: ignore[call-overload]

    def test_contains_id_or_record(self, report):
        """`in` accepts an id or a record."""
        figure = report.indicators[3]
        assert figure.id in report.indicators
        assert figure in report.indicators
        assert "nope" not in report.indicators
        assert figure not in report.directives

    def test_immutable(self, report):
        """No method mutates, and attributes cannot be replaced."""
        figures = report.indicators
        for name in (
            "append",
            "extend",
            "insert",
            "pop",
            "remove",
            "__setitem__",
            "__delitem__",
        ):
            assert not hasattr(figures, name)
        with pytest.raises(AttributeError):
            figures.new_attribute = 1  # type: ignore[attr-defined]

    def test_equal_by_value(self, report):
        """Two Records with equal records in order are equal and hash alike."""
        copy = Records(list(report.indicators))
        assert copy == report.indicators
        assert hash(copy) == hash(report.indicators)
        assert Records(reversed(report.indicators)) != report.indicators
        assert report.indicators != list(report.indicators)

    def test_repr(self, report):
        """repr names the count, the class and the first ids."""
        assert repr(report.directives) == (
            "<Records of 3 Directive: ['directive.23', 'directive.05', 'directive.04']>"
        )
        assert repr(Records()) == "<Records of 0 record: []>"

    def test_html(self, report):
        """The notebook table escapes text and shows values with units."""
        html = report.indicators[:2]._repr_html_()
        assert html.count("<tr>") == 3
        assert "over 1,283 billion VND" in html
        assert "<td>budget.total</td>" in html
        # The figure as the article prints it, in its own column.
        assert "<th>as printed</th>" in html
        assert "<td>trên 1.283 tỷ đồng</td>" in html
        assert "as printed" not in report.directives._repr_html_()


class TestGet:
    def test_found(self, report):
        """get returns the record with that id."""
        assert report.indicators.get("gov.online-services.full-process").value == 954

    def test_default(self, report):
        """get(id, default) returns the default for an unknown id."""
        marker = object()
        assert report.indicators.get("nope", marker) is marker
        assert report.indicators.get("nope", None) is None

    def test_unknown_names_closest(self, report):
        """An unknown id raises UnknownIdError, a KeyError, naming the closest ids."""
        with pytest.raises(KeyError) as caught:
            report.indicators.get("gov.online-services.ful-process")
        assert isinstance(caught.value, UnknownIdError)
        assert str(caught.value) == (
            "no record has id 'gov.online-services.ful-process'; closest: "
            "gov.online-services.full-process, gov.online-services.partial, "
            "gov.online-services.total"
        )

    def test_unknown_far_from_everything(self, report):
        """When nothing is close, the message says only what was missing."""
        with pytest.raises(UnknownIdError, match=r"^no record has id 'zzz'$"):
            report.directives.get("zzz")

    def test_not_a_string(self, report):
        """An unhashable id is a TypeError, not a KeyError."""
        with pytest.raises(TypeError, match="an id is a string"):
            report.indicators.get(["a"])  # type: ignore[arg-type]

    @given(st.data())
    def test_agrees_with_scan(self, data):
        """get agrees with a linear scan, for known and unknown ids."""
        report = vinhphuc_dx.load()
        wanted = data.draw(st.sampled_from([*report.indicators.ids, "x.y", "budget"]))
        scanned = next((f for f in report.indicators if f.id == wanted), None)
        assert report.indicators.get(wanted, None) is scanned


class TestFilter:
    def test_pillar_by_id_or_object(self, report):
        """pillar= takes a Pillar or its id; None selects figures of no pillar."""
        economy = report.pillars.get("digital-economy")
        assert report.indicators.filter(pillar=economy) == report.indicators.filter(
            pillar="digital-economy"
        )
        assert report.indicators.filter(pillar=None).ids == ("budget.total",)

    def test_enum_or_value(self, report):
        """unit= and qualifier= take the enum or its string value."""
        assert report.indicators.filter(unit=Unit.PERCENT) == report.indicators.filter(
            unit="percent"
        )
        assert report.indicators.filter(qualifier="approximately").ids == (
            "econ.digital-economy.grdp-share",
        )

    def test_estimated_and_paragraph(self, report):
        """estimated= and paragraph= select exactly those figures."""
        assert report.indicators.filter(estimated=True).ids == (
            "econ.digital-economy.grdp-share",
            "soc.households.broadband-share",
        )
        assert len(report.indicators.filter(paragraph=14)) == 9

    def test_overlaps(self, report):
        """overlaps= takes a day, a pair of days or a Period."""
        h1 = report.indicators.filter(
            overlaps=Period(dt.date(2024, 1, 1), dt.date(2024, 6, 30))
        )
        assert "gov.documents.incoming" in h1
        assert "budget.total" in h1
        assert "gov.certificates.issued" not in h1
        assert report.indicators.filter(overlaps=dt.date(2013, 5, 1)).ids == ()
        assert report.indicators.filter(
            overlaps=(dt.date(2024, 12, 27), dt.date(2025, 1, 1))
        ) == (report.indicators.filter(overlaps=dt.date(2024, 12, 27)))

    def test_kind_on_instruments(self, report):
        """kind= applies to directives and instruments."""
        assert len(report.instruments.filter(kind="regulation")) == 5
        assert len(report.directives.filter(kind="directive")) == 3

    def test_no_criteria_is_everything(self, report):
        """filter() with no criteria returns the same records."""
        assert report.indicators.filter() == report.indicators

    @pytest.mark.parametrize(
        ("criteria", "error", "message"),
        [
            (
                {"unit": "kg"},
                ValueError,
                "unit='kg' is not one of 'count', 'percent', 'billion_vnd'",
            ),
            ({"qualifier": 3}, TypeError, "qualifier= takes a Qualifier or its value"),
            (
                {"pillar": "digital-health"},
                ValueError,
                "pillar='digital-health' is not one of digital-economy",
            ),
            ({"pillar": 3}, TypeError, "pillar= takes a Pillar, its id or None"),
            ({"estimated": "yes"}, TypeError, "estimated= takes True or False"),
            ({"paragraph": "10"}, TypeError, "paragraph= takes an int"),
            ({"paragraph": 0}, ValueError, "paragraphs count from 1"),
            ({"overlaps": "2024"}, TypeError, "overlaps= takes a date"),
            (
                {"overlaps": (dt.date(2024, 2, 1), dt.date(2024, 1, 1))},
                ValueError,
                "ends before it starts",
            ),
            (
                {"overlaps": dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)},
                TypeError,
                "overlaps= takes a date",
            ),
        ],
    )
    def test_bad_criteria(self, report, criteria, error, message):
        """A wrong value raises with a clear message, never an empty result."""
        with pytest.raises(error, match=message):
            report.indicators.filter(**criteria)

    @pytest.mark.parametrize(
        "criteria",
        [
            {"unit": "percent"},
            {"pillar": "digital-society"},
            {"pillar": None},
            {"paragraph": 14},
            {"estimated": True, "unit": "percent"},
        ],
    )
    def test_first_and_later_calls_agree(self, report, criteria):
        """The first filter (a scan) and later ones (an index) give the same records."""
        fresh = Records(report.indicators)
        first, second, third = (fresh.filter(**criteria).ids for _ in range(3))

        def value(figure, criterion):
            if criterion == "pillar":
                return figure.pillar.id if figure.pillar else None
            if criterion == "paragraph":
                return figure.source.paragraph
            found = getattr(figure, criterion)
            return found.value if criterion == "unit" else found

        expected = tuple(
            f.id
            for f in report.indicators
            if all(value(f, k) == v for k, v in criteria.items())
        )
        assert first == second == third == expected
        assert expected  # each criterion selects something

    def test_unknown_criterion(self, report):
        """An unknown keyword is a TypeError."""
        with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
            report.indicators.filter(colour="red")  # type: ignore[call-arg]

    def test_criterion_that_does_not_apply(self, report):
        """Filtering directives by unit is a TypeError naming the class."""
        with pytest.raises(
            TypeError, match="Directive records cannot be filtered by 'unit'"
        ):
            report.directives.filter(unit="count")
        with pytest.raises(
            TypeError, match="Indicator records cannot be filtered by 'kind'"
        ):
            report.indicators.filter(kind="directive")

    def test_pillar_known_after_chaining(self, report):
        """A subset still knows every pillar id, so a valid id gives an empty result, not an error."""
        society = report.indicators.filter(pillar="digital-society")
        assert society.filter(pillar="digital-economy").ids == ()

    @settings(max_examples=200)
    @given(st.data())
    def test_chain_is_intersection(self, data):
        """A chain of filters equals the intersection of each, in order."""
        report = vinhphuc_dx.load()
        names = data.draw(
            st.lists(
                st.sampled_from(sorted(ALL_CRITERIA)),
                min_size=1,
                max_size=4,
                unique=True,
            )
        )
        criteria = {n: data.draw(st.sampled_from(ALL_CRITERIA[n])) for n in names}
        chained = report.indicators
        for name, value in criteria.items():
            chained = chained.filter(**{name: value})
        together = report.indicators.filter(**criteria)
        each = [
            set(report.indicators.filter(**{n: v}).ids) for n, v in criteria.items()
        ]
        expected = [i for i in report.indicators.ids if all(i in s for s in each)]
        assert chained.ids == together.ids == tuple(expected)

    @given(reports(max_size=20), st.sampled_from(list(Unit)))
    def test_filter_never_adds(self, generated, unit):
        """A filter returns a subsequence of what it filters."""
        result = generated.indicators.filter(unit=unit)
        assert set(result.ids) <= set(generated.indicators.ids)
        assert all(f.unit is unit for f in result)


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )


class TestSearch:
    @pytest.mark.parametrize(
        "query", ["chu ky so", "CHỮ KÝ SỐ", "chữ ký số", "Chữ  ký   số "]
    )
    def test_folding(self, report, query):
        """Case, diacritics and spacing do not matter."""
        assert (
            report.indicators.search(query).ids
            == report.indicators.search("chữ ký số").ids
        )
        assert "gov.documents.signing-rate" in report.indicators.search(query)

    def test_d_with_stroke(self, report):
        """đ and Đ fold to d."""
        assert fold("ĐIỆN THOẠI đi động") == "dien thoai di dong"
        assert (
            report.indicators.search("dien thoai").ids
            == report.indicators.search("ĐIỆN THOẠI").ids
        )

    def test_exact_label_first(self, report):
        """A record whose label is the query comes before those that merely contain it."""
        found = report.indicators.search("fully online public services")
        assert found[0].id == "gov.online-services.full-process"

    def test_label_before_description(self, report):
        """Label matches rank above description matches."""
        found = report.indicators.search("chu ky so")
        assert found.ids[:2] == (
            "gov.documents.signing-rate",
            "gov.documents.outgoing-signed",
        )

    def test_words_anywhere(self, report):
        """Every word present, in any order, still matches, after phrase matches."""
        found = report.indicators.search("subscriptions broadband fixed")
        assert found.ids == ("soc.subscriptions.fixed-broadband",)

    def test_searches_ids_and_other_texts(self, report):
        """Ids and notes are searched too."""
        assert report.indicators.search("grdp-share").ids == (
            "econ.digital-economy.grdp-share",
        )
        assert "econ.enterprises.e-tax-registration-share" in report.indicators.search(
            "over 100%"
        )

    def test_no_match(self, report):
        """A query matching nothing gives an empty Records."""
        assert report.indicators.search("semiconductor").ids == ()
        assert len(report.goals.search("semiconductor")) == 1

    @pytest.mark.parametrize("query", ["", "   "])
    def test_empty_query(self, report, query):
        """An empty query is a ValueError."""
        with pytest.raises(ValueError, match="needs some text"):
            report.indicators.search(query)

    def test_not_text(self, report):
        """A non-string query is a TypeError."""
        with pytest.raises(TypeError):
            report.indicators.search(3)  # type: ignore[arg-type]

    @settings(max_examples=200)
    @given(st.data())
    def test_any_casing_or_stripping_finds_label(self, data):
        """Any casing and any stripping of diacritics of a label finds its record, first."""
        report = vinhphuc_dx.load()
        collection = data.draw(
            st.sampled_from(
                [
                    report.indicators,
                    report.instruments,
                    report.goals,
                    report.directives,
                    report.projects,
                ]
            )
        )
        record = data.draw(st.sampled_from(list(collection)))
        text = _label_of(record)
        label = data.draw(st.sampled_from([text.vi, text.en]))
        seed = data.draw(st.integers(0, 2**16))
        rng = random.Random(seed)  # noqa: S311 - mangling text, not secrets
        mangled = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in label)
        if data.draw(st.booleans()):
            mangled = strip_marks(mangled)
        found = collection.search(mangled)
        assert record in found
        # The whole label was typed, so an exact label match leads.
        first_label = _label_of(found[0])
        assert fold(label) in (fold(first_label.vi), fold(first_label.en))


def _label_of(record: object) -> Text:
    """What names a record: its label, name or title; a directive's subject."""
    for field in ("label", "name", "title", "subject"):
        if hasattr(record, field):
            return getattr(record, field)
    raise AssertionError(record)


def test_directive_named_by_its_subject(report):
    """A directive is shown and ranked by what it is about, not who issued it."""
    directive = report.directives.get("directive.04")
    table = report.directives._repr_html_()
    assert html.escape(directive.subject.en) in table
    assert html.escape(directive.issuer.en) not in table
    # Its issuer also issued directive 05: searching the subject finds it first.
    assert report.directives.search(directive.subject.vi)[0] is directive


def test_separator_inside_a_text_cannot_be():
    """The index's separators are control characters, which no text may hold."""
    from vinhphuc_dx import FieldError, Text

    with pytest.raises(FieldError, match="control character"):
        Text("a\x01b", "plain label")


def test_pillar_on_records_without_pillars(report):
    """Filtering directives by pillar is a TypeError, not an AttributeError."""
    with pytest.raises(
        TypeError, match="Directive records cannot be filtered by 'pillar'"
    ):
        report.directives.filter(pillar="digital-economy")


def test_records_sharing_texts_are_all_found(report):
    """Copies of a figure under other ids are all found, in order, ranked alike."""
    import attrs

    base = report.indicators.get("soc.telecom.bts-stations")
    copies = [attrs.evolve(base, id=f"soc.telecom.bts-stations.p{i}") for i in range(3)]
    records = Records([*report.indicators, *copies])
    found = records.search("BTS base stations")
    assert found.ids[:4] == ("soc.telecom.bts-stations", *(c.id for c in copies))


def test_id_matches_rank_after_text_matches(report):
    """A match in an id alone ranks below a match in a label."""
    found = report.indicators.search("online-share")
    assert found.ids == ("gov.applications.online-share",)
    by_label = report.indicators.search("fully online")
    assert by_label[0].id == "gov.online-services.full-process"
