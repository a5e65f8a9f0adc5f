"""The errors this package raises; the only place they are defined."""

from __future__ import annotations

__all__ = ["DataError", "FieldError", "UnknownIdError", "VinhphucDxError"]


class VinhphucDxError(Exception):
    """Base class for every error this package raises.

    .. versionadded:: 0.1.0
    """


class DataError(VinhphucDxError, ValueError):
    """A report file or record is malformed; the message says where.

    Each line of the message names one place, for example
    ``report.json: indicators[3].value: expected a number, got 'many'``.

    .. versionadded:: 0.1.0
    """


class FieldError(DataError):
    """A record cannot be built: a field holds a value its class refuses.

    Raised when a record is built in code with an impossible value (an empty
    text, a negative figure, a period that ends before it starts). The
    message starts with the field's name; :attr:`problems` holds every
    ``(field, reason)`` pair, which :func:`vinhphuc_dx.load` turns into
    places in the file (``indicators[3].value``).

    .. versionadded:: 0.1.0
    """

    def __init__(
        self, field: str, reason: str, more: tuple[tuple[str, str], ...] = ()
    ) -> None:
        #: Every (field, reason) pair; a report's integrity check finds many.
        self.problems = ((field, reason), *more)
        super().__init__("\n".join(f"{f}: {r}" for f, r in self.problems))


class UnknownIdError(VinhphucDxError, KeyError):
    """No record has the requested id; the message names the closest ones.

    It is a :class:`KeyError`, so ``except KeyError`` catches it, as it
    catches :class:`zoneinfo.ZoneInfoNotFoundError`.

    Programs read ``id`` and ``closest`` rather than the message:

    >>> import vinhphuc_dx
    >>> try:
    ...     vinhphuc_dx.load().indicators.get("BUDGET.TOTAL")
    ... except vinhphuc_dx.UnknownIdError as exc:
    ...     exc.id, exc.closest
    ('BUDGET.TOTAL', ('budget.total',))

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.2.0 The ``id`` and ``closest`` attributes.
    """

    def __init__(
        self,
        message: str,
        id: str | None = None,  # noqa: A002 - the name users look for
        closest: tuple[str, ...] = (),
        elsewhere: str | None = None,
    ) -> None:
        super().__init__(message)
        #: The id asked for.
        self.id = id
        #: The closest ids of the collection asked, closest first (case
        #: ignored); empty when none is close.
        self.closest = closest
        #: The name of the report's collection that holds ``id``
        #: (``"directives"``) when another collection was asked; else None.
        self.elsewhere = elsewhere

    def __str__(self) -> str:
        # KeyError.__str__ shows repr() of its argument, quoting the sentence.
        return str(self.args[0]) if self.args else ""
