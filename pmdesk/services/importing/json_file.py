"""Read a pmdesk workspace JSON export (``pmdesk export json``) into a workspace plan.

The whole document is checked before anything is written: its kind and version, every
required field, every value's type, every id a record refers to, dependency loops and
dates. A problem is refused with one sentence naming its place, such as
``products[0] “Acme” › initiatives[3] “Beta”``. The records keep the file's ids; the
writer gives them new ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from enum import Enum
from typing import Any, NoReturn, TypeVar

from pmdesk.domain import rules
from pmdesk.domain.baselines import BaselineKind, RoadmapPlan
from pmdesk.domain.enums import ColumnKind, Horizon, InitiativeStatus, Priority
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.report import WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION
from pmdesk.domain.rules import MAX_TITLE_LENGTH
from pmdesk.services.boards import clean_wip_limit
from pmdesk.services.importing.plan import ImportFileError
from pmdesk.services.importing.roadmap_plan import ProductPlan, WorkspacePlan
from pmdesk.services.importing.safe_json import load_json
from pmdesk.services.importing.writer import name_key

When = TypeVar("When", date, datetime)
PRODUCT_TEXTS = ("tagline", "vision", "problem", "target_customers", "value_proposition",
                 "success_metrics", "not_doing")
_MISSING = object()


class _Record:
    """One JSON object and its place in the file, with typed field readers."""

    def __init__(self, reader: JsonReader, data: object, place: str) -> None:
        if not isinstance(data, dict):
            reader.fail("is not an object", place)
        self.reader, self.place = reader, place
        self.data: dict[str, Any] = data

    def fail(self, problem: str) -> NoReturn:
        self.reader.fail(problem, self.place)

    def get(self, key: str, required: bool) -> object:
        value = self.data.get(key, _MISSING)
        if value is _MISSING or value is None:
            if required:
                self.fail(f"has no “{key}”")
            return None
        return value

    def id(self, key: str = "id") -> int:
        value = self.get(key, True)
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"has “{key}” {value!r}, which is not a whole number")
        return value

    def ref(self, key: str, known: Iterable[int], what: str) -> int | None:
        value = self.get(key, False)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value not in known:
            self.fail(f"refers to {what} {value!r} in “{key}”, which is not in the file")
        return value

    def title(self, key: str) -> str:
        value = self.get(key, True)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"has an empty “{key}”")
        text = " ".join(str(value).split())
        if len(text) > MAX_TITLE_LENGTH:
            self.fail(f"has a “{key}” longer than {MAX_TITLE_LENGTH} characters")
        return text

    def text(self, key: str, default: str = "") -> str:
        return str(self._optional(key, default, lambda value: isinstance(value, str), "text"))

    def colour(self, key: str, default: str) -> str:
        value = self.text(key, default)
        self.obey(rules.check_colour, value)
        return value

    def obey(self, rule: Callable[..., object], *args: Any) -> None:
        """Apply one of pmdesk's own rules, naming this place when it refuses."""
        try:
            rule(*args)
        except ValidationError as exc:
            self.fail(f"is refused: {exc.message[:1].lower()}{exc.message[1:].rstrip('.')}")

    def number(self, key: str, default: float | None = None) -> float | None:
        value = self._optional(key, None, _is_number, "a number")
        return default if value is None else float(value)

    def whole(self, key: str, default: int | None = 0) -> int | None:
        value = self._optional(key, default, _is_whole, "a whole number")
        return None if value is None else int(value)

    def flag(self, key: str) -> bool:
        return bool(self._optional(key, False, lambda value: isinstance(value, bool),
                                   "true or false"))

    def _optional(self, key: str, default: Any, fits: Callable[[object], bool], what: str
                  ) -> Any:
        """The value of ``key`` (``default`` when it is missing) if it ``fits``; otherwise
        refused as not ``what``."""
        value = self.get(key, False)
        if value is None:
            return default
        if not fits(value):
            self.fail(f"has “{key}” {value!r}, which is not {what}")
        return value

    def choice(self, key: str, kind: type[Enum]) -> str:
        value = self.get(key, True)
        allowed = [str(m.value) for m in kind]
        if value not in allowed:
            self.fail(f"has “{key}” {value!r}; it must be one of {', '.join(allowed)}")
        return str(value)

    def day(self, key: str, required: bool = False) -> date | None:
        return self._iso(key, required, date.fromisoformat, "a date (YYYY-MM-DD)")

    def moment(self, key: str, required: bool = False) -> datetime | None:
        return self._iso(key, required, datetime.fromisoformat, "a time (YYYY-MM-DDTHH:MM:SS)")

    def _iso(self, key: str, required: bool, parse: Callable[[str], When], what: str
             ) -> When | None:
        """An ISO date or time, read by ``parse``; ``what`` names the form it must take."""
        value = self.get(key, required)
        if value is None:
            return None
        try:
            return parse(value) if isinstance(value, str) else _not_a_date()
        except ValueError:
            self.fail(f"has “{key}” {value!r}, which is not {what}")

    def items(self, key: str, name_key_: str | None = None) -> list[_Record]:
        value = self.get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(f"has “{key}” that is not a list")
        records = []
        item: object
        for index, item in enumerate(value):
            label = ""
            if name_key_ and isinstance(item, dict) and isinstance(item.get(name_key_), str):
                label = f" “{item[name_key_]}”"
            prefix = f"{self.place} › " if self.place else ""
            records.append(_Record(self.reader, item, f"{prefix}{key}[{index}]{label}"))
        return records


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _not_a_date() -> NoReturn:
    raise ValueError


class JsonReader:
    """Turn the export's text into a ``WorkspacePlan`` or refuse it."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name

    def fail(self, problem: str, place: str = "") -> NoReturn:
        where = f"{self.file_name}: {place}" if place else self.file_name
        raise ImportFileError(f"{where} {problem}.")

    def read(self, data: bytes, only: str | None = None) -> WorkspacePlan:
        document = load_json(data, self.file_name, "pmdesk JSON export")
        if not isinstance(document, dict) or document.get("format") != WORKSPACE_FORMAT:
            self.fail(f"is not a pmdesk workspace export (its “format” is not "
                      f"“{WORKSPACE_FORMAT}”)")
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fail(f"has “format_version” {version!r}, which is not a version number")
        if version > WORKSPACE_FORMAT_VERSION:
            self.fail(f"is format version {version}, newer than this pmdesk reads "
                      f"({WORKSPACE_FORMAT_VERSION}); update pmdesk to import it")
        root = _Record(self, document, "")
        people = self._people(root)
        products = root.items("products", "name")
        if not products:
            self.fail("has no products")
        if only is not None:
            products = [p for p in products if isinstance(p.data.get("name"), str)
                        and name_key(p.data["name"]) == name_key(only)]
            if not products:
                names = ", ".join(f"“{p.data.get('name')}”" for p in root.items("products"))
                self.fail(f"has no product called “{only}” (its products: {names})")
        plans = [self._product(p, people) for p in products]
        return WorkspacePlan(
            source=f"pmdesk workspace “{document.get('workspace') or self.file_name}”",
            people=people, products=plans, whole_file=only is None,
        )

    def _people(self, root: _Record) -> dict[int, str]:
        people: dict[int, str] = {}
        for person in root.items("people", "name"):
            person_id = person.id()
            if person_id in people:
                person.fail(f"repeats person id {person_id}")
            people[person_id] = person.title("name")
        return people

    def _unique(self, records: list[_Record], what: str) -> dict[int, _Record]:
        by_id: dict[int, _Record] = {}
        for record in records:
            record_id = record.id()
            if record_id in by_id:
                record.fail(f"repeats {what} id {record_id}")
            by_id[record_id] = record
        return by_id

    def _product(self, record: _Record, people: dict[int, str]) -> ProductPlan:
        plan = ProductPlan(name=record.title("name"))
        plan.values = {key: record.text(key) for key in PRODUCT_TEXTS}
        plan.values["owner_id"] = record.ref("owner_id", people, "person")
        goals = self._unique(record.items("goals", "name"), "goal")
        for goal_id, goal in goals.items():
            plan.add("goal", {"id": goal_id, "name": goal.title("name"),
                              "colour": goal.colour("colour", "#4C78A8"),
                              "description": goal.text("description"),
                              "metric": goal.text("metric"), "target": goal.text("target"),
                              "position": goal.whole("position")})
        lanes = self._unique(record.items("lanes", "name"), "lane")
        for lane_id, lane in lanes.items():
            plan.add("lane", {"id": lane_id, "name": lane.title("name"),
                              "position": lane.whole("position")})
        initiatives = self._unique(record.items("initiatives", "title"), "initiative")
        for initiative_id, item in initiatives.items():
            plan.add("initiative", self._initiative(initiative_id, item, lanes, goals, people))
        for item in record.items("milestones", "title"):
            plan.add("milestone", {"id": item.id(), "title": item.title("title"),
                                   "date": item.day("date", required=True),
                                   "lane_id": item.ref("lane_id", lanes, "lane")})
        self._dependencies(record, initiatives, plan)
        labels = self._unique(record.items("labels", "name"), "label")
        for label_id, label in labels.items():
            plan.add("label", {"id": label_id, "name": label.title("name"),
                               "colour": label.colour("colour", "#9E9E9E")})
        for board in record.items("boards", "name"):
            board_id = board.id()
            plan.add("board", {"id": board_id, "name": board.title("name"),
                               "position": board.whole("position")})
            for column in board.items("columns", "name"):
                column_id = column.id()
                wip_limit = column.whole("wip_limit", None)
                column.obey(clean_wip_limit, wip_limit)
                wip_limit = clean_wip_limit(wip_limit)
                wip_hard = column.flag("wip_hard")
                plan.add("board_column", {
                    "id": column_id, "board_id": board_id, "name": column.title("name"),
                    "position": column.whole("position"),
                    "kind": column.choice("kind", ColumnKind),
                    "wip_limit": wip_limit, "wip_hard": wip_hard,
                    "archived": column.flag("archived")})
                tasks = column.items("tasks", "title")
                for task in tasks:
                    self._task(task, board_id, column_id, initiatives, labels, people, plan)
                active = sum(task.data.get("archived_at") is None for task in tasks)
                if rules.wip_refusal(column.title("name"), wip_limit, wip_hard, active):
                    column.fail(f"holds {active:,} active cards, over its hard WIP limit of "
                                f"{wip_limit}; raise or clear the limit in the file")
        for item in record.items("baselines", "name"):
            try:
                content = RoadmapPlan.from_json(item.get("content", True))
            except ValueError as exc:
                item.fail(f"has a “content” that cannot be read: {exc}")
            plan.baselines.append({"name": item.title("name"),
                                   "taken_at": item.moment("taken_at", required=True),
                                   "kind": item.choice("kind", BaselineKind), "plan": content})
        plan.check_unique_ids(record.fail)
        return plan

    def _initiative(self, initiative_id: int, item: _Record, lanes: dict[int, _Record],
                    goals: dict[int, _Record], people: dict[int, str]) -> dict[str, Any]:
        start, end = item.day("start_date"), item.day("end_date")
        if (start is None) != (end is None):
            item.fail("has only one of “start_date” and “end_date”; give both or neither")
        if start is not None and end is not None and end < start:
            item.fail(f"ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        rice = {key: item.number(key) for key in ("reach", "impact", "confidence", "effort")}
        item.obey(rules.check_rice, *rice.values())
        return {"id": initiative_id, "title": item.title("title"),
                "lane_id": item.ref("lane_id", lanes, "lane"),
                "goal_id": item.ref("goal_id", goals, "goal"),
                "description": item.text("description"),
                "status": item.choice("status", InitiativeStatus),
                "start_date": start, "end_date": end,
                "horizon": item.choice("horizon", Horizon),
                "owner_id": item.ref("owner_id", people, "person"),
                **rice, "position": item.whole("position")}

    def _dependencies(self, record: _Record, initiatives: dict[int, _Record],
                      plan: ProductPlan) -> None:
        blocks: dict[int, list[int]] = {}
        pairs: set[tuple[int, int]] = set()
        for item in record.items("dependencies"):
            blocker = item.ref("blocker_id", initiatives, "initiative")
            blocked = item.ref("blocked_id", initiatives, "initiative")
            if blocker is None or blocked is None:
                item.fail("needs both “blocker_id” and “blocked_id”")
            assert blocker is not None and blocked is not None
            if (blocker, blocked) in pairs:
                item.fail(f"repeats the dependency of {blocked} on {blocker}")
            pairs.add((blocker, blocked))
            blocks.setdefault(blocker, []).append(blocked)
            plan.add("dependency", {"id": item.id(), "blocker_id": blocker,
                                    "blocked_id": blocked})
        loop = _find_loop(blocks)
        if loop:
            titles = " → ".join(f"“{initiatives[i].data.get('title')}”" for i in loop)
            record.fail(f"has a dependency loop: {titles}")

    def _task(self, task: _Record, board_id: int, column_id: int,
              initiatives: dict[int, _Record], labels: dict[int, _Record],
              people: dict[int, str], plan: ProductPlan) -> None:
        task_id = task.id()
        priority = task.whole("priority")
        if priority not in {p.value for p in Priority}:
            task.fail(f"has “priority” {priority}; it must be 0 (none) to 4 (urgent)")
        estimate = task.number("estimate")
        task.obey(rules.check_non_negative, estimate, "estimate")
        label_ids = task.get("label_ids", False) or []
        if not isinstance(label_ids, list):
            task.fail("has “label_ids” that is not a list")
        for label_id in label_ids:
            if not isinstance(label_id, int) or label_id not in labels:
                task.fail(f"refers to label {label_id!r} in “label_ids”, which is not in "
                          "the file")
        plan.add("task", {
            "id": task_id, "board_id": board_id, "column_id": column_id,
            "title": task.title("title"), "description": task.text("description"),
            "initiative_id": task.ref("initiative_id", initiatives, "initiative"),
            "assignee_id": task.ref("assignee_id", people, "person"),
            "due_date": task.day("due_date"), "estimate": estimate,
            "priority": priority, "position": task.whole("position"),
            "created_at": task.moment("created_at", required=True),
            "started_at": task.moment("started_at"), "done_at": task.moment("done_at"),
            "archived_at": task.moment("archived_at"),
            "column_since": task.moment("column_since"),
        }, label_ids=sorted(set(label_ids)))
        for item in task.items("checklist", "text"):
            plan.add("checklist_item", {"id": item.id(), "task_id": task_id,
                                        "text": item.title("text"), "done": item.flag("done"),
                                        "position": item.whole("position")})
        self._discussion(task, task_id, people, plan)

    @staticmethod
    def _discussion(task: _Record, task_id: int, people: dict[int, str],
                    plan: ProductPlan) -> None:
        """The card's comments, links and watchers (files before them have none)."""
        for item in task.items("comments", "author"):
            text = item.text("text")
            if not text.strip():
                item.fail("has an empty “text”")
            plan.add("task_comment", {"id": item.id(), "task_id": task_id,
                                      "author": item.text("author"),
                                      "created_at": item.moment("created_at"), "text": text})
        for item in task.items("links", "title"):
            url = item.text("url")
            if not url.strip():
                item.fail("has an empty “url”")
            plan.add("task_link", {"id": item.id(), "task_id": task_id,
                                   "title": item.text("title"), "url": url,
                                   "created_at": item.moment("created_at")})
        watchers = task.get("watcher_ids", False) or []
        if not isinstance(watchers, list):
            task.fail("has “watcher_ids” that is not a list")
        for person_id in watchers:
            if not isinstance(person_id, int) or isinstance(person_id, bool) or (
                    person_id not in people):
                task.fail(f"refers to person {person_id!r} in “watcher_ids”, which is not in "
                          "the file")
        if watchers:
            plan.task_watchers[task_id] = sorted(set(watchers))


def _find_loop(blocks: dict[int, list[int]]) -> list[int]:
    """A dependency loop as the initiatives on it (first repeated at the end), or []."""
    state: dict[int, int] = {}  # 1: on the current path, 2: finished
    for start in blocks:
        if state.get(start):
            continue
        path: list[int] = [start]
        stack: list[Iterator[int]] = [iter(blocks.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(blocks.get(nxt, ())))
    return []


def parse_workspace(data: bytes, file_name: str, product: str | None = None) -> WorkspacePlan:
    """Read a pmdesk JSON export; with ``product``, only that product of it."""
    return JsonReader(file_name).read(data, product)

