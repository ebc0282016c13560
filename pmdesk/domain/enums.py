"""Closed sets of values used across the data model."""

from enum import IntEnum, StrEnum


class InitiativeStatus(StrEnum):
    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Horizon(StrEnum):
    NOW = "now"
    NEXT = "next"
    LATER = "later"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ColumnKind(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"todo": "To do", "doing": "Doing", "done": "Done"}[self.value]


class Priority(IntEnum):
    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    URGENT = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Entity(StrEnum):
    """Kinds of rows the event log and change sets talk about."""

    PRODUCT = "product"
    GOAL = "goal"
    LANE = "lane"
    INITIATIVE = "initiative"
    MILESTONE = "milestone"
    DEPENDENCY = "dependency"
    BOARD = "board"
    COLUMN = "column"
    TASK = "task"
    PERSON = "person"
    LABEL = "label"
    CHECKLIST_ITEM = "checklist_item"
    COMMENT = "comment"
    LINK = "link"
    BASELINE = "baseline"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    MOVE = "move"
