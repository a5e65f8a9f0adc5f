"""The command line's text for ``show`` (one record) and ``check`` (findings)."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TextIO

from vinhphuc_dx._cli_table import terminal_width, wrap

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vinhphuc_dx.checks import Finding
    from vinhphuc_dx.model import Report

__all__ = ["write_findings", "write_record"]


def write_record(
    record: Any, fields: dict[str, Any], lang: str | None, out: TextIO
) -> None:
    """Write *record*'s fields (as the file format holds them), one a line.

    A long value wraps under itself; *lang* chooses one language of each
    text, or both when None.
    """
    # "record" names the class: a directive's own "kind" field follows.
    shown: list[tuple[str, list[str]]] = [
        ("record", [type(record).__name__]),
        ("reads", [record.describe(lang or "en")]),
    ]
    shown += [(name, _show_lines(value, lang)) for name, value in fields.items()]
    width = max(len(name) for name, _ in shown)
    room = max(20, terminal_width() - width - 2)
    for name, lines in shown:
        wrapped = [part for line in lines for part in wrap(line, room)]
        out.writelines(
            f"{(name if i == 0 else '').ljust(width)}  {line}\n"
            for i, line in enumerate(wrapped)
        )


#: How a finding that is the article's own slip is introduced, by language.
_SLIP = {
    "en": "The article's own slip, kept as stated",
    "vi": "Chỗ sai của chính bài báo, giữ nguyên như bài viết",
}


def write_findings(
    report: Report, findings: Sequence[Finding], lang: str, out: TextIO
) -> int:
    """Write each finding and a summary; return how many do not hold."""
    total = terminal_width()
    room = max(20, total - 14)
    for finding in findings:
        status = "ok" if finding.holds else "FAIL"
        lines = wrap(finding.message, room)
        if finding.in_source:
            notes = [
                f.note
                for f in (report.indicators.get(i) for i in finding.indicators)
                if f.note is not None
            ]
            said = " ".join(n.vi if lang == "vi" else n.en for n in notes)
            lines += wrap(f"{_SLIP[lang]}: {said}", room)
        out.writelines(
            f"{status if i == 0 else '':<4}  {finding.rule if i == 0 else '':<6}  "
            f"{line}\n"
            for i, line in enumerate(lines)
        )
    failed = sum(not f.holds for f in findings)
    slips = sum(f.in_source for f in findings)
    if lang == "vi":
        summary = f"{len(findings) - failed} đúng, {failed} không đúng"
        if slips:
            summary += (
                f"; {slips} là chỗ sai của chính bài báo, giữ nguyên như bài "
                "viết, không phải lỗi của gói này"
            )
    else:
        summary = f"{len(findings) - failed} hold, {failed} {_does(failed)} not hold"
        if slips:
            summary += (
                f"; {'it is' if slips == 1 else f'{slips} are'} the article's own "
                f"slip{'' if slips == 1 else 's'}, kept as stated, not an error in "
                "this package"
            )
    out.write("\n".join(wrap(summary, total)) + "\n")
    return failed


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
    from vinhphuc_dx._json import json_text  # noqa: PLC0415

    return json_text(value).strip().strip('"')


def _does(count: int) -> str:
    return "does" if count == 1 else "do"
