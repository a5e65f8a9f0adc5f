"""The ``vinhphuc-dx`` command line (also ``python -m vinhphuc_dx``).

Every subcommand reads the bundled report, or the file given with
``--file``. Errors are one line on standard error: exit status 2 for a
mistake in the command line, 1 for a problem with the data (an unknown id,
a broken report file, a check that fails under ``--strict``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import json
import os
import re
import shutil
import signal
import sys
import textwrap
import typing
import unicodedata
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

import attrs

from vinhphuc_dx._version import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from vinhphuc_dx.model import Report
    from vinhphuc_dx.query import Records

__all__ = ["main"]

PROG = "vinhphuc-dx"

EPILOG = """\
examples:
  vinhphuc-dx list --pillar digital-economy
  vinhphuc-dx list --unit percent --format csv > shares.csv
  vinhphuc-dx show gov.documents.signing-rate
  vinhphuc-dx search "chu ky so" --lang vi
  vinhphuc-dx check --strict
  vinhphuc-dx export --format datapackage --output vinhphuc-dx-data
  vinhphuc-dx export --format sqlite --output vinhphuc.db
  vinhphuc-dx export --format xlsx --output vinhphuc.xlsx
  vinhphuc-dx cite --style bibtex
  vinhphuc-dx cite budget.total
  vinhphuc-dx diff old-report.json new-report.json
"""


class _UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the usage and exits; we want one line, and to let
        # main() decide how to leave (tests call main() in-process).
        raise _UsageError(message)


# ---------------------------------------------------------------- output

#: The widest a table is drawn, however wide the terminal: the value stays
#: near its label.
_MAX_WIDTH = 100
#: The narrowest: below it, lines run over rather than wrap to nothing.
_MIN_WIDTH = 40

#: The CLI's own words, in each language of --lang (report texts come from
#: the report).
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "indicators": "figure",
        "record": "record",
        "name": "name",
        "value": "value",
        "number": "number",
        "kind": "kind",
        "horizon": "year",
        "found": "value or kind",
        "pillars": "pillar",
        "directives": "directive",
        "instruments": "instrument",
        "projects": "project",
        "goals": "goal",
        "people": "person",
        "statements": "statement",
    },
    "vi": {
        "indicators": "chỉ tiêu",
        "record": "bản ghi",
        "name": "tên",
        "value": "giá trị",
        "number": "số",
        "kind": "loại",
        "horizon": "năm",
        "found": "giá trị hoặc loại",
        "pillars": "trụ cột",
        "directives": "chỉ thị",
        "instruments": "văn bản",
        "projects": "dự án",
        "goals": "mục tiêu",
        "people": "người",
        "statements": "nhận định",
    },
}


def _width(text: str) -> int:
    """Columns *text* takes in a terminal: marks take none, wide letters two."""
    return sum(
        0
        if unicodedata.combining(c)
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _columns() -> int:
    """The width to draw in: the terminal's (``COLUMNS``), within bounds."""
    total = shutil.get_terminal_size((80, 24)).columns
    return max(_MIN_WIDTH, min(total, _MAX_WIDTH))


def _wrap(text: str, width: int) -> list[str]:
    """*text* in lines of at most *width*, never breaking a word or an id."""
    # A unit stays with its number: textwrap breaks only at ASCII spaces.
    kept = text.replace(" %", "\u00a0%")
    lines = textwrap.wrap(kept, width, break_long_words=False, break_on_hyphens=False)
    return [line.replace("\u00a0%", " %") for line in lines] or [""]


def _label(record: Any, lang: str) -> str:
    from vinhphuc_dx.query import _texts  # noqa: PLC0415

    texts, _ = _texts(record)
    if not texts:
        return str(record.id)
    return texts[0] if lang == "vi" else texts[1]


def _kind_word(record: Any, lang: str) -> str:
    """What kind of record this is, in a word of *lang* (a figure, a project)."""
    name = _collections().get(type(record))
    if name is None:
        return type(record).__name__.lower()
    return _WORDS[lang].get(name, name)


@functools.cache
def _collections() -> dict[type, str]:
    """The name of the report's collection of each class of record."""
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    return {_record_class(name): name for name in COLLECTIONS}


def _detail(name: str, record: Any, lang: str) -> str:
    """The short second column of ``list NAME``: a value, a number, a year."""
    if name == "indicators":
        return str(record.value_text(lang))
    if name == "directives":
        return str(record.number)
    if name == "instruments":
        return str(record.kind.value).replace("_", " ")
    if name == "goals":
        return "" if record.horizon is None else str(record.horizon)
    return ""


#: The header of that second column, by collection.
_DETAIL = {
    "indicators": "value",
    "directives": "number",
    "instruments": "kind",
    "goals": "horizon",
}


def _table(
    rows: Sequence[tuple[str, str, str]], heads: tuple[str, str], out: TextIO
) -> None:
    """Rows of (id, label, detail), each as a block of two lines or more.

    The label comes first and has the whole width, so it is read whole at
    any width down to 60 columns (wrapped when longer); the line under it
    holds the id, which ``show`` takes, and the detail (a figure's value)
    at the right margin, or on a line of its own when both do not fit.
    """
    total = _columns()
    detail = heads[1] if any(row[2] for row in rows) else ""
    lines = [heads[0], _beside("  id", detail, total), "-" * total]
    for record_id, label, detail in rows:
        lines += _wrap(label, total)
        lines.append(_beside(f"  {record_id}", detail, total))
    out.write("\n".join(line.rstrip() for line in lines) + "\n")


def _beside(left: str, right: str, total: int) -> str:
    """*right* at the right margin of the line that starts with *left*."""
    gap = total - _width(left) - _width(right)
    if not right or gap >= 2:
        return left + " " * gap + right
    return f"{left}\n{' ' * max(0, total - _width(right))}{right}"


def _records_json(records: Iterable[Any]) -> str:
    from vinhphuc_dx._loading import json_text, unstructure  # noqa: PLC0415

    return json_text([unstructure(r) for r in records])


#: Every CSV this command line writes is for spreadsheets, as the export's
#: file is: it starts with a byte-order mark (``export.CSV_ENCODING``), so
#: that Excel reads it as UTF-8, and no text cell can run as a formula.
_BOM = "\ufeff"


def _csv(records: Sequence[Any], out: TextIO) -> None:
    """Records as CSV, always by the export's writer, after a byte-order mark."""
    from vinhphuc_dx import export  # noqa: PLC0415
    from vinhphuc_dx.model import Text  # noqa: PLC0415

    out.write(_BOM)
    if records and len({type(r) for r in records}) > 1:
        # Records of many kinds share no columns but these: give the export's
        # writer (and whatever it guards against) one flat record for each.
        found = attrs.make_class(
            "Found",
            {
                "id": attrs.field(type=str),
                "kind": attrs.field(type=str),
                "label": attrs.field(type=Text),
            },
            frozen=True,
            slots=True,
        )
        records = [
            found(r.id, type(r).__name__, Text(_label(r, "vi"), _label(r, "en")))
            for r in records
        ]
    out.write(export.to_csv(records, for_spreadsheet=True))


def _emit(records: Records[Any], args: argparse.Namespace, out: TextIO) -> None:
    """Print *records* as ``--format`` says: a table, JSON or CSV."""
    fmt, lang = args.format, args.lang
    if fmt == "json":
        out.write(_records_json(records))
    elif fmt == "csv":
        _csv(records, out)
    elif args.command == "search":
        words = _WORDS[lang]
        rows = [
            (
                r.id,
                _label(r, lang),
                r.value_text(lang) if hasattr(r, "value_text") else _kind_word(r, lang),
            )
            for r in records
        ]
        _table(rows, (words["record"], words["found"]), out)
    else:
        name, words = args.records, _WORDS[lang]
        rows = [(r.id, _label(r, lang), _detail(name, r, lang)) for r in records]
        first = words["indicators" if name == "indicators" else "name"]
        heads = (first, words[_DETAIL.get(name, "value")])
        _table(rows, heads, out)


def _nothing(message: str) -> int:
    """Say on standard error that nothing matched; exit status 1, as grep."""
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


# ---------------------------------------------------------------- commands


def _report(args: argparse.Namespace) -> Report:
    from vinhphuc_dx import load  # noqa: PLC0415

    return load(args.file)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date (YYYY-MM-DD): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _output(text: str) -> str:
    if not text:
        msg = "an empty path names no file (give a path, or - for stdout)"
        raise argparse.ArgumentTypeError(msg)
    return text


def _during(text: str) -> tuple[dt.date, dt.date]:
    start, _, end = text.partition("..")
    first = _date(start)
    return first, _date(end) if end else first


def _paragraph(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        msg = f"paragraphs count from 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return number


def _record_class(name: str) -> type:
    """The class of the records of the report's collection *name*."""
    from vinhphuc_dx.model import Report, field_types  # noqa: PLC0415

    records_type, _ = field_types(Report)[name]
    (cls,) = typing.get_args(records_type)
    return cls  # type: ignore[no-any-return]


#: Each filter of ``list``: the option, the filter's keyword, the field a
#: record needs for it to apply.
_FILTERS = (
    ("--pillar", "pillar", "pillar"),
    ("--unit", "unit", "unit"),
    ("--qualifier", "qualifier", "qualifier"),
    ("--estimated", "estimated", "estimated"),
    ("--kind", "kind", "kind"),
    ("--paragraph", "paragraph", "source"),
    ("--during", "overlaps", "period"),
)


def _applies(field: str) -> list[str]:
    """The collections whose records have *field*, so a filter on it applies."""
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    return [
        name for name in COLLECTIONS if field in attrs.fields_dict(_record_class(name))
    ]


def _in_cli_words(message: str) -> str:
    """A filter's error, naming the option rather than the keyword.

    ``pillar='x' is not one of …`` becomes ``argument --pillar: 'x' is not
    one of …``.
    """
    options = {keyword: option for option, keyword, _ in _FILTERS}
    found = re.match(r"(\w+)=\s*(.*)", message, re.DOTALL)
    if found and found.group(1) in options:
        return f"argument {options[found.group(1)]}: {found.group(2)}"
    return message


def _cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    name = args.records
    criteria: dict[str, Any] = {}
    for option, keyword, field in _FILTERS:
        dest = "during" if keyword == "overlaps" else keyword
        value = getattr(args, dest)
        if value is None:
            continue
        where = _applies(field)
        if name not in where:
            negative = "--not-estimated" if value is False else option
            msg = f"{negative} does not apply to {name}; it filters {', '.join(where)}"
            raise _UsageError(msg)
        criteria[keyword] = None if keyword == "pillar" and value == "none" else value
    report = _report(args)
    try:
        records = getattr(report, name).filter(**criteria)
    except ValueError as exc:
        raise _UsageError(_in_cli_words(str(exc))) from None
    if records:
        _emit(records, args, out)
        return 0
    last = report.source.paragraphs
    if args.paragraph is not None and last is not None and args.paragraph > last:
        return _nothing(
            f"the article has {last} paragraphs; "
            f"--paragraph {args.paragraph} is past its end"
        )
    if not criteria:
        return _nothing(f"the report has no {name}")
    return _nothing(f"no {name} match these filters")


def _all_records(report: Report) -> Iterable[Any]:
    from vinhphuc_dx.model import COLLECTIONS  # noqa: PLC0415

    for name in COLLECTIONS:
        yield from getattr(report, name)


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415
    from vinhphuc_dx.exceptions import UnknownIdError  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    try:
        record = everything.get(args.id)
    except UnknownIdError as exc:
        hint = f"; closest: {', '.join(exc.closest)}" if exc.closest else ""
        if not exc.closest or re.search(r"\s", args.id):
            hint += f'; to find records by their text: {PROG} search "{args.id}"'
        msg = f"no record has id {args.id!r}{hint}"
        raise UnknownIdError(msg, exc.id, exc.closest) from None
    from vinhphuc_dx._loading import json_text, unstructure  # noqa: PLC0415

    fields = unstructure(record)
    if args.format == "json":
        out.write(json_text(fields))
        return 0
    # "record" names the class: a directive's own "kind" field follows.
    shown: list[tuple[str, list[str]]] = [
        ("record", [type(record).__name__]),
        ("reads", [record.describe(args.lang or "en")]),
    ]
    shown += [(name, _show_lines(value, args.lang)) for name, value in fields.items()]
    width = max(len(name) for name, _ in shown)
    room = max(20, _columns() - width - 2)
    for name, lines in shown:
        wrapped = [part for line in lines for part in _wrap(line, room)]
        out.writelines(
            f"{(name if i == 0 else '').ljust(width)}  {line}\n"
            for i, line in enumerate(wrapped)
        )
    return 0


def _show_lines(value: object, lang: str | None) -> list[str]:
    if value is None:
        return ["-"]
    if isinstance(value, dict):
        if set(value) == {"vi", "en"}:
            if lang is not None:
                return [str(value[lang])]
            return [f"en: {value['en']}", f"vi: {value['vi']}"]
        return [", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())]
    if isinstance(value, list):
        return [" ".join(map(_scalar, value)) or "-"]
    return [_scalar(value)]


def _scalar(value: object) -> str:
    """A JSON scalar as the file format writes it, without quotes."""
    from vinhphuc_dx._loading import _MARKED  # noqa: PLC0415

    return _MARKED.sub(r"\1", json.dumps(value, ensure_ascii=False)).strip('"')


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(_report(args)))
    try:
        found = everything.search(args.text)
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    if not found:
        return _nothing(f"nothing matches {args.text!r}")
    _emit(found, args, out)
    return 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    report = _report(args)
    findings = report.check()
    total = _columns()
    room = max(20, total - 14)
    for finding in findings:
        status = "ok" if finding.holds else "FAIL"
        lines = _wrap(finding.message, room)
        if finding.in_source:
            notes = [
                f.note
                for f in (report.indicators.get(i) for i in finding.indicators)
                if f.note is not None
            ]
            said = " ".join(n.vi if args.lang == "vi" else n.en for n in notes)
            lines += _wrap(f"The article's own slip, kept as stated: {said}", room)
        out.writelines(
            f"{status if i == 0 else '':<4}  {finding.rule if i == 0 else '':<6}  "
            f"{line}\n"
            for i, line in enumerate(lines)
        )
    failed = sum(not f.holds for f in findings)
    slips = sum(f.in_source for f in findings)
    summary = f"{len(findings) - failed} hold, {failed} {_does(failed)} not hold"
    if slips:
        summary += (
            f"; {'it is' if slips == 1 else f'{slips} are'} the article's own "
            f"slip{'' if slips == 1 else 's'}, kept as stated, not an error in "
            "this package"
        )
    out.write("\n".join(_wrap(summary, total)) + "\n")
    return 1 if args.strict and failed else 0


def _does(count: int) -> str:
    return "does" if count == 1 else "do"


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import export  # noqa: PLC0415

    report = _report(args)
    if args.output == "-":
        if args.format == "datapackage":
            msg = "a data package is a directory: give --output DIR"
            raise _UsageError(msg)
        if args.format in {"sqlite", "xlsx"}:
            msg = f"{args.format} is a binary file: give --output FILE"
            raise _UsageError(msg)
        out.write(
            export.to_json(report)
            if args.format == "json"
            else _BOM + export.to_csv(report.indicators, for_spreadsheet=True)
        )
        return 0
    try:
        written = export.write(report, args.output, args.format, overwrite=args.force)
    except FileExistsError as exc:
        # The writer speaks Python (overwrite=True); say it as an option. Its
        # other refusals (a link, a FIFO) are not helped by --force: kept.
        msg = str(exc).replace("pass overwrite=True (--force)", "give --force")
        raise FileExistsError(msg) from None
    sys.stderr.write(f"wrote {written}\n")
    return 0


def _cmd_cite(args: argparse.Namespace, out: TextIO) -> int:
    report = _report(args)
    if args.id is None:
        out.write(report.source.cite(args.style))
        return 0
    from vinhphuc_dx import Records  # noqa: PLC0415

    everything: Records[Any] = Records(_all_records(report))
    record = everything.get(args.id)  # UnknownIdError names the closest ids
    out.write(record.cite(args.style, source=report.source))
    return 0


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx import load  # noqa: PLC0415
    from vinhphuc_dx._diff import diff  # noqa: PLC0415
    from vinhphuc_dx.exceptions import DataError  # noqa: PLC0415

    try:
        old, new = load(args.old), load(args.new)
    except (DataError, OSError) as exc:
        # As diff(1) does: 2 for trouble, so that 1 always means "they differ".
        lines = str(exc).splitlines() or [type(exc).__name__]
        sys.stderr.write(f"{PROG}: {lines[0]}\n")
        return 2
    changes = diff(old, new)
    if args.format == "json":
        out.write(changes.to_json(args.old, args.new))
    else:
        out.writelines(f"{line}\n" for line in changes.lines(args.old, args.new))
    return 1 if changes else 0


def _cmd_schema(_: argparse.Namespace, out: TextIO) -> int:
    from vinhphuc_dx._loading import schema  # noqa: PLC0415

    out.write(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n")
    return 0


# ---------------------------------------------------------------- parser

#: Options every command that reads a report takes, before or after the
#: command's name, each with whether it takes a value.
_COMMON = ("--file", "--lang", "--format")


def _parser() -> _Parser:  # noqa: PLR0915 - one statement per option
    from vinhphuc_dx.model import (  # noqa: PLC0415
        COLLECTIONS,
        LANGUAGES,
        InstrumentKind,
        Qualifier,
        Unit,
    )

    reads = _Parser(add_help=False)
    reads.add_argument(
        "--file",
        metavar="PATH",
        help="read this report file instead of the bundled one",
    )

    def language(parser: _Parser, default: str | None, what: str) -> None:
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            default=default,
            help=f"language of {what}",
        )

    shown = _Parser(add_help=False)
    shown.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help=(
            "output format (default: table); CSV starts with a byte-order "
            "mark (UTF-8 with BOM, as export writes it) so that Excel reads "
            "Vietnamese correctly"
        ),
    )

    parser = _Parser(
        prog=PROG,
        description=(
            "The figures of Vĩnh Phúc's digital transformation "
            "(Vietnam Business Forum, 27 Dec 2024).\n\n"
            "--file, --lang and --format may come before or after COMMAND."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )

    def add(
        name: str,
        help_text: str,
        example: str,
        parents: Sequence[_Parser],
    ) -> _Parser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            parents=list(parents),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    lister = add(
        "list",
        "list the figures, or other records of the report, filtered",
        "vinhphuc-dx list --pillar digital-society --unit count\n"
        "  vinhphuc-dx list instruments --kind regulation --lang vi",
        [reads, shown],
    )
    language(lister, "en", "labels, words and digit grouping (default: en)")
    lister.add_argument(
        "records",
        nargs="?",
        choices=COLLECTIONS,
        default="indicators",
        metavar="RECORDS",
        help=f"what to list: {', '.join(COLLECTIONS)} (default: indicators)",
    )

    def applies(field: str) -> str:
        return f" ({', '.join(_applies(field))})"

    lister.add_argument(
        "--pillar",
        metavar="ID",
        help="a pillar id, or 'none' for records of no pillar" + applies("pillar"),
    )
    lister.add_argument(
        "--unit", choices=[u.value for u in Unit], help="the unit" + applies("unit")
    )
    lister.add_argument(
        "--qualifier",
        choices=[q.value for q in Qualifier],
        help="how the article qualifies it" + applies("qualifier"),
    )
    estimate = lister.add_mutually_exclusive_group()
    estimate.add_argument(
        "--estimated",
        action="store_true",
        default=None,
        help="only estimates" + applies("estimated"),
    )
    estimate.add_argument(
        "--not-estimated", dest="estimated", action="store_false", help="no estimates"
    )
    kinds = [k.value for k in InstrumentKind]
    lister.add_argument(
        "--kind",
        choices=kinds,
        metavar="KIND",
        help=f"the kind of instrument: {', '.join(kinds)}" + applies("kind"),
    )
    lister.add_argument(
        "--paragraph",
        type=_paragraph,
        metavar="N",
        help="only records from paragraph N" + applies("source"),
    )
    lister.add_argument(
        "--during",
        type=_during,
        metavar="DATE[..DATE]",
        help="only figures whose period overlaps these days" + applies("period"),
    )
    lister.set_defaults(run=_cmd_list)

    show = add(
        "show",
        "show every field of one record",
        "vinhphuc-dx show directive.05",
        [reads],
    )
    language(show, None, "texts (default: both)")
    show.add_argument("id", help="the record's id")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=_cmd_show)

    search = add(
        "search",
        "find records by text, ignoring case and diacritics",
        'vinhphuc-dx search "dich vu cong"',
        [reads, shown],
    )
    language(search, "en", "labels, words and digit grouping (default: en)")
    search.add_argument("text")
    search.set_defaults(run=_cmd_search)

    check = add(
        "check",
        "check the report's sums, rates and shares",
        "vinhphuc-dx check --strict",
        [reads],
    )
    language(check, "en", "the notes on the article's own slips (default: en)")
    check.add_argument(
        "--strict", action="store_true", help="exit 1 when any finding does not hold"
    )
    check.set_defaults(run=_cmd_check)

    exporter = add(
        "export",
        "write the report as JSON, CSV, a data package, a SQLite database "
        "(for Datasette) or an Excel workbook",
        "vinhphuc-dx export --format csv --output figures.csv",
        [reads],
    )
    exporter.add_argument(
        "--format",
        choices=("json", "csv", "datapackage", "sqlite", "xlsx"),
        required=True,
        help="json: the file format load() reads; csv: the figures, UTF-8 "
        "with a byte-order mark for Excel; datapackage: a directory of "
        "plain UTF-8 tables and their descriptor; sqlite: a database for "
        "Datasette, with FILE.metadata.json beside it for datasette -m; "
        "xlsx: an Excel workbook (needs the excel extra: pip install "
        "'vinhphuc-dx[excel]')",
    )
    exporter.add_argument(
        "--output",
        required=True,
        type=_output,
        metavar="PATH",
        help="a file, a directory for datapackage, or - for stdout",
    )
    exporter.add_argument(
        "--force", action="store_true", help="replace what is at PATH"
    )
    exporter.set_defaults(run=_cmd_export)

    cite = add(
        "cite",
        "cite the article, or one record of it (its figure and paragraph)",
        "vinhphuc-dx cite gov.documents.signing-rate --style bibtex",
        [reads],
    )
    cite.add_argument(
        "id", nargs="?", help="the record to cite; the article when omitted"
    )
    cite.add_argument("--style", choices=("bibtex", "apa", "csl-json"), default="apa")
    cite.set_defaults(run=_cmd_cite)

    differ = add(
        "diff",
        "show the records added, removed and changed between two report files "
        "(exit 0 when equal, 1 when they differ, 2 on error)",
        "vinhphuc-dx diff old-report.json new-report.json --format json",
        [],
    )
    differ.add_argument("old", metavar="OLD", help="the earlier report file")
    differ.add_argument("new", metavar="NEW", help="the later report file")
    differ.add_argument("--format", choices=("text", "json"), default="text")
    differ.set_defaults(run=_cmd_diff)

    schema = add(
        "schema",
        "print the JSON Schema of the report format",
        "vinhphuc-dx schema > report.schema.json",
        [],
    )
    schema.set_defaults(run=_cmd_schema)
    return parser


def _hoist(argv: Sequence[str], names: Iterable[str]) -> tuple[list[str], bool]:
    """Move common options given before the command's name to just after it.

    Given on both sides, the one after the command's name wins.

    Returns the arguments and whether a command was found. Scanning stops at
    the first argument that is neither a common option nor a command (an
    unknown word, ``--help``), leaving argparse to judge it.
    """
    argv, names = list(argv), set(names)
    before: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _COMMON:
            before += argv[i : i + 2]
            i += 2
        elif arg.split("=", 1)[0] in _COMMON:
            before.append(arg)
            i += 1
        elif arg in names:
            return [arg, *before, *argv[i + 1 :]], True
        else:
            return argv, True
    return argv, False


#: The commands that have no text in a language to choose, and why.
_NO_LANGUAGE = {
    "export": "every export holds both languages",
    "cite": "a citation gives the article's title as published",
    "schema": "the schema has no text to translate",
}


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse *argv*: common options anywhere, and a word when none is given."""
    parser = _parser()
    commands = next(
        action
        for action in parser._actions  # noqa: SLF001 - argparse keeps them so
        if isinstance(action, argparse._SubParsersAction)  # noqa: SLF001
    )
    argv, found = _hoist(sys.argv[1:] if argv is None else argv, commands.choices)
    if (
        found
        and argv[0] in _NO_LANGUAGE
        and any(a.split("=", 1)[0] == "--lang" for a in argv)
    ):
        msg = f"--lang does not apply to {argv[0]}: {_NO_LANGUAGE[argv[0]]}"
        raise _UsageError(msg)
    if not found:
        sys.stderr.write(parser.format_usage())
        msg = (
            f"no command given: choose one of {', '.join(commands.choices)}; "
            f"'{PROG} --help' says what each does"
        )
        raise _UsageError(msg)
    return parser.parse_args(argv)


class _Closed(io.TextIOBase):
    """Standard output when the process was started with it closed (``>&-``)."""

    def write(self, _: str) -> int:
        msg = "standard output is closed"
        raise OSError(msg)


def _say(line: str) -> None:
    """Write one line to standard error, if there is one to write to."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"{line}\n")
            sys.stderr.flush()
    except OSError:  # stderr closed or a broken pipe: nowhere left to tell
        pass


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with *argv*; return the exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]``
            when omitted.
        out: Where to write results; standard output when omitted.

    Returns:
        0 on success, 1 for a data problem, 2 for a usage mistake.
    """
    from vinhphuc_dx.exceptions import DataError, UnknownIdError  # noqa: PLC0415

    out = out or sys.stdout or cast("TextIO", _Closed())
    try:
        args = _parse(argv)
        return int(args.run(args, out))
    except _UsageError as exc:
        _say(f"{PROG}: error: {exc}")
        return 2
    except UnknownIdError as exc:
        _say(f"{PROG}: {exc}")
        return 1
    except DataError as exc:
        lines = str(exc).splitlines()
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        _say(f"{PROG}: {lines[0]}{more}")
        return 1
    except (OSError, ValueError, ImportError) as exc:
        # ImportError: an optional extra is missing; its message names it.
        if isinstance(exc, BrokenPipeError):
            raise
        _say(f"{PROG}: {exc}")
        return 1


class _Signalled(BaseException):
    """A termination signal arrived (raised by the handler :func:`run` sets)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _signalled(signum: int, _frame: object) -> NoReturn:
    raise _Signalled(signum)


def run() -> NoReturn:
    """The console script: :func:`main`, with signals and streams handled.

    An interrupt (Ctrl-C) prints one line and exits with status 130; SIGTERM
    and SIGHUP likewise with 128 + the signal's number (unless they were
    ignored when the program started, as under ``nohup``). Either way, the
    export under way removes its temporary file or folder first. A pipe
    closed early (``| head``) ends quietly; a standard output that is closed
    or full is one line on standard error, status 1.
    """
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _signalled)
    try:
        status = main()
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader (``| head``) has gone: point stdout at nothing so that
        # the interpreter's final flush does not complain, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = 0
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        status = 128 + signal.SIGINT
    except _Signalled as exc:
        _say(f"{PROG}: stopped by {signal.Signals(exc.signum).name}")
        status = 128 + exc.signum
    except OSError as exc:  # flushing a full or failing standard output
        _say(f"{PROG}: standard output: {exc.strerror or exc}")
        status = 1
        if sys.stdout is not None:  # so that the final flush is quiet too
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    sys.exit(status)
