"""The command line's parser and what each of its commands does.

Each ``cmd_*`` function reads the report, writes its result to *out* and
returns the exit status; a mistake in the command line raises
:class:`UsageError` (exit status 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from vinhphuc_dx._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from vinhphuc_dx.model import Report

__all__ = ["PROG", "Output", "UsageError", "build"]

PROG = "vinhphuc-dx"

#: The top of the main --help, and its foot.
DESCRIPTION = (
    "The figures of Vĩnh Phúc's digital transformation (Vietnam "
    "Business Forum, 27 Dec 2024).\n\n"
    "--file, --lang and --format may come before or after COMMAND."
)

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
  vinhphuc-dx export --format json > report.json
  vinhphuc-dx cite --style bibtex
  vinhphuc-dx cite budget.total
  vinhphuc-dx diff old-report.json new-report.json
"""

#: What each command does, as the list in --help and its own help say it.
_HELP = {
    "list": "list the figures, or other records of the report, filtered",
    "show": "show every field of one record",
    "search": "find records of any kind by their words: a word typed with diacritics "
    "means them (thuê is not thuế), one typed without means any; a tone mark "
    "counts wherever it sits (hóa is hoá), and i and y are one letter where "
    "either stands (kí is ký)",
    "check": "check the report's sums, rates and shares",
    "export": "write the report as JSON, CSV, a data package, a SQLite database "
    "(for Datasette), an Excel workbook or Parquet files",
    "cite": "cite the article, or one record of it (its figure and paragraph)",
    "diff": "show the records added, removed and changed between two report files "
    "(exit 0 when equal, 1 when they differ, 2 on error)",
    "schema": "print the JSON Schema of the report format",
}

#: The example at the foot of each command's help.
_EXAMPLES = {
    "list": "vinhphuc-dx list --pillar digital-society --unit count\n"
    "  vinhphuc-dx list instruments --kind regulation --lang vi",
    "show": "vinhphuc-dx show directive.05",
    "search": 'vinhphuc-dx search "dich vu cong"',
    "check": "vinhphuc-dx check --strict",
    "export": "vinhphuc-dx export --format csv --output figures.csv",
    "cite": "vinhphuc-dx cite gov.documents.signing-rate --style bibtex",
    "diff": "vinhphuc-dx diff old-report.json new-report.json --format json",
    "schema": "vinhphuc-dx schema > report.schema.json",
}


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class Output:
    """What a command prints: text, and whether it is a UTF-8 file format.

    JSON and CSV are written to standard output as UTF-8 bytes whatever the
    terminal's encoding (CSV with a byte-order mark, as the export writes
    it); text is written in the terminal's own encoding.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.utf8 = False

    def write(self, text: str, *, utf8: bool = False) -> None:
        """Add *text*; *utf8*: it is JSON or CSV, so all the output is."""
        self.parts.append(text)
        self.utf8 |= utf8


class _Formatter(argparse.HelpFormatter):
    """Prose wrapped to the terminal; indented lines (examples) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        fill = super()._fill_text  # a paragraph, as argparse wraps one
        return "\n".join(
            line if line.startswith(" ") or not line else fill(line, width, indent)
            for line in text.splitlines()
        )


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse prints the usage and exits; we want one line, and to let
        # main() decide how to leave (tests call main() in-process).
        raise UsageError(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"not a date (YYYY-MM-DD): {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def _during(text: str) -> tuple[dt.date, dt.date]:
    start, _, end = text.partition("..")
    return _date(start), _date(end or start)  # one day when no end is given


def _paragraph(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        msg = f"paragraphs count from 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _path(text: str) -> str:
    if not text:
        msg = "an empty path names no file"
        raise argparse.ArgumentTypeError(msg)
    return text


# ---------------------------------------------------------------- commands


def _nothing(message: str) -> int:
    """Say on standard error that nothing matched; exit status 1, as grep."""
    sys.stderr.write(f"{PROG}: {message}\n")
    return 1


def _report(args: argparse.Namespace) -> Report:
    from vinhphuc_dx._loading import load  # after parsing

    return load(args.file)


#: Each filter of ``list``: the option, the filter's keyword (the option's
#: dest), the field a record needs for it to apply.
_FILTERS = (
    ("--pillar", "pillar", "pillar"),
    ("--unit", "unit", "unit"),
    ("--qualifier", "qualifier", "qualifier"),
    ("--estimated", "estimated", "estimated"),
    ("--kind", "kind", "kind"),
    ("--paragraph", "paragraph", "source"),
    ("--during", "overlaps", "period"),
)


def applies(field: str) -> list[str]:
    """The collections whose records have *field*, so a filter on it applies."""
    import attrs

    from vinhphuc_dx.model import RECORD_CLASSES

    return [n for n, cls in RECORD_CLASSES.items() if field in attrs.fields_dict(cls)]


def _emit(
    records: Any, args: argparse.Namespace, out: Output, name: str | None
) -> None:
    """Print *records* as ``--format`` says: a table, JSON or CSV."""
    if args.format == "json":
        from vinhphuc_dx._converter import unstructure
        from vinhphuc_dx._json import json_text

        out.write(json_text([unstructure(r) for r in records]), utf8=True)
    elif args.format == "csv":
        from vinhphuc_dx._csv import BOM, csv_text
        from vinhphuc_dx._vocabulary import label_of
        from vinhphuc_dx.export import to_csv

        out.write(BOM, utf8=True)
        if records.record_class is not None:
            out.write(to_csv(records, for_spreadsheet=True))
        else:  # records of many kinds share these columns only
            rows = [
                (r.id, type(r).__name__, label_of(r, "vi"), label_of(r, "en"))
                for r in records
            ]
            header = ("id", "kind", "label_vi", "label_en")
            out.write(csv_text(header, rows, [True] * 4, for_spreadsheet=True))
    else:
        from vinhphuc_dx._cli_text import records_table

        out.write(records_table(records, name, args.lang))


def _in_cli_words(message: str) -> str:
    """A filter's error naming the option: ``argument --pillar: 'x' is not …``."""
    options = {keyword: option for option, keyword, _ in _FILTERS}
    found = re.match(r"(\w+)=\s*(.*)", message, re.DOTALL)
    if found and found.group(1) in options:
        return f"argument {options[found.group(1)]}: {found.group(2)}"
    return message


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    name = args.records
    criteria: dict[str, Any] = {}
    for option, keyword, field in _FILTERS:
        value = getattr(args, keyword)
        if value is None:
            continue
        where = applies(field)
        if name not in where:
            negative = "--not-estimated" if value is False else option
            msg = f"{negative} does not apply to {name}; it filters {', '.join(where)}"
            raise UsageError(msg)
        criteria[keyword] = None if keyword == "pillar" and value == "none" else value
    report = _report(args)
    try:
        records = getattr(report, name).filter(**criteria)
    except ValueError as exc:
        raise UsageError(_in_cli_words(str(exc))) from None
    if records:
        _emit(records, args, out, name)
        return 0
    last = report.source.paragraphs
    if args.paragraph is not None and last is not None and args.paragraph > last:
        return _nothing(
            f"the article has {last} paragraphs; "
            f"--paragraph {args.paragraph} is past its end"
        )
    return _nothing(
        f"no {name} match these filters" if criteria else f"the report has no {name}"
    )


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from vinhphuc_dx._cli_text import write_record
    from vinhphuc_dx._converter import unstructure
    from vinhphuc_dx._json import json_text
    from vinhphuc_dx.exceptions import UnknownIdError

    try:
        record = _report(args).records().get(args.id)
    except UnknownIdError as exc:
        hint = f"; closest: {', '.join(exc.closest)}" if exc.closest else ""
        if not exc.closest or re.search(r"\s", args.id):
            hint += f'; to find records by their text: {PROG} search "{args.id}"'
        msg = f"no record has id {args.id!r}{hint}"
        raise UnknownIdError(msg, exc.id, exc.closest) from None
    fields = unstructure(record)
    if args.format == "json":
        out.write(json_text(fields), utf8=True)
    else:
        out.write(write_record(record, fields, args.lang))
    return 0


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    report = _report(args)
    try:
        found = report.search(args.text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if found:
        _emit(found, args, out, None)
        return 0
    from vinhphuc_dx._spelling import fold

    bare = fold(args.text)
    if bare != " ".join(args.text.lower().split()) and report.search(bare):
        return _nothing(
            f"nothing matches {args.text!r}; typed marks mean those marks: "
            f'try it without them: {PROG} search "{bare}"'
        )
    return _nothing(f"nothing matches {args.text!r}")


def cmd_check(args: argparse.Namespace, out: Output) -> int:
    from vinhphuc_dx._cli_text import write_findings

    report = _report(args)
    findings = report.check()
    out.write(write_findings(report, findings, args.lang))
    # The article's own slips are kept as stated: not a reason to fail.
    ours = [f for f in findings if not f.holds and not f.in_source]
    return 1 if args.strict and ours else 0


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from vinhphuc_dx import _csv, export

    to_stdout = args.output in (None, "-")
    if to_stdout and args.format not in ("json", "csv"):
        kind = (
            "a folder" if args.format in ("datapackage", "parquet") else "a binary file"
        )
        msg = (
            f"{args.format} is {kind}: give --output PATH "
            "(only json and csv go to standard output)"
        )
        raise UsageError(msg)
    report = _report(args)
    if to_stdout:
        text = export.to_json if args.format == "json" else _csv.text
        out.write(text(report), utf8=True)
        return 0
    try:
        written = export.write(report, args.output, args.format, overwrite=args.force)
    except FileExistsError as exc:
        # The writer speaks Python (overwrite=True); say it as an option. Its
        # other refusals (a link, a FIFO) are not helped by --force: kept.
        msg = str(exc).replace("pass overwrite=True (--force)", "give --force")
        raise FileExistsError(msg) from None
    also = f" and {export.metadata_path(written)}" if args.format == "sqlite" else ""
    sys.stderr.write(f"wrote {written}{also}\n")
    return 0


def cmd_cite(args: argparse.Namespace, out: Output) -> int:
    report = _report(args)
    # An unknown id: UnknownIdError names the closest ids.
    cited = report.source if args.id is None else report.records().get(args.id)
    out.write(cited.cite(args.style), utf8=args.style == "csl-json")
    return 0


def cmd_diff(args: argparse.Namespace, out: Output) -> int:
    from vinhphuc_dx._diff import diff
    from vinhphuc_dx._loading import load

    # A file that does not load is trouble: main() says so, with status 2.
    changes = diff(load(args.old), load(args.new))
    if args.format == "json":
        out.write(changes.to_json(args.old, args.new), utf8=True)
    else:
        out.write("".join(f"{line}\n" for line in changes.lines(args.old, args.new)))
    return 1 if changes else 0


def cmd_schema(_: argparse.Namespace, out: Output) -> int:
    from vinhphuc_dx._json import json_text
    from vinhphuc_dx._loading import schema

    out.write(json_text(schema()), utf8=True)
    return 0


# ---------------------------------------------------------------- the parser


def _filters(listing: argparse.ArgumentParser) -> None:
    """Give ``list`` its filters, each saying which records it applies to."""
    from vinhphuc_dx.model import InstrumentKind, Qualifier, Unit

    filters = {option: (keyword, field) for option, keyword, field in _FILTERS}

    def add(option: str, text: str, group: Any = listing, **options: Any) -> None:
        keyword, field = filters[option]
        where = ", ".join(applies(field))
        group.add_argument(option, dest=keyword, help=f"{text} ({where})", **options)

    kinds = [k.value for k in InstrumentKind]
    add("--pillar", "a pillar id, or 'none' for records of no pillar", metavar="ID")
    add("--unit", "the unit", choices=[u.value for u in Unit])
    add(
        "--qualifier",
        "how the article qualifies it",
        choices=[q.value for q in Qualifier],
    )
    add(
        "--kind",
        f"the kind of instrument: {', '.join(kinds)}",
        choices=kinds,
        metavar="KIND",
    )
    add("--paragraph", "only records from paragraph N", type=_paragraph, metavar="N")
    add(
        "--during",
        "only figures whose period overlaps these days",
        type=_during,
        metavar="DATE[..DATE]",
    )
    estimate = listing.add_mutually_exclusive_group()
    add("--estimated", "only estimates", estimate, action="store_true", default=None)
    estimate.add_argument(
        "--not-estimated", dest="estimated", action="store_false", help="no estimates"
    )


def build() -> tuple[argparse.ArgumentParser, tuple[str, ...]]:
    """The parser of the whole command line, and the names of its commands."""
    from vinhphuc_dx._vocabulary import LANGUAGES
    from vinhphuc_dx.export import DESCRIPTIONS
    from vinhphuc_dx.model import COLLECTIONS

    parser = _Parser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser
    )

    def command(
        name: str, run: Callable[..., int], *parents: Any
    ) -> argparse.ArgumentParser:
        """A command: what runs it, and the options it shares with others."""
        sub = commands.add_parser(
            name,
            parents=parents,
            help=_HELP[name],
            description=_HELP[name],
            epilog=f"example:\n  {_EXAMPLES[name]}",
            formatter_class=_Formatter,
        )
        sub.set_defaults(run=run)
        return sub

    def lang(sub: argparse.ArgumentParser, default: str | None, what: str) -> None:
        sub.add_argument(
            "--lang", choices=LANGUAGES, default=default, help=f"language of {what}"
        )

    # The options shared by the commands that read a report, and by those
    # that print records (list, search).
    reads = argparse.ArgumentParser(add_help=False)
    reads.add_argument(
        "--file",
        metavar="PATH",
        type=_path,
        help="read this report file instead of the bundled one",
    )
    records = argparse.ArgumentParser(add_help=False, parents=[reads])
    records.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="output format (default: table); json and csv are UTF-8, csv with a "
        "byte-order mark as export writes it, so that Excel reads Vietnamese",
    )
    lang(records, "en", "labels, words and digit grouping (default: en)")
    text: dict[str, Any] = {"choices": ("text", "json"), "default": "text"}

    listing = command("list", cmd_list, records)
    listing.add_argument(
        "records",
        nargs="?",
        choices=COLLECTIONS,
        default="indicators",
        metavar="RECORDS",
        help=f"what to list: {', '.join(COLLECTIONS)} (default: indicators)",
    )
    _filters(listing)

    show = command("show", cmd_show, reads)
    lang(show, None, "texts (default: both)")
    show.add_argument("id", help="the record's id")
    show.add_argument("--format", **text)

    command("search", cmd_search, records).add_argument("text")

    check = command("check", cmd_check, reads)
    lang(check, "en", "the notes on the article's own slips (default: en)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a finding does not hold, other than the article's own slips",
    )

    export = command("export", cmd_export, reads)
    export.add_argument(
        "--format",
        choices=tuple(DESCRIPTIONS),
        required=True,
        help="; ".join(f"{n}: {what}" for n, what in DESCRIPTIONS.items()),
    )
    export.add_argument(
        "--output",
        type=_path,
        metavar="PATH",
        help="a file, or a folder for datapackage and parquet; json and csv go to "
        "standard output without it (or with -)",
    )
    export.add_argument("--force", action="store_true", help="replace what is at PATH")

    cite = command("cite", cmd_cite, reads)
    cite.add_argument(
        "id", nargs="?", help="the record to cite; the article when omitted"
    )
    cite.add_argument("--style", choices=("bibtex", "apa", "csl-json"), default="apa")

    diff = command("diff", cmd_diff)
    diff.add_argument("old", metavar="OLD", help="the earlier report file")
    diff.add_argument("new", metavar="NEW", help="the later report file")
    diff.add_argument("--format", **text)

    command("schema", cmd_schema)
    return parser, tuple(commands.choices)
