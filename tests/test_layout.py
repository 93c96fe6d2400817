"""The layout rules of docs/ and the README's "Where things are", checked on the source.

Domain apps (accounts, awards, investigations, secure_docs) never import `cms` or
`demo`; no app imports another app's views; investigations never imports secure_docs
(secure_docs fills investigations' hook list instead); no module passes the size at
which the house style splits it into a package.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("accounts", "awards", "investigations", "secure_docs")
APPS = (*DOMAIN_APPS, "cms", "demo", "config")
MAX_LINES = 400
# Data, not code: catalogues of other packages' strings for makemessages, and the
# one settings module the house style asks for.
SIZE_EXEMPT = {
    "accounts/third_party_strings.py",
    "cms/third_party_strings.py",
    "config/settings.py",
}


def _modules(app: str) -> list[Path]:
    return sorted(
        path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts
    )


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (function-local imports count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _offences(apps, rule) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for app in apps
        for path in _modules(app)
        for name in sorted(_imports(path))
        if rule(app, name)
    ]


def _top(name: str) -> str:
    return name.split(".")[0]


def test_domain_apps_import_neither_cms_nor_demo():
    assert _offences(DOMAIN_APPS, lambda app, name: _top(name) in {"cms", "demo"}) == []


def test_no_app_imports_another_apps_views():
    def rule(app: str, name: str) -> bool:
        parts = name.split(".")
        return (
            parts[0] in APPS
            and parts[0] != app
            and any(part in {"views", "admin_views"} for part in parts[1:])
        )

    assert _offences(APPS, rule) == []


def test_investigations_do_not_import_secure_docs():
    assert (
        _offences(("investigations",), lambda app, name: _top(name) == "secure_docs")
        == []
    )


@pytest.mark.parametrize("app", APPS)
def test_no_module_passes_the_size_of_a_package(app):
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules(app)
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
        and str(path.relative_to(ROOT)) not in SIZE_EXEMPT
    }
    assert too_long == {}
