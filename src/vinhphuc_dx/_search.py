"""Search: Vietnamese read as its readers type it, over an inverted index.

The searched strings of each record are read by :mod:`vinhphuc_dx._labels`
(every text field and required string, the label first), and split into
words by the one rule of :func:`vinhphuc_dx._words.words`, used for the
index and for the query alike.

How the index works: every distinct string of the records is split into
words, and each distinct word (its exact spelling: case folded, marks kept)
is given a one-character code, so that a string becomes a short string of
codes. An inverted index maps each code to the strings holding it, and each
word without its marks to the marked spellings the records use. A query
word picks its codes (one exact spelling, or all the spellings of its bare
form); sets of strings intersect, the rarest word's first; a phrase is
then checked over the candidate strings' codes (by a substring test, or a
regular expression when a word stands for several spellings), so that
adjacency and order are tested without reading any text again. Words apart
are looked for in each candidate record's codes, all its fields together.
"""

from __future__ import annotations

import gc
import operator
import re
from collections import deque
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING

# The "X as X" imports: names defined here before the split, still
# importable from this module.
from vinhphuc_dx._labels import _layout
from vinhphuc_dx._labels import label_strings as label_strings  # noqa: PLC0414
from vinhphuc_dx._labels import other_strings as other_strings  # noqa: PLC0414
from vinhphuc_dx._words import _bare
from vinhphuc_dx._words import fold as fold  # noqa: PLC0414
from vinhphuc_dx._words import words as words  # noqa: PLC0414

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = ["SearchIndex", "fold", "label_strings", "words"]


# ---------------------------------------------------------------- the index

#: Separates the strings in the coded text of the index (and no code is it).
_SEP = "\x00"
_SURROGATES = range(0xD800, 0xE000)


class _Codes(dict[str, str]):
    """Each distinct chunk of text (between spaces) as the codes of its words.

    A report repeats its chunks endlessly, so each is split and folded once.
    Each distinct exact spelling gets a code; ``bare`` lists, for each word
    without its marks, the codes of every spelling the records use.
    """

    def __init__(self) -> None:
        super().__init__({_SEP: _SEP})
        self.spellings: dict[str, str] = {}
        self.bare: dict[str, str] = {}

    def __missing__(self, chunk: str) -> str:
        codes = []
        for word, _ in words(chunk):
            code = self.spellings.get(word)
            if code is None:
                number = len(self.spellings) + 1
                if number >= _SURROGATES.start:
                    number += len(_SURROGATES)
                code = self.spellings[word] = chr(number)
                bare = _bare(word)
                self.bare[bare] = self.bare.get(bare, "") + code
            codes.append(code)
        coded = self[chunk] = "".join(codes)
        return coded


def _code_strings(strings: list[str], codes: _Codes) -> list[str]:
    """The coded form of each string: one character per word.

    The strings are joined, split at white space and mapped chunk by chunk
    through *codes*, all in C loops: a report of 100,000 records holds
    millions of words but only thousands of distinct chunks.
    """
    text = f" {_SEP} ".join(strings)
    # Split ids and numbers into their parts first, so that chunks repeat.
    text = text.replace(".", " ").replace("-", " ").replace("/", " ")
    coded = "".join(map(codes.__getitem__, text.split())).split(_SEP)
    if len(coded) != len(strings):
        # A string held a NUL standing alone, read as a separator: drop NULs.
        cleaned = [s.replace(_SEP, " ") for s in strings]
        return _code_strings(cleaned, codes)
    return coded


def _class(codes: str) -> str:
    """A regular expression matching any one of *codes*."""
    if len(codes) == 1:
        return re.escape(codes)
    return "[" + "".join(map(re.escape, codes)) + "]"


_Columns = tuple[
    list[int],
    list["str | None"],
    list[int],
    list["str | None"],
    list[tuple[list[int], list[list["str | None"]]]],
]


def _columns(records: Sequence[object]) -> _Columns:
    """The searched strings of *records*, field by field, with their positions.

    Returns the positions and strings of the labels, then of the other
    fields: one entry per record and field, read one field at a time (a C
    loop each) for every class of record present; and, for each class, the
    positions of its records and their fields as columns.
    """
    by_class: dict[type, list[int]] = {}
    for position, cls in enumerate(map(type, records)):
        by_class.setdefault(cls, []).append(position)
    label_at: list[int] = []
    labels: list[str | None] = []
    other_at: list[int] = []
    others: list[str | None] = []
    blocks: list[tuple[list[int], list[list[str | None]]]] = []
    for cls, positions in by_class.items():
        layout = _layout(cls)
        members = (
            records
            if len(positions) == len(records)
            else [records[p] for p in positions]
        )
        columns = []
        for read in layout.label:
            label_at += positions
            columns.append(list(map(read, members)))
            labels += columns[-1]
        for read in layout.other:
            other_at += positions
            columns.append(list(map(read, members)))
            others += columns[-1]
        blocks.append((positions, columns))
    return label_at, labels, other_at, others, blocks


#: For each unit, its first record (or -1); and, for units of several
#: records, all of them.
_Owners = tuple[list[int], dict[int, list[int]]]


def _group(size: int, units: Iterable[int], positions: list[int]) -> _Owners:
    """For each of *size* units, the positions given with it (C loops only).

    Most units belong to one record (an id, a distinct text), so that record
    is kept as a plain int, which is quicker to read back than a list.
    """
    held: list[list[int]] = [[] for _ in range(size)]
    deque(map(list.append, map(held.__getitem__, units), positions), maxlen=0)
    first = list(map(next, map(iter, held), repeat(-1)))
    several = list(compress(range(size), map(operator.gt, map(len, held), repeat(1))))
    return first, dict(zip(several, map(held.__getitem__, several), strict=True))


def _holding(
    found: list[int], coded: list[str], choices: list[str], *, whole: bool = False
) -> Iterator[int]:
    """Those of *found* whose coded string holds (or, *whole*, is) *choices*.

    When each word has one spelling, a substring test (or an equality) does
    it, several times quicker than a regular expression.
    """
    strings = map(coded.__getitem__, found)
    if all(len(codes) == 1 for codes in choices):
        test = operator.eq if whole else operator.contains
        return compress(found, map(test, strings, repeat("".join(choices))))
    pattern = re.compile("".join(map(_class, choices)))
    return compress(found, map(pattern.fullmatch if whole else pattern.search, strings))


class SearchIndex:
    """An inverted index of the searched strings of a sequence of records.

    Built once, when created; :meth:`search` then answers a query with the
    positions of the matching records, best first.
    """

    __slots__ = (
        "_coded",
        "_codes",
        "_labelled",
        "_labels_of",
        "_others_of",
        "_postings",
        "_record_codes",
        "_units_of",
    )

    def __init__(self, records: Sequence[object]) -> None:
        # The collector is paused while the index is built, as load() does
        # for the records: the build makes a container per distinct string,
        # and collections triggered by them would each walk the whole report.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(records)
        finally:
            if enabled:
                gc.enable()

    def _build(self, records: Sequence[object]) -> None:
        label_at, labels, other_at, others, blocks = _columns(records)
        unit_of: dict[str | None, int] = dict.fromkeys(chain(labels, others), 0)
        unit_of.pop(None, None)
        unit_of.pop("", None)
        strings: list[str] = list(unit_of)  # type: ignore[arg-type]
        size = len(strings)
        # Every distinct string is a unit; an absent or empty one is the
        # extra unit at the end, which holds no word.
        unit_of = dict(zip(strings, range(size), strict=True))
        unit_of[None] = unit_of[""] = size
        codes = _Codes()
        coded = [*_code_strings(strings, codes), ""] if strings else [""]
        self._labels_of = _group(size + 1, map(unit_of.__getitem__, labels), label_at)
        self._others_of = _group(size + 1, map(unit_of.__getitem__, others), other_at)
        self._labelled = set(map(unit_of.__getitem__, labels))
        # For each record, the units of its fields.
        units_of: list[tuple[int, ...]] = [()] * len(records)
        for positions, columns in blocks:
            rows = zip(*(map(unit_of.__getitem__, c) for c in columns), strict=True)
            if len(positions) == len(records):
                units_of = list(rows)
            else:
                for position, row in zip(positions, rows, strict=True):
                    units_of[position] = row
        self._units_of = units_of
        # For each record, the codes of all its fields, a NUL between fields.
        self._record_codes = [
            _SEP.join(map(coded.__getitem__, row)) for row in units_of
        ]
        # The postings: for each code, the units holding it. Each unit's
        # distinct codes are laid end to end beside its number, repeated.
        distinct = list(map("".join, map(set, coded)))
        owners = chain.from_iterable(map(repeat, range(size + 1), map(len, distinct)))
        postings: dict[str, set[int]] = {c: set() for c in codes.spellings.values()}
        deque(
            map(set.add, map(postings.__getitem__, "".join(distinct)), owners), maxlen=0
        )
        self._codes = codes
        self._coded = coded
        self._postings = postings

    def _choices(self, word: str, marked: bool) -> str:  # noqa: FBT001
        """The codes a typed word matches: see :func:`words`."""
        if marked:
            return self._codes.spellings.get(word, "")
        return self._codes.bare.get(word, "")

    def _units(self, choices: list[str]) -> set[int]:
        """The strings holding the words *choices*, adjacent and in order.

        The rarest word's strings are the candidates, narrowed by each other
        word (a set intersection costs the smaller set's size), then the
        order and adjacency are checked on the candidates' codes.
        """
        postings = self._postings

        def size(codes: str) -> int:
            return sum(len(postings[c]) for c in codes)

        ordered = sorted(choices, key=size)
        units: set[int] = set().union(*map(postings.__getitem__, ordered[0]))
        for codes in ordered[1:]:
            if not units:
                break
            if len(codes) == 1:
                units &= postings[codes]
            else:
                units = set().union(*[units & postings[c] for c in codes])
        if len(choices) > 1 and units:
            found = list(units)
            units = set(_holding(found, self._coded, choices))
        return units

    @staticmethod
    def _records(units: Iterable[int], owners: _Owners) -> set[int]:
        """The positions of the records holding *units* in the given role."""
        first, several = owners
        units = units if isinstance(units, (set, list)) else list(units)
        found = set(map(first.__getitem__, units))
        found.discard(-1)
        if several:
            shared = several.keys() & units
            found.update(chain.from_iterable(map(several.__getitem__, shared)))
        return found

    def search(self, query: str) -> list[int]:
        """The positions of the records matching *query*, best first.

        A record whose label is the query comes first, then those whose
        label holds it as a phrase, then those whose other texts or id hold
        it, then those holding each of its words (a word joined to the next
        by punctuation, as in ``online-share``, stays joined) anywhere; ties
        keep the records' order.

        Raises:
            ValueError: *query* holds no word.
        """
        terms = [t for chunk in query.split() if (t := words(chunk))]
        if not terms:
            msg = f"search needs some text, got no word in {query!r}"
            raise ValueError(msg)
        choices = [[self._choices(w, m) for w, m in term] for term in terms]
        if not all(codes for term in choices for codes in term):
            return []  # a word that no record holds
        phrase = [codes for term in choices for codes in term]
        units = self._units(phrase)
        labels = list(units & self._labelled)
        whole = _holding(labels, self._coded, phrase, whole=True)
        ranks = [
            self._records(whole, self._labels_of),
            self._records(labels, self._labels_of),
            self._records(units, self._others_of),
        ]
        if len(choices) > 1:
            ranked = ranks[1] | ranks[2]
            ranks.append(self._anywhere(choices, units, ranked))
        ordered: list[int] = []
        seen: set[int] = set()
        for rank in ranks:
            fresh = rank - seen
            ordered += sorted(fresh)
            seen |= fresh
        return ordered

    def _anywhere(
        self, choices: list[list[str]], phrase: set[int], ranked: set[int]
    ) -> set[int]:
        """The records holding each term of a query, in any of their fields.

        Those already *ranked* for holding the phrase (in the units *phrase*)
        are left out. The candidates are the other records holding the
        rarest term; a regular expression per further term, over the codes
        of each candidate's fields, keeps those holding it.
        """
        postings = self._postings

        def size(term: list[str]) -> int:
            return sum(len(postings[c]) for c in term[0])

        rarest, *rest = sorted(choices, key=size)
        units = self._units(rarest) - phrase
        found = list(
            (
                self._records(units, self._labels_of)
                | self._records(units, self._others_of)
            )
            - ranked
        )
        for term in rest:
            if not found:
                break
            found = list(_holding(found, self._record_codes, term))
        return set(found)
