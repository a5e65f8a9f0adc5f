"""Records as a pandas DataFrame (the optional ``pandas`` extra)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vinhphuc_dx._columns import columns

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from vinhphuc_dx.model import Source


def _pandas() -> Any:
    try:
        import pandas as pd  # noqa: PLC0415 - only when asked for
    except ImportError as exc:
        # Advice that works however the package was installed (from a clone
        # or from PyPI): pandas itself, at the version the extra asks for.
        msg = (
            "to_pandas() needs pandas, which is optional and not installed: "
            "python -m pip install 'pandas>=2.0'"
        )
        raise ImportError(msg, name="pandas") from exc
    return pd


def frame(
    records: Sequence[Any], cls: type, source: Source | None, pillars: list[str]
) -> pd.DataFrame:
    """Build the DataFrame of :meth:`Records.to_pandas <vinhphuc_dx.Records.to_pandas>`.

    Args:
        records: The records, all of class *cls*.
        cls: Their class, whose fields give the columns.
        source: The article, for ``DataFrame.attrs``.
        pillars: Every pillar id of the whole collection, the categories of
            the pillar column (so that filtered frames share them).
    """
    lib = _pandas()
    data: dict[str, Any] = {}
    for name, get, spec in columns(cls):
        values = [get(r) for r in records]
        kind = spec["type"]
        if name == "id":
            continue
        if "enum" in spec.get("constraints", {}):
            categories = spec["constraints"]["enum"]
            data[name] = lib.Categorical(
                [v.value for v in values], categories=categories
            )
        elif name == "pillar":
            data[name] = lib.Categorical(values, categories=pillars)
        elif kind == "number":
            data[name] = lib.array([float(v) for v in values], dtype="float64")
            data[f"{name}_exact"] = lib.array(values, dtype=object)
        elif kind == "date":
            data[name] = lib.to_datetime(values)
        elif kind == "integer":
            data[name] = lib.array(values, dtype="Int64")
        elif kind == "boolean":
            data[name] = lib.array(values, dtype="boolean")
        else:
            # One missing value everywhere, pd.NA: None, and an empty tuple
            # of ids (no parts), are missing, never "" beside NaN.
            text = [
                (" ".join(v) or None) if isinstance(v, tuple) else v for v in values
            ]
            data[name] = lib.array(
                [lib.NA if v is None else v for v in text], dtype="string"
            )
    index = lib.Index([r.id for r in records], name="id")
    result: pd.DataFrame = lib.DataFrame(data, index=index)
    if source is not None:
        result.attrs["source"] = {
            "title": source.title.vi,
            "title_en": source.title.en,
            "outlet": source.outlet,
            "author": source.author,
            "published": source.published.isoformat(),
            "language": source.language,
        }
        result.attrs["citation"] = source.cite("apa").strip()
    return result
