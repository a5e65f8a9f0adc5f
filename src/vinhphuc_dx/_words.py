"""The one rule of search: what a word is, and what a typed word matches.

A word is a run of letters and digits; case never matters; a word typed
with diacritics means exactly those, one typed without means any. The
index (:mod:`vinhphuc_dx._search`) and the query use this rule alike, and
:func:`fold` gives the form in which a bare word is compared.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "words"]

# A word: a run of letters and digits (with any combining marks that NFC
# could not compose); anything else separates words.
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+"
)


def _exact(text: str) -> str:
    """Case folded and NFC-composed, with the look-alike eth read as đ."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())
    return folded.replace("ð", "đ") if "ð" in folded else folded


def _bare(text: str) -> str:
    """Case folded, with every combining mark dropped and đ read as d."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text).casefold()
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("ð", "d")


def words(text: str) -> list[tuple[str, bool]]:
    """Split *text* into words, each as it is matched: the one rule of search.

    A word is a run of letters and digits (a Vietnamese syllable, an English
    word, a number); anything else separates words, so ``online-share``,
    ``1.283`` and ``chữ ký số`` are two, two and three words. Case never
    matters, and text in NFC or NFD is the same text.

    Each word comes back case folded and NFC-composed, with a flag: whether
    it carries diacritics (a combining mark, or *đ*). **A word typed with
    diacritics means exactly those diacritics; a word typed without any
    means any.** The flag is per word, and a word's marks are taken as a
    whole: a word that carries some marks is taken as typed in full.

    * ``thuê`` (rent) finds *thuê* and not *thuế* (tax): its circumflex is
      typed, its missing tone is read as no tone;
    * ``thue`` finds *thuê*, *thuế*, *thuề* and *thue*;
    * ``đ`` means *đ*; ``d`` means *d* or *đ*;
    * ``Viet Nam`` finds *Việt Nam*; ``Việt Nam`` finds *Việt Nam* and any
      marking of *Nam* (nam, năm), since *Nam* is typed bare; ``Viêt``, a
      word typed with some of its marks, finds no *Việt*.

    >>> words("Thuê BAO")
    [('thuê', True), ('bao', False)]
    >>> words("online-share 99.7%")
    [('online', False), ('share', False), ('99', False), ('7', False)]

    Args:
        text: A query, or a text of a record.

    Returns:
        The words in order, each as ``(spelling, marked)``.
    """
    exact = _WORD.findall(_exact(text))
    return [(w, _bare(w) != w) for w in exact]


def fold(text: str) -> str:
    """Fold *text* for matching: no case, no diacritics, single spaces.

    This is the form in which a word typed without diacritics is compared
    with the words of the records.

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
    return " ".join(_bare(text).replace("\x00", " ").replace("\x01", " ").split())
