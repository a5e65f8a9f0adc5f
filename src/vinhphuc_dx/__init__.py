"""Vĩnh Phúc's digital transformation, in figures, as typed data.

The facts and figures of the Vietnam Business Forum article of 27 December
2024 on the digital transformation of Vĩnh Phúc province.

>>> import vinhphuc_dx
>>> report = vinhphuc_dx.load()
>>> report.indicators.get("gov.online-services.full-process").value
954

Importing the package is cheap: the model, cattrs and the data are loaded on
first use (PEP 562), so ``import vinhphuc_dx`` costs less than ``import attrs``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vinhphuc_dx._version import __version__

if TYPE_CHECKING:
    from vinhphuc_dx._diff import Change, CollectionDiff, RecordChange, ReportDiff, diff
    from vinhphuc_dx._loading import load, schema
    from vinhphuc_dx._spelling import fold
    from vinhphuc_dx.checks import Finding
    from vinhphuc_dx.exceptions import (
        DataError,
        FieldError,
        UnknownIdError,
        VinhphucDxError,
    )
    from vinhphuc_dx.model import (
        AdministrativeContext,
        Directive,
        Goal,
        Indicator,
        InstrumentKind,
        InvestmentProject,
        Period,
        Person,
        Pillar,
        PolicyInstrument,
        Qualifier,
        Report,
        Source,
        SourceRef,
        Statement,
        Text,
        Unit,
    )
    from vinhphuc_dx.query import Records

__all__ = [
    "AdministrativeContext",
    "Change",
    "CollectionDiff",
    "DataError",
    "Directive",
    "FieldError",
    "Finding",
    "Goal",
    "Indicator",
    "InstrumentKind",
    "InvestmentProject",
    "Period",
    "Person",
    "Pillar",
    "PolicyInstrument",
    "Qualifier",
    "RecordChange",
    "Records",
    "Report",
    "ReportDiff",
    "Source",
    "SourceRef",
    "Statement",
    "Text",
    "Unit",
    "UnknownIdError",
    "VinhphucDxError",
    "__version__",
    "diff",
    "fold",
    "load",
    "schema",
]

#: The modules of the public names that are not the model's, imported on
#: first access (PEP 562).
_ELSEWHERE = {
    "_diff": "Change CollectionDiff RecordChange ReportDiff diff",
    "_loading": "load schema",
    "_spelling": "fold",
    "checks": "Finding",
    "exceptions": "DataError FieldError UnknownIdError VinhphucDxError",
    "query": "Records",
}
_WHERE = dict.fromkeys(__all__, "model") | {
    name: module for module, names in _ELSEWHERE.items() for name in names.split()
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        msg = f"module 'vinhphuc_dx' has no attribute {name!r}"
        raise AttributeError(msg)
    import importlib  # only on first access

    value = getattr(importlib.import_module(f"vinhphuc_dx.{module}"), name)
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    # The public names and the module's own dunders, not the helpers this
    # file imports for itself (TYPE_CHECKING, Any).
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})
