"""Citations of the article, and of one record of it: BibTeX, APA, CSL-JSON.

A record is cited as the article at the record's paragraph, naming what the
record says: for a figure, the value as stated with its qualifier, unit,
estimate and period.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from vinhphuc_dx.model import Source

#: Gives the bundled report's source, for a record cited with no
#: ``source=``. Set by :mod:`vinhphuc_dx._loading` when it is imported (a
#: plug-in slot, so that this module never imports the loader above it);
#: ``None`` until then.
bundled_source: Callable[[], Source] | None = None

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
    from vinhphuc_dx._words import fold  # noqa: PLC0415 - keeps import light

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


def _check_style(style: str) -> None:
    if style not in STYLES:
        msg = f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}"
        raise ValueError(msg)


def cite(source: Source, style: str) -> str:
    """Format *source* in *style*; see :meth:`vinhphuc_dx.Source.cite`."""
    _check_style(style)
    formatters = {"bibtex": _bibtex, "apa": _apa, "csl-json": _csl}
    return formatters[style](source)


# ---------------------------------------------------------------- one record

_QUALIFIER_WORDS = {"exact": "", "more_than": "over ", "approximately": "about "}
_UNIT_WORDS = {"count": "", "percent": "%", "billion_vnd": " billion VND"}


def _period(record: Any) -> str:
    period = record.period
    if not period.stated:
        return f"no period stated; as at {period.end.isoformat()}"
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start.isoformat()} to {end.isoformat()}"


def _figure(record: Any) -> str:
    """A figure as stated: ``over 1283 billion VND (2014–2024)``."""
    qualifier = _QUALIFIER_WORDS.get(record.qualifier.value, "")
    unit = _UNIT_WORDS.get(record.unit.value, f" {record.unit.value}")
    details = [_period(record)]
    if record.estimated:
        details.insert(0, "estimated")
    written = getattr(record, "as_written", None)
    if written:
        details.append(f"as written: “{written}”")
    return f"{qualifier}{record.value:,}{unit} ({'; '.join(details)})"


def what(record: Any) -> str:
    """What *record* says, in English, as a citation names it."""
    from vinhphuc_dx._labels import label_strings  # noqa: PLC0415 - keeps import light

    label = label_strings(record)
    name = label[1] if label else record.id
    if hasattr(record, "value") and hasattr(record, "unit"):
        return f"{name}: {_figure(record)}"
    return name


def _record_key(record: Any, source: Source) -> str:
    return f"{_key(source)}:{record.id}"


def _paragraph(record: Any) -> int:
    ref = getattr(record, "source", None)
    paragraph = getattr(ref, "paragraph", None)
    if not isinstance(paragraph, int):
        msg = (
            f"{record.id!r} has no paragraph to cite ({type(record).__name__} "
            "records have no source); cite the article instead"
        )
        raise ValueError(msg)  # noqa: TRY004 - a record, not a type, is the wrong input
    return paragraph


_BIBTEX_SPECIAL = str.maketrans({c: f"\\{c}" for c in "%&$#_"})


def _record_bibtex(record: Any, source: Source) -> str:
    article = _bibtex(source)
    paragraph = _paragraph(record)
    note = f"Paragraph {paragraph}: {what(record)}".translate(_BIBTEX_SPECIAL)
    _, _, body = article.partition(",\n")
    body = body.replace(
        "  note = {English title: ", f"  note = {{{note}. English title: ", 1
    )
    return f"@article{{{_record_key(record, source)},\n{body}"


def _record_apa(record: Any, source: Source) -> str:
    paragraph = _paragraph(record)
    article = _apa(source).rstrip()
    if source.url:  # the URL closes the reference; the locator follows it
        return f"{what(record)}. {article} (para. {paragraph})\n"
    return f"{what(record)}. {article.removesuffix('.')}, para. {paragraph}.\n"


def _record_csl(record: Any, source: Source) -> str:
    paragraph = _paragraph(record)
    (item,) = json.loads(_csl(source))
    item["note"] = f"{what(record)}. {item['note']}"
    citation = {
        "schema": "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json",
        "citationID": _record_key(record, source),
        "citationItems": [
            {
                "id": item["id"],
                "itemData": item,
                "locator": str(paragraph),
                "label": "paragraph",
            }
        ],
        "properties": {"noteIndex": 0},
    }
    return json.dumps(citation, ensure_ascii=False, indent=2) + "\n"


def cite_record(record: Any, source: Source | None, style: str) -> str:
    """Format a citation of *record* of the article *source* in *style*.

    >>> import vinhphuc_dx
    >>> report = vinhphuc_dx.load()
    >>> rate = report.indicators.get("gov.documents.signing-rate")
    >>> text = cite_record(rate, report.source, "apa")
    >>> text[:56]
    'Digital signature rate in the document software: 99.7% ('
    >>> text.rstrip().endswith("Vietnam Business Forum, para. 11.")
    True

    Args:
        record: Any record with a ``source`` (a paragraph).
        source: The article; ``None`` for the bundled report's, which
            :data:`bundled_source` gives.
        style: One of :data:`STYLES`. ``csl-json`` gives a CSL citation
            object: the article as ``itemData``, the paragraph as
            ``locator`` with ``label: "paragraph"``.

    Returns:
        The citation, ending in a newline.

    Raises:
        ValueError: *style* is unknown, or *record* has no paragraph.
    """
    _check_style(style)
    if source is None:
        if bundled_source is None:
            msg = "no report is loaded to cite from: pass source=report.source"
            raise ValueError(msg)
        source = bundled_source()
    formatters = {
        "bibtex": _record_bibtex,
        "apa": _record_apa,
        "csl-json": _record_csl,
    }
    return formatters[style](record, source)
