"""The report as Parquet: a folder with one file per collection (the ``arrow`` extra).

Each file holds the flat table's columns as :meth:`Records.to_arrow
<vinhphuc_dx.Records.to_arrow>` types them (exact decimals, dates,
dictionary-encoded categories), each column's description in its field
metadata and the dataset's (citation, licence, revision, merger note) in the
file's. The folder is built beside its target and renamed into place whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vinhphuc_dx._atomic import write_directory
from vinhphuc_dx._frames import need, to_arrow
from vinhphuc_dx._table import tables

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from vinhphuc_dx.model import Report

__all__ = ["write"]


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write one Parquet file per collection into the folder *path*.

    With *overwrite*, a folder holding ``indicators.parquet`` (or an empty
    one) is replaced whole. Returns the folder's path.
    """
    parquet = need("pyarrow.parquet", "the parquet export")
    arrow = {name: to_arrow(table) for name, table in tables(report).items()}

    def fill(folder: Path) -> None:
        for name, table in arrow.items():
            parquet.write_table(table, folder / f"{name}.parquet")

    return write_directory(path, fill, overwrite=overwrite, marker="indicators.parquet")
