"""A report as a Frictionless Data Package: its tables and their descriptor.

One CSV per collection, plain UTF-8, and ``datapackage.json`` with a Table
Schema for each (field types, enum constraints, primary and foreign keys);
beside them ``dataset.jsonld`` for catalogues.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from vinhphuc_dx import _tables, model
from vinhphuc_dx._atomic import create, write_all, write_directory
from vinhphuc_dx._columns import columns
from vinhphuc_dx._csv import csv_text, flat_rows

if TYPE_CHECKING:
    from pathlib import Path

    from vinhphuc_dx.model import Report

__all__ = ["descriptor", "write"]


def descriptor(report: Report) -> tuple[dict[str, Any], dict[str, str]]:
    """The descriptor and the CSV text of each table."""
    source = report.source
    resources = []
    tables: dict[str, str] = {}
    for name in model.COLLECTIONS:
        record_class = _tables.record_class(name)
        header, rows = flat_rows(getattr(report, name), record_class)
        tables[f"{name}.csv"] = csv_text(header, rows)
        fields = [{"name": col, **spec} for col, _, spec in columns(record_class)]
        schema: dict[str, Any] = {
            "fields": fields,
            "primaryKey": ["id"],
            "missingValues": [""],
        }
        schema["foreignKeys"] = [
            {"fields": [field], "reference": {"resource": table, "fields": ["id"]}}
            for field, table in (("pillar", "pillars"), ("attributed_to", "people"))
            if field in header
        ]
        if not schema["foreignKeys"]:
            del schema["foreignKeys"]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
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
        "title": (
            "Vĩnh Phúc digital transformation figures "
            "(Vietnam Business Forum, 2024-12-27)"
        ),
        "description": (
            "The figures, directives, policy instruments, investment projects, "
            "goals, people and statements "
            "of one article, with unit, qualifier, period and paragraph. "
            f"Data revision {report.revision}."
        ),
        "version": f"{report.format_version}.{report.revision}",
        "sources": [
            {
                "title": f"{source.author}, {source.title.vi}, {source.outlet}, "
                f"{source.published.date().isoformat()}",
            }
        ],
        "licenses": [
            {
                "name": "MIT",
                "title": (
                    "MIT License (labels and descriptions); the facts are the article's"
                ),
            }
        ],
        "resources": resources,
    }
    return package, tables


def write(
    report: Report, directory: str | os.PathLike[str], *, overwrite: bool
) -> Path:
    """Write the package of *report* into *directory*.

    See :func:`vinhphuc_dx.export.write_datapackage`.
    """
    package, tables = descriptor(report)
    files = {name: text.encode("utf-8") for name, text in tables.items()}
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    files["datapackage.json"] = text.encode("utf-8")
    from vinhphuc_dx._jsonld import to_jsonld  # noqa: PLC0415 - a sibling writer

    files["dataset.jsonld"] = to_jsonld(report).encode("utf-8")

    def fill(folder: Path) -> None:
        for name, data in files.items():
            fd = create(folder / name)
            try:
                write_all(fd, data)
            finally:
                os.close(fd)

    written = write_directory(
        directory, fill, overwrite=overwrite, marker="datapackage.json"
    )
    return written / "datapackage.json"
