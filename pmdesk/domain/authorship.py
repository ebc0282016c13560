"""Say who changed what in one sentence: "Zofia moved “Login page” to Done"."""

from __future__ import annotations

from collections.abc import Iterable

from pmdesk.domain.enums import Action
from pmdesk.domain.history import FIELD_LABELS, QUIET_FIELDS, Names, format_value
from pmdesk.domain.models import Event

SOMEONE = "Someone"


def who(author: str) -> str:
    """The author as a sentence starts with it; events older than authors have none."""
    return author.strip() or SOMEONE


def field_words(fields: Iterable[str]) -> str:
    """“the title”, “the title and the due date”, “the title, the estimate and the labels”."""
    words = [f"the {FIELD_LABELS.get(f, f.replace('_', ' ')).lower()}" for f in fields
             if f not in QUIET_FIELDS]
    if not words:
        return "it"
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def change_sentence(event: Event, title: str, names: Names | None = None,
                    *, fields: Iterable[str] | None = None, with_time: bool = True) -> str:
    """One sentence naming who did what to the item called ``title``.

    ``fields`` narrows an update to the fields that matter to the reader (the ones that
    clash with their own edit); the time says when, as the item history shows it.
    """
    names = names or {}
    item = f"“{title}”" if title else "this item"
    author = who(event.author)
    changed = [f for f in (fields if fields is not None else event.fields)
               if f not in QUIET_FIELDS]
    if event.action is Action.CREATE:
        text = f"{author} created {item}"
    elif event.action is Action.DELETE:
        text = f"{author} deleted {item}"
    elif changed == ["column_id"] or (event.action is Action.MOVE and "column_id" in changed):
        new = event.fields.get("column_id")
        column = format_value("column_id", new[-1] if isinstance(new, list) else new, names)
        text = f"{author} moved {item} to {column}"
    elif not changed:
        text = f"{author} reordered {item}" if event.action is Action.MOVE else \
            f"{author} changed {item}"
    else:
        text = f"{author} changed {field_words(changed)} of {item}"
    return f"{text} at {event.at:%H:%M}" if with_time else text
