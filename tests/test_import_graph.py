"""The package's import graph, read from the source (no import is run): the rules of the
architecture in the developers' guide.

- no module-level import cycle inside `extractor` (a lazy import inside a function may
  close one on purpose; `if TYPE_CHECKING:` blocks are not imports);
- `extractor` never imports `api`;
- `extractor/models.py` imports nothing of ours;
- no pipeline component imports another (they talk through the Doc only);
- ingestion (`extractor/ingest/`) imports neither spaCy nor the pipelines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "extractor"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PKG.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _top_level(body: list[ast.stmt]):
    """Statements run when the module is imported (into try/if bodies, not into defs)."""
    for node in body:
        if isinstance(node, ast.If):
            if not _is_type_checking(node):
                yield from _top_level(node.body)
                yield from _top_level(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *[h.body for h in node.handlers]):
                yield from _top_level(block)
        else:
            yield node


def imports(name: str, *, lazy: bool = False) -> set[str]:
    """Dotted names imported by a module: module level only, or every import if `lazy`."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = ast.walk(tree) if lazy else _top_level(tree.body)
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in MODULES]
            # `from extractor import models` imports the submodule (the package's
            # __init__ runs first in any case: that is not an edge of ours)
            out.update(subs)
            if len(subs) < len(node.names):
                out.add(mod)
    return out


def internal_graph() -> dict[str, set[str]]:
    return {n: {d for d in imports(n) if d in MODULES and d != n} for n in MODULES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(u: str) -> list[str] | None:
        state[u] = 1
        stack.append(u)
        for v in sorted(graph.get(u, ())):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if not state.get(v) and (found := visit(v)):
                return found
        stack.pop()
        state[u] = 2
        return None

    for n in sorted(graph):
        if not state.get(n) and (found := visit(n)):
            return found
    return None


def test_the_graph_is_read():
    g = internal_graph()
    assert len(MODULES) > 50
    assert "extractor.models" in g["extractor.assemble"]
    assert "extractor.fields" in g["extractor.assemble"]


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
    ({"a": {"a"}}, ["a", "a"]),
])
def test_find_cycle(graph, cycle):
    assert find_cycle(graph) == cycle


def test_no_module_level_import_cycle():
    assert find_cycle(internal_graph()) is None


def test_extractor_never_imports_api():
    offenders = {n for n in MODULES for d in imports(n, lazy=True) if d == "api" or d.startswith("api.")}
    assert not offenders


def test_models_import_nothing_of_ours():
    assert not {d for d in imports("extractor.models", lazy=True) if d.startswith("extractor")}


def test_ingestion_imports_no_spacy_and_no_pipeline():
    for name in MODULES:
        if name == "extractor.ingest" or name.startswith("extractor.ingest."):
            bad = {d for d in imports(name, lazy=True)
                   if d.split(".")[0] in {"spacy", "thinc"} or d.startswith("extractor.pipelines")}
            assert not bad, (name, bad)


def test_components_do_not_import_each_other():
    package = "extractor.pipelines.components"
    for name in MODULES:
        if name == package or name.startswith(package + "."):
            bad = {d for d in imports(name, lazy=True) if d == package or d.startswith(package + ".")}
            assert not bad, (name, bad)
