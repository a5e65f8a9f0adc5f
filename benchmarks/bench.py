"""Benchmark vinhphuc_dx against baselines measured in the same run.

Run it with the interpreter where vinhphuc_dx (and, for the peer row,
pycountry) is installed::

    python benchmarks/bench.py            # the full table: 1k, 10k, 100k figures
    python benchmarks/bench.py --quick    # smaller sizes and fewer repeats

Every figure is a ratio to a baseline timed side by side, in the same run,
as the median of repeats: the machine is shared and noisy, and absolute
times mean little from one run to the next. Nothing here asserts: the goals
are printed beside the results for a person to read.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import vinhphuc_dx
from vinhphuc_dx import _build, _json, export

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

COLD = {
    "python": "pass",
    "attrs": "import attrs",
    "package": "import vinhphuc_dx",
    "deps": "import attrs, cattrs, importlib_resources",
    "first_get": (
        "import vinhphuc_dx; "
        "vinhphuc_dx.load().indicators.get('gov.online-services.full-process')"
    ),
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='VN')",
}


#: The first filter is timed on each of these fields; the slowest is shown.
FIRST_FILTERS: list[dict[str, Any]] = [
    {"unit": "percent"},
    {"pillar": "digital-society"},
    {"qualifier": "more_than"},
    {"estimated": True},
    {"paragraph": 14},
]

#: Search queries: "truc tuyen" (online) matches a fifth of the figures.
QUERIES = [
    "chu ky so",
    "Thuê bao",
    "dich vu cong truc tuyen",
    "5g",
    "over 100%",
    "truc tuyen",
    "thủ tục hành chính",
]


def median_time(
    run: Callable[[], object], repeats: int, *, pause_gc: bool = False
) -> float:
    """Median seconds of *repeats* calls of *run*."""
    times = []
    for _ in range(repeats):
        if pause_gc:
            gc.disable()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        gc.enable()
        gc.collect()
    return statistics.median(times)


def cold_start(rounds: int) -> dict[str, float]:
    """Median wall time of a fresh interpreter running each snippet.

    The snippets run in turn, round after round, so that a burst of load on
    the machine falls on all of them alike.
    """
    # A wheel install byte-compiles the package; an editable one may not
    # (and PYTHONDONTWRITEBYTECODE stops the first run from doing it), so
    # compile it here, or every run would pay for compiling the sources.
    for directory in vinhphuc_dx.__path__:
        compileall.compile_dir(directory, quiet=1)
    have_pycountry = (
        subprocess.run(
            [sys.executable, "-c", "import pycountry"], capture_output=True, check=False
        ).returncode
        == 0
    )
    snippets = {k: v for k, v in COLD.items() if k != "pycountry" or have_pycountry}
    times: dict[str, list[float]] = {name: [] for name in snippets}
    for _ in range(rounds):
        for name, code in snippets.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def synthetic(size: int, *, distinct: bool = False) -> bytes:
    """A valid report file with about *size* indicators, from the bundled one.

    The article's figures are repeated in blocks with numbered ids
    (relations renamed alike), so every record is as rich as a real one and
    texts repeat across blocks as a report of many provinces repeats its
    labels (which the loader and the search index take advantage of).
    With *distinct*, every label and description is made unique instead:
    the worst case for both.
    """
    report = vinhphuc_dx.load()
    figures = report.indicators
    copies = []
    for block in range(max(1, size // len(figures))):

        def rename(figure_id: str, block: int = block) -> str:
            return f"{figure_id}.r{block}"

        def rename_optional(figure_id: str | None) -> str | None:
            return None if figure_id is None else rename(figure_id)

        def mark(text: vinhphuc_dx.Text, block: int = block) -> vinhphuc_dx.Text:
            if not distinct:
                return text
            return vinhphuc_dx.Text(
                f"{text.vi} (bản {block})", f"{text.en} (copy {block})"
            )

        copies += [
            attrs.evolve(
                figure,
                id=rename(figure.id),
                label=mark(figure.label),
                description=mark(figure.description),
                parts=tuple(rename(p) for p in figure.parts),
                part_of=rename_optional(figure.part_of),
                numerator=rename_optional(figure.numerator),
                denominator=rename_optional(figure.denominator),
            )
            for figure in figures
        ]
    return export.to_json(attrs.evolve(report, indicators=copies)).encode()


def build_time(data: bytes, repeats: int) -> float:
    """Median seconds load() spends building the records from parsed JSON.

    The rest of load() reads, decodes and parses the file.
    """
    parsed = _json.parse(data.decode("utf-8"), "report.json")
    return median_time(lambda: _build.build(parsed), repeats)


#: What the peak-memory runs do, in a fresh interpreter given the file's path.
PEAK = {
    "python": "pass",
    "json": "import json, sys; json.loads(open(sys.argv[1], 'rb').read())",
    "load": "import sys, vinhphuc_dx; vinhphuc_dx.load(sys.argv[1])",
}


# The process's own high-water mark: VmHWM on Linux. Not ru_maxrss, which
# after fork and exec still counts the benchmark's own memory, from which
# the child was forked.
_PRINT_PEAK = """
import resource, sys
try:
    with open('/proc/self/status') as status:
        print(next(l.split()[1] for l in status if l.startswith('VmHWM:')))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory(path: Path) -> dict[str, int]:
    """The peak resident memory, in bytes, of a process doing each of PEAK."""
    peaks = {}
    for name, code in PEAK.items():
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                f"{code}\n{_PRINT_PEAK}",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks[name] = int(done.stdout.split()[-1]) * 1024  # kilobytes
    return peaks


def strings(record: vinhphuc_dx.Indicator) -> Iterator[str]:
    """Every string of *record*, each text in both languages."""
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, vinhphuc_dx.Text):
            yield from (value.vi, value.en)
        elif isinstance(value, str):
            yield value


def scale(size: int, repeats: int, *, distinct: bool = False) -> dict[str, Any]:
    """Time load, get, filter and search on a synthetic report of *size*."""
    data = synthetic(size, distinct=distinct)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_bytes(data)
        json_s = median_time(lambda: json.loads(data), repeats)
        load_s = median_time(lambda: vinhphuc_dx.load(path), repeats)
        build_s = build_time(data, repeats)
        peaks = peak_memory(path)
        report = vinhphuc_dx.load(path)
    figures = report.indicators
    n = len(figures)

    ids = random.Random(0).choices(figures.ids, k=10_000)  # noqa: S311 - not secrets
    figures.get(ids[0])  # builds the id index once
    start = time.perf_counter()
    for figure_id in ids:
        figures.get(figure_id)
    get_us = (time.perf_counter() - start) / len(ids) * 1e6

    # The first filter on a field reads it (no index yet): time each field.
    first_filter = max(
        median_time(lambda c=c: vinhphuc_dx.Records(figures).filter(**c), 3)  # type: ignore[misc]
        for c in FIRST_FILTERS
    )
    fresh = vinhphuc_dx.Records(figures)
    filter_s = median_time(lambda: fresh.filter(unit="percent"), repeats * 3)
    chained_s = median_time(
        lambda: fresh.filter(unit="count").filter(pillar="digital-society"), repeats * 3
    )

    searchable = vinhphuc_dx.Records(figures)
    fold_s = median_time(lambda: vinhphuc_dx.Records(figures).search("x"), 1)
    searchable.search("x")

    def per_query(query: str) -> float:
        return median_time(lambda: searchable.search(query), repeats)

    times = {q: per_query(q) for q in QUERIES}
    # The baseline of a search's growth: one plain substring scan of every
    # string of each figure, casefolded (what any scan pays for its memory).
    texts = [" | ".join(strings(figure)).casefold() for figure in figures]
    plain_s = median_time(lambda: [s for s in texts if " thủ tục " in s], repeats)
    shares = {q: len(searchable.search(q)) / n for q in QUERIES}
    worst = max(times, key=times.__getitem__)
    return {
        "n": f"{n}{'*' if distinct else ''}",
        "size": f"{size}{'*' if distinct else ''}",
        "bytes": len(data),
        "json": json_s,
        "load": load_s,
        "build": build_s,
        "get_us": get_us,
        "first_filter": first_filter,
        "filter": filter_s,
        "chained": chained_s,
        "fold": fold_s,
        "search": statistics.median(times.values()),
        "plain": plain_s,
        "worst": times[worst],
        "worst_query": worst,
        "share": max(shares.values()),
        "peaks": peaks,
    }


def beyond(size: int, repeats: int) -> dict[str, float] | None:
    """At *size* figures: the same questions asked of the exports instead.

    A search of the SQLite export's FTS5 table with sqlite3 (as Datasette
    does), and a filter and a count by unit over the Parquet export with
    DuckDB, each against the library's own ``search`` and ``filter``. None
    when pyarrow or duckdb is missing.
    """
    import importlib.util
    import sqlite3

    if importlib.util.find_spec("pyarrow") is None:  # the Parquet export's
        return None
    try:
        import duckdb
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.json"
        path.write_bytes(synthetic(size))
        report = vinhphuc_dx.load(path)
        database = Path(tmp) / "report.db"
        folder = Path(tmp) / "parquet"
        export.write(report, database, "sqlite")
        export.write(report, folder, "parquet")
        connection = sqlite3.connect(database)
        fts = (
            "SELECT count(*) FROM indicators_fts WHERE indicators_fts MATCH ?",
            ("dich vu cong truc tuyen",),  # each word anywhere: the same 9 per 80
        )
        table = duckdb.connect().read_parquet(str(folder / "indicators.parquet"))
        figures = report.indicators
        times = {
            "library_search": median_time(
                lambda: figures.search("dich vu cong truc tuyen"), repeats
            ),
            "fts": median_time(lambda: connection.execute(*fts).fetchall(), repeats),
            "library_filter": median_time(
                lambda: vinhphuc_dx.Records(figures).filter(unit="percent"), repeats
            ),
            "duckdb_filter": median_time(
                lambda: table.filter("unit = 'percent'").project("id").fetchall(),
                repeats,
            ),
            "duckdb_count": median_time(
                lambda: table.aggregate("unit, count(*)", "unit").fetchall(),
                repeats,
            ),
        }
        connection.close()
    return times


def show_beyond(size: int, times: dict[str, float] | None) -> None:
    """Print what the exports answer in, beside the library."""
    if times is None:
        print("\nBeyond: pyarrow or duckdb is not installed; skipped")
        return
    print(f"\nBeyond: the exports of {size:,} figures, queried where they are")
    rows = [
        ("search 'dich vu cong truc tuyen': the library", "library_search"),
        ("  the SQLite export's FTS5 table (sqlite3)", "fts"),
        ("filter unit='percent', first call: the library", "library_filter"),
        ("  the Parquet export (DuckDB)", "duckdb_filter"),
        ("count by unit over the Parquet export (DuckDB)", "duckdb_count"),
    ]
    for label, key in rows:
        print(f"  {label:52} {times[key] * 1e3:8.2f} ms")


def show_cold(times: dict[str, float]) -> None:
    """Print the cold-start times and their ratios."""
    print("Cold start: a fresh interpreter, median wall time")
    for name, seconds in times.items():
        print(f"  {name:10} {seconds * 1000:7.1f} ms   python -c {COLD[name]!r}")
    rows = [
        (
            "import vinhphuc_dx / import attrs",
            times["package"] / times["attrs"],
            "<= 1.10",
        ),
        (
            "load()+get() / import attrs, cattrs, importlib_resources",
            times["first_get"] / times["deps"],
            "<= 1.20",
        ),
    ]
    if "pycountry" in times:
        rows.append(
            (
                "load()+get() / pycountry.countries.get(alpha_2='VN')",
                times["first_get"] / times["pycountry"],
                "<= 1.25",
            )
        )
    print()
    for label, ratio, goal in rows:
        print(f"  {label:58} {ratio:5.2f}x   goal {goal}")


def show_scale(results: list[dict[str, Any]]) -> None:
    """Print the scale table, then the goals beside what was measured."""
    print("\nScale: synthetic reports, median of repeats")
    print(
        f"  {'figures':>8} {'MB':>6} {'load/json':>9} {'get µs':>7} "
        f"{'filter ms':>9} {'(first)':>8} {'chain ms':>8} "
        f"{'search ms':>9} {'(worst)':>8} {'first s':>7} {'peak':>6}"
    )
    for r in results:
        print(
            f"  {r['n']:>8} {r['bytes'] / 1e6:>6.1f} {r['load'] / r['json']:>8.2f}x "
            f"{r['get_us']:>7.2f} {r['filter'] * 1e3:>9.2f} "
            f"{r['first_filter'] * 1e3:>8.1f} {r['chained'] * 1e3:>8.2f} "
            f"{r['search'] * 1e3:>9.2f} {r['worst'] * 1e3:>8.1f} {r['fold']:>7.2f} "
            f"{r['peaks']['load'] / r['bytes']:>5.2f}x"
        )
    print(
        "  (first): the slowest first filter over "
        f"{', '.join(next(iter(c)) for c in FIRST_FILTERS)}; search: the median "
        "over the queries, and the slowest query's median; first s: the first "
        "search, folding the texts; peak: a process's peak memory loading the "
        "file, in multiples of its size"
    )
    for r in results:
        print(
            f"  {r['n']:>8} figures: slowest query {r['worst_query']!r}; the widest "
            f"matches {r['share']:.0%} of the figures; json.loads alone peaks at "
            f"{r['peaks']['json'] / r['bytes']:.2f}x"
        )
    if any(str(r["n"]).endswith("*") for r in results):
        print("  * every label and description distinct: the worst case")
    by_size = {r["size"]: r for r in results}
    rows: list[tuple[str, float, str, float]] = []
    ten = by_size.get("10000")
    if ten:
        rows += [
            (
                "10,000: the first filter, slowest field",
                ten["first_filter"] * 1e3,
                "ms",
                10,
            ),
            ("10,000: the slowest search", ten["worst"] * 1e3, "ms", 25),
            (
                "10,000: the first search, folding included",
                ten["fold"] * 1e3,
                "ms",
                250,
            ),
        ]
    big = by_size.get("100000")
    if big:
        rows += [
            ("100,000: load(path) / json.loads", big["load"] / big["json"], "x", 2.0),
            ("100,000: get", big["get_us"], "µs", 1.0),
            (
                "100,000: peak memory / file size",
                big["peaks"]["load"] / big["bytes"],
                "x",
                4.0,
            ),
        ]
    if ten and big:
        growth = (big["load"] / big["json"]) / (ten["load"] / ten["json"])
        rows += [
            ("10,000 -> 100,000: load/json grows by", growth, "x", 1.3),
            (
                "10,000 -> 100,000: slowest search grows by",
                big["worst"] / ten["worst"],
                "x",
                12,
            ),
            (
                "10,000 -> 100,000: median search grows by",
                big["search"] / ten["search"],
                "x",
                12,
            ),
        ]
    print("\n  Goals (one-of-each issue), measured in this run:")
    for label, value, unit, goal in rows:
        mark = "ok" if value <= goal else "MISSED"
        print(f"  {label:46} {value:9.2f} {unit:2}  goal <= {goal:<5} {mark}")
    if ten and big:
        plain = big["plain"] / ten["plain"]
        print(
            f"  (beside it, one plain substring scan of every string of each figure "
            f"grows by {plain:.2f}x)"
        )


def main() -> None:
    """Measure and print everything."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller sizes, fewer repeats"
    )
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    print(f"vinhphuc_dx {vinhphuc_dx.__version__} on Python {sys.version.split()[0]}\n")
    show_cold(cold_start(rounds=7 if args.quick else 25))
    results = [scale(n, repeats=3 if n >= 100_000 else 5) for n in sizes]
    results.append(scale(sizes[-1], repeats=3, distinct=True))
    show_scale(results)
    show_beyond(sizes[-1], beyond(sizes[-1], repeats=5))


if __name__ == "__main__":
    main()
