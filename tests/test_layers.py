"""The package's modules import one way, from the command line down.

Every module of ``src/vinhphuc_dx`` has a layer (the table below, the same
as CONTRIBUTING.md's *Layout*); a module imports only modules of a lower
layer, or the siblings its layer allows. Imports inside functions count;
those under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "vinhphuc_dx"
SOURCE = Path(__file__).parent.parent / "src" / PACKAGE

#: Each module's layer, top (9) to bottom (0). A module may import one of a
#: lower layer, and one of its own only where SIBLINGS allows.
LAYERS = {
    # L9 the command line
    "cli": 9,
    "__main__": 9,
    "_cli_*": 9,
    # L8 writers: they read a Report, never change it
    "export": 8,
    "_csv": 8,
    "_datapackage": 8,
    "_sqlite": 8,
    "_xlsx": 8,
    "_jsonld": 8,
    "_tables": 8,
    "_atomic": 8,
    # L7 comparing two reports
    "_diff": 7,
    # L6 load(), the cache, resources, schema()
    "_loading": 6,
    # L5 cattrs hooks, cattrs errors -> DataError lines, the bundled builder
    "_converter": 5,
    "_hooks": 5,
    "_errors": 5,
    "_build": 5,
    # L4 bytes -> parsed JSON with located errors
    "_json": 4,
    # L3 the records and the Report
    "model": 3,
    "_records": 3,
    "_base": 3,
    "_values": 3,
    "_integrity": 3,
    "_validators": 3,
    # L2 questions about records, knowing them by their attributes
    "checks": 2,
    "_cite": 2,
    "_wording": 2,
    # L1 the collection of records
    "query": 1,
    # L0 generic machinery, the errors
    "_filter": 0,
    "_search": 0,
    "_labels": 0,
    "_words": 0,
    "_display": 0,
    "_pandas": 0,
    "_columns": 0,
    "exceptions": 0,
    "_version": 0,
}

#: The writers, top to bottom: export sits above them all, _atomic (the
#: file replacement every writer uses) below them all.
_WRITERS_TOP, _WRITERS_BOTTOM = "export", "_atomic"

#: Imports allowed between modules of one layer, besides the writers'.
SIBLINGS = {
    ("model", "_records"),
    ("model", "_integrity"),
    ("model", "_values"),
    ("model", "_validators"),
    ("_records", "_base"),
    ("_records", "_values"),
    ("_records", "_validators"),
    ("_base", "_values"),
    ("_integrity", "_validators"),
    ("_values", "_validators"),
    ("_search", "_labels"),
    ("_search", "_words"),
    ("_display", "_labels"),
    ("_pandas", "_columns"),
    ("_converter", "_hooks"),
    ("_converter", "_build"),
    ("_converter", "_errors"),
    ("_hooks", "_errors"),
    ("_hooks", "_build"),
    ("_build", "_errors"),
    ("_cli_*", "_cli_*"),
    ("cli", "_cli_*"),
    ("__main__", "cli"),
}


def _layer_key(module: str) -> str | None:
    """The key of *module* in LAYERS (``_cli_table`` -> ``_cli_*``)."""
    if module in LAYERS:
        return module
    if module.startswith("_cli_"):
        return "_cli_*"
    return None


def _sibling_allowed(importer: str, imported: str) -> bool:
    a, b = _layer_key(importer), _layer_key(imported)
    if (a, b) in SIBLINGS or b == "exceptions":  # every module may import it
        return True
    if LAYERS[a] == 8:  # type: ignore[index]
        # Writers import each other downward: never export, never from _atomic.
        return b != _WRITERS_TOP and a != _WRITERS_BOTTOM
    return False


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """Every module of the package one module imports at run time."""

    def __init__(self, modules: set[str]) -> None:
        self.modules = modules
        self.found: list[tuple[str, int]] = []

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _add(self, dotted: str, line: int) -> None:
        parts = dotted.split(".")
        if parts[0] == PACKAGE and len(parts) > 1 and parts[1] in self.modules:
            self.found.append((parts[1], line))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = node.module or ""
        if node.level:  # relative: from . import x, from .x import y
            base = ".".join(filter(None, (PACKAGE, base)))
        if base == PACKAGE:
            # from vinhphuc_dx import x: x is a submodule, or a name of the
            # package's face (which hands names on lazily, see below).
            for alias in node.names:
                self._add(f"{PACKAGE}.{alias.name}", node.lineno)
        else:
            self._add(base, node.lineno)


def _modules() -> dict[str, Path]:
    return {
        path.stem: path
        for path in sorted(SOURCE.glob("*.py"))
        if path.stem != "__init__"
    }


def _edges() -> dict[str, list[tuple[str, int]]]:
    modules = _modules()
    edges = {}
    for name, path in modules.items():
        visitor = _Imports(set(modules))
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        edges[name] = [(m, line) for m, line in visitor.found if m != name]
    return edges


class TestLayers:
    """The layers of the package's modules."""

    def test_every_module_has_a_layer(self) -> None:
        """A new module must be given its place in the table."""
        missing = [m for m in _modules() if _layer_key(m) is None]
        assert not missing, f"modules with no layer in LAYERS: {missing}"

    def test_imports_run_down(self) -> None:
        """No module imports one of a higher layer, or a sibling not allowed."""
        wrong = []
        for importer, imports in _edges().items():
            a = _layer_key(importer)
            if a is None:
                continue  # reported by the test above
            for imported, line in imports:
                b = _layer_key(imported)
                if b is None:
                    continue
                if LAYERS[b] > LAYERS[a] or (
                    LAYERS[b] == LAYERS[a] and not _sibling_allowed(importer, imported)
                ):
                    wrong.append(
                        f"{importer}.py:{line} (L{LAYERS[a]}) imports "
                        f"{imported} (L{LAYERS[b]})"
                    )
        assert not wrong, "imports against the layers:\n" + "\n".join(wrong)

    def test_no_cycle(self) -> None:
        """No module reaches itself by following imports."""
        graph = {m: sorted({i for i, _ in imports}) for m, imports in _edges().items()}
        done: set[str] = set()

        def visit(module: str, path: list[str]) -> list[str] | None:
            if module in path:
                return [*path[path.index(module) :], module]
            if module in done:
                return None
            for imported in graph.get(module, ()):
                cycle = visit(imported, [*path, module])
                if cycle:
                    return cycle
            done.add(module)
            return None

        for module in graph:
            cycle = visit(module, [])
            assert cycle is None, "import cycle: " + " -> ".join(cycle or ())

    @pytest.mark.parametrize(
        ("importer", "imported", "allowed"),
        [
            ("_pandas", "exceptions", True),
            ("_pandas", "_columns", True),
            ("_columns", "_pandas", False),
            ("_sqlite", "_tables", True),
            ("_sqlite", "_atomic", True),
            ("_sqlite", "export", False),
            ("_atomic", "_sqlite", False),
            ("cli", "_cli_table", True),
            ("_cli_table", "cli", False),
            ("checks", "_cite", False),
        ],
    )
    def test_siblings(self, importer: str, imported: str, allowed: bool) -> None:  # noqa: FBT001 - a parameter
        """Within a layer only the imports the table names are allowed."""
        assert _sibling_allowed(importer, imported) is allowed

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("from vinhphuc_dx import model", ["model"]),
            ("from vinhphuc_dx.model import Text", ["model"]),
            ("import vinhphuc_dx.query", ["query"]),
            ("from . import _cite", ["_cite"]),
            ("def f():\n    from vinhphuc_dx._loading import load", ["_loading"]),
            ("if TYPE_CHECKING:\n    from vinhphuc_dx.model import Report", []),
            (
                (
                    "if typing.TYPE_CHECKING:\n    import vinhphuc_dx.model\n"
                    "else:\n    import vinhphuc_dx.query"
                ),
                ["query"],
            ),
        ],
    )
    def test_imports_are_read(self, source: str, expected: list[str]) -> None:
        """Each form of import is seen, inside functions too, TYPE_CHECKING not."""
        visitor = _Imports({"model", "query", "_cite", "_loading"})
        visitor.visit(ast.parse(source))
        assert [m for m, _ in visitor.found] == expected
