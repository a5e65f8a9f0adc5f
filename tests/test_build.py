"""The builder of every valid file (no cattrs) against cattrs' reading of the same JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

import vinhphuc_dx
from strategies import reports
from vinhphuc_dx import DataError, FieldError, _build, _converter, _loading, export

BUNDLED = _loading._resource("report.json")


def parsed(data: bytes | str) -> object:
    return json.loads(data, parse_float=Decimal)


class TestDifferential:
    def test_bundled_file_both_ways(self, report):
        """The builder and cattrs make equal reports of the bundled file, equal to load()."""
        built = _build.build(parsed(BUNDLED))
        assert built == _converter.structure(parsed(BUNDLED), "report.json")
        assert built == report

    @settings(
        max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(reports())
    def test_generated_reports_both_ways(self, generated):
        """Any valid report, written as JSON, is built equal by both paths."""
        text = export.to_json(generated)
        built = _build.build(parsed(text))
        assert built == _converter.structure(parsed(text), "r.json") == generated

    def test_pillars_are_the_reports_own(self):
        """An indicator's pillar is the very object in report.pillars, as cattrs gives."""
        built = _build.build(parsed(BUNDLED))
        pillars = {p.id: p for p in built.pillars}
        for figure in built.indicators:
            if figure.pillar is not None:
                assert figure.pillar is pillars[figure.pillar.id]


class TestValidatorsStillRun:
    def test_impossible_value_refused_by_the_builder(self):
        """A negative figure built through the fast path is refused by its validator."""
        raw = parsed(BUNDLED)
        raw["indicators"][0]["value"] = -1
        with pytest.raises(FieldError, match="value: must not be negative"):
            _build.build(raw)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda raw: raw["indicators"][1].update(value=-5),
                r"report\.json: indicators\[1\]\.value: must not be negative",
            ),
            (
                lambda raw: raw["goals"][0].update(id="goal with spaces"),
                r"report\.json: goals\[0\]\.id: an id has no spaces",
            ),
            (
                lambda raw: raw["indicators"][2]["label"].update(en=""),
                r"report\.json: indicators\[2\]\.label\.en: must not be empty",
            ),
        ],
    )
    def test_bad_bundled_file_named_at_its_place(self, monkeypatch, change, message):
        """A bundled file with a bad record is a DataError at its place, not a builder error."""
        raw = parsed(BUNDLED)
        change(raw)
        # float: the few decimals of the bundled file print back as written.
        bad = json.dumps(raw, ensure_ascii=False, default=float).encode("utf-8")
        monkeypatch.setattr(_loading, "_resource", lambda _name: bad)
        _loading._reset()
        try:
            with pytest.raises(DataError, match=message):
                vinhphuc_dx.load()
        finally:
            monkeypatch.undo()
            _loading._reset()

    @pytest.mark.parametrize(
        "raw",
        [
            [],
            {"format_version": 1},
            {"format_version": 2, "revision": 1},
        ],
    )
    def test_other_shapes_left_to_cattrs(self, raw):
        """What is not a current report's shape is refused, never a wrong report."""
        with pytest.raises((_build.InvalidError, FieldError, TypeError, ValueError)):
            _build.build(raw)


class TestUsersFiles:
    def test_equal_texts_are_equal_values(self, write, report):
        """Texts, periods and paragraph refs repeated in a user's file read as equal values."""
        again = vinhphuc_dx.load(write(export.to_json(report)))
        assert again == report
        figures = again.indicators
        assert figures[1].period == figures[2].period
        assert figures[1].source == figures[2].source
        statements = [s for s in again.statements if s.source.paragraph == 11]
        assert statements[0].source == statements[1].source
        assert statements[0].source.article is again.source

    def test_keys_in_another_order_still_read(self, write, raw, report):
        """A text written {"en", "vi"} or a period without "stated" is read all the same."""
        raw["indicators"][0]["label"] = {
            "en": report.indicators[0].label.en,
            "vi": report.indicators[0].label.vi,
        }
        del raw["indicators"][1]["period"]["stated"]
        again = vinhphuc_dx.load(write(raw))
        assert again.indicators[0].label == report.indicators[0].label
        assert again.indicators[1].period.stated is True

    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (
                ("indicators", 0, "label"),
                {"vi": "", "en": "x"},
                r"label\.vi: must not be empty",
            ),
            (
                ("indicators", 0, "period"),
                {"start": "2024-02-30", "end": "2024-03-01", "stated": True},
                r"period\.start: expected a date as YYYY-MM-DD",
            ),
            (("indicators", 0, "source"), {"paragraph": 0}, r"source\.paragraph"),
            (
                ("indicators", 0, "value"),
                {"vi": "a", "en": "b"},
                r"value: expected a number, got an object",
            ),
        ],
    )
    def test_refused_shapes_named_at_their_place(
        self, write, raw, path, value, message
    ):
        """A text, period or ref the model refuses while parsing is named where it stands."""
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(DataError, match=message):
            vinhphuc_dx.load(write(raw))


class TestSameAnswersBothWays:
    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("source", "published"), "2024-12-27T07:15:24Z"),
            (("source", "published"), "2024-12-27 14:15:24+07:00"),
            (("context", "effective"), "20250701"),
            (("context", "effective"), "2025-W27-2"),
        ],
    )
    def test_the_builder_takes_only_the_formats_spelling(self, path, value):
        """A date or date-time cattrs refuses is no report for the builder either."""
        raw = parsed(BUNDLED)
        raw[path[0]][path[1]] = value
        with pytest.raises((_build.InvalidError, FieldError)):
            _build.build(raw)
        with pytest.raises(DataError):
            _converter.structure(raw, "report.json")

    @pytest.mark.parametrize(
        ("path", "value", "messages"),
        [
            (
                ("indicators", 0, "note"),
                {"paragraph": 3},
                ["note.vi: required field missing", "note: unknown field 'paragraph'"],
            ),
            (
                ("indicators", 0, "period"),
                {"vi": "a", "en": "b"},
                ["period.start: required field missing", "period: unknown field"],
            ),
        ],
    )
    def test_a_value_built_while_parsing_is_explained_as_written(
        self, write, raw, path, value, messages
    ):
        """In a place for something else, a text or ref is named as the JSON object it is."""
        target = raw
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        with pytest.raises(DataError) as caught:
            vinhphuc_dx.load(write(raw))
        for message in messages:
            assert message in str(caught.value)


class TestOnePass:
    def test_a_valid_file_is_read_once(self, write, report, monkeypatch):
        """A valid file (statements naming pillars included) never takes the error path."""

        def explained(_raw, _name="report"):
            msg = "the detailed pass ran for a valid file"
            raise AssertionError(msg)

        monkeypatch.setattr(_converter, "structure", explained)
        again = vinhphuc_dx.load(write(export.to_json(report)))
        assert again == report
        assert again.statements[6].pillar is again.pillars[0]
