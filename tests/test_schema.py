"""The JSON Schema of the file format, and its agreement with the loader."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

import vinhphuc_dx
from conftest import BUNDLED
from vinhphuc_dx import _validators, model

CLASSES = {
    "Text": model.Text,
    "SourceRef": model.SourceRef,
    "Period": model.Period,
    "Pillar": model.Pillar,
    "Indicator": model.Indicator,
    "Directive": model.Directive,
    "PolicyInstrument": model.PolicyInstrument,
    "InvestmentProject": model.InvestmentProject,
    "Goal": model.Goal,
    "Person": model.Person,
    "Statement": model.Statement,
    "Source": model.Source,
    "AdministrativeContext": model.AdministrativeContext,
}


@pytest.fixture(scope="module")
def schema():
    return vinhphuc_dx.schema()


def test_is_draft_2020_12(schema):
    """The schema is itself a valid draft 2020-12 schema."""
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_bundled_report_is_valid(schema):
    """The bundled report validates against the schema."""
    jsonschema.Draft202012Validator(schema).validate(
        json.loads(BUNDLED.read_text("utf-8"))
    )


def test_fresh_copy(schema):
    """schema() returns a new dict each time."""
    changed = vinhphuc_dx.schema()
    changed["title"] = "x"
    assert vinhphuc_dx.schema()["title"] == schema["title"]


@pytest.mark.parametrize("name", CLASSES)
def test_fields_in_step(schema, name):
    """Each record's properties are its class's fields; required are those with no default."""
    definition = schema["$defs"][name]
    fields = [f for f in attrs.fields(CLASSES[name]) if f.metadata.get("in_file", True)]
    assert list(definition["properties"]) == [f.name for f in fields]
    assert definition["additionalProperties"] is False
    required = [f.name for f in fields if f.default is attrs.NOTHING]
    assert definition["required"] == required


def test_report_in_step(schema):
    """The top level lists the report's fields, all required."""
    names = [f.name for f in attrs.fields(model.Report)]
    assert list(schema["properties"]) == names
    assert schema["required"] == names
    assert schema["properties"]["format_version"] == {"const": model.FORMAT_VERSION}


@pytest.mark.parametrize(
    ("where", "enum"),
    [
        (("Indicator", "unit"), model.Unit),
        (("Indicator", "qualifier"), model.Qualifier),
    ],
)
def test_enums_in_step(schema, where, enum):
    """The schema's enum values are the model's."""
    cls, field = where
    assert schema["$defs"][cls]["properties"][field]["enum"] == [m.value for m in enum]
    assert schema["$defs"]["InstrumentKind"]["enum"] == [
        m.value for m in model.InstrumentKind
    ]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("indicators", 0, "value"), "many"),
        (("indicators", 0, "value"), -1),
        (("indicators", 0, "unit"), "kg"),
        (("indicators", 0, "source", "paragraph"), 0),
        (("indicators", 0, "typo"), 1),
        (("pillars", 0, "name", "vi"), ""),
        (("format_version",), 3),
        (("revision",), 0),
        (("revision",), 10**15),
        (("directives", 0, "kind"), "regulation"),
        (("indicators", 0, "value"), 10**15),
        (("indicators", 0, "id"), "budget\u200b.total"),
        (("indicators", 0, "id"), "budget\u202e.total"),
        (("indicators", 0, "parts"), ["a\x00"]),
        (("indicators", 0, "label", "en"), "a\x00b"),
        (("source", "outlet"), "\x00"),
        (("goals", 0, "horizon"), -(10**15)),
        (("source", "language"), "Vietnamese language"),
        (("source", "language"), "v"),
    ],
)
def test_schema_and_loader_both_refuse(schema, write, raw, path, value):
    """What the schema refuses, load() refuses too."""
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(
            json.loads(write(raw).read_text("utf-8"))
        )
    with pytest.raises(vinhphuc_dx.DataError):
        vinhphuc_dx.load(write(raw))


def _patterns(node):
    if isinstance(node, dict):
        if "pattern" in node:
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_id_pattern_is_the_models(schema):
    """Every id in the schema refuses what the model refuses in an id, spelled the same."""
    patterns = set(_patterns(schema))
    assert "^\\S+$" not in patterns
    assert f"^[^\\s{_validators.ID_INVISIBLE}]+$" in patterns


def test_figure_bound_is_the_models(schema):
    """The schema's bound on a figure is the model's."""
    value = schema["$defs"]["Indicator"]["properties"]["value"]
    assert value["exclusiveMaximum"] == 10**_validators.FIGURE_DIGITS


def test_language_tag_is_the_models(schema):
    """The schema's shape of a language tag is the model's."""
    language = schema["$defs"]["Source"]["properties"]["language"]
    assert language["pattern"] == _validators.LANGUAGE_TAG


def test_every_text_has_the_one_text_rule(schema):
    """Every string the loader reads as text carries the loader's own rule of what a text holds."""
    rule = {"pattern": f"[{_validators.NOT_IN_TEXT}]"}
    found = []

    def walk(node):
        if isinstance(node, dict):
            starts = ("\\S", "^\\S", "^https")
            if node.get("type") == "string" and node.get("pattern", "").startswith(
                starts
            ):
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert len(found) == 8  # Text vi/en, as_written, number, outlet, author, url, name
    assert all(node["not"] == rule for node in found)
