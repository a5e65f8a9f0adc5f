"""The flat table as a pandas DataFrame, a pyarrow Table or a polars DataFrame.

Each library is an optional extra, imported on first use; the columns are
:mod:`vinhphuc_dx._table`'s, and the article, the licence, the data revision
and the 2025 merger note travel with the table (``DataFrame.attrs``, the
Arrow schema's metadata).
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from vinhphuc_dx._validators import FIGURE_DIGITS
from vinhphuc_dx._vocabulary import UNIT_MEANINGS, dataset

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from vinhphuc_dx._table import Table

__all__ = ["decimal_places", "need", "to_arrow", "to_pandas", "to_polars"]

#: Each optional library: the extra that brings it, and the version it needs.
_EXTRAS = {
    "pandas": ("pandas", "2.0"),
    "pyarrow": ("arrow", "14"),
    "polars": ("polars", "1.0"),
}


def need(module: str, what: str) -> Any:
    """Import the optional *module* for *what*, or an ImportError naming its extra."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        name = module.split(".", maxsplit=1)[0]
        extra, version = _EXTRAS[name]
        msg = (
            f"{what} needs {name}, which is optional and not installed (the "
            f"{extra!r} extra of vinhphuc-dx): pip install '{name}>={version}'"
        )
        raise ImportError(msg, name=module) from exc


def _columns(table: Table) -> list[tuple[Any, list[Any]]]:
    rows = table.rows()
    return [(c, [row[i] for row in rows]) for i, c in enumerate(table.columns)]


#: The pandas type of a kind of column that pandas takes as it is (any other
#: is a string, None as NA).
_DTYPES = {"exact": object, "integer": "Int64", "boolean": "boolean"}


def to_pandas(table: Table) -> pd.DataFrame:
    """See :meth:`Records.to_pandas <vinhphuc_dx.Records.to_pandas>`."""
    lib = need("pandas", "to_pandas()")
    data: dict[str, Any] = {}
    for column, values in _columns(table):
        kind = column.kind
        if column.name == "id":
            index = lib.Index(values, name="id", dtype="string")
        elif kind == "category":
            data[column.name] = lib.Categorical(
                values, categories=table.categories(column)
            )
        elif kind == "number":
            data[column.name] = lib.array([float(v) for v in values], dtype="float64")
        elif kind == "date":
            data[column.name] = lib.to_datetime(values)
        else:
            data[column.name] = lib.array(values, dtype=_DTYPES.get(kind, "string"))
    frame: pd.DataFrame = lib.DataFrame(data, index=index)
    report = table.report
    if report is not None:
        source = report.source
        frame.attrs["source"] = {
            "title": source.title.vi,
            "title_en": source.title.en,
            "outlet": source.outlet,
            "author": source.author,
            "published": source.published.isoformat(),
            "language": source.language,
        }
        about = dataset(report)
        frame.attrs.update({k: about[k] for k in ("citation", "licence", "merger")})
        frame.attrs["revision"] = report.revision
    return frame


def decimal_places(values: list[Any]) -> int:
    """The most decimal places of *values*: a Decimal column's scale.

    >>> decimal_places([1283, Decimal("99.7"), None])
    1
    """
    exponents = [Decimal(v).as_tuple().exponent for v in values if v is not None]
    return max([0, *(-e for e in exponents if isinstance(e, int))])


def to_arrow(table: Table) -> pa.Table:
    """See :meth:`Records.to_arrow <vinhphuc_dx.Records.to_arrow>`."""
    lib = need("pyarrow", "to_arrow()")
    types = {  # a figure's decimal type is its column's
        "text": lib.string(),
        "ids": lib.string(),
        "exact": lib.string(),
        "category": lib.dictionary(lib.int32(), lib.string()),
        "integer": lib.int64(),
        "boolean": lib.bool_(),
        "date": lib.date32(),
    }
    fields, arrays = [], []
    for column, cells in _columns(table):
        meta = {"description": column.description}
        kind_type, values = types.get(column.kind), cells
        if column.kind == "number":
            scale = decimal_places(cells)
            kind_type = lib.decimal128(FIGURE_DIGITS + scale, scale)
            values = [None if v is None else Decimal(v) for v in cells]
            meta["unit"] = "in the unit column: " + "; ".join(
                f"{unit}: {meaning}" for unit, meaning in UNIT_MEANINGS.items()
            )
        elif column.kind == "exact":
            values = [None if v is None else str(v) for v in cells]
        fields.append(
            lib.field(column.name, kind_type, not column.required, metadata=meta)
        )
        arrays.append(lib.array(values, type=kind_type))
    about = dataset(table.report) if table.report is not None else {}
    schema = lib.schema(fields, metadata=about)
    return cast("pa.Table", lib.Table.from_arrays(arrays, schema=schema))


def to_polars(table: Table) -> pl.DataFrame:
    """See :meth:`Records.to_polars <vinhphuc_dx.Records.to_polars>`."""
    lib = need("polars", "to_polars()")
    return cast("pl.DataFrame", lib.from_arrow(to_arrow(table)))
