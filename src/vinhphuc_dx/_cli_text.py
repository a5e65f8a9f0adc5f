"""The command line's terminal text: tables, one record, the checks, JSON, CSV.

How ``list`` and ``search`` print records (a table drawn to the terminal's
width, wide letters counted twice and marks not at all; JSON; CSV for
spreadsheets), how ``show`` prints one record and ``check`` its findings.
Every word is the vocabulary's, in the language of ``--lang``.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TYPE_CHECKING, Any
from unicodedata import combining, east_asian_width

from vinhphuc_dx._vocabulary import label_of, words

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from vinhphuc_dx.checks import Finding
    from vinhphuc_dx.model import Report

__all__ = ["records_table", "terminal_width", "write_findings", "write_record"]

#: The widest a table is drawn, however wide the terminal: the value stays
#: near its label. The narrowest: below it, lines run over rather than wrap
#: to nothing.
_MAX_WIDTH, _MIN_WIDTH = 100, 40

#: How far a record's id, and a label's later lines, stand in.
_ID, _MORE = "    ", "  "


def text_width(text: str) -> int:
    """Columns *text* takes in a terminal: marks take none, wide letters two."""
    return sum(
        0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text
    )


def terminal_width() -> int:
    """The width to draw in: the terminal's (``COLUMNS``), within bounds."""
    total = shutil.get_terminal_size((80, 24)).columns
    return max(_MIN_WIDTH, min(total, _MAX_WIDTH))


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """*text* in lines of at most *width*, never breaking a word or an id.

    Lines after the first stand in by *indent*.
    """
    lines = textwrap.wrap(
        text,
        width,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [""]


def _found(record: Any, lang: str) -> str:
    """A search result's detail: a figure's value, or the kind of record."""
    if hasattr(record, "value_text"):
        return str(record.value_text(lang))
    from vinhphuc_dx.model import RECORD_CLASSES  # loaded by now

    kind = next(n for n, cls in RECORD_CLASSES.items() if isinstance(record, cls))
    return words(lang)[kind]  # the collection's words name one of its records


#: The columns of ``list NAME``, or of search results (``None``): the words
#: that head them, and a record's short detail (a value, a number, a role).
_COLUMNS: dict[str | None, tuple[str, str, Callable[[Any, str], object]]] = {
    None: ("record", "found", _found),
    "indicators": ("indicators", "value", lambda r, lang: r.value_text(lang)),
    "directives": ("name", "number", lambda r, _: r.number),
    "instruments": ("name", "kind", lambda r, _: r.kind.value.replace("_", " ")),
    "goals": ("name", "horizon", lambda r, _: "" if r.horizon is None else r.horizon),
    "people": ("name", "role", lambda r, lang: getattr(r.role, lang)),
}


def _beside(left: str, right: str, total: int) -> list[str]:
    """*right* at the right margin of the line that starts with *left*."""
    gap = total - text_width(left) - text_width(right)
    if not right or gap >= 2:
        return [left + " " * gap + right]
    return [left, " " * max(0, total - text_width(right)) + right]


def records_table(records: Sequence[Any], name: str | None, lang: str) -> str:
    """Records as a table of blocks: the label, then the id and a detail.

    The label comes first and has the whole width, so it is read whole at
    any width down to 60 columns (its later lines stand in); the line under
    it holds the id, which ``show`` takes, and the detail (a figure's value,
    a person's role) at the right margin, or on a line of its own when both
    do not fit. *name* is the collection listed, or ``None`` for search
    results of every kind, whose detail is a figure's value or the kind of
    record.
    """
    said = words(lang)
    total = terminal_width()
    first, second, detail = _COLUMNS.get(name, ("name", "value", lambda *_: ""))
    rows = [(r.id, label_of(r, lang), str(detail(r, lang))) for r in records]
    second = said[second] if any(row[2] for row in rows) else ""
    lines = [said[first], *_beside(f"{_ID}id", second, total), "-" * total]
    for record_id, label, value in rows:
        lines += wrap(label, total, _MORE)
        lines += _beside(f"{_ID}{record_id}", value, total)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _hang(head: str, lines: Sequence[str]) -> list[str]:
    """*lines* after *head*, the later ones standing in as far as the first."""
    pad = " " * len(head)
    return [head + lines[0], *(pad + line for line in lines[1:])]


def write_record(record: Any, fields: dict[str, Any], lang: str | None) -> str:
    """*record*'s fields, as the file format holds them, one a line.

    A long value wraps under itself; *lang* chooses one language of each
    text, or both when None.
    """
    from vinhphuc_dx._json import json_text  # the one JSON writer

    def scalar(value: object) -> str:
        return json_text(value).strip().strip('"')

    def lines(value: object) -> list[str]:
        if value is None:
            return ["-"]
        if isinstance(value, dict):
            if set(value) == {"vi", "en"}:
                if lang is not None:
                    return [str(value[lang])]
                return [f"en: {value['en']}", f"vi: {value['vi']}"]
            return [", ".join(f"{k}: {scalar(v)}" for k, v in value.items())]
        if isinstance(value, list):
            return [" ".join(map(scalar, value)) or "-"]
        return [scalar(value)]

    # "record" names the class: a directive's own "kind" field follows.
    shown = [
        ("record", [type(record).__name__]),
        ("reads", [record.describe(lang or "en")]),
        *((name, lines(value)) for name, value in fields.items()),
    ]
    width = max(len(name) for name, _ in shown)
    room = max(20, terminal_width() - width - 2)
    out = []
    for name, values in shown:
        wrapped = [part for line in values for part in wrap(line, room)]
        out += _hang(f"{name.ljust(width)}  ", wrapped)
    return "\n".join(out) + "\n"


def write_findings(report: Report, findings: Sequence[Finding], lang: str) -> str:
    """Each finding, then a summary of how many hold."""
    said = words(lang)
    total = terminal_width()
    room = max(20, total - 14)
    out = []
    for finding in findings:
        status = "ok" if finding.holds else "FAIL"
        lines = wrap(finding.message, room)
        if finding.in_source:
            figures = [report.indicators.get(i) for i in finding.indicators]
            notes = [f.note for f in figures if f.note is not None]
            said_of = " ".join(n.vi if lang == "vi" else n.en for n in notes)
            lines += wrap(f"{said['slip']}: {said_of}", room)
        out += _hang(f"{status:<4}  {finding.rule:<6}  ", lines)
    failed = sum(not f.holds for f in findings)
    slips = sum(f.in_source for f in findings)
    verb = said["does not hold" if failed == 1 else "do not hold"]
    summary = f"{len(findings) - failed} {said['hold']}, {failed} {verb}"
    if slips:
        summary += "; " + said["slip one" if slips == 1 else "slips"].format(n=slips)
    out += wrap(summary, total)
    return "\n".join(out) + "\n"
