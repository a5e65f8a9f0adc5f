"""The ``vinhphuc-dx`` command line (also ``python -m vinhphuc_dx``).

Every subcommand reads the bundled report, or the file given with
``--file``. Errors are one line on standard error: exit status 2 for a
mistake in the command line, 1 for a problem with the data (an unknown id,
a broken report file, a check that fails under ``--strict``); ``diff`` says
0 for equal reports, 1 for different ones, 2 for any trouble.

A command's output is made whole before any of it is written: JSON and CSV
go out as UTF-8 bytes, whatever the terminal's encoding; text goes out in
the terminal's encoding, decomposed (as Windows' Vietnamese code page
writes tones) where that is what it can hold, or not at all, with one line
saying why. This module holds the entry points (:func:`main`, the console
script ``run``) and the handling of argv, streams and signals; the parser
and the commands are in ``_cli_commands``, their text in ``_cli_text``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import unicodedata
from typing import TYPE_CHECKING, NoReturn, TextIO

from vinhphuc_dx._cli_commands import PROG, Output, UsageError, build

if TYPE_CHECKING:
    import argparse
    from collections.abc import Collection, Sequence

__all__ = ["main"]

#: Options every command that reads a report takes, before or after the
#: command's name.
_COMMON = ("--file", "--lang", "--format")

#: The commands that have no text in a language to choose, and why.
_NO_LANGUAGE = {
    "export": "every export holds both languages",
    "cite": "a citation gives the article's title as published",
    "schema": "the schema has no text to translate",
    "diff": "a diff shows the files' own texts",
}


def _hoist(argv: Sequence[str], names: Collection[str]) -> tuple[list[str], bool]:
    """Move common options given before the command's name to just after it.

    Given on both sides, the one after the command's name wins. Returns the
    arguments and whether a command was found. Scanning stops at the first
    argument that is neither a common option nor a command (an unknown word,
    ``--help``), leaving argparse to judge it.
    """
    rest, before = iter(argv), []
    for arg in rest:
        if arg.split("=", 1)[0] in _COMMON:
            before.append(arg)
            if "=" not in arg:  # --file PATH, not --file=PATH
                before.extend(itertools.islice(rest, 1))
        elif arg in names:
            return [arg, *before, *rest], True
        else:
            return list(argv), True
    return list(argv), False


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse *argv*: common options anywhere, and a word when none is given."""
    parser, commands = build()
    argv, found = _hoist(sys.argv[1:] if argv is None else argv, commands)
    if not found:
        sys.stderr.write(parser.format_usage())
        msg = (
            f"no command given: choose one of {', '.join(commands)}; "
            f"'{PROG} --help' says what each does"
        )
        raise UsageError(msg)
    if argv[0] in _NO_LANGUAGE and any(a.split("=", 1)[0] == "--lang" for a in argv):
        msg = f"--lang does not apply to {argv[0]}: {_NO_LANGUAGE[argv[0]]}"
        raise UsageError(msg)
    return parser.parse_args(argv)


def _say(line: str) -> None:
    """Write one line to standard error, if there is one to write to."""
    # Closed, or a broken pipe: there is nowhere to tell.
    with contextlib.suppress(OSError, ValueError):
        if sys.stderr is not None:
            sys.stderr.write(f"{line}\n")
            sys.stderr.flush()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _tone_apart(char: str) -> str:
    """*char* with its tone mark, if any, after the rest of the letter."""
    parts = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in parts if c in _TONES)
    rest = "".join(c for c in parts if c not in _TONES)
    return unicodedata.normalize("NFC", rest) + tone if tone else char


def _write(output: Output, stream: TextIO) -> None:
    """Write *output* whole to *stream*, as bytes where it has a buffer.

    The bytes are UTF-8 for a file format, else in the stream's encoding.

    Raises:
        UnicodeError: The stream's encoding holds neither the text nor its
            decomposed form; nothing has been written.
    """
    text = "".join(output.parts)
    binary = getattr(stream, "buffer", None)
    if binary is None:  # a text stream of the caller's (tests, notebooks)
        stream.write(text)
        stream.flush()
        return
    encoding = "utf-8" if output.utf8 else getattr(stream, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        # Windows' Vietnamese code page (cp1258) holds â, ê, ơ, ư, ă and đ
        # whole, and the five tones as marks after them.
        try:
            data = "".join(map(_tone_apart, text)).encode(encoding)
        except UnicodeEncodeError as exc:  # named as the stream names it
            raise UnicodeEncodeError(
                encoding, exc.object, exc.start, exc.end, exc.reason
            ) from None
    stream.flush()
    binary.write(data)
    binary.flush()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line with *argv*; return the exit status.

    Args:
        argv: The arguments, without the program name; ``sys.argv[1:]``
            when omitted.
        out: Where to write results; standard output when omitted.

    Returns:
        0 on success, 1 for a data problem, 2 for a usage mistake (for
        ``diff``: 0 equal, 1 different, 2 trouble).
    """
    from vinhphuc_dx.exceptions import DataError, UnknownIdError

    fault = 1
    try:
        args = _parse(argv)
        fault = 2 if args.command == "diff" else 1  # diff(1): 2 for any trouble
        output = Output()
        status = int(args.run(args, output))
    except UsageError as exc:
        _say(f"{PROG}: error: {exc}")
        return 2
    except (UnknownIdError, DataError, OSError, ValueError, ImportError) as exc:
        # ImportError: an optional extra is missing; its message names it.
        _say(f"{PROG}: {_describe(exc)}")
        return fault
    return _deliver(output, out or sys.stdout, status, fault)


def _deliver(output: Output, stream: TextIO | None, status: int, fault: int) -> int:
    """Write a command's *output* whole: its *status*, or *fault* if it cannot be."""
    if not output.parts:  # nothing to write: a closed stdout is no fault
        return status
    if stream is None:  # closed when the process started (``>&-``)
        _say(f"{PROG}: standard output is closed")
        return fault
    try:
        _write(output, stream)
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, with the command's
        # status, which is what a script asked about.
        _quiet_stdout()
        return status
    except UnicodeEncodeError as exc:
        _say(
            f"{PROG}: the terminal's encoding ({exc.encoding}) cannot show this "
            "text; set PYTHONIOENCODING=utf-8, or ask for --format json or csv"
        )
        return 1
    except (OSError, ValueError) as exc:  # a full or failing standard output
        _say(f"{PROG}: standard output: {getattr(exc, 'strerror', None) or exc}")
        _quiet_stdout()
        return fault
    return status


def _quiet_stdout() -> None:
    """Point standard output at nothing: the interpreter's last flush is quiet."""
    with contextlib.suppress(OSError, ValueError):
        if sys.stdout is not None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


def _describe(exc: BaseException) -> str:
    """An error as one line: the path first, and the reason in words."""
    if isinstance(exc, OSError) and exc.filename is not None:
        if isinstance(exc, IsADirectoryError):
            return f"{exc.filename}: is a folder, not a report file"
        if isinstance(exc, FileNotFoundError) and not str(exc.filename):
            return "an empty path names no file"
        return f"{exc.filename}: {exc.strerror or exc}"
    lines = str(exc).splitlines() or [type(exc).__name__]
    more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
    return lines[0] + more


class _Signalled(BaseException):
    """A termination signal, numbered ``args[0]``, arrived (see :func:`run`)."""


def _signalled(signum: int, _frame: object) -> NoReturn:
    raise _Signalled(signum)


def run() -> NoReturn:
    """The console script: :func:`main`, with signals handled.

    An interrupt (Ctrl-C) prints one line and exits with status 130; SIGTERM
    and SIGHUP likewise with 128 + the signal's number (unless they were
    ignored when the program started, as under ``nohup``). Either way, the
    export under way removes its temporary file or folder first.
    """
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            signal.signal(number, _signalled)
    try:
        status = main()
    except KeyboardInterrupt:
        _say(f"{PROG}: interrupted")
        status = 128 + signal.SIGINT
    except _Signalled as exc:
        _say(f"{PROG}: stopped by {signal.Signals(exc.args[0]).name}")
        status = 128 + exc.args[0]
    sys.exit(status)
