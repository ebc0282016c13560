"""File ▸ Import: bring a Trello board, a CSV file or a pmdesk JSON export in as new products.

Each import is one undo step: undo removes every product it created, redo brings them back
with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from pmdesk.domain.changes import Result, Tombstone
from pmdesk.domain.enums import Action, Entity
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import ServiceCommand, execute

if TYPE_CHECKING:
    from pmdesk.services import Services

FORMATS = {
    "trello": ("Import Trello Board…", "Trello board exports (*.json);;All files (*)"),
    "csv": ("Import CSV File…", "CSV files (*.csv *.txt);;All files (*)"),
    "json": ("Import pmdesk JSON…", "pmdesk JSON exports (*.json);;All files (*)"),
}


def new_product_ids(result: Result[Any]) -> list[int]:
    """The products an import created, first one first (window imports always create some)."""
    return sorted(result.changes.ids(Entity.PRODUCT, Action.CREATE))


def import_command(
    services: Services, bus: ChangeBus, text: str, run: Callable[[], Result[Any]]
) -> ServiceCommand:
    """One undo step for an import: undo deletes every product it created."""
    state: dict[str, Any] = {}

    def do() -> Result[Any]:
        if "tombstone" in state:
            tombstone: Tombstone = state.pop("tombstone")
            return services.trash.restore(tombstone)
        result = run()
        state["ids"] = new_product_ids(result)
        return result

    def undo() -> Result[Tombstone]:
        result = services.products.delete_products(state["ids"])
        state["tombstone"] = result.value
        return result

    return ServiceCommand(text, do, undo, bus)


def import_as_new_product(
    services: Services, stack: QUndoStack, bus: ChangeBus, kind: str, path: Path
) -> tuple[int, str] | None:
    """Import ``path``; return the first new product's id and the summary, or None if refused."""
    importers: dict[str, Callable[[Path], Result[Any]]] = {
        "trello": services.importing.import_trello,
        "csv": services.importing.import_csv,
        "json": services.importing.import_json,
    }
    command = import_command(services, bus, f"Import {path.name}",
                             lambda: importers[kind](path))
    if not execute(stack, command):
        return None
    product_id = min(command.last_changes.ids(Entity.PRODUCT, Action.CREATE))
    return product_id, command.last_result.line()
