"""The ``vinhphuc-dx`` command line (also ``python -m vinhphuc_dx``).

Every subcommand reads the bundled report, or the file given with
``--file``. Errors are one line on standard error: exit status 2 for a
mistake in the command line, 1 for a problem with the data (an unknown id,
a broken report file, a check that fails under ``--strict``).

This module holds the entry points (:func:`main`, the console script
``run``), and the handling of argv, signals and streams. The parser is in
``_cli_parser``, what each subcommand does in ``_cli_commands``, the text of
``show`` and ``check`` in ``_cli_show``, tables and widths in ``_cli_table``;
they import each other in that order, downward.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from vinhphuc_dx._cli_commands import PROG, UsageError
from vinhphuc_dx._cli_parser import build

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["main"]

#: Options every command that reads a report takes, before or after the
#: command's name, each with whether it takes a value.
_COMMON = ("--file", "--lang", "--format")


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
    parser = build()
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
        raise UsageError(msg)
    if not found:
        sys.stderr.write(parser.format_usage())
        msg = (
            f"no command given: choose one of {', '.join(commands.choices)}; "
            f"'{PROG} --help' says what each does"
        )
        raise UsageError(msg)
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
    except UsageError as exc:
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
        if isinstance(exc, FileNotFoundError) and exc.filename is not None:
            # Not "[Errno 2] No such file or directory: 'x'": the path first.
            _say(f"{PROG}: {exc.filename}: {exc.strerror}")
            return 1
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
