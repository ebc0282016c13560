"""Every service test runs twice: on a workspace file and on a PostgreSQL server."""

from __future__ import annotations

import pytest

from pmdesk.services import Services
from pmdesk.services.importing import ImportService
from tests.conftest import BOTH_BACKENDS, FIXED_NOW


@pytest.fixture(params=BOTH_BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def importer(services: Services) -> ImportService:
    return ImportService(services.workspace, clock=lambda: FIXED_NOW)
