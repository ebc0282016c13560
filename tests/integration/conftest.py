"""Every test here starts pmdesk in a subprocess, as a user would: they are the slow ones.

``pytest -m "not slow"`` leaves them out for a quick run while developing.
"""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)
