from datetime import datetime

from pmdesk.domain.enums import Action, Entity
from pmdesk.domain.history import describe
from pmdesk.domain.models import Event


def event(action, fields, entity=Entity.TASK):
    return Event(1, datetime(2026, 3, 2, 9, 30), "t", 1, entity, 7, action, fields)


NAMES = {"column_id": {1: "To do", 3: "Done"}, "assignee_id": {5: "Zofia Wójcik"},
         "label_ids": {2: "bug", 4: "UX"}}


def test_moves_name_the_columns():
    e = event(Action.MOVE, {"column_id": [1, 3], "position": [0, 1024], "done_at": [None, "x"]})
    assert describe(e, NAMES) == "Moved from “To do” to “Done”"


def test_reorder_only_says_reordered():
    assert describe(event(Action.MOVE, {"position": [0, 2048]}), NAMES) == "Reordered"


def test_updates_show_old_and_new_values_by_name():
    e = event(Action.UPDATE, {"assignee_id": [None, 5], "priority": [0, 3],
                              "label_ids": [[2], [2, 4]], "estimate": [2.0, 3.5]})
    assert describe(e, NAMES) == (
        "Assignee: — → Zofia Wójcik; Priority: None → High; Labels: bug → bug, UX; "
        "Estimate: 2 → 3.5")


def test_create_archive_and_delete():
    assert describe(event(Action.CREATE, {"title": "Login"}), NAMES) == "Created “Login”"
    assert describe(event(Action.UPDATE, {"archived_at": [None, "2026"]}), NAMES) == "Archived"
    assert describe(event(Action.DELETE, {"title": "Login"}), NAMES) == "Deleted"


def test_long_texts_are_shortened():
    e = event(Action.UPDATE, {"description": ["", "word " * 40]}, Entity.INITIATIVE)
    text = describe(e, NAMES)
    assert text.startswith("Description: — → word word") and text.endswith("…")
