"""A second client of a test's workspace: another window, process or person."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pmdesk.services import Services
from pmdesk.store.workspace import open_workspace
from tests.conftest import FIXED_NOW


@contextmanager
def second_client(services: Services, name: str = "Zofia") -> Iterator[Services]:
    """Services on the same workspace as ``services``, writing as ``name``."""
    other = Services(open_workspace(services.workspace.location, backup=False),
                     clock=lambda: FIXED_NOW)
    other.workspace.display_name = name
    try:
        yield other
    finally:
        other.workspace.close()
