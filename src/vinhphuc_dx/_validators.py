"""The rules a record's fields obey.

The attrs validators of every field (strings, ids, figures, language tags,
collections). They know records only by their attributes;
:mod:`vinhphuc_dx._records`, :mod:`vinhphuc_dx.model` and
:mod:`vinhphuc_dx._values` attach them to the classes. A whole report's
rules are :mod:`vinhphuc_dx._integrity`'s.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vinhphuc_dx.exceptions import FieldError
from vinhphuc_dx.query import Records

if TYPE_CHECKING:
    import attrs

# Hand-written rather than attrs.validators.instance_of(...) composites: these
# run for every record of a report (100,000 in the benchmark), and one call
# that checks and explains is both faster and clearer than a chain.


#: Control characters no text holds: C0 but tab, line feed, carriage return
#: (NUL has its own message, in _some_str below).
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def _some_str(attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string holding no NUL."""
    if type(value) is not str:
        raise FieldError(attribute.name, f"expected a string, got {value!r}")
    if not value.strip():
        raise FieldError(attribute.name, "must not be empty")
    if "\x00" in value:
        # Exports mark exact decimals with NUL (see _loading.dump_json).
        raise FieldError(attribute.name, f"must not hold a NUL character: {value!r}")


def _nonempty_str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # A printable string holds no NUL and no control character: the common
    # case, answered without a regular expression.
    if type(value) is str and value.isprintable() and value.strip():
        return
    _some_str(attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    control = _CONTROL.search(value)
    if control:
        # No spreadsheet cell or XML document can hold one (openpyxl refuses).
        code = f"U+{ord(control.group()):04X}"
        raise FieldError(attribute.name, f"must not hold a control character ({code})")


def _optional_str(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _nonempty_str(obj, attribute, value)


_SPACE = re.compile(r"\s")

#: Characters an id may not hold besides whitespace, as a regular expression
#: class (the same text is the JSON Schema's id pattern): controls, and the
#: invisible characters of Unicode's Default_Ignorable_Code_Point (soft
#: hyphen, zero-width spaces and joiners, bidi marks and embeddings,
#: variation selectors, fillers, the byte-order mark).
_ID_INVISIBLE = (
    r"\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    r"\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
    r"\ufeff\uffa0\ufff0-\ufff8"
)


@functools.cache
def _invisible() -> re.Pattern[str]:
    # Compiled on first need: a report's ids are almost always plain ASCII.
    return re.compile(
        rf"[{_ID_INVISIBLE}\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
    )


#: Unicode categories no id holds: format characters, surrogates, private use,
#: unassigned code points.
_NOT_IN_ID = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))


def _nfc(value: object) -> object:
    """Compose a string (NFC), so that a name typed two ways compares equal."""
    if type(value) is str and not unicodedata.is_normalized("NFC", value):
        return unicodedata.normalize("NFC", value)
    return value


#: The most words a figure's ``as_written`` may have.
AS_WRITTEN_WORDS = 8


def _as_written(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    _nonempty_str(obj, attribute, value)
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    words = len(value.split())
    if words > AS_WRITTEN_WORDS:
        msg = f"at most {AS_WRITTEN_WORDS} words as printed, got {words}: {value!r}"
        raise FieldError(attribute.name, msg)
    if value != value.strip():
        raise FieldError(attribute.name, f"has spaces at an end: {value!r}")


def _id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Printable ASCII with no space: no whitespace, control or invisible
    # character, and NFC already. Almost every id, checked in C.
    if (
        type(value) is str
        and value.isascii()
        and value.isprintable()
        and " " not in value
        and value
    ):
        return
    _some_str(attribute, value)  # control characters: the id's own rule below
    assert isinstance(value, str)  # noqa: S101 - narrowed by the line above
    if _SPACE.search(value):
        raise FieldError(attribute.name, f"an id has no spaces, got {_cut(value)!r}")
    found = _invisible().search(value)
    if found is None and value.isascii():
        return
    bad = (
        found.group()
        if found
        else next((c for c in value if unicodedata.category(c) in _NOT_IN_ID), None)
    )
    if bad is not None:
        reason = f"an id has no invisible or control character, got {bad!r}"
        raise FieldError(attribute.name, f"{reason} in {_cut(value)!r}")
    if not unicodedata.is_normalized("NFC", value):
        reason = f"an id is written in Unicode NFC, got {_cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _cut(value: str) -> str:
    """*value*, cut to 40 characters for a message."""
    return value if len(value) <= 40 else value[:37] + "..."


#: The attrs metadata of a field that names another record by its id (a
#: relation, an attribution): such a field is not searched as text.
REFERENCE = {"reference": True}


def _optional_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _id(_, attribute, value)


_SUBDIVISION = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")


def _optional_subdivision(
    _: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """An ISO 3166-2 subdivision code such as ``VN-70``, or None."""
    if value is None:
        return
    if type(value) is not str or not _SUBDIVISION.fullmatch(value):
        msg = f"expected an ISO 3166-2 code such as 'VN-70', got {value!r}"
        raise FieldError(attribute.name, msg)


def _ids(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise FieldError(attribute.name, f"expected a tuple of ids, got {value!r}")
    for item in value:
        _id(_, attribute, item)
    if len(set(value)) != len(value):
        seen: set[str] = set()
        twice = next(v for v in value if v in seen or seen.add(v))  # type: ignore[func-returns-value]
        raise FieldError(attribute.name, f"the id {_cut(twice)!r} is named twice")


def _exactly(kind: type) -> Any:
    """A validator accepting instances of *kind* (and, for int, not bool)."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # type() first: the exact class is by far the common case.
        if type(value) is not kind and (
            not isinstance(value, kind) or (kind is int and type(value) is bool)
        ):
            raise FieldError(attribute.name, f"expected {kind.__name__}, got {value!r}")

    return check


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


def _out_of_bounds(value: int | Decimal) -> str:
    if type(value) is int and value.bit_length() > 128:
        # str() of an int of over 4,300 digits raises; its size is enough.
        shown = f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    else:
        text = str(value)
        shown = text if len(text) <= 40 else text[:37] + "..."
    return (
        f"a figure has at most {FIGURE_DIGITS} significant digits and is less "
        f"than 10^{FIGURE_DIGITS}, with none below 10^-{FIGURE_DIGITS}; got {shown}"
    )


#: The shape of a BCP 47 language tag (RFC 5646): a language subtag, then
#: subtags of 1 to 8 letters or digits, joined by hyphens (``vi``, ``vi-VN``).
LANGUAGE_TAG = r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"
_LANGUAGE_TAG = re.compile(LANGUAGE_TAG)


def _language_tag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is str and not _LANGUAGE_TAG.fullmatch(value):
        reason = f"expected a BCP 47 language tag such as 'vi', got {_cut(value)!r}"
        raise FieldError(attribute.name, reason)


def _at_least_one(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is int and value < 1:
        raise FieldError(attribute.name, f"counts from 1, got {value}")


def _directive_kind(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # By value: the enum sits above this module (_values imports it).
    if not isinstance(value, enum.Enum) or value.value != "directive":
        reason = f"a directive's kind is 'directive', got {_describe_kind(value)}"
        raise FieldError(attribute.name, reason)


def _describe_kind(value: object) -> str:
    return repr(value.value) if isinstance(value, enum.Enum) else repr(value)


def _tuple_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or not all(isinstance(v, kind) for v in value):
            raise FieldError(
                attribute.name, f"expected a tuple of {kind.__name__}, got {value!r}"
            )

    return check


def _records_of(kind: type) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, Records) or not all(
            isinstance(v, kind) for v in value
        ):
            raise FieldError(
                attribute.name, f"expected records of {kind.__name__}, got {value!r}"
            )

    return check


def _records(value: object) -> object:
    """Accept any iterable of records where the model holds :class:`Records`."""
    if isinstance(value, (Records, str, bytes)):
        return value
    try:
        return Records(value)  # type: ignore[arg-type]
    except TypeError:
        return value  # the validator names the field and the problem
