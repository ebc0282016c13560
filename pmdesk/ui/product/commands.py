"""Undo commands for product fields and goals."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.models import Goal, Product
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.commands import CommandRunner, creation, deletion, field_edit

if TYPE_CHECKING:
    from pmdesk.services import Services

FIELD_LABELS = {
    "name": "name",
    "tagline": "tagline",
    "vision": "vision",
    "problem": "problem",
    "target_customers": "target customers",
    "value_proposition": "value proposition",
    "success_metrics": "success metrics",
    "not_doing": "“not doing”",
    "owner_id": "owner",
}
GOAL_LABELS = {"name": "name", "colour": "colour", "metric": "metric", "target": "target",
               "description": "description"}


class ProductEditor(CommandRunner):
    """Turn Product page gestures into undoable service calls."""

    def __init__(self, services: Services, stack: QUndoStack, bus: ChangeBus) -> None:
        super().__init__(stack, bus)
        self.services = services

    def _edit(self, item: Any, field: str, value: Any, text: str, update: Any) -> bool:
        """Set one field of a product or goal as an undo step (nothing when unchanged)."""
        old = getattr(item, field)
        if old == value:
            return True
        return self.run(field_edit(text, partial(update, item.id), field, old, value, self.bus))

    def set_field(self, product: Product, field: str, value: Any) -> bool:
        text = f"Edit {FIELD_LABELS.get(field, field)} of “{product.name}”"
        return self._edit(product, field, value, text, self.services.products.update_product)

    def set_owner(self, product: Product, name: str) -> bool:
        name = name.strip()
        if not name:
            return self.set_field(product, "owner_id", None)
        try:
            person = self.services.people.ensure_person(name)
        except PmdeskError as exc:
            self.report(exc.message)
            return False
        self.bus.publish(person.changes)
        return self.set_field(product, "owner_id", person.value.id)

    # ----- goals
    def add_goal(self, product_id: int, name: str, colour: str) -> bool:
        products = self.services.products
        return self.run(creation(
            f"Add goal “{name}”",
            lambda: products.create_goal(product_id, name, colour=colour),
            products.delete_goal, self.services.trash.restore, self.bus,
        ))

    def edit_goal(self, goal: Goal, field: str, value: Any) -> bool:
        text = f"Edit {GOAL_LABELS.get(field, field)} of goal “{goal.name}”"
        return self._edit(goal, field, value, text, self.services.products.update_goal)

    def delete_goal(self, goal: Goal) -> bool:
        return self.run(deletion(
            f"Delete goal “{goal.name}”",
            partial(self.services.products.delete_goal, goal.id),
            self.services.trash.restore, self.bus,
        ))

    def move_goal(self, goal: Goal, old_index: int, new_index: int) -> bool:
        move = partial(self.services.products.move_goal, goal.id)
        return self.step(f"Move goal “{goal.name}”", lambda: move(new_index),
                         lambda: move(old_index))
