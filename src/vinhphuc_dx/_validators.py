"""The rules a record's fields obey: the attrs validators of the model.

Strings, ids, figures, language tags, URLs and tuples. They raise
:class:`~vinhphuc_dx.FieldError` naming the field, which the loader turns
into a place in the file. A whole report's rules are
:mod:`vinhphuc_dx._integrity`'s.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vinhphuc_dx.exceptions import FieldError

if TYPE_CHECKING:
    import attrs

# Hand-written rather than attrs.validators.instance_of(...) composites: one
# call that checks and explains is both faster and clearer than a chain.

#: The characters no text holds, as a regular expression class (the JSON
#: Schema's ``not`` pattern of a text is the same): the control characters
#: but tab and the line breaks, DEL and the C1 controls, the bidirectional
#: embeddings, overrides and isolates, and the two noncharacters XML refuses.
#: No spreadsheet, XML document or terminal shows them as they are.
NOT_IN_TEXT = (
    r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
    r"\u202a-\u202e\u2066-\u2069\ufffe\uffff"
)

#: The largest integer a report holds, in absolute value: 15 digits, which a
#: float64 (pandas) holds exactly.
MAX_INT = 10**15 - 1


def _nonempty_str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A string holding something besides spaces, and no character of NOT_IN_TEXT."""
    # A printable string holds none of them: the common case, checked in C.
    if type(value) is str and value.isprintable() and value.strip():
        return
    if type(value) is not str:
        raise FieldError(attribute.name, f"expected a string, got {value!r}")
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")
    found = re.search(f"[{NOT_IN_TEXT}]", value)
    if found:
        char = found.group()
        what = (
            "a NUL character"
            if char == "\x00"
            else "a noncharacter"
            if char in "\ufffe\uffff"
            else "a bidirectional control character"
            if "\u202a" <= char <= "\u2069"
            else "a control character"
        )
        reason = f"must not hold {what} (U+{ord(char):04X})"
        raise FieldError(attribute.name, reason)


def _nfc(value: object) -> object:
    """Compose a string (NFC), so that a name typed two ways compares equal."""
    if type(value) is str and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


#: Characters an id may not hold besides whitespace, as a regular expression
#: class (the same text is the JSON Schema's id pattern): controls, and the
#: invisible characters of Unicode's Default_Ignorable_Code_Point (soft
#: hyphen, zero-width spaces and joiners, bidi marks and embeddings,
#: variation selectors, fillers, the byte-order mark).
ID_INVISIBLE = (
    r"\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    r"\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
    r"\ufeff\uffa0\ufff0-\ufff8"
)


#: ID_INVISIBLE and the invisible characters beyond the Basic Multilingual
#: Plane, found by re.search: compiled on first need, as a report's ids are
#: almost always plain ASCII.
_INVISIBLE = (
    rf"[{ID_INVISIBLE}\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


#: Unicode categories no id holds: format characters, surrogates, private use,
#: unassigned code points.
_NOT_IN_ID = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))


def cut(value: str) -> str:
    """*value*, cut to 40 characters for a message."""
    return value if len(value) <= 40 else value[:37] + "..."


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Printable ASCII with no space: almost every id, checked in C.
    if (
        type(value) is str
        and value.isascii()
        and value.isprintable()
        and value
        and " " not in value
    ):
        return
    if type(value) is not str:
        raise FieldError(attribute.name, f"expected a string, got {value!r}")
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")
    if any(c.isspace() for c in value):
        raise FieldError(attribute.name, f"an id has no spaces, got {cut(value)!r}")
    found = re.search(_INVISIBLE, value)
    bad = (
        found.group()
        if found
        else next((c for c in value if unicodedata.category(c) in _NOT_IN_ID), None)
    )
    if bad is not None:
        reason = f"an id has no invisible or control character, got {bad!r}"
        raise FieldError(attribute.name, f"{reason} in {cut(value)!r}")
    if not unicodedata.is_normalized("NFC", value):
        reason = f"an id is written in Unicode NFC, got {cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _optional_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _id(_, attribute, value)


def _ids(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value == ():  # most records name none
        return
    if type(value) is not tuple:
        raise FieldError(attribute.name, f"expected a tuple of ids, got {value!r}")
    for item in value:
        _id(_, attribute, item)
    if len(set(value)) != len(value):
        seen: set[str] = set()
        twice = next(v for v in value if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise FieldError(attribute.name, f"the id {cut(twice)!r} is named twice")


#: The attrs metadata of a field that names another record by its id (a
#: relation, an attribution): such a field is not searched as text.
REFERENCE = {"reference": True}


def _exactly(kind: type) -> Any:
    """A validator accepting instances of *kind* (for int: not bool, 15 digits)."""
    if kind is int:
        return _integer

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # type() first: the exact class is by far the common case.
        if type(value) is not kind and not isinstance(value, kind):
            raise FieldError(attribute.name, f"expected {kind.__name__}, got {value!r}")

    return check


def _integer(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int and (not isinstance(value, int) or type(value) is bool):
        raise FieldError(attribute.name, f"expected int, got {value!r}")
    if not -MAX_INT <= value <= MAX_INT:
        reason = f"expected an integer of at most 15 digits, got {_number(value)}"
        raise FieldError(attribute.name, reason)


def _optional(kind: type) -> Any:
    check = _exactly(kind)

    def optional(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(obj, attribute, value)

    return optional


#: The bounds of a figure: at most this many significant digits, less than
#: ``10**FIGURE_DIGITS``, and no digit below ``10**-FIGURE_DIGITS``. A float64
#: (pandas) holds every such number exactly, and the checks' arithmetic on
#: them never overflows.
FIGURE_DIGITS = 15


def _figure(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int:
        if value < 0:
            raise FieldError(attribute.name, f"must not be negative, got {value}")
        if value >= 10**FIGURE_DIGITS:
            raise FieldError(attribute.name, _out_of_bounds(value))
        return
    if type(value) is not Decimal:
        raise FieldError(attribute.name, f"expected a number, got {value!r}")
    if not value.is_finite():
        raise FieldError(attribute.name, f"expected a finite number, got {value}")
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {value}")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - finite, checked above
    if (
        len(digits) > FIGURE_DIGITS
        or exponent < -FIGURE_DIGITS
        or exponent + len(digits) > FIGURE_DIGITS
    ):
        raise FieldError(attribute.name, _out_of_bounds(value))


def _number(value: object) -> str:
    if type(value) is int and value.bit_length() > 128:
        # str() of an int of over 4,300 digits raises; its size is enough.
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    return cut(str(value))


def _out_of_bounds(value: int | Decimal) -> str:
    return (
        f"a figure has at most {FIGURE_DIGITS} significant digits and is less "
        f"than 10^{FIGURE_DIGITS}, with none below 10^-{FIGURE_DIGITS}; "
        f"got {_number(value)}"
    )


#: The most words a figure's ``as_written`` may have.
AS_WRITTEN_WORDS = 8

#: The line breaks an ``as_written`` may not hold (nor may the JSON Schema's
#: pattern, whose ``.`` matches none of them).
_LINE_BREAKS = "\n\r\u2028\u2029"


def _as_written(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if (
        type(value) is str
        and value.isprintable()  # no line break, no control character
        and value.strip() == value
        and 0 < len(value.split()) <= AS_WRITTEN_WORDS
    ):
        return
    _nonempty_str(obj, attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    count = len(value.split())
    if count > AS_WRITTEN_WORDS:
        msg = f"at most {AS_WRITTEN_WORDS} words as printed, got {count}: {value!r}"
        raise FieldError(attribute.name, msg)
    if value != value.strip():
        raise FieldError(attribute.name, f"has spaces at an end: {value!r}")
    if any(c in value for c in _LINE_BREAKS):
        raise FieldError(attribute.name, f"is one line of print, got {value!r}")


_SUBDIVISION = r"[A-Z]{2}-[A-Z0-9]{1,3}"


def _optional_subdivision(
    _: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An ISO 3166-2 subdivision code such as ``VN-70``, or None."""
    if value is not None and (
        type(value) is not str or not re.fullmatch(_SUBDIVISION, value)
    ):
        msg = f"expected an ISO 3166-2 code such as 'VN-70', got {value!r}"
        raise FieldError(attribute.name, msg)


#: An ordinary http or https URL: a host of letters, digits, dots and
#: hyphens, then an optional path of visible ASCII. Every one of them is one
#: that urlsplit reads with its scheme and host, and found without importing
#: urllib.parse (with ipaddress, 2 ms of the first load).
_PLAIN_URL = r"https?://[A-Za-z0-9.-]+(/[!-~]*)?"


def _optional_url(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An http or https URL with a host, or None: no ``javascript:``, no file."""
    if value is None:
        return
    _nonempty_str(obj, attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    if re.fullmatch(_PLAIN_URL, value):
        return  # urlsplit would find the same scheme and host
    import urllib.parse  # not at the first load, whose URLs are plain

    parts = urllib.parse.urlsplit(value) if value.isascii() else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        msg = f"expected an http or https URL, got {cut(value)!r}"
        raise FieldError(attribute.name, msg)


#: The shape of a BCP 47 language tag (RFC 5646): a language subtag, then
#: subtags of 1 to 8 letters or digits, joined by hyphens (``vi``, ``vi-VN``).
LANGUAGE_TAG = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"


def _language_tag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is str and not re.fullmatch(LANGUAGE_TAG, value):
        reason = f"expected a BCP 47 language tag such as 'vi', got {cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _at_least_one(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int and value < 1:
        raise FieldError(attribute.name, f"counts from 1, got {value}")


def _tuple_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not all(isinstance(v, kind) for v in value):
            reason = f"expected a tuple of {kind.__name__}, got {value!r}"
            raise FieldError(attribute.name, reason)

    return check
