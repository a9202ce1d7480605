"""The package shows the pipeline: each stage imports only earlier stages (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
# Layer 0 may be imported by anyone; later stages may import earlier ones only.
STAGES = [
    {"rows", "text", "errors", "messages", "settings"},
    {"documents", "corpus"},
    {"read_docx", "read_pdf"},
    {"readers"},
    {"fields", "draft"},
    {"layout_table", "layout_pdf", "layout_grid"},
    {"parse", "metrics", "diff"},
    {"embedding"},
    {"index", "glossary", "lexical", "spelling", "field_phrases", "understand"},
    {"catalog", "library", "asking", "question_memory"},
    {"candidates"},
    {"fuse", "filters", "sections", "bodies"},
    {"whole"},
    {"decide", "years"},
    {"retrieve"},
    {"answer", "conversation", "export"},
    {"verify", "evaluation"},
    {"cli", "ui", "staff"},
]
STAGE_OF = {name: level for level, names in enumerate(STAGES) for name in names}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assistant"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("assistant."))
    return found


def test_every_module_has_a_stage():
    """A new module must be placed in the pipeline on purpose."""
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "__main__"}}
    assert modules <= STAGE_OF.keys(), modules - STAGE_OF.keys()


def test_no_stage_imports_a_later_stage():
    """documents → parse → index → retrieve → answer → cli/ui; cli and ui never import each other."""
    for path in PACKAGE.glob("*.py"):
        if path.stem in {"__init__", "__main__"}:
            continue
        for module in imported_modules(path):
            assert STAGE_OF[module] <= STAGE_OF[path.stem], f"{path.stem} imports later stage {module}"
            assert {path.stem, module} != {"cli", "ui"}, "cli and ui must not import each other"
