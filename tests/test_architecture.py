"""The package's shape: stages that import one way only, no import cycle (also not through
imports inside functions), and modules of a few screens."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wmo_dsl"

# Each stage may import itself and the stages before it, never a later one.
STAGES = ["errors", "safeio", "bulk", "hookspecs", "language", "semantics", "cases", "present", "plugins", "regions", "intake",
          "tools", "commands", "cli", "__main__", "__init__"]
MAX_LINES = 400
# Being rewritten in the steps of "Eén kern" that follow: the typed AST, the checker per construct, the solver.
NOT_YET: set[str] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports_of(path: Path) -> set[str]:
    """Every wmo_dsl module a file imports, at the top or inside a function."""
    name = module_name(path)
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if path.name == "__init__.py" and path.parent == PACKAGE:
        package = []
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else list(package)
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "wmo_dsl":
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidate = ".".join(target + [alias.name])
                found.add(candidate if (PACKAGE / Path(*candidate.split("."))).with_suffix(".py").exists()
                          or (PACKAGE / Path(*candidate.split("."))).is_dir() else ".".join(target))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("wmo_dsl."):
                    found.add(alias.name.removeprefix("wmo_dsl."))
    return {f for f in found if f}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) - {module_name(p)} for p in PACKAGE.rglob("*.py")}


def stage(module: str) -> int:
    return STAGES.index(module.split(".")[0])


def test_no_module_imports_a_later_stage():
    wrong = [(m, t) for m, targets in graph().items() for t in targets if m != "__init__" and stage(t) > stage(m)]
    assert wrong == []


def test_there_is_no_import_cycle_not_even_inside_functions():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, path):
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target] if target in path else [node, target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_modules_fit_on_a_few_screens():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
            and module_name(p) not in NOT_YET}
    assert long == {}


def test_every_stage_is_a_folder_with_a_docstring():
    for folder in ("language", "semantics", "cases", "present", "intake", "tools", "commands"):
        init = PACKAGE / folder / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        first = doc.split("\n\n")[0]
        assert first[:1].isupper() and first.rstrip().endswith(".") and len(first.split()) >= 6, (folder, first)
