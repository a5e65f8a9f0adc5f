"""The package's modules import one way, from the command line down.

Every module of ``src/vinhphuc_dx`` has a tier, which CONTRIBUTING.md's
*Layout* table gives (this test reads it there, the one copy of the rule);
a module imports only modules of its own tier or of a lower one, and none
reaches itself by following imports. Imports inside functions count; those
under ``if TYPE_CHECKING:`` do not (they never run).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = "vinhphuc_dx"
ROOT = Path(__file__).parent.parent
SOURCE = ROOT / "src" / PACKAGE


def _tiers() -> dict[str, int]:
    """Each module's tier, from CONTRIBUTING.md: the command line 3, the model 0."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    layout = text[text.index("## Layout") :]
    rows = re.findall(r"^\| ([a-z ]+) \| (`.+`) \|$", layout, re.MULTILINE)
    assert [name for name, _ in rows] == ["command line", "writing", "reading", "model"]
    return {
        module: 3 - level
        for level, (_, modules) in enumerate(rows)
        for module in re.findall(r"`(\w+)`", modules)
    }


TIERS = _tiers()


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
            # package's face (which hands names on lazily).
            for alias in node.names:
                self._add(f"{PACKAGE}.{alias.name}", node.lineno)
        else:
            self._add(base, node.lineno)


def _modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(SOURCE.glob("*.py")) if p.stem != "__init__"}


def _edges() -> dict[str, list[tuple[str, int]]]:
    modules = _modules()
    edges = {}
    for name, path in modules.items():
        visitor = _Imports(set(modules))
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        edges[name] = [(m, line) for m, line in visitor.found if m != name]
    return edges


class TestTiers:
    """The tiers of the package's modules."""

    def test_every_module_has_a_tier(self) -> None:
        """A new module must be given its tier in CONTRIBUTING.md, and no gone one kept there."""
        modules = set(_modules())
        assert sorted(modules - set(TIERS)) == [], "modules with no tier"
        assert sorted(set(TIERS) - modules) == [], "tiers of modules that are gone"

    def test_imports_run_down(self) -> None:
        """No module imports one of a higher tier."""
        wrong = [
            f"{importer}.py:{line} imports {imported}, a higher tier"
            for importer, imports in _edges().items()
            for imported, line in imports
            if TIERS[imported] > TIERS[importer]
        ]
        assert not wrong, "imports against the tiers:\n" + "\n".join(wrong)

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

    def test_the_tiers_as_written(self) -> None:
        """The model is the ground, the command line the top."""
        assert TIERS["exceptions"] == 0
        assert TIERS["_loading"] == 1
        assert TIERS["export"] == 2
        assert TIERS["cli"] == 3
