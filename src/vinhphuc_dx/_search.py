"""Search: a plain scan over the records' texts, folded once.

Each searched string of a record (every text field in both languages, and
every plain string but those naming another record: the id, a name, the
figure as written) is read into words by :func:`vinhphuc_dx._spelling.words`,
the one rule that the query is read by too. A record's label strings and its
other strings are then kept as two lines of words, ``| w w | w w |`` with a
bar between fields, once with each word's marks (its canonical spelling)
and once without: a phrase is a run of words in one field, which a
substring test finds. A query reads its longest term in every record's
lines, and each other term, then the whole phrase, only in the records
found so far.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import attrs

from vinhphuc_dx._spelling import bare, words
from vinhphuc_dx._table import field_types
from vinhphuc_dx._values import Text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

#: The longest query, in characters, and the most words it may have: a
#: query's cost grows with both.
MAX_QUERY = 1000
MAX_WORDS = 32

#: A query: its terms (the words of each chunk between spaces), each word as
#: (canonical spelling, typed with marks).
Terms = list[list[tuple[str, bool]]]


def query(text: object) -> Terms:
    """Read a query into terms, refusing what no search can answer.

    >>> query("Chữ ký-số")
    [[('chữ', True)], [('kí', True), ('số', True)]]

    Raises:
        TypeError: *text* is not a string.
        ValueError: *text* holds no word, or is longer than
            :data:`MAX_QUERY` characters or :data:`MAX_WORDS` words.
    """
    if not isinstance(text, str):
        msg = f"search takes a string, got {text!r}"
        raise TypeError(msg)
    if len(text) > MAX_QUERY:
        msg = f"a search is at most {MAX_QUERY} characters, got {len(text)}"
        raise ValueError(msg)
    terms = [term for chunk in text.split() if (term := words(chunk))]
    if not terms:
        msg = f"search needs some text, got no word in {text!r}"
        raise ValueError(msg)
    count = sum(map(len, terms))
    if count > MAX_WORDS:
        msg = f"a search is at most {MAX_WORDS} words, got {count}"
        raise ValueError(msg)
    return terms


@functools.cache
def searched(cls: type) -> tuple[tuple[str, str | None, str], ...]:
    """The searched fields of a record class: (field, language, column name).

    Every text field, in both languages (``label_vi``, ``label_en``), and
    every plain string field but those naming another record: the id, a
    name, a directive's number, the figure as written.

    >>> import vinhphuc_dx
    >>> [column for _, _, column in searched(vinhphuc_dx.Person)]
    ['id', 'name', 'role_vi', 'role_en']
    """
    found: list[tuple[str, str | None, str]] = []
    for field in attrs.fields(cls):
        name = field.name
        kind, _ = field_types(cls)[name]
        if field.metadata.get("reference"):
            continue
        if kind is Text:
            found += [(name, lang, f"{name}_{lang}") for lang in ("vi", "en")]
        elif kind is str:
            found.append((name, None, name))
    return tuple(found)


class _Lines:
    """One line of words per record, with and without marks.

    A line is ``| w w | w w |``, the fields between bars, so that a phrase,
    looked for with a space at each end, never runs from one field into the
    next, and a whole field is a phrase between bars.
    """

    __slots__ = ("bare", "marked")

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.marked = [m for m, _ in lines]
        self.bare = [b for _, b in lines]

    def _needle(self, phrase: Phrase, *, whole: bool) -> tuple[list[str], str]:
        """The lines to look in (marked or bare) and what to look for.

        A phrase typed with some words marked and some not is looked for
        bare, each line found then read word by word.
        """
        edge = "|" if whole else ""
        if all(marked for _, marked in phrase):
            return self.marked, f"{edge} {' '.join(w for w, _ in phrase)} {edge}"
        return self.bare, f"{edge} {' '.join(bare(w) for w, _ in phrase)} {edge}"

    def find(
        self, phrase: Phrase, among: Iterable[int] | None = None, *, whole: bool = False
    ) -> set[int]:
        """The records whose line holds *phrase*: one substring test a line.

        Every line is read, or only those numbered *among*; with *whole*,
        only a whole field is the phrase.
        """
        lines, needle = self._needle(phrase, whole=whole)
        if among is None:
            found = [n for n, line in enumerate(lines) if needle in line]
        else:
            found = [n for n in among if needle in lines[n]]
        if lines is self.bare and any(marked for _, marked in phrase):
            wanted = [bare(typed) for typed, _ in phrase]  # once, not once a line
            return {
                n for n in found if _holds(self._words(n), phrase, wanted, whole=whole)
            }
        return set(found)

    def _words(self, number: int) -> tuple[list[str], list[str]]:
        """The words of line *number*, with their marks and without."""
        return self.marked[number].split(), self.bare[number].split()


#: A phrase: its words, each as (canonical spelling, typed with marks).
Phrase = list[tuple[str, bool]]


def _holds(
    line: tuple[list[str], list[str]],
    phrase: Phrase,
    wanted: list[str],
    *,
    whole: bool,
) -> bool:
    """Whether the words of *line* hold *phrase*, each word as it was typed.

    The bare words, *wanted*, are found first (list.index, in C), then the
    words typed with marks are compared with the line's marked words there.
    """
    marked_words, bare_words = line
    size = len(wanted)
    # The line starts and ends with a bar, which no word is.
    start = 0
    while True:
        try:
            start = bare_words.index(wanted[0], start + 1)
        except ValueError:
            return False
        if bare_words[start : start + size] != wanted:
            continue
        if whole and not (bare_words[start - 1] == bare_words[start + size] == "|"):
            continue
        if all(
            marked_words[start + offset] == typed
            for offset, (typed, marked) in enumerate(phrase)
            if marked
        ):
            return True


def _line(strings: list[str], cache: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The line of words of *strings*, with and without marks: ``| w w | w |``."""
    marked, bares = ["|"], ["|"]
    for string in strings:
        folded = cache.get(string)
        if folded is None:
            spelled = [word for word, _ in words(string)]
            folded = cache[string] = (" ".join(spelled), " ".join(map(bare, spelled)))
        if folded[0]:
            marked += (folded[0], "|")
            bares += (folded[1], "|")
    return " ".join(marked), " ".join(bares)


class Index:
    """The folded texts of a sequence of records, and the scan that searches them."""

    __slots__ = ("_labels", "_others")

    def __init__(self, records: Sequence[object]) -> None:
        cache: dict[str, tuple[str, str]] = {}
        labels, others = [], []
        for record in records:
            # The label's strings, and the others.
            cls: type = type(record)
            name = getattr(cls, "label_field", None)
            label: list[str] = []
            other: list[str] = []
            for field, lang, _ in searched(cls):
                value = getattr(record, field)
                if value is not None:
                    (label if field == name else other).append(
                        value if lang is None else getattr(value, lang)
                    )
            labels.append(_line(label, cache))
            others.append(_line(other, cache))
        self._labels = _Lines(labels)
        self._others = _Lines(others)

    def search(self, terms: Terms) -> list[int]:
        """The positions of the records matching *terms*, best first.

        A record whose label is the whole query comes first, then those whose
        label holds it as a phrase, then those whose other texts hold it,
        then those holding each of its terms anywhere; ties keep the
        records' order.
        """
        labels, others = self._labels, self._others
        # The records holding every term: the longest term (most often the
        # rarest) read in every record, each other one in those found.
        first, *rest = sorted(terms, key=lambda t: -sum(len(w) for w, _ in t))
        found = labels.find(first) | others.find(first)
        for term in rest:
            held = labels.find(term, among=found)
            found = held | others.find(term, among=found - held)
        # A line holding the whole query holds each of its terms.
        phrase = [word for term in terms for word in term]
        labelled = labels.find(phrase, among=found)
        whole = labels.find(phrase, among=labelled, whole=True)
        ranks = [whole, labelled, others.find(phrase, among=found), found]
        ordered: list[int] = []
        seen: set[int] = set()
        for rank in ranks:
            ordered += sorted(rank - seen)
            seen |= rank
        return ordered
