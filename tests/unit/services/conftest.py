"""Every service test runs twice: on a workspace file and on a PostgreSQL server."""

from __future__ import annotations

import pytest

from tests.conftest import BOTH_BACKENDS


@pytest.fixture(params=BOTH_BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)
