"""The export layer draws from domain values only: no services, store, UI or Qt."""

import ast
from pathlib import Path

import pmdesk.export

ALLOWED_PMDESK = ("pmdesk.domain", "pmdesk.export", "pmdesk.assets")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_export_imports_only_domain_reportlab_and_the_standard_library():
    folder = Path(pmdesk.export.__file__).parent
    for path in sorted(folder.glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top == "pmdesk":
                assert name.startswith(ALLOWED_PMDESK), (path.name, name)
            else:
                assert top not in {"PySide6", "shiboken6", "sqlalchemy", "alembic"}, (
                    path.name, name)
