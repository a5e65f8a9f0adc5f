"""Citations of the article, and of one record of it: BibTeX, APA, CSL-JSON.

A record is cited as the article at the record's paragraph, naming what the
record says: for a figure, the value as stated with its qualifier, unit,
estimate, period and the figure as written. BibTeX fields are escaped for
LaTeX (every special character, braces included), so that any text a
report holds gives exactly one entry that BibTeX parsers read back.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from vinhphuc_dx._spelling import fold
from vinhphuc_dx._vocabulary import amount, label_of

if TYPE_CHECKING:
    from vinhphuc_dx._values import Source

__all__ = ["STYLES", "cite", "cite_record", "what"]

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

#: LaTeX's special characters as text; a brace becomes a command, so that
#: BibTeX, which counts every brace, always finds the field's braces paired.
_LATEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "#": r"\#",
        "$": r"\$",
        "%": r"\%",
        "&": r"\&",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
        "\n": " ",
        "\r": " ",
        "\t": " ",
    }
)


def _key(source: Source) -> str:
    """A citation key such as ``hienhung2024chuyen``: ASCII letters and digits."""
    author = re.sub(r"[^a-z0-9]", "", fold(source.author))
    title = re.findall(r"[a-z0-9]+", fold(source.title.vi))
    return f"{author}{source.published.year}{title[0] if title else 'article'}"


def _record_key(record: Any, source: Source) -> str:
    return f"{_key(source)}:{re.sub(r'[^A-Za-z0-9._:-]', '-', record.id)}"


def _bibtex(source: Source, key: str, note: str = "") -> str:
    date = source.published.date()
    fields = {
        # Double braces: a byline is one name, not "First Last" to reorder.
        "author": f"{{{source.author.translate(_LATEX)}}}",
        "title": source.title.vi,
        "journal": source.outlet,
        "year": str(date.year),
        "month": _MONTHS[date.month - 1][:3].lower(),
        "date": date.isoformat(),
        "language": _LANGID.get(source.language, source.language),
        "note": f"{note}English title: {source.title.en}",
        **({"url": source.url} if source.url else {}),
    }
    body = ",\n".join(
        f"  {name} = {value}"  # a month is a macro, unbraced
        if name == "month"
        else f"  {name} = {{{value if name == 'author' else value.translate(_LATEX)}}}"
        for name, value in fields.items()
    )
    return f"@article{{{key},\n{body}\n}}\n"


def _apa(source: Source, what: str = "", paragraph: int | None = None) -> str:
    date = source.published
    when = f"{date.year}, {_MONTHS[date.month - 1]} {date.day}"
    article = (
        f"{source.author}. ({when}). {source.title.vi} [{source.title.en}]. "
        f"{source.outlet}."
    )
    if paragraph is None:
        return f"{article}{f' {source.url}' if source.url else ''}\n"
    if source.url:  # the URL closes the reference; the locator follows it
        return f"{what}. {article} {source.url} (para. {paragraph})\n"
    return f"{what}. {article.removesuffix('.')}, para. {paragraph}.\n"


def _csl(source: Source, note: str = "") -> dict[str, Any]:
    date = source.published
    return {
        "id": _key(source),
        "type": "article-newspaper",
        "title": source.title.vi,
        "container-title": source.outlet,
        "author": [{"literal": source.author}],
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "language": source.language,
        "note": f"{note}English title: {source.title.en}",
        **({"URL": source.url} if source.url else {}),
    }


def _check_style(style: object) -> None:
    if not isinstance(style, str):
        msg = f"style= takes a string, one of {', '.join(STYLES)}; got {style!r}"
        raise TypeError(msg)
    if style not in STYLES:
        msg = f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}"
        raise ValueError(msg)


def cite(source: Source, style: str) -> str:
    """Format *source* in *style*; see :meth:`vinhphuc_dx.Source.cite`."""
    _check_style(style)
    if style == "bibtex":
        return _bibtex(source, _key(source))
    if style == "apa":
        return _apa(source)
    return json.dumps([_csl(source)], ensure_ascii=False, indent=2) + "\n"


def _period(record: Any) -> str:
    period = record.period
    if not period.stated:
        return f"no period stated; as at {period.end.isoformat()}"
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} to {end.isoformat()}"


def what(record: Any) -> str:
    """What *record* says, in English, as a citation names it.

    >>> import vinhphuc_dx
    >>> print(what(vinhphuc_dx.load().indicators.get("budget.total")).split(": ", 1)[1])
    over 1,283 billion VND (2014–2024; as written: “trên 1.283 tỷ đồng”)
    """
    name = label_of(record)
    if not hasattr(record, "value"):
        return name
    details = ["estimated"] if record.estimated else []
    details.append(_period(record))
    if record.as_written:
        details.append(f"as written: “{record.as_written}”")
    figure = amount(record.value, record.unit.value, record.qualifier.value)
    return f"{name}: {figure} ({'; '.join(details)})"


def cite_record(record: Any, source: Source | None, style: str) -> str:
    """Format a citation of *record* of the article *source* in *style*.

    >>> import vinhphuc_dx
    >>> report = vinhphuc_dx.load()
    >>> rate = report.indicators.get("gov.documents.signing-rate")
    >>> text = cite_record(rate, None, "apa")
    >>> text.rstrip().endswith("Vietnam Business Forum, para. 11.")
    True

    Args:
        record: Any record with a ``source`` (a paragraph).
        source: The article; ``None`` for the one the record was read from.
        style: One of :data:`STYLES`. ``csl-json`` gives a CSL citation
            object: the article as ``itemData``, the paragraph as
            ``locator`` with ``label: "paragraph"``.

    Returns:
        The citation, ending in a newline.

    Raises:
        ValueError: *style* is unknown, *record* has no paragraph, or no
            article is known for it.
    """
    _check_style(style)
    ref = getattr(record, "source", None)
    if ref is None:
        msg = (
            f"{record.id!r} has no paragraph to cite ({type(record).__name__} "
            "records have no source); cite the article instead"
        )
        raise ValueError(msg)
    source = ref.article if source is None else source
    if not hasattr(source, "published") and source is not None:
        msg = f"source= takes the report's Source, got {source!r}"
        raise TypeError(msg)
    if source is None:
        msg = (
            f"{record.id!r} was not read from a report file, so its article "
            "is not known: pass source=report.source"
        )
        raise ValueError(msg)
    said = what(record)
    if style == "bibtex":
        note = f"Paragraph {ref.paragraph}: {said}. "
        return _bibtex(source, _record_key(record, source), note)
    if style == "apa":
        return _apa(source, said, ref.paragraph)
    item = _csl(source, f"{said}. ")
    citation = {
        "schema": "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json",
        "citationID": _record_key(record, source),
        "citationItems": [
            {
                "id": item["id"],
                "itemData": item,
                "locator": str(ref.paragraph),
                "label": "paragraph",
            }
        ],
        "properties": {"noteIndex": 0},
    }
    return json.dumps(citation, ensure_ascii=False, indent=2) + "\n"
