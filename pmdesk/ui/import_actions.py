"""File ▸ Import: bring a Trello board or a CSV file in as a new, undoable product."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QUndoStack

from pmdesk.domain.changes import Result
from pmdesk.domain.enums import Action, Entity
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import creation, execute

FORMATS = {
    "trello": ("Import Trello Board…", "Trello board exports (*.json);;All files (*)"),
    "csv": ("Import CSV File…", "CSV files (*.csv *.txt);;All files (*)"),
}


def new_product_id(result: Result[Any]) -> int:
    """The product an import created (imports from the window always create one)."""
    return min(result.changes.ids(Entity.PRODUCT, Action.CREATE))


def import_as_new_product(
    services: Services, stack: QUndoStack, bus: ChangeBus, kind: str, path: Path
) -> tuple[int, str] | None:
    """Import ``path``; return the new product's id and the summary line, or None if refused."""
    importers: dict[str, Callable[[Path], Result[Any]]] = {
        "trello": services.importing.import_trello,
        "csv": services.importing.import_csv,
    }
    command = creation(
        f"Import {path.name}", lambda: importers[kind](path), services.products.delete_product,
        services.trash.restore, bus, id_of=new_product_id,
    )
    if not execute(stack, command):
        return None
    product_id = min(command.last_changes.ids(Entity.PRODUCT, Action.CREATE))
    return product_id, command.last_result.line()
