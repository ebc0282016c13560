"""Parsing the command line loads nothing heavy: no database, PDF or Qt libraries."""

import subprocess
import sys

import pytest

from tests.integration.cli import ROOT

HEAVY = ("sqlalchemy", "alembic", "reportlab", "PySide6", "shiboken6", "psycopg")

REPORT_HEAVY = (
    "import sys\n"
    "{code}\n"
    "loaded = {{name.split('.')[0] for name in sys.modules}} & set({heavy!r})\n"
    "print('loaded:' + ','.join(sorted(loaded)))\n"
)


def heavy_modules_after(code: str) -> list[str]:
    script = REPORT_HEAVY.format(code=code, heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.rpartition("loaded:")[2].strip()
    return [name for name in loaded.split(",") if name]


def test_importing_the_command_line_loads_no_heavy_library():
    assert heavy_modules_after("import pmdesk.cli, pmdesk.app") == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["export", "--help"],
                                  ["import", "csv", "--help"], ["demo"]])
def test_version_help_and_usage_errors_load_no_heavy_library(argv):
    code = (
        "from pmdesk.app import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    assert heavy_modules_after(code) == []


def test_commands_that_draw_nothing_load_neither_reportlab_nor_qt(tmp_path):
    workspace, out = tmp_path / "w.pmdesk", tmp_path / "w.json"
    code = (
        "import contextlib, io\n"
        "from pmdesk.app import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['demo', {str(workspace)!r}, '--tasks', '20']) == 0\n"
        f"    assert main(['export', 'json', {str(workspace)!r}, '-o', {str(out)!r}]) == 0\n"
    )
    assert heavy_modules_after(code) == ["alembic", "sqlalchemy"]  # demo creates a file
