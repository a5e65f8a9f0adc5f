"""Citations of the article: BibTeX, APA and CSL-JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vinhphuc_dx.model import Source

#: The styles :meth:`Source.cite <vinhphuc_dx.Source.cite>` knows.
STYLES = ("bibtex", "apa", "csl-json")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

#: BCP 47 tags to the language names biblatex's ``langid`` uses.
_LANGID = {"vi": "vietnamese", "en": "english"}


def _key(source: Source) -> str:
    """A citation key such as ``hienhung2024chuyen``."""
    from vinhphuc_dx.query import fold  # noqa: PLC0415 - keeps import light

    author = "".join(c for c in fold(source.author) if c.isalnum())
    first_word = fold(source.title.vi).split()[0]
    return f"{author}{source.published.year}{first_word}"


def _bibtex(source: Source) -> str:
    date = source.published.date()
    fields = {
        # Double braces: a byline is one name, not "First Last" to reorder.
        "author": f"{{{source.author}}}",
        "title": source.title.vi,
        "journal": source.outlet,
        "year": str(date.year),
        "month": _MONTHS[date.month - 1][:3].lower(),
        "date": date.isoformat(),
        "language": _LANGID.get(source.language, source.language),
        "note": f"English title: {source.title.en}",
    }
    if source.url:
        fields["url"] = source.url
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields.items()
    )
    return f"@article{{{_key(source)},\n{body}\n}}\n"


def _apa(source: Source) -> str:
    date = source.published
    when = f"{date.year}, {_MONTHS[date.month - 1]} {date.day}"
    tail = f" {source.url}" if source.url else ""
    return (
        f"{source.author}. ({when}). {source.title.vi} [{source.title.en}]. "
        f"{source.outlet}.{tail}\n"
    )


def _csl(source: Source) -> str:
    date = source.published
    item: dict[str, object] = {
        "id": _key(source),
        "type": "article-newspaper",
        "title": source.title.vi,
        "container-title": source.outlet,
        "author": [{"literal": source.author}],
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "language": source.language,
        "note": f"English title: {source.title.en}",
    }
    if source.url:
        item["URL"] = source.url
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def cite(source: Source, style: str) -> str:
    """Format *source* in *style*; see :meth:`vinhphuc_dx.Source.cite`."""
    formatters = {"bibtex": _bibtex, "apa": _apa, "csl-json": _csl}
    try:
        formatter = formatters[style]
    except KeyError:
        msg = f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}"
        raise ValueError(msg) from None
    return formatter(source)
