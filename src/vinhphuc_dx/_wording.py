"""How figures read, language by language: digits, qualifiers, units.

The words :meth:`~vinhphuc_dx.Indicator.describe`,
:meth:`~vinhphuc_dx.Indicator.value_text` and the command line use. Keyed by
the enums' values (``"more_than"``, ``"percent"``), so that this module needs
nothing of the model.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vinhphuc_dx._values import Value

__all__ = ["LANGUAGES", "format_number"]

#: The unit and the qualifier in English words, for ``str(Unit.PERCENT)``.
UNIT_NAMES = {"count": "count", "percent": "percent", "billion_vnd": "billion VND"}
QUALIFIER_NAMES = {
    "exact": "exactly",
    "more_than": "more than",
    "approximately": "about",
}

#: How a figure reads, language by language: the qualifier's word before
#: the number, the unit after it (both by the enum's value), the word for an
#: estimate and a paragraph.
_READS: dict[str, dict[str, str]] = {
    "en": {
        "exact": "",
        "more_than": "over ",
        "approximately": "about ",
        "count": "",
        "percent": " %",
        "billion_vnd": " billion VND",
        "estimate": "estimate",
        "paragraph": "paragraph",
    },
    "vi": {
        "exact": "",
        "more_than": "trên ",
        "approximately": "khoảng ",
        "count": "",
        "percent": " %",
        "billion_vnd": " tỷ đồng",
        "estimate": "ước tính",
        "paragraph": "đoạn",
    },
}

#: The languages a record can be described in.
LANGUAGES = ("en", "vi")


def words(lang: str) -> dict[str, str]:
    """The words of *lang*, keyed by enum value, ``"estimate"``, ``"paragraph"``.

    >>> words("vi")["more_than"]
    'trên '

    Raises:
        ValueError: *lang* is not one of :data:`LANGUAGES`.
    """
    try:
        return _READS[lang]
    except (KeyError, TypeError):
        msg = f"lang={lang!r} is not one of {', '.join(map(repr, LANGUAGES))}"
        raise ValueError(msg) from None


def format_number(value: Value, lang: str = "en") -> str:
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
        value: A figure's value.
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


_VI_DIGITS = str.maketrans(",.", ".,")


def cell(value: object) -> str:  # noqa: PLR0911 - one return per kind of field
    """A field's value in a notebook table cell, known by what it holds.

    >>> import vinhphuc_dx
    >>> figure = vinhphuc_dx.load().indicators.get("budget.total")
    >>> cell(figure.unit), cell(figure.source), cell(figure.pillar)
    ('billion_vnd', 'paragraph 3', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value)) or "—"
    en, vi = getattr(value, "en", None), getattr(value, "vi", None)
    if isinstance(en, str) and isinstance(vi, str):  # a Text
        return f"{en} · {vi}"
    if isinstance(getattr(value, "id", None), str):  # a record: a Pillar
        return str(value.id)  # type: ignore[attr-defined]
    if hasattr(value, "paragraph"):  # a SourceRef
        return f"paragraph {value.paragraph}"
    if hasattr(value, "start") and hasattr(value, "end"):  # a Period
        stated = "" if getattr(value, "stated", True) else " (not stated)"
        return f"{value.start} – {value.end}{stated}"
    return str(value)
