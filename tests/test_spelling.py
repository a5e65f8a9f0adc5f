"""_spelling: Vietnamese read as it is typed (issue #22).

Tone placement in open oa/oe/uy, i/y after h k l m s t v, case and normal
form are one spelling; other tones and marks stay apart; a bare word
matches any marks.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vinhphuc_dx._spelling import bare, canonical, fold, variants, words

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = [GRAVE, ACUTE, TILDE, HOOK, DOT]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def matches(query: str, word: str) -> bool:
    """The module's rule: does the one typed word *query* match *word*?"""
    [(key, marked)] = words(query)
    return canonical(word) == key if marked else bare(word) == bare(key)


def phrase_matches(query: str, text: str) -> bool:
    """Each word of *query* matches the word of *text* at its place."""
    typed = query.split()
    found = [w for w, _ in words(text)]
    return len(typed) == len(found) and all(map(matches, typed, text.split()))


#: Typed spellings that are one word (or phrase): equal keys.
EQUAL = [
    ("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("ủy", "uỷ"),
    ("hóa đơn", "hoá đơn"), ("Hòa Bình", "Hoà Bình"), ("chữ kí số", "chữ ký số"),
    ("kí", "ký"), ("lí", "lý"), ("mĩ", "mỹ"), ("sĩ", "sỹ"), ("tỉ", "tỷ"),
    ("kì", "kỳ"), ("hi", "hy"), ("ti", "ty"), ("vĩ", "vỹ"),
    ("pháp lí", "pháp lý"), ("quản lí", "quản lý"), ("kĩ thuật", "kỹ thuật"),
    ("tỉ đồng", "tỷ đồng"), ("HÓA ĐƠN", "HOÁ ĐƠN"), ("KÝ", "KÍ"),
    ("Ủy ban", "uỷ ban"), ("ÒA", "oà"), ("công ty", "công ti"),
]  # fmt: skip

#: Spellings that are different words: unequal keys, no match either way.
APART = [
    ("thủy", "thùy"), ("hóa", "họa"), ("thuê", "thuế"), ("tai", "tay"),
    ("quy", "qui"), ("quý", "quí"), ("y", "i"), ("ý", "í"),
    # A tone misplaced in a closed syllable is no spelling of the word.
    ("hoàn", "hòan"), ("thuyết", "thúyet"), ("khoét", "khóet"),
    ("quý", "qúy"), ("by", "bi"), ("thy", "thi"), ("ngoẻo", "ngỏeo"),
]  # fmt: skip

#: Typed bare, a word finds any marking of its letters.
BARE_FINDS = [
    ("ti dong", "tỷ đồng"), ("ty dong", "tỉ đồng"), ("hoa don", "hoá đơn"),
    ("d", "đ"), ("thue", "thuế"), ("thue", "thuê"), ("cong ti", "công ty"),
]  # fmt: skip

#: Typed with marks, a word finds only its own spellings.
MARKED_MISSES = [
    ("thuê", "thuế"), ("đ", "d"), ("hóa", "hoa"), ("tai", "tay"),
    ("qui", "quy"), ("y", "i"), ("Viêt", "Việt"), ("hòan", "hoàn"),
]  # fmt: skip

#: The initials an open oa/oe/uy follows in the generated syllables.
CLUSTER_INITIALS = [
    "", "b", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
    "r", "s", "t", "th", "tr", "v", "x",
]  # fmt: skip
IY_INITIALS = list("hklmstv")

#: The pieces of a generated syllable (not all of them real words).
INITIALS = [*CLUSTER_INITIALS, "c", "gh", "gi", "k", "ngh", "p", "qu"]
NUCLEI = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe",
    "uy", "ia", "iê", "ua", "uô", "ưa", "ươ", "uê", "uơ", "oă", "uâ", "yê",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi",
    "ui", "ưi", "ưu", "oai", "oay", "uôi", "ươi", "iêu", "yêu", "uya", "uyê",
]  # fmt: skip
FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]
VOWELS = "aăâeêioôơuưy"


def with_tone(letters: str, tone: str, at: int) -> str:
    """*letters* (NFC) with *tone* after its *at*-th letter, NFC."""
    return nfc(letters[: at + 1] + tone + letters[at + 1 :])


@st.composite
def clusters(draw: st.DrawFn) -> tuple[str, str, str]:
    """An open oa/oe/uy syllable with a tone: both placements, and the tone."""
    initial = draw(st.sampled_from(CLUSTER_INITIALS))
    cluster = draw(st.sampled_from(["oa", "oe", "uy"]))
    tone = draw(st.sampled_from(TONES))
    at = len(initial)
    return (
        with_tone(initial + cluster, tone, at),
        with_tone(initial + cluster, tone, at + 1),
        tone,
    )


@st.composite
def syllables(draw: st.DrawFn) -> str:
    """A Vietnamese-looking syllable, lower case NFC, with at most one tone."""
    letters = nfc(
        draw(st.sampled_from(INITIALS))
        + draw(st.sampled_from(NUCLEI))
        + draw(st.sampled_from(FINALS))
    )
    places = [i for i, c in enumerate(letters) if nfd(c)[0] in "aeiouy"]
    if letters.startswith(("qu", "gi")) and len(places) > 1:
        places = places[1:]
    tone = draw(st.sampled_from(["", *TONES]))
    return with_tone(letters, tone, draw(st.sampled_from(places))) if tone else letters


def mangle(text: str, data: st.DataObject) -> str:
    """The same text in another case and normal form."""
    text = data.draw(st.sampled_from([text, text.upper(), text.title()]))
    return unicodedata.normalize(data.draw(st.sampled_from(["NFC", "NFD"])), text)


def respellings(word: str) -> set[str]:
    """Tokens near *word*: tones moved or changed, marks dropped, i/y swapped."""
    word = nfc(word.lower())
    decomposed = nfd(word)
    base = "".join(c for c in decomposed if c not in TONES)
    found = {word, nfc(base), fold(word), fold(word).replace("y", "i")}
    found.add(fold(word).replace("i", "y"))
    found.add("".join(c for c in decomposed if c in TONES or c.isascii()))
    letters = nfc(base)
    for at, letter in enumerate(letters):
        if nfd(letter)[0] in VOWELS:
            found.update(with_tone(letters, tone, at) for tone in TONES)
    found.update(w.replace("y", "i") for w in list(found))
    found.update(w.replace("i", "y") for w in list(found))
    return {nfc(w) for w in found}


class TestCanonical:
    @pytest.mark.parametrize(("one", "other"), EQUAL)
    def test_typed_variants_are_one_key(self, one, other):
        """Each pair of the table gives equal keys, word by word."""
        assert canonical(one) == canonical(other)
        assert words(one) == words(other)

    @pytest.mark.parametrize(("one", "other"), EQUAL)
    def test_nfd_is_the_same_key(self, one, other):
        """The NFD form of each spelling gives the key of the NFC one."""
        assert words(nfd(one)) == words(other)
        assert canonical(nfd(other)) == canonical(one)

    @pytest.mark.parametrize(("one", "other"), EQUAL)
    def test_case_never_matters(self, one, other):
        """Upper, title and lower case give one key."""
        assert canonical(one.upper()) == canonical(other.title()) == canonical(one)

    @pytest.mark.parametrize(("one", "other"), APART)
    def test_different_words_stay_apart(self, one, other):
        """Each pair of the table gives two keys."""
        assert canonical(one) != canonical(other)
        assert words(one) != words(other)

    def test_the_key_placement_and_letter(self):
        """The key puts the tone on o/u of oa/oe/uy, and writes i for y."""
        assert canonical("HOÀ") == "hòa"
        assert canonical("Khoẻ") == "khỏe"
        assert canonical("thuỷ") == "thủy"
        assert canonical("ỦY") == "ủy"
        assert canonical("Kỹ") == "kĩ"
        assert canonical("Hy") == "hi"

    def test_qu_and_lone_y_keep_their_y(self):
        """quy, quý and a lone y, ý are left as written."""
        assert canonical("quy") == "quy"
        assert canonical("Quý") == "quý"
        assert canonical("Y") == "y"
        assert canonical("ý") == "ý"

    def test_closed_syllables_are_left_alone(self):
        """hoàn, thuyết, huýt and a misplaced hòan are keyed as written."""
        for word in ["hoàn", "thuyết", "huýt", "hòan", "khoảng", "ngoẻo"]:
            assert canonical(word) == word

    def test_d_with_stroke_stays(self):
        """đ stays đ, and the look-alike eth is read as đ."""
        assert canonical("Đồng") == "đồng"
        assert canonical("Ðồng") == canonical("ðồng") == "đồng"

    def test_a_text_is_keyed_word_by_word(self):
        """Given a text, each of its words is keyed; separators stay."""
        assert canonical("Hoá Đơn, THUỶ-lợi; Kỹ") == "hóa đơn, thủy-lợi; kĩ"

    @given(st.text())
    def test_idempotent_on_any_text(self, text):
        """Keying a key changes nothing, whatever the text."""
        assert canonical(canonical(text)) == canonical(text)

    @given(syllables(), st.data())
    def test_idempotent_on_syllables(self, syllable, data):
        """Keying the key of a syllable, in any case and form, changes nothing."""
        key = canonical(mangle(syllable, data))
        assert canonical(key) == key

    @given(st.text())
    def test_nfc_and_nfd_are_one_text(self, text):
        """NFC and NFD of any text have one key."""
        assert canonical(nfc(text)) == canonical(nfd(text))

    @given(clusters(), st.data())
    def test_both_placements_are_one_key(self, cluster, data):
        """Both tone placements of every oa/oe/uy with every tone: one key."""
        first, second, _ = cluster
        assert canonical(mangle(first, data)) == canonical(mangle(second, data))
        assert canonical(second) == first

    @given(clusters(), st.sampled_from(TONES), st.booleans(), st.booleans())
    def test_different_tones_are_different_keys(self, cluster, tone, left, right):
        """Two tones on one cluster, each placed on either vowel: two keys."""
        first, second, old = cluster
        assume(tone != old)
        one = first if left else second
        base = nfc("".join(c for c in nfd(first) if c not in TONES))
        at = len(base) - 2 + right
        assert canonical(one) != canonical(with_tone(base, tone, at))
        assert canonical(one) != canonical(base)

    @given(syllables(), st.sampled_from(TONES), st.data())
    def test_other_tones_on_any_syllable_are_other_keys(self, syllable, tone, data):
        """A syllable with its tone replaced by another is another word."""
        decomposed = nfd(syllable)
        old = [c for c in decomposed if c in TONES]
        assume(old != [tone])
        if old:
            changed = nfc(decomposed.replace(old[0], tone))
        else:
            base = nfc(decomposed)
            places = [i for i, c in enumerate(base) if nfd(c)[0] in VOWELS]
            changed = with_tone(base, tone, data.draw(st.sampled_from(places)))
        assert canonical(changed) != canonical(syllable)

    @given(st.text(alphabet="abcdđeghiklmnopqrstuvxyêôơưăâóòỏõọéèẻẽẹ ,"))
    def test_other_words_change_only_by_case_and_form(self, text):
        """Words with no open oa/oe/uy nor i/y rhyme are only case folded."""
        for word in re.split(r"[ ,]+", nfd(text)):
            letters = "".join(c for c in word if c not in TONES)
            assume(not re.search(r"[ou]\W?[aey]\W?$", nfd(letters)))
            assume(not re.fullmatch(r"[hklmstv][iy]", letters))
        assert canonical(text.upper()) == nfc(nfd(text).casefold())


class TestBare:
    def test_bare_is_the_key_without_marks(self):
        """bare() is the key without marks, đ read as d, i for y."""
        assert bare("ký") == bare("ki") == bare("ky") == "ki"
        assert bare("hoá") == bare("HÒA") == "hoa"
        assert bare("Đồng") == "dong"
        assert bare("quý") == "quy"
        assert bare("y") == "y"

    @pytest.mark.parametrize(
        "query", ["chu ki so", "chu ky so", "CHU KI SO", "chữ kí số", "chữ ký số"]
    )
    def test_bare_words_find_chu_ky_so(self, query):
        """chữ ký số is found typed bare, with i or y, or marked either way."""
        assert phrase_matches(query, "chữ ký số")
        assert phrase_matches(query, "Chữ Kí Số")

    @pytest.mark.parametrize(("query", "text"), BARE_FINDS)
    def test_a_bare_word_matches_any_marks(self, query, text):
        """A word typed without diacritics matches any marking of its letters."""
        assert phrase_matches(query, text)

    @pytest.mark.parametrize(("query", "text"), MARKED_MISSES)
    def test_a_marked_word_means_its_marks(self, query, text):
        """A word typed with diacritics matches only words keyed as it."""
        assert not phrase_matches(query, text)

    @given(syllables(), st.data())
    def test_bare_has_no_marks(self, syllable, data):
        """bare() leaves no combining mark and no đ, in any case or form."""
        found = bare(mangle(syllable, data))
        assert found == nfd(found)
        assert not any(unicodedata.combining(c) for c in found)
        assert "đ" not in found


class TestWords:
    def test_documented_words(self):
        """The examples of the old rule still hold."""
        assert words("Thuê BAO") == [("thuê", True), ("bao", False)]
        assert words("online-share 99.7%") == [
            ("online", False),
            ("share", False),
            ("99", False),
            ("7", False),
        ]

    def test_words_are_keys_with_their_flag(self):
        """Each word is its key, flagged when it carries a mark or đ."""
        assert words("Hoà Bình, chữ KÝ số") == [
            ("hòa", True),
            ("bình", True),
            ("chữ", True),
            ("kí", True),
            ("số", True),
        ]
        assert words("chu ky so") == [("chu", False), ("ki", False), ("so", False)]
        assert words("đ d") == [("đ", True), ("d", False)]

    @given(st.lists(syllables(), min_size=1, max_size=6), st.data())
    def test_words_are_canonical_of_each_word(self, parts, data):
        """words() gives canonical() of each word, in any case and form."""
        text = mangle(" ".join(parts), data)
        assert [w for w, _ in words(text)] == [canonical(p) for p in parts]


class TestFold:
    def test_documented_fold(self):
        """fold()'s documented examples hold, and it keeps y as y."""
        assert fold("  Chữ KÝ   số ") == "chu ky so"
        assert fold("Đô thị") == fold("do thi")
        assert fold("Hoà  THUỶ") == "hoa thuy"

    @given(st.text())
    def test_fold_has_no_marks(self, text):
        """fold() leaves no combining mark, no upper case, no runs of spaces."""
        folded = fold(text)
        assert not any(unicodedata.combining(c) for c in nfd(folded))
        assert "  " not in folded


class TestVariants:
    @pytest.mark.parametrize(("one", "other"), EQUAL)
    def test_each_spelling_is_in_the_others_variants(self, one, other):
        """Every word of a pair is among the variants of the other's word."""
        for a, b in zip(one.split(), other.split(), strict=True):
            assert nfc(a.lower()) in variants(b)
            assert nfc(b.lower()) in variants(a)
            assert fold(a) in variants(b)

    def test_documented_variants(self):
        """The variants of hoá, kỹ, quý and thuế."""
        assert variants("Hoá") == {"hóa", "hoá", "hoa"}
        assert variants("kỹ") == {"kĩ", "kỹ", "ki", "ky"}
        assert variants("quý") == {"quý", "quy"}
        assert variants("thuế") == {"thuế", "thue"}

    @given(syllables(), st.data())
    def test_every_variant_matches(self, syllable, data):
        """Every variant of a word matches it by the rule, and is lower NFC."""
        word = mangle(syllable, data)
        for query in variants(word):
            assert query == nfc(query.lower())
            assert matches(query, word)
        assert nfc(word.lower()) in variants(word)

    @given(syllables(), syllables(), st.data())
    def test_a_token_is_a_variant_iff_it_matches(self, syllable, other, data):
        """A typed token is among a word's variants exactly when it matches."""
        word = mangle(syllable, data)
        for query in respellings(syllable) | respellings(other):
            assert (query in variants(word)) == matches(query, word), query
