"""The converter's hooks for values: strict JSON scalars, shared small values.

Each hook takes one parsed JSON value and returns what the model holds, or
raises :class:`~vinhphuc_dx._errors._InvalidError` saying what it expected;
cattrs adds the place. One structuring pass keeps a :class:`_Session`: the
report's pillars by id, and the texts, periods and paragraph references
already built, so that a value repeated a thousand times is built once.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from cattrs.gen import make_dict_structure_fn

from vinhphuc_dx import model
from vinhphuc_dx._build import _day
from vinhphuc_dx._errors import _InvalidError
from vinhphuc_dx._json import DATETIME, MAX_INT, _describe

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

    import cattrs

    from vinhphuc_dx.model import Pillar

_R = TypeVar("_R")


def _str(value: object, _: type) -> str:
    if type(value) is not str:
        msg = f"expected a string, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        msg = f"expected an integer, got {_describe(value)}"
        raise _InvalidError(msg)
    if not -MAX_INT <= value <= MAX_INT:
        msg = f"expected an integer of at most 15 digits, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        msg = f"expected true or false, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


def _figure(value: object, _: object) -> int | Decimal:
    if type(value) is int:
        return value
    if type(value) is Decimal:
        if not value.is_finite():
            msg = f"expected a finite number, got {value}"
            raise _InvalidError(msg)
        return value
    msg = f"expected a number, got {_describe(value)}"
    raise _InvalidError(msg)


def _date(value: object, _: type) -> dt.date:
    # The format's one spelling, read as the builder of the bundled file
    # reads it (_build._day): not 20240101, not 2024-W01-1, not 2024-02-30.
    day = _day(value)
    if day is None:
        msg = f"expected a date as YYYY-MM-DD, got {_describe(value)}"
        raise _InvalidError(msg)
    return day


_DATETIME = re.compile(DATETIME)


def _datetime(value: object, _: type) -> dt.datetime:
    if type(value) is str and _DATETIME.fullmatch(value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass  # well-shaped but impossible, such as 25:00
    msg = f"expected a date-time as YYYY-MM-DDTHH:MM:SS+HH:MM, got {_describe(value)}"
    raise _InvalidError(msg)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    """A hook reading *kind* from its value with one dict lookup."""
    members = {member.value: member for member in kind}

    def structure(value: object, _: object) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable list or object
            allowed = ", ".join(map(repr, members))
            msg = f"expected one of {allowed}, got {_describe(value)}"
            raise _InvalidError(msg) from None

    return structure


def _require_list(value: object) -> list[Any]:
    if type(value) is not list:
        msg = f"expected a list, got {_describe(value)}"
        raise _InvalidError(msg)
    return value


class _Session:
    """What one structuring pass remembers.

    ``pillars``: the report's pillars by id, so that an indicator's
    ``"pillar": "digital-economy"`` becomes that Pillar object.
    ``texts``, ``periods``, ``sources``: the small immutable values already
    built, by their JSON content (see :func:`_text_hook`).
    """

    __slots__ = ("cut", "periods", "pillars", "sources", "texts")

    def __init__(self) -> None:
        #: Whether the detailed pass left a list's later items unread.
        self.cut = False
        self.pillars: dict[str, Pillar] = {}
        self.texts: dict[tuple[str, str], model.Text] = {}
        self.periods: dict[tuple[str, str, bool], model.Period] = {}
        self.sources: dict[int, model.SourceRef] = {}


#: The session of the pass under way: a context variable, so that threads
#: loading different files do not share one.
_SESSION: contextvars.ContextVar[_Session] = contextvars.ContextVar("vinhphuc_dx")


def _pillar_ref(value: object, _: object) -> Pillar | None:
    if value is None:
        return None
    if type(value) is not str:
        msg = f"expected a pillar id or null, got {_describe(value)}"
        raise _InvalidError(msg)
    pillars = _SESSION.get().pillars
    try:
        return pillars[value]
    except KeyError:
        known = ", ".join(map(repr, pillars)) or "none"
        msg = f"unknown pillar {value!r} (the report's pillars: {known})"
        raise _InvalidError(msg) from None


def _lazy_generated(
    conv: cattrs.Converter, cls: type[_R]
) -> Callable[[object, type[_R]], _R]:
    """Return cattrs' generated hook for *cls*, generated on its first call.

    The hooks below build the plain shape of a small value themselves; only
    a value of another shape reaches cattrs, which refuses it with a detailed
    reason. Most loads never need the generated code, so it is not built.
    """

    @functools.cache
    def generated() -> Callable[[object, type[_R]], _R]:
        return make_dict_structure_fn(cls, conv)  # type: ignore[return-value]

    def structure(value: object, cls_: type[_R]) -> _R:
        return generated()(value, cls_)

    return structure


# Texts, periods and paragraph references are built once per pass: a report
# repeats them endlessly (the same period, the same label for every
# province), and a frozen object can be shared, so one dict lookup on the
# JSON content replaces building and validating a new object. Only the exact
# plain shape is looked up, and only once its JSON types are checked (a key
# equal to a valid one, 1 == True or Decimal("1") == 1, must not find it);
# anything else goes to cattrs, which explains what is wrong with it.


def _text_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.Text]:
    text, fallback = model.Text, _lazy_generated(conv, model.Text)

    def structure(value: Any, _: object) -> model.Text:
        if type(value) is text:  # built as the JSON was parsed
            return value
        if type(value) is dict and len(value) == 2:
            vi, en = value.get("vi"), value.get("en")
            if type(vi) is str and type(en) is str:
                texts = _SESSION.get().texts
                made = texts.get((vi, en))
                if made is None:
                    made = texts[vi, en] = text(vi, en)
                return made
        return fallback(value, text)

    return structure


def _period_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.Period]:
    period, fallback = model.Period, _lazy_generated(conv, model.Period)

    def structure(value: Any, _: object) -> model.Period:
        if type(value) is period:  # built as the JSON was parsed
            return value
        # Exactly {start, end} or {start, end, stated}.
        if type(value) is dict and (
            len(value) == 2 or (len(value) == 3 and "stated" in value)
        ):
            start, end = value.get("start"), value.get("end")
            stated = value.get("stated", True)
            if type(start) is str and type(end) is str and type(stated) is bool:
                periods = _SESSION.get().periods
                made = periods.get((start, end, stated))
                if made is not None:
                    return made
                # A day that is no date: cattrs, below, says which of the two.
                with contextlib.suppress(_InvalidError):
                    days = _date(start, dt.date), _date(end, dt.date)
                    made = periods[start, end, stated] = period(*days, stated)
                    return made
        return fallback(value, period)

    return structure


def _source_hook(conv: cattrs.Converter) -> Callable[[Any, object], model.SourceRef]:
    source_ref, fallback = model.SourceRef, _lazy_generated(conv, model.SourceRef)

    def structure(value: Any, _: object) -> model.SourceRef:
        if type(value) is source_ref:  # built as the JSON was parsed
            return value
        if type(value) is dict and len(value) == 1:
            paragraph = value.get("paragraph")
            if type(paragraph) is int and paragraph <= MAX_INT:
                sources = _SESSION.get().sources
                made = sources.get(paragraph)
                if made is None:
                    made = sources[paragraph] = source_ref(paragraph)
                return made
        return fallback(value, source_ref)

    return structure
