"""The packages form layers: no import cycle between them, whatever the import's place.

Every ``import supplytrace.X`` or ``from supplytrace.X ...`` in a module of package (or
top-level module) A is an edge A -> X, including imports inside functions, which are still a
dependency. A cycle makes two definitions of one thing easy to create (issue 12)."""

from __future__ import annotations

import ast
from pathlib import Path

import supplytrace

ROOT = Path(supplytrace.__file__).parent


def _unit(path: Path) -> str:
    rel = path.relative_to(ROOT).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        unit = _unit(path)
        edges = graph.setdefault(unit, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "supplytrace" and len(parts) > 1 and parts[1] != unit:
                    edges.add(parts[1])
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_between_packages() -> None:
    graph = _graph()
    assert {"extract", "store", "resolve", "names", "query", "cli"} <= set(graph)
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_names_are_keyed_below_the_stages_that_use_them() -> None:
    graph = _graph()
    assert "resolve" not in graph["store"]  # resolution writes through the store, not back
    assert "resolve" not in graph["extract"]
    assert graph["names"] <= {"model", "data", "errors"}
    for unit in ("store", "extract", "resolve", "query"):
        assert "names" in graph[unit], unit
