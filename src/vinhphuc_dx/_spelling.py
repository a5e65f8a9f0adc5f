"""How Vietnamese is spelled, read as its readers type it (issue #22).

Two spellings are one word when they differ only where Vietnamese spelling
lets either stand; :func:`canonical` gives the key they share:

1. **Tone placement.** In the open clusters *oa*, *oe*, *uy* (nothing after
   them) the tone mark sits on either letter: the older *hòa, khỏe, thủy,
   ủy* and the newer *hoà, khoẻ, thuỷ, uỷ* are one spelling. A syllable with
   a final consonant (*hoàn*, *thuyết*) or a *qu-* syllable (*quý*) has one
   placement already and is left as written.
2. **i and y.** As the whole rhyme after one of the initials *h, k, l, m, s,
   t, v*, i and y are one letter (*kí/ký, lí/lý, mĩ/mỹ, sĩ/sỹ, tỉ/tỷ, hi/hy,
   ti/ty, vĩ/vỹ*), marked or bare. Nowhere else: *tai* is not *tay*, *quy*
   keeps its y (*qui* is another spelling), a lone *y* (*y tế*) stays.
3. Everything else stays apart: other tones and vowel marks (*thủy/thùy,
   hóa/họa, thuê/thuế*). Case never matters; NFC and NFD are one text.

**The matching rule.** A typed word, as :func:`words` gives it, ``(c,
marked)``, matches a word *w* of a text when::

    (marked and canonical(w) == c) or (not marked and bare(w) == bare(c))

A word typed with diacritics means exactly those (*thuê* finds *thuê*, not
*thuế*); one typed without any (*đ* counts as one) means any marking of its
letters (*thue* finds both, *d* means *d* or *đ*, *ky* finds *kỳ*). A word
typed with some of its marks is taken as typed in full: *Viêt* finds no
*Việt*. A misplaced tone in a closed syllable (*hòan* for *hoàn*) is no
spelling of the word, and stays apart from it. :func:`variants` lists what
may be typed for a word under this rule, for a full-text index.

What this follows:

* Tone placement follows underthesea's ``text_normalize``
  (github.com/undertheseanlp/underthesea, ``underthesea/pipeline/
  text_normalize``): ``token_normalize`` takes NFC, reads *Ð/ð* as *Đ/đ*
  (its character map), then looks each token of up to six characters up
  in the token map of ``tn_rules_2023_07_14.bin``. That map puts the tone
  of an open oa/oe/uy on the first vowel (*hoà -> hòa, khoẻ -> khỏe,
  thuỷ -> thủy, uỷ -> ủy*; only *lòa -> loà* and *nòa -> noà* go the
  other way), and that of a closed syllable on the second (*hòan -> hoàn,
  khóet -> khoét, húyt -> huýt*): a typo it corrects and this rule does
  not (see above). The first vowel is the key's placement here too; it is
  the "old" style of Launchpad's Vietnamese translators
  (help.launchpad.net/Translations/Vietnamese/Spelling), while the school
  rule puts the tone on the main vowel (*hoà, khoẻ, thuỷ*; "vị trí dấu
  thanh", hocchinhta.blogspot.com; "Ghi dấu thanh", lehboi.github.io).
  Either way it is one word.
* underthesea does not unify i and y: its map holds no such pair but
  *qui -> quy*, which the issue keeps apart. The initials are those after
  which pages on "quy tắc i y" find both letters written: *h, k, l, m, s,
  t, v* (and *qu*; cmm.edu.vn, kynanglamgiau.edu.vn), while after *b, ch,
  d, đ, gh, n, ngh, ph, r, th, tr, x* only *i* is (vietabinhdinh.edu.vn).
  The key writes *i*, as Điều 9 of Quyết định 1989/QĐ-BGDĐT does after
  every initial (as rdsic.edu.vn quotes it).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: a run of letters and digits (with any combining marks that NFC
# could not compose); anything else separates words.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")

# The table, in NFD (a tone is a combining mark after its letter).
#: The five tone marks: grave, acute, tilde, hook above, dot below.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
#: The initials an open oa/oe/uy may follow (none, too); never q, so that
#: qu- syllables (quý, quà) are left alone.
_INITIALS = "b|ch|c|d|đ|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|r|s|th|tr|t|v|x"
#: The initials after which i and y, as the whole rhyme, are one letter.
_IY_INITIALS = "hklmstv"
#: The open clusters whose tone may sit on either letter.
_CLUSTERS = frozenset({"oa", "oe", "uy"})

# Not after (before) a letter, a digit or a mark: at the edges of a word.
_EDGE_BEFORE = rf"(?<![^\W_])(?<![{_MARKS}])"
_EDGE_AFTER = rf"(?![^\W_])(?![{_MARKS}])"
#: An open oa/oe/uy syllable: initial, first vowel, tone, second vowel, tone.
_OPEN = re.compile(
    rf"{_EDGE_BEFORE}((?:{_INITIALS})?)([ou])([{_TONES}]?)([aey])([{_TONES}]?)"
    rf"{_EDGE_AFTER}"
)
#: A syllable whose whole rhyme is i or y after an initial of _IY_INITIALS.
_IY = re.compile(rf"{_EDGE_BEFORE}([{_IY_INITIALS}])[iy]([{_TONES}]?){_EDGE_AFTER}")


def _tone_first(match: re.Match[str]) -> str:
    """An open oa/oe/uy with its one tone mark on the first vowel."""
    initial, first, tone1, second, tone2 = match.groups()
    if first + second not in _CLUSTERS or not (tone1 or tone2) or (tone1 and tone2):
        return match[0]
    return initial + first + (tone1 or tone2) + second


@lru_cache(maxsize=1 << 16)
def _spell(text: str) -> tuple[str, str, bool]:
    """The canonical form of *text*, its bare form, and whether it is marked."""
    if text.isascii():
        lowered = text.lower()
        if "y" in lowered:
            lowered = _IY.sub(r"\1i\2", lowered)
        return lowered, lowered, False
    decomposed = unicodedata.normalize(
        "NFD", unicodedata.normalize("NFD", text).casefold()
    ).replace("ð", "đ")  # the look-alike eth
    # The key: an open oa/oe/uy's tone on its first vowel, i for y (still NFD).
    keyed = _OPEN.sub(_tone_first, decomposed)
    keyed = _IY.sub(r"\1i\2", keyed) if "y" in keyed else keyed
    stripped = "".join(c for c in keyed if not unicodedata.combining(c))
    key = unicodedata.normalize("NFC", keyed)
    bare_form = unicodedata.normalize("NFC", stripped).replace("đ", "d")
    return key, bare_form, bare_form != key


def canonical(word: str) -> str:
    """The key two spellings of *word* share when they are one word.

    Case folded and NFC, with the tone mark of an open *oa*, *oe*, *uy* on
    its first vowel, and *i* for the *y* of a rhyme that may be either (see
    the module's rules); *đ* stays *đ* (and the look-alike *ð* is read as
    it). Given a text, each of its words is keyed.

    >>> canonical("Hoà") == canonical("hòa") == "hòa"
    True
    >>> canonical("THUỶ"), canonical("ký"), canonical("Mỹ"), canonical("quý")
    ('thủy', 'kí', 'mĩ', 'quý')
    >>> canonical("thùy") == canonical("thủy"), canonical("y")
    (False, 'y')

    Args:
        word: A word, in any case, NFC or NFD.

    Returns:
        The word's key, NFC.
    """
    return _spell(word)[0]


def bare(word: str) -> str:
    """The key by which a word typed without diacritics is compared.

    :func:`canonical` with every combining mark removed and *đ* read as
    *d*: so *i* and *y* are one letter where the rule allows, bare or not.

    >>> bare("ký") == bare("ki") == bare("ky") == "ki"
    True
    >>> bare("hoá"), bare("Đồng"), bare("quý")
    ('hoa', 'dong', 'quy')

    Args:
        word: A word, in any case, NFC or NFD.

    Returns:
        The word without its marks (no combining character is left).
    """
    return _spell(word)[1]


def words(text: str) -> list[tuple[str, bool]]:
    """Split *text* into words, each as it is matched: the one rule of search.

    A word is a run of letters and digits (a Vietnamese syllable, an English
    word, a number); anything else separates words, so ``online-share``,
    ``1.283`` and ``chữ ký số`` are two, two and three words. Case never
    matters, and text in NFC or NFD is the same text.

    Each word comes back as its :func:`canonical` key (case folded, NFC,
    one tone placement, one letter for i/y), with a flag: whether it carries
    diacritics (a combining mark, or *đ*). **A word typed with diacritics
    means exactly those diacritics; a word typed without any means any.**
    The flag is per word, and a word's marks are taken as a whole: a word
    that carries some marks is taken as typed in full.

    * ``thuê`` (rent) finds *thuê* and not *thuế* (tax): its circumflex is
      typed, its missing tone is read as no tone;
    * ``thue`` finds *thuê*, *thuế*, *thuề* and *thue*;
    * ``đ`` means *đ*; ``d`` means *d* or *đ*;
    * ``Viet Nam`` finds *Việt Nam*; ``Việt Nam`` finds *Việt Nam* and any
      marking of *Nam* (nam, năm), since *Nam* is typed bare; ``Viêt``, a
      word typed with some of its marks, finds no *Việt*;
    * ``hoà`` finds *hòa* and ``hòa`` *hoà*; ``chữ kí số`` finds *chữ ký
      số*, and so does ``chu ki so``.

    >>> words("Thuê BAO")
    [('thuê', True), ('bao', False)]
    >>> words("online-share 99.7%")
    [('online', False), ('share', False), ('99', False), ('7', False)]
    >>> words("Hoà Bình") == words("Hòa Bình")
    True
    >>> words("chữ KÝ số")
    [('chữ', True), ('kí', True), ('số', True)]
    >>> words("chu ky so")
    [('chu', False), ('ki', False), ('so', False)]

    Args:
        text: A query, or a text of a record.

    Returns:
        The words in order, each as ``(canonical(word), marked)``.
    """
    if text.isascii():
        found = _WORD.findall(text.lower())
    else:
        folded = unicodedata.normalize("NFD", text).casefold()
        found = _WORD.findall(unicodedata.normalize("NFC", folded))
    return [(spelled[0], spelled[2]) for spelled in map(_spell, found)]


def fold(text: str) -> str:
    """Fold *text* for matching: no case, no diacritics, single spaces.

    A plain fold: letters are kept as written, *y* stays *y* (the i/y rule
    is part of matching, in :func:`bare`).

    >>> fold("  Chữ KÝ   số ")
    'chu ky so'
    >>> fold("Đô thị") == fold("do thi")
    True

    Args:
        text: Any text.

    Returns:
        The text decomposed (NFD), stripped of its combining marks, with đ/Đ
        as ``d``, case-folded, and with runs of white space made one space.

    .. versionadded:: 0.1.0
    """
    if not isinstance(text, str):
        msg = f"fold() takes a string, got {text!r}"
        raise TypeError(msg)
    decomposed = unicodedata.normalize("NFD", text).casefold()
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare_text = stripped.replace("đ", "d").replace("ð", "d")
    return " ".join(bare_text.replace("\x00", " ").replace("\x01", " ").split())


def _other_letter(decomposed: str) -> str:
    """The other spelling of an NFD key under the rule (or itself)."""
    if match := _IY.fullmatch(decomposed):
        return match[1] + "y" + match[2]
    match = _OPEN.fullmatch(decomposed)
    if match and match[3] and match[2] + match[4] in _CLUSTERS:
        return match[1] + match[2] + match[4] + match[3]
    return decomposed


@lru_cache(maxsize=1 << 16)
def variants(word: str) -> frozenset[str]:
    """Every lower-case NFC token that a user may type and find *word* by.

    Its marked spellings (both tone placements of an open oa/oe/uy, both i
    and y where the rule allows), its bare spellings (with i and y where
    allowed) and its own lower-cased NFC form: for a full-text index whose
    tokens, indexed as all their variants, match as :func:`words` does. A
    token *q* (lower case, NFC, in Vietnamese letters) is among them exactly
    when the module's matching rule says *q* matches *word*; a query holding
    the look-alike *ð* must first be read with *đ* for it.

    >>> sorted(variants("Hoá"))
    ['hoa', 'hoá', 'hóa']
    >>> sorted(variants("KỸ"))
    ['ki', 'ky', 'kĩ', 'kỹ']
    >>> sorted(variants("thuế"))
    ['thue', 'thuế']

    Args:
        word: One word of a text, as :func:`words` splits it.

    Returns:
        The tokens, NFC and lower case.
    """
    key, bare_form, marked = _spell(word)
    found = {unicodedata.normalize("NFC", word.lower()), bare_form}
    found.add(_other_letter(bare_form))
    if marked:
        other = _other_letter(unicodedata.normalize("NFD", key))
        found |= {key, unicodedata.normalize("NFC", other)}
    return frozenset(found)
