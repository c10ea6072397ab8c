"""The import rules of docs/architecture.md hold: import-linter's contracts (pyproject.toml) and
no import circle between any two of our modules, across apps too (function-level imports count)."""

import subprocess
import sys
from pathlib import Path

import grimp

OUR_PACKAGES = ("marketplace", "sellers", "cms", "payments")
ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def import_circles(graph):
    """Strongly connected groups of two or more modules (Tarjan), and modules importing themselves."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph.find_modules_directly_imported_by(module):
                circles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return circles


def test_no_import_circle_between_modules():
    graph = grimp.build_graph(*OUR_PACKAGES, cache_dir=None)
    assert import_circles(graph) == []


def test_the_circle_check_finds_a_hidden_circle():
    """A function-level import back to its importer is a circle too."""
    graph = grimp.build_graph(*OUR_PACKAGES, cache_dir=None)
    graph.add_import(importer="marketplace.order.tasks", imported="marketplace.order.services")
    assert ["marketplace.order.services", "marketplace.order.tasks"] in import_circles(graph)
