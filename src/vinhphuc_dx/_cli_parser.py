"""The command line's parser: its options and subcommands, as argparse holds them."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, NoReturn

from vinhphuc_dx._cli_commands import (
    PROG,
    UsageError,
    applies,
    cmd_check,
    cmd_cite,
    cmd_diff,
    cmd_export,
    cmd_list,
    cmd_schema,
    cmd_search,
    cmd_show,
)
from vinhphuc_dx._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["EPILOG", "Parser", "build"]

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


class Parser(argparse.ArgumentParser):
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


if TYPE_CHECKING:
    #: Adds a subcommand: its name, its help, an example, its parent parsers.
    _Add = Callable[[str, str, str, Sequence["Parser"]], "Parser"]


def build() -> Parser:
    """The parser of the whole command line, every subcommand included."""
    parser = Parser(
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
        dest="command", metavar="COMMAND", parser_class=Parser
    )

    def add(
        name: str, help_text: str, example: str, parents: Sequence[Parser]
    ) -> Parser:
        return commands.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            parents=list(parents),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    reads, shown = _parents()
    _add_list(add, reads, shown)
    _add_show_search_check(add, reads, shown)
    _add_export_cite(add, reads)
    _add_diff_schema(add)
    return parser


def _parents() -> tuple[Parser, Parser]:
    """The options shared by subcommands: ``--file``; ``--format`` of lists."""
    reads = Parser(add_help=False)
    reads.add_argument(
        "--file",
        metavar="PATH",
        help="read this report file instead of the bundled one",
    )
    shown = Parser(add_help=False)
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
    return reads, shown


def _language(parser: Parser, default: str | None, what: str) -> None:
    from vinhphuc_dx.model import LANGUAGES  # noqa: PLC0415

    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=f"language of {what}",
    )


def _where(field: str) -> str:
    """The collections a filter on *field* applies to, for its help."""
    return f" ({', '.join(applies(field))})"


def _add_list(add: _Add, reads: Parser, shown: Parser) -> None:
    from vinhphuc_dx.model import (  # noqa: PLC0415
        COLLECTIONS,
        InstrumentKind,
        Qualifier,
        Unit,
    )

    lister = add(
        "list",
        "list the figures, or other records of the report, filtered",
        "vinhphuc-dx list --pillar digital-society --unit count\n"
        "  vinhphuc-dx list instruments --kind regulation --lang vi",
        [reads, shown],
    )
    _language(lister, "en", "labels, words and digit grouping (default: en)")
    lister.add_argument(
        "records",
        nargs="?",
        choices=COLLECTIONS,
        default="indicators",
        metavar="RECORDS",
        help=f"what to list: {', '.join(COLLECTIONS)} (default: indicators)",
    )

    lister.add_argument(
        "--pillar",
        metavar="ID",
        help="a pillar id, or 'none' for records of no pillar" + _where("pillar"),
    )
    lister.add_argument(
        "--unit", choices=[u.value for u in Unit], help="the unit" + _where("unit")
    )
    lister.add_argument(
        "--qualifier",
        choices=[q.value for q in Qualifier],
        help="how the article qualifies it" + _where("qualifier"),
    )
    estimate = lister.add_mutually_exclusive_group()
    estimate.add_argument(
        "--estimated",
        action="store_true",
        default=None,
        help="only estimates" + _where("estimated"),
    )
    estimate.add_argument(
        "--not-estimated", dest="estimated", action="store_false", help="no estimates"
    )
    kinds = [k.value for k in InstrumentKind]
    lister.add_argument(
        "--kind",
        choices=kinds,
        metavar="KIND",
        help=f"the kind of instrument: {', '.join(kinds)}" + _where("kind"),
    )
    lister.add_argument(
        "--paragraph",
        type=_paragraph,
        metavar="N",
        help="only records from paragraph N" + _where("source"),
    )
    lister.add_argument(
        "--during",
        type=_during,
        metavar="DATE[..DATE]",
        help="only figures whose period overlaps these days" + _where("period"),
    )
    lister.set_defaults(run=cmd_list)


def _add_show_search_check(add: _Add, reads: Parser, shown: Parser) -> None:
    show = add(
        "show",
        "show every field of one record",
        "vinhphuc-dx show directive.05",
        [reads],
    )
    _language(show, None, "texts (default: both)")
    show.add_argument("id", help="the record's id")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(run=cmd_show)

    search = add(
        "search",
        "find records by text, ignoring case and diacritics",
        'vinhphuc-dx search "dich vu cong"',
        [reads, shown],
    )
    _language(search, "en", "labels, words and digit grouping (default: en)")
    search.add_argument("text")
    search.set_defaults(run=cmd_search)

    check = add(
        "check",
        "check the report's sums, rates and shares",
        "vinhphuc-dx check --strict",
        [reads],
    )
    _language(check, "en", "the notes on the article's own slips (default: en)")
    check.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a finding does not hold, other than the article's own slips",
    )
    check.set_defaults(run=cmd_check)


def _add_export_cite(add: _Add, reads: Parser) -> None:
    exporter = add(
        "export",
        "write the report as JSON, CSV, a data package, a SQLite database "
        "(for Datasette), an Excel workbook or Parquet files",
        "vinhphuc-dx export --format csv --output figures.csv",
        [reads],
    )
    from vinhphuc_dx.export import DESCRIPTIONS  # noqa: PLC0415

    exporter.add_argument(
        "--format",
        choices=tuple(DESCRIPTIONS),
        required=True,
        help="; ".join(f"{name}: {what}" for name, what in DESCRIPTIONS.items()),
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
    exporter.set_defaults(run=cmd_export)

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
    cite.set_defaults(run=cmd_cite)


def _add_diff_schema(add: _Add) -> None:
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
    differ.set_defaults(run=cmd_diff)

    schema = add(
        "schema",
        "print the JSON Schema of the report format",
        "vinhphuc-dx schema > report.schema.json",
        [],
    )
    schema.set_defaults(run=cmd_schema)
