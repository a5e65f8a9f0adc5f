"""_search: the word rule, the index over any attrs record, the ranking."""

from __future__ import annotations

import unicodedata

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vinhphuc_dx
from vinhphuc_dx import Records, Text, fold
from vinhphuc_dx._search import Index, query
from vinhphuc_dx._spelling import bare, words
from vinhphuc_dx._vocabulary import label_of

#: Syllables that differ only by their marks, as readers confuse them.
SYLLABLES = [
    "thuê", "thuế", "thue", "bao", "báo", "bảo", "đầu", "dau", "tư", "từ",
    "tu", "Việt", "Viet", "Nam", "năm", "nam", "đ", "d", "số", "so", "sở",
    "chữ", "ký", "ky", "đồng", "dong", "a", "ă",
]  # fmt: skip


@attrs.frozen
class Entry:
    """A record kind the search knows only through attrs and its label field."""

    label_field = "name"

    id: str
    name: str
    summary: Text
    as_written: str
    note: Text | None = None
    part_of: str | None = attrs.field(default=None, metadata={"reference": True})
    remark: str | None = None


def _ids(found: Records[Entry]) -> tuple[str, ...]:
    return found.ids


def _mangle(text: str, data: st.DataObject) -> str:
    """The same text in another case and normal form."""
    text = data.draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    return unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), text)


phrases = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4).map(" ".join)


@st.composite
def entries(draw: st.DrawFn) -> Records[Entry]:
    size = draw(st.integers(1, 8))
    return Records(
        Entry(
            id=f"entry.{i}",
            name=draw(phrases),
            summary=Text(draw(phrases), draw(phrases)),
            as_written=draw(phrases),
            note=draw(st.none() | st.builds(Text, phrases, phrases)),
        )
        for i in range(size)
    )


class TestWords:
    def test_marked_flag(self):
        """A word with any mark, đ included, is flagged; a bare one is not."""
        assert words("Thuê thue Đ d Việt") == [
            ("thuê", True),
            ("thue", False),
            ("đ", True),
            ("d", False),
            ("việt", True),
        ]

    def test_punctuation_separates(self):
        """Anything but letters and digits separates words."""
        assert [w for w, _ in words("online-share, 1.283 (bản)")] == [
            "online",
            "share",
            "1",
            "283",
            "bản",
        ]

    def test_normal_forms_and_case(self):
        """NFC, NFD and any case give the same words."""
        text = "CHỮ KÝ Số"
        nfd = unicodedata.normalize("NFD", text)
        assert words(nfd) == words(text) == words(text.lower())

    def test_eth_reads_as_d_with_stroke(self):
        """The look-alike Ð (eth) is read as Đ, as it is typed in its place."""
        assert words("Ðà") == words("Đà")

    def test_fold_is_public_and_unchanged(self):
        """vinhphuc_dx.fold keeps its behaviour."""
        assert fold("  Chữ KÝ   số ") == "chu ky so"
        assert fold("ĐIỆN THOẠI") == "dien thoai"


class TestPrecision:
    """The three wrong answers of issue 14, and what must still be found."""

    def test_subscriptions_not_tax(self, report):
        """'thuê bao' (subscriptions) does not find tax records (thuế)."""
        found = report.indicators.search("thuê bao")
        assert found.ids == (
            "soc.subscriptions.mobile-phone",
            "soc.subscriptions.fixed-broadband",
            "soc.subscriptions.mobile-broadband",
            "soc.households.broadband-share",
        )
        assert not any(i.startswith("econ.") for i in found.ids)

    def test_bare_word_means_any_marking(self, report):
        """'thue bao' finds subscriptions first, then tax records (thuế … báo)."""
        found = report.indicators.search("thue bao").ids
        marked = report.indicators.search("thuê bao").ids
        assert found[: len(marked)] == marked
        assert "econ.tax-payments.electronic-share" in found

    def test_tax_not_rent(self, report):
        """'thuế' finds the tax records and no subscription."""
        found = report.indicators.search("thuế").ids
        assert "econ.enterprises.e-tax-registration-share" in found
        assert not any(i.startswith("soc.subscriptions") for i in found)
        assert set(found) | set(report.indicators.search("thuê").ids) <= set(
            report.indicators.search("thue").ids
        )

    def test_investment(self, report):
        """'đầu tư' does not find 'từ đầu' nor 'dấu' in a note."""
        found = report.indicators.search("đầu tư").ids
        assert "budget.total" in found
        assert "gov.online-services.full-process" not in found
        assert "gov.documents.signing-rate" not in found

    @pytest.mark.parametrize("query", ["a", "Đ", "d", "đ"])
    def test_short_words_are_whole_words(self, report, query):
        """A one-letter query matches that word, not every text holding the letter."""
        assert len(report.indicators.search(query)) < len(report.indicators) // 2

    @pytest.mark.parametrize(
        "query", ["chu ky so", "CHỮ KÝ SỐ", "chữ ký số", "chữ ky so", "Chữ Ký Số"]
    )
    def test_signing_found_however_typed(self, report, query):
        """Bare, marked, partly marked, any case: the signing records first."""
        assert report.indicators.search(query).ids[:2] == (
            "gov.documents.signing-rate",
            "gov.documents.outgoing-signed",
        )

    def test_partly_marked_word_is_taken_as_typed(self, report):
        """'ky' typed with its tone means that tone: 'kỹ' is not 'ký'."""
        assert report.indicators.search("chữ kỹ số").ids == ()

    def test_phrase_before_words_apart(self, report):
        """Words in order rank above the same words apart."""
        found = report.indicators.search("dich vu cong truc tuyen").ids
        apart = report.indicators.search("truc tuyen dich vu cong").ids
        assert set(found) == set(apart)
        assert found[:3] == (
            "gov.online-services.full-process",
            "gov.online-services.partial",
            "gov.national-portal.integrated",
        )

    def test_people_named_by_plain_string(self):
        """A record whose name is a plain str is found by it, as its label."""
        people = Records(
            [
                Entry("p.1", "Nguyễn Văn An", Text("ông An", "Mr An"), "An"),
                Entry("p.2", "Trần Thị Bình", Text("bà Bình", "Ms Binh"), "Bình"),
            ]
        )
        assert people.search("Binh").ids == ("p.2",)
        assert people.search("nguyen van an").ids == ("p.1",)
        assert [label_of(people[0], lang) for lang in ("vi", "en")] == [
            "Nguyễn Văn An",
            "Nguyễn Văn An",
        ]


class TestGenericFields:
    def test_every_text_and_required_string_is_searched(self):
        """Text fields, optional or not, and required str fields are searched."""
        entry = Entry(
            "x.1",
            "alpha",
            Text("beta", "gamma"),
            "trên 1.283 tỷ đồng",
            Text("delta", "epsilon"),
        )
        records = Records([entry])
        for text in ("alpha", "beta", "gamma", "delta", "epsilon", "x.1", "1.283"):
            assert records.search(text).ids == ("x.1",), text

    def test_reference_fields_are_not_searched(self):
        """A str field marked as naming another record is not this one's text."""
        records = Records(
            [Entry("x.1", "alpha", Text("b", "c"), "d", part_of="budget.total")]
        )
        assert records.search("budget").ids == ()

    def test_optional_strings_are_searched(self):
        """An optional str that names no record (as_written, say) is searched."""
        records = Records(
            [Entry("x.1", "alpha", Text("b", "c"), "d", remark="trên 1.283 tỷ")]
        )
        assert records.search("1.283").ids == ("x.1",)

    def test_ranking(self):
        """Label equal, label holding, other text holding, words apart; ties in order."""
        records = Records(
            [
                Entry("r.words", "số ký chữ", Text("x", "x"), "x"),
                Entry("r.other", "khác", Text("có chữ ký số", "x"), "x"),
                Entry("r.holds", "chữ ký số điện tử", Text("x", "x"), "x"),
                Entry("r.equal", "Chữ ký số", Text("x", "x"), "x"),
                Entry("r.equal2", "CHỮ KÝ SỐ", Text("x", "x"), "x"),
                Entry("r.none", "chữ ký", Text("x", "x"), "x"),
            ]
        )
        assert records.search("chữ ký số").ids == (
            "r.equal",
            "r.equal2",
            "r.holds",
            "r.other",
            "r.words",
        )

    def test_nul_standing_alone(self):
        """A string holding a lone NUL (no validator refused it) is still read."""
        records = Records([Entry("x.1", "a \x00 b", Text("c", "d"), "e")])
        assert records.search("b").ids == ("x.1",)
        assert records.search("a b").ids == ("x.1",)

    def test_mixed_kinds(self, report):
        """One collection of several record kinds is searched kind by kind."""
        everything = Records([*report.indicators, *report.directives, *report.goals])
        assert "directive.05" in everything.search(
            report.directives.get("directive.05").subject.vi
        )
        assert everything.search("chu ky so")[0].id == "gov.documents.signing-rate"

    def test_empty_collection(self):
        """An empty collection finds nothing."""
        assert Records().search("x").ids == ()
        assert Index([]).search(query("x")) == []


class TestProperties:
    @settings(max_examples=150, deadline=None)
    @given(entries(), phrases, st.data())
    def test_folded_query_finds_a_superset(self, records, query, data):
        """The query without marks finds every record the marked query finds."""
        marked = set(records.search(query).ids)
        bare = set(records.search(fold(query)).ids)
        assert marked <= bare
        assert set(records.search(_mangle(query, data)).ids) == marked

    @settings(max_examples=150, deadline=None)
    @given(entries(), phrases)
    def test_results_are_records_once_in_a_fixed_order(self, records, query):
        """Results are records of the collection, each once, the same every time."""
        found = records.search(query).ids
        assert set(found) <= set(records.ids)
        assert len(set(found)) == len(found)
        assert Records(list(records)).search(query).ids == found

    @settings(max_examples=150, deadline=None)
    @given(entries(), st.data())
    def test_a_record_is_found_by_its_name(self, records, data):
        """Typing a record's name, marked or bare, in any case, finds it first or tied first."""
        record = data.draw(st.sampled_from(list(records)))
        query = data.draw(st.sampled_from([record.name, fold(record.name)]))
        found = records.search(_mangle(query, data))
        assert record in found
        assert fold(found[0].name) == fold(record.name)

    @settings(max_examples=100, deadline=None)
    @given(entries(), phrases)
    def test_agrees_with_a_scan(self, records, query):
        """The index finds what a scan of each record's words finds."""

        def matches(typed: tuple[str, bool], word: tuple[str, bool]) -> bool:
            if typed[1]:
                return typed[0] == word[0]
            return bare(typed[0]) == bare(word[0])

        typed = [w for chunk in query.split() for w in words(chunk)]
        expected = []
        for record in records:
            fields = [
                record.name,
                record.summary.vi,
                record.summary.en,
                record.as_written,
                record.id,
                *([record.note.vi, record.note.en] if record.note else []),
            ]
            held = [w for f in fields for w in words(f)]
            if all(any(matches(t, w) for w in held) for t in typed):
                expected.append(record.id)
        assert sorted(records.search(query).ids) == sorted(expected)


def test_bundled_report_every_label_finds_its_record():
    """Every record of every collection is found by its own label, marked or bare."""
    report = vinhphuc_dx.load()
    for collection in (report.indicators, report.directives, report.goals):
        for record in collection:
            for label in (label_of(record, "vi"), label_of(record, "en")):
                assert record in collection.search(label)
                assert record in collection.search(fold(label))


class TestAsWritten:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("1.283", "budget.total"),
            ("trên 1.283 tỷ đồng", "budget.total"),
            ("54.503", "gov.population-db.lookups"),
        ],
    )
    def test_the_figure_as_printed_is_searched(self, query, expected):
        """A figure typed as the article prints it finds its record."""
        assert vinhphuc_dx.load().indicators.search(query).ids[0] == expected

    def test_references_are_not_searched_as_text(self):
        """A field naming another record (attributed_to) is not searched as text."""
        report = vinhphuc_dx.load()
        assert report.goals.search("person.tran-duy-dong").ids == ()
        assert any(g.attributed_to == "person.tran-duy-dong" for g in report.goals)
