"""No lost update: an editor's save over fields someone else changed since it loaded the
item is refused with one sentence naming who changed what (DESIGN.md, team mode).

Every update raises the row's ``version`` (``base.update_row``). An editor saves with the
item it loaded; when the versions differ, only the fields both sides changed clash: the
others' changes to other fields stay, the editor's changes to other fields are saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.authorship import change_sentence, field_words
from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.errors import EditConflictError
from pmdesk.services.history import event_from_row
from pmdesk.store import tables as t

RECENT_EVENTS = 200  # enough to find the latest change of a clashing field


def refuse_lost_update(conn: sa.Connection, entity: Entity, loaded: Any, current: Any,
                       mine: Mapping[str, Any]) -> None:
    """Raise EditConflictError when a field ``mine`` sets changed since ``loaded``.

    ``loaded`` and ``current`` are the item as the editor read it and as it is now; a
    field both sides set to the same value is no clash.
    """
    if current.version == loaded.version:
        return
    clashes = {
        name: (getattr(loaded, name), getattr(current, name)) for name in mine
        if getattr(current, name) != getattr(loaded, name)
        and getattr(current, name) != mine[name]
    }
    if not clashes:
        return
    raise EditConflictError(_sentence(conn, entity, loaded, clashes), clashes, current)


def _sentence(conn: sa.Connection, entity: Entity, loaded: Any,
              clashes: Mapping[str, Any]) -> str:
    title = str(getattr(loaded, "title", None) or getattr(loaded, "name", None) or "")
    rows = conn.execute(
        sa.select(t.event)
        .where(t.event.c.entity == entity.value, t.event.c.entity_id == loaded.id,
               t.event.c.action.in_((Action.UPDATE.value, Action.MOVE.value)))
        .order_by(t.event.c.id.desc()).limit(RECENT_EVENTS)
    ).mappings()
    for row in rows:
        event = event_from_row(row)
        touched = [name for name in clashes if name in event.fields]
        if touched:
            return f"{change_sentence(event, title, fields=touched)}, after you opened it."
    return f"Someone changed {field_words(clashes)} of “{title}” after you opened it."
