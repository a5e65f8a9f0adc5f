"""A report as a Frictionless Data Package: its tables and their descriptor.

One CSV per collection, plain UTF-8 (the tables are for programs: no
spreadsheet neutralising), and ``datapackage.json`` with a Table Schema for
each (field types, enum constraints, primary and foreign keys); beside them
``dataset.jsonld``, a schema.org description for catalogues. The package is
built in a new folder beside its target and renamed into place whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vinhphuc_dx._atomic import write_directory
from vinhphuc_dx._csv import table_csv
from vinhphuc_dx._json import json_text
from vinhphuc_dx._jsonld import to_jsonld
from vinhphuc_dx._table import tables
from vinhphuc_dx._vocabulary import TABLES, dataset

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from vinhphuc_dx._table import Column
    from vinhphuc_dx.model import Report

__all__ = ["write"]

#: The kinds of column that are Table Schema types of the same name; the
#: others (text, category, ids, exact) are strings.
_TYPES = frozenset(("integer", "number", "date", "boolean"))


def _field(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": True} if column.required else {}
    if column.values:
        constraints["enum"] = list(column.values)
    if column.kind == "number" or column.name == "paragraph":
        constraints["minimum"] = 0 if column.kind == "number" else 1
    return {
        "name": column.name,
        "type": column.kind if column.kind in _TYPES else "string",
        "description": column.description,
        **({"constraints": constraints} if constraints else {}),
    }


def write(report: Report, path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Write the package of *report* into the folder *path*.

    Its files: the CSV text of each table, the descriptor, ``dataset.jsonld``.
    With *overwrite*, a folder holding ``datapackage.json`` (or an empty one)
    is replaced whole, the user's other files in it included; any other
    folder is refused. Returns the path of ``datapackage.json``.
    """
    about = dataset(report)
    resources, files = [], {}
    for name, table in tables(report).items():
        files[f"{name}.csv"] = table_csv(table, for_spreadsheet=False)
        keys = [
            {
                "fields": [c.name],
                "reference": {"resource": c.references, "fields": ["id"]},
            }
            for c in table.columns
            if c.references in ("pillars", "people")
        ]
        schema = {
            "fields": [_field(c) for c in table.columns],
            "primaryKey": ["id"],
            "missingValues": [""],
            **({"foreignKeys": keys} if keys else {}),
        }
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "description": TABLES[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    package = {
        "profile": "tabular-data-package",
        "name": "vinhphuc-dx",
        "title": about["title"],
        "description": f"{about['description']} {about['merger']}",
        "version": f"{report.format_version}.{report.revision}",
        "sources": [{"title": about["source"]}],
        "licenses": [{"name": "MIT", "title": about["licence"]}],
        "contributors": [{"title": about["creator"], "role": "author"}],
        "resources": resources,
    }
    files["datapackage.json"] = json_text(package)
    files["dataset.jsonld"] = to_jsonld(report)

    def fill(folder: Path) -> None:
        for name, text in files.items():
            (folder / name).write_bytes(text.encode("utf-8"))

    folder = write_directory(path, fill, overwrite=overwrite, marker="datapackage.json")
    return folder / "datapackage.json"
