"""Every word a person reads, in both languages, and how a figure is written.

The one place for the words of units and qualifiers, the command line's
headings, what each column of the flat table means, and the dataset's own
description; and :func:`amount`, the one rendering of a figure, which
``str()``, ``describe()``, ``cite()``, the command line, ``check`` and every
writer use. Keyed by the enums' values (``"more_than"``, ``"percent"``), so
that nothing here needs the model.

English writes ``1,283`` and ``99.7%``; Vietnamese ``1.283`` and ``99,7%``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

#: The languages a record can be described in.
LANGUAGES = ("en", "vi")

#: Vietnamese says one slip and several alike.
_VI_SLIPS = (
    "{n} là chỗ sai của chính bài báo, giữ nguyên như bài viết, "
    "không phải lỗi của gói này"
)

#: The words of each language, an English and a Vietnamese one for each key:
#: before a number (the qualifier), after it (the unit), and the command
#: line's own words (a collection's name gives the word for one of its
#: records).
_PAIRS = {
    "exact": ("", ""),
    "more_than": ("over ", "trên "),
    "approximately": ("about ", "khoảng "),
    "count": ("", ""),
    "percent": ("%", "%"),
    "billion_vnd": (" billion VND", " tỷ đồng"),
    "estimate": ("estimate", "ước tính"),
    "paragraph": ("paragraph", "đoạn"),
    "pillars": ("pillar", "trụ cột"),
    "indicators": ("figure", "chỉ tiêu"),
    "directives": ("directive", "chỉ thị"),
    "instruments": ("instrument", "văn bản"),
    "projects": ("project", "dự án"),
    "goals": ("goal", "mục tiêu"),
    "people": ("person", "người"),
    "statements": ("statement", "nhận định"),
    "record": ("record", "bản ghi"),
    "name": ("name", "tên"),
    "value": ("value", "giá trị"),
    "number": ("number", "số"),
    "kind": ("kind", "loại"),
    "horizon": ("year", "năm"),
    "role": ("role", "chức vụ"),
    "found": ("value or kind", "giá trị hoặc loại"),
    "slip": ("The article's own slip", "Chỗ sai của chính bài báo"),
    "hold": ("hold", "đúng"),
    "does not hold": ("does not hold", "không đúng"),
    "do not hold": ("do not hold", "không đúng"),
    "slip one": (
        "it is the article's own slip, kept as stated, not an error in this package",
        _VI_SLIPS,
    ),
    "slips": (
        "{n} are the article's own slips, kept as stated, not errors in this package",
        _VI_SLIPS,
    ),
}
_WORDS = {
    lang: {key: pair[n] for key, pair in _PAIRS.items()}
    for n, lang in enumerate(LANGUAGES)
}

#: A unit and a qualifier in English words, for ``str(Unit.PERCENT)``.
UNIT_NAMES = {"count": "count", "percent": "percent", "billion_vnd": "billion VND"}
QUALIFIER_NAMES = {
    "exact": "exactly",
    "more_than": "more than",
    "approximately": "about",
}

#: What each unit and each qualifier means, for descriptions of the data.
UNIT_MEANINGS = {
    "count": "how many of something (services, documents, enterprises, stations)",
    "percent": "a share in percent: 53 means 53%, not 0.53",
    "billion_vnd": "billions of Vietnamese dong (tỷ đồng)",
}
QUALIFIER_MEANINGS = {
    "exact": "stated as is",
    "more_than": "stated with 'trên' (over): the true figure is above the one stated",
    "approximately": "stated with 'khoảng' (about): the true figure is near it",
}


def words(lang: str) -> dict[str, str]:
    """The words of *lang*, keyed by an enum's value or the word's English.

    >>> words("vi")["more_than"]
    'trên '

    Raises:
        ValueError: *lang* is not one of :data:`LANGUAGES`.
    """
    if not isinstance(lang, str):
        known = ", ".join(map(repr, LANGUAGES))
        msg = f"lang= takes a string, one of {known}; got {lang!r}"
        raise TypeError(msg)
    try:
        return _WORDS[lang]
    except KeyError:
        msg = f"lang={lang!r} is not one of {', '.join(map(repr, LANGUAGES))}"
        raise ValueError(msg) from None


def label_of(record: Any, lang: str = "en") -> str:
    """The text that names *record* in *lang*: its label, name, title or subject.

    >>> import vinhphuc_dx
    >>> label_of(vinhphuc_dx.load().get("directive.05"), "vi")[:22]
    'Đẩy mạnh ứng dụng CNTT'
    """
    words(lang)
    field = getattr(type(record), "label_field", None)
    value = getattr(record, field) if field else None
    if value is None:
        return str(record.id)
    return value if isinstance(value, str) else value.vi if lang == "vi" else value.en


_VI_DIGITS = str.maketrans(",.", ".,")


def format_number(value: int | Decimal, lang: str = "en") -> str:
    """Write *value* with digits grouped as *lang* groups them.

    English groups thousands with a comma and marks decimals with a point;
    Vietnamese does the reverse. The digits are those stated: ``99.7``
    stays ``99.7``, never ``99.70``.

    >>> from decimal import Decimal
    >>> from vinhphuc_dx.model import format_number
    >>> format_number(1350000), format_number(Decimal("99.7"))
    ('1,350,000', '99.7')
    >>> format_number(1350000, "vi"), format_number(Decimal("99.7"), "vi")
    ('1.350.000', '99,7')

    Args:
        value: A figure's value, or a number computed from figures.
        lang: ``"en"`` or ``"vi"``.

    Returns:
        The number as text.

    Raises:
        ValueError: *lang* is neither ``"en"`` nor ``"vi"``.

    .. versionadded:: 0.2.0
    """
    words(lang)
    text = f"{value:,}"
    return text.translate(_VI_DIGITS) if lang == "vi" else text


def amount(value: int | Decimal, unit: str, qualifier: str, lang: str = "en") -> str:
    """A figure as a person reads it: qualifier, grouped number, unit.

    >>> from decimal import Decimal
    >>> amount(1283, "billion_vnd", "more_than")
    'over 1,283 billion VND'
    >>> amount(Decimal("99.7"), "percent", "exact", "vi")
    '99,7%'

    Args:
        value: The number.
        unit: The unit's value (``"percent"``).
        qualifier: The qualifier's value (``"more_than"``).
        lang: ``"en"`` or ``"vi"``.
    """
    said = words(lang)
    return f"{said[qualifier]}{format_number(value, lang)}{said[unit]}"


# ---------------------------------------------------------------- the table

#: What each column of the flat table holds, in prose for a person: the same
#: in the data package, Datasette, the workbook, pandas, Arrow and Parquet.
#: A text column's two languages share one description (``label`` for
#: ``label_vi`` and ``label_en``); a record class's own meaning of a column
#: comes first, under ``"<class>.<column>"``.
COLUMNS = {
    "id": "A stable, readable identifier of the record.",
    "pillar": (
        "The pillar the record belongs to (digital-government, digital-economy "
        "or digital-society); empty when it spans them all or belongs to none."
    ),
    "label": "A short name.",
    "description": "What is counted or measured, in a sentence.",
    "value": "The number as the article states it; its unit is in the unit column.",
    "value_exact": "The same number as text, exactly as stated (99.7 stays 99.7).",
    "unit": "What the number counts or measures.",
    "qualifier": "Whether the article says over (trên) or about (khoảng).",
    "estimated": "Whether the article calls the figure an estimate.",
    "period_start": "The first day the figure covers.",
    "period_end": "The last day the figure covers.",
    "period_stated": (
        "Whether the article states the period; where it does not, the figure "
        "holds at the publication date."
    ),
    "paragraph": (
        "The paragraph of the article it comes from: the N-th non-empty line, "
        "the title being 1."
    ),
    "parts": "The ids of the figures that add up to this one, space-separated.",
    "part_of": "The id of the figure this one is a part of.",
    "numerator": "For a stated rate, the id of the figure counted.",
    "denominator": "For a stated rate, the id of the figure it is out of.",
    "note": "What a careful reader should know: a slip in the article, a reading.",
    "as_written": "The figure exactly as the article prints it.",
    "attributed_to": "The id of the person the article attributes it to, if any.",
    "number": "The directive's number as written (05, not 5).",
    "kind": "The kind of instrument.",
    "issuer": "Who issued it.",
    "subject": "What it is about.",
    "title": "Its name, or what it governs where the article gives no name.",
    "name": "The name.",
    "investor": "Who invests.",
    "location": "Where it is to be built, where the article says.",
    "status": "Where it stands, as the article puts it.",
    "milestone": "The next milestone the article sets, if any.",
    "coordinator": "Who is charged with following it up, where the article says.",
    "horizon": "The year it is set for, where the article gives one.",
    "role": "The office the article gives the person.",
    "text": "The claim in a sentence, in this package's own words.",
    "Pillar.description": "What the pillar covers, in a sentence.",
    "Goal.description": "The aim in a sentence.",
    "Goal.label": "The aim in a few words.",
    "Statement.label": "The claim in a few words.",
    "Person.name": "The name as the article writes it, with its diacritics.",
    "Person.paragraph": "The first paragraph of the article that names the person.",
}

#: What a row of each table is.
TABLES = {
    "pillars": "The three pillars of digital transformation.",
    "indicators": "Every figure of the article, with its unit, qualifier and period.",
    "directives": "The numbered directives the article names.",
    "instruments": "The other policy instruments the article names.",
    "projects": "The investment projects the article reports on.",
    "goals": "The aims the article states for the years ahead.",
    "people": "The people the article names.",
    "statements": "The article's claims that no figure, directive or goal holds.",
}

#: The names of a report's collections of records, in the file's order.
COLLECTIONS = tuple(TABLES)


def column_description(record_class: str, column: str) -> str:
    """What *column* of a table of *record_class* holds, with its language.

    >>> column_description("Person", "role_vi")
    'The office the article gives the person. In Vietnamese.'
    """
    base, _, lang = column.rpartition("_")
    if base and lang in _LANGUAGE_NAMES:
        return f"{column_description(record_class, base)} In {_LANGUAGE_NAMES[lang]}."
    described = COLUMNS.get(f"{record_class}.{column}") or COLUMNS.get(column, "")
    meanings = {"unit": UNIT_MEANINGS, "qualifier": QUALIFIER_MEANINGS}.get(column)
    if meanings:
        listed = "; ".join(f"{value}, {meaning}" for value, meaning in meanings.items())
        described += f" One of: {listed}."
    return described


_LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}


# ---------------------------------------------------------------- the dataset

#: The dataset's name, its makers and its licence, as every writer states them.
TITLE = "Vĩnh Phúc digital transformation figures (Vietnam Business Forum, 2024-12-27)"
CREATOR = "The vinhphuc_dx developers"
LICENCE = "MIT (labels and descriptions); the facts are the article's"
LICENCE_URL = "https://spdx.org/licenses/MIT.html"


def dataset(report: Any) -> dict[str, str]:
    """The one description of the dataset that every writer reads.

    >>> import vinhphuc_dx
    >>> about = dataset(vinhphuc_dx.load())
    >>> about["source"][:44]
    'Hiền Hưng, “Chuyển đổi số để thu hút đầu tư”'

    Returns:
        ``title``, ``description``, ``source`` (the article in a line),
        ``citation`` (APA), ``licence``, ``creator``, ``revision``,
        ``format_version`` and ``merger`` (what the 2025 reorganisation means
        for a user, with the provinces' ISO 3166-2 codes).
    """
    source, context = report.source, report.context
    codes = "".join(
        f" {place.en}: ISO 3166-2 {code}."
        for place, code in (
            (context.former_province, context.former_province_code),
            (context.successor, context.successor_code),
        )
        if code is not None
    )
    return {
        "title": TITLE,
        "description": (
            "Every figure, directive, policy instrument, investment project, "
            "goal, person and statement of one article, with unit, qualifier, "
            "estimate, period and paragraph, in Vietnamese and English. "
            f"Data revision {report.revision}."
        ),
        "source": (
            f"{source.author}, “{source.title.vi}” ({source.title.en}), "
            f"{source.outlet}, {source.published.date().isoformat()}"
        ),
        "citation": source.cite("apa").strip(),
        "licence": LICENCE,
        "creator": CREATOR,
        "revision": str(report.revision),
        "format_version": str(report.format_version),
        "merger": context.description.en + codes,
    }
