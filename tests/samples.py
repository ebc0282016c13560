"""The sample workspace (what a first start offers), written fresh for one test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pmdesk.services import Services
from pmdesk.services.workspaces import new_services


@contextmanager
def sample_workspace(folder: Path, now: datetime) -> Iterator[Services]:
    """The sample in ``folder``, its services' clock standing at ``now``."""
    services = new_services(folder / "sample.pmdesk", sample=True, clock=lambda: now)
    try:
        yield services
    finally:
        services.workspace.close()
