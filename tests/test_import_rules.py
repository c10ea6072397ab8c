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


# --- hidden imports: a model reached by its name -----------------------------------------------
# `get_model("catalogue", "Product")` (Oscar's or Django's) is an import that import-linter
# cannot see. The sellers' domain may reach no app above it that way either.

SELLERS_DOMAIN = (
    "Sellers' domain (models, services, selectors, signals, tasks) never imports the shop, CMS or payments"
)
# App labels of the floors above the sellers' domain (Oscar's apps, the CMS, payments, indicators).
ABOVE_SELLERS = {
    "catalogue",
    "partner",
    "order",
    "checkout",
    "shipping",
    "search",
    "dashboard",
    "basket",
    "payment",
    "address",
    "offer",
    "voucher",
    "reviews",
    "analytics",
    "wishlists",
    "communication",
    "customer",
    "cms",
    "payments",
    "indicators",
    "wagtailcore",
}


def models_reached_by_name(source):
    """App labels named in get_model("label", …) / get_model("label.Model") calls of a source."""
    import ast

    labels = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "get_model" and isinstance(node.args[0].value, str):
            labels.append(node.args[0].value.split(".")[0])
    return labels


def sellers_domain_modules():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == SELLERS_DOMAIN)
    for module in contract["source_modules"]:
        path = ROOT / module.replace(".", "/")
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def test_the_sellers_domain_reaches_no_shop_model_by_name():
    reached = {
        f"{path.relative_to(ROOT)}: {label}"
        for path in sellers_domain_modules()
        for label in models_reached_by_name(path.read_text())
        if label in ABOVE_SELLERS
    }
    assert reached == set()


def test_the_hidden_import_check_finds_one():
    source = 'from oscar.core.loading import get_model\nProduct = get_model("catalogue", "Product")\n'
    source += 'def f(apps):\n    return apps.get_model("order.OrderPart")\n'
    assert models_reached_by_name(source) == ["catalogue", "order"]
