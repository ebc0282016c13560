"""Write an import plan into the workspace inside the caller's transaction.

Rows get explicit ids and go in with one ``executemany`` per table, so ten thousand cards
take a fraction of a second; every created row still gets its event-log row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from pmdesk.domain.enums import ColumnKind, Entity, Horizon, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.rules import MAX_TITLE_LENGTH, clean_title
from pmdesk.services.base import POSITION_GAP, Tx, end_position
from pmdesk.services.board_bulk import active_count
from pmdesk.services.bulk import Bulk
from pmdesk.services.card_path import Step, log_card_path
from pmdesk.services.importing.plan import CardPlan, ImportPlan, ImportSummary, short_text
from pmdesk.services.importing.vocabulary import LABEL_PALETTE
from pmdesk.services.products import DEFAULT_COLUMNS
from pmdesk.store import tables as t

_PATH_FIELDS = frozenset({"column_id", "created_at", "started_at", "done_at", "archived_at",
                          "column_since"})


@dataclass(slots=True)
class _Column:
    id: int
    name: str
    kind: str
    next_position: int
    wip_limit: int | None = None
    wip_hard: bool = False


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def unique_name(name: str, taken: set[str]) -> str:
    """Return ``name``, or “name (2)”, “name (3)”… when it is already taken."""
    candidate, number = name, 1
    while name_key(candidate) in taken:
        number += 1
        suffix = f" ({number})"
        candidate = short_text(name, MAX_TITLE_LENGTH - len(suffix)) + suffix
    return candidate


class PlanWriter:
    """Write one plan: its product, board, columns, people, labels and cards."""

    def __init__(self, tx: Tx, plan: ImportPlan) -> None:
        self.tx = tx
        self.plan = plan
        self.out = Bulk(tx)
        self.reused: Counter[str] = Counter()
        self.created: Counter[str] = Counter()

    def write(self, product: str | None = None, board: str | None = None) -> ImportSummary:
        product_id, product_name, product_created = self._product(product)
        board_id, board_name, board_created = self._board(product_id, board)
        columns = self._columns(board_id, product_id, board_created)
        people = self._people()
        labels = self._labels(product_id)
        initiatives = self._initiatives(product_id, people)
        self._check_wip(columns)
        archived = 0
        for card in self.plan.cards:
            column = columns[card.column] if card.column is not None else columns[-1]
            archived += card.archived
            self._card(card, board_id, product_id, columns, column,
                       people, [labels[i] for i in card.labels], initiatives)
        self.out.flush()
        reused = [("columns", "column"), ("people", "person"), ("labels", "label"),
                  ("initiatives", "initiative")]
        return ImportSummary(
            source=self.plan.source, product=product_name, product_created=product_created,
            board=board_name, board_created=board_created, columns=self.created["columns"],
            cards=len(self.plan.cards), archived=archived, labels=self.created["labels"],
            people=self.created["people"], initiatives=self.created["initiatives"],
            checklist_items=self.created["checklist items"], comments=self.created["comments"],
            links=self.created["links"], watchers=self.created["watchers"],
            moves=self.created["moves"],
            archived_columns=sum(c.archived for c in self.plan.columns),
            reused=tuple((many if self.reused[many] != 1 else one, self.reused[many])
                         for many, one in reused if self.reused[many]),
            skipped=tuple((one, many, n) for (one, many), n in self.plan.skipped.items()),
        )

    # ----- where the cards go
    def _product(self, wanted: str | None) -> tuple[int, str, bool]:
        rows = self.tx.conn.execute(
            sa.select(t.product.c.id, t.product.c.name)
            .order_by(t.product.c.position, t.product.c.id)
        ).all()
        if wanted is not None:
            matches = [r for r in rows if name_key(r.name) == name_key(wanted)]
            if len(matches) > 1:
                raise ValidationError(
                    f"{len(matches)} products are called “{wanted}”; rename one and try again."
                )
            if not matches:
                names = ", ".join(f"“{r.name}”" for r in rows[:6]) or "none yet"
                raise ValidationError(
                    f"There is no product called “{wanted}” in this workspace "
                    f"(its products: {names})."
                )
            return matches[0].id, matches[0].name, False
        name = unique_name(self.plan.name, {name_key(r.name) for r in rows})
        position = end_position(self.tx.conn, t.product, sa.true())
        product_id = self.out.take_id(t.product)
        self.out.add(t.product, Entity.PRODUCT, product_id,
                     {"id": product_id, "name": name, "position": position})
        return product_id, name, True

    def _board(self, product_id: int, wanted: str | None) -> tuple[int, str, bool]:
        rows = self.tx.conn.execute(
            sa.select(t.board.c.id, t.board.c.name).where(t.board.c.product_id == product_id)
            .order_by(t.board.c.position, t.board.c.id)
        ).all()
        if wanted is not None:
            match = next((r for r in rows if name_key(r.name) == name_key(wanted)), None)
            if match is not None:
                return match.id, match.name, False
        if wanted is not None:
            name = clean_title(wanted, "board name")
        else:
            name = unique_name(self.plan.name, {name_key(r.name) for r in rows})
        position = end_position(self.tx.conn, t.board, t.board.c.product_id == product_id)
        board_id = self.out.add(t.board, Entity.BOARD, product_id,
                                {"product_id": product_id, "name": name, "position": position})
        return board_id, name, True

    def _columns(self, board_id: int, product_id: int, new_board: bool) -> list[_Column]:
        """The plan's columns in order, then the board's first column (for cards without one).

        Only columns the board had before are matched by name: two lists of the same name in
        one file stay two columns.
        """
        existing: list[_Column] = []
        top = -POSITION_GAP
        if not new_board:
            for row in self.tx.conn.execute(
                sa.select(t.board_column).where(t.board_column.c.board_id == board_id,
                                                t.board_column.c.archived_at.is_(None))
                .order_by(t.board_column.c.position, t.board_column.c.id)
            ).mappings():
                last = end_position(self.tx.conn, t.task, t.task.c.column_id == row["id"])
                existing.append(_Column(row["id"], row["name"], row["kind"], last,
                                        row["wip_limit"], bool(row["wip_hard"])))
                top = max(top, row["position"])
        by_name = {name_key(c.name): c for c in reversed(existing)}
        specs = [(c.name, c.kind.value, c.archived) for c in self.plan.columns]
        if not specs and not existing:
            specs = [(name, kind.value, False) for name, kind in DEFAULT_COLUMNS]
        planned: list[_Column] = []
        created: list[_Column] = []
        for name, kind, archived in specs:
            column = None if archived else by_name.get(name_key(name))
            if column is None:
                top += POSITION_GAP
                column_id = self.out.add(
                    t.board_column, Entity.COLUMN, product_id,
                    {"board_id": board_id, "name": name, "position": top, "kind": kind,
                     "archived_at": self.tx.now if archived else None})
                column = _Column(column_id, name, kind, 0)
                created.append(column)
            planned.append(column)
        self.created["columns"] += len(created)
        self.reused["columns"] += len({c.id for c in planned} - {c.id for c in created})
        first = existing[0] if existing else created[0]
        return [*planned[: len(self.plan.columns)], first]

    def _check_wip(self, columns: Sequence[_Column]) -> None:
        arriving = Counter(
            (columns[c.column] if c.column is not None else columns[-1]).id
            for c in self.plan.cards if not c.archived
        )
        for column in {c.id: c for c in columns}.values():
            if not (column.wip_hard and column.wip_limit is not None and arriving[column.id]):
                continue
            if active_count(self.tx.conn, column.id) + arriving[column.id] > column.wip_limit:
                raise ValidationError(
                    f"The import would put {arriving[column.id]:,} more cards in “{column.name}”"
                    f", over its limit of {column.wip_limit}; raise or clear the limit first."
                )

    # ----- people, labels and initiatives, matched by name or created
    def _people(self) -> dict[str, int]:
        known = {name_key(name): pid for pid, name in
                 self.tx.conn.execute(sa.select(t.person.c.id, t.person.c.name))}
        names = [*self.plan.people, *(c.assignee for c in self.plan.cards if c.assignee),
                 *(name for c in self.plan.cards for name in c.watchers),
                 *(i.owner for i in self.plan.initiatives if i.owner)]
        return self._matched("people", known, names, lambda name, _key: self.out.add(
            t.person, Entity.PERSON, None, {"name": name}))

    def _matched(self, kind: str, known: Mapping[str, int], names: Iterable[str],
                 create: Callable[[str, str], int]) -> dict[str, int]:
        """Ids by name key, in the order first named: the workspace's row of that name
        (counted as reused), else the one ``create(name, key)`` adds (counted as created)."""
        found: dict[str, int] = {}
        for name in dict.fromkeys(names):
            key = name_key(name)
            if key in found:
                continue
            if key in known:
                found[key] = known[key]
                self.reused[kind] += 1
            else:
                found[key] = create(name, key)
                self.created[kind] += 1
        return found

    def _labels(self, product_id: int) -> list[int]:
        """Label ids in plan order: the product's label of that name, or a new one."""
        known = {name_key(name): lid for lid, name in self.tx.conn.execute(
            sa.select(t.label.c.id, t.label.c.name).where(t.label.c.product_id == product_id))}
        ids: list[int] = []
        for label in self.plan.labels:
            if name_key(label.name) in known:
                ids.append(known[name_key(label.name)])
                continue
            colour = label.colour or LABEL_PALETTE[
                (len(known) + self.created["labels"]) % len(LABEL_PALETTE)]
            ids.append(self.out.add(t.label, Entity.LABEL, product_id,
                                    {"product_id": product_id, "name": label.name,
                                     "colour": colour}))
            self.created["labels"] += 1
        self.reused["labels"] += len(set(ids) & set(known.values()))
        return ids

    def _initiatives(self, product_id: int, people: dict[str, int]) -> dict[str, int]:
        """Initiative ids by name: the product's of that title, or new ones.

        The plan's own initiatives (Jira epics) come first, with what the file says of them;
        names cards give without more (a CSV's “Initiative” cell) follow.
        """
        where = t.initiative.c.product_id == product_id
        known = {name_key(title): iid for iid, title in self.tx.conn.execute(
            sa.select(t.initiative.c.id, t.initiative.c.title).where(where))}
        position = end_position(self.tx.conn, t.initiative, where)
        described = {name_key(i.title): i for i in self.plan.initiatives}
        titles = [*(i.title for i in self.plan.initiatives),
                  *(c.initiative for c in self.plan.cards if c.initiative)]

        def create(title: str, key: str) -> int:
            nonlocal position
            values: dict[str, Any] = {
                "product_id": product_id, "title": title, "status": InitiativeStatus.IDEA.value,
                "horizon": Horizon.LATER.value, "position": position}
            if (plan := described.get(key)) is not None:
                dated = plan.start is not None and plan.end is not None and plan.start <= plan.end
                values.update(
                    description=plan.description, status=plan.status.value,
                    owner_id=people[name_key(plan.owner)] if plan.owner else None,
                    start_date=plan.start if dated else None,
                    end_date=plan.end if dated else None,
                    horizon=(Horizon.NOW if plan.status == InitiativeStatus.IN_PROGRESS
                             else Horizon.LATER).value)
            position += POSITION_GAP
            return self.out.add(t.initiative, Entity.INITIATIVE, product_id, values)

        return self._matched("initiatives", known, titles, create)

    # ----- one card
    def _card(self, card: CardPlan, board_id: int, product_id: int, columns: list[_Column],
              column: _Column, people: dict[str, int], label_ids: list[int],
              initiatives: dict[str, int]) -> None:
        now = self.tx.now
        created = min(card.created_at or card.last_activity or now, now)
        last = min(max(card.last_activity or created, created), now)
        started = created if column.kind != ColumnKind.TODO.value else None
        values: dict[str, Any] = {
            "board_id": board_id, "column_id": column.id, "title": card.title,
            "description": card.description,
            "initiative_id": initiatives[name_key(card.initiative)] if card.initiative else None,
            "assignee_id": people[name_key(card.assignee)] if card.assignee else None,
            "due_date": card.due, "estimate": card.estimate, "priority": card.priority,
            "position": column.next_position, "created_at": created, "started_at": started,
            "done_at": last if column.kind == ColumnKind.DONE.value or card.done else None,
            "archived_at": last if card.archived else None, "column_since": last,
        }
        column.next_position += POSITION_GAP
        label_ids = sorted(set(label_ids))
        steps = self._steps(card, columns, column)
        if steps:
            task_id = self.out.take_id(t.task)
            fields = {k: v for k, v in values.items() if k not in _PATH_FIELDS}
            state = log_card_path(self.out, task_id, product_id,
                                  {**fields, "label_ids": label_ids}, steps,
                                  max(last, steps[-1][0]) if card.archived else None)
            if card.done and state["done_at"] is None:
                state["done_at"] = last
            self.out.add(t.task, None, product_id, {"id": task_id, **fields, **state})
            self.created["moves"] += len(steps) - 1
        else:
            task_id = self.out.add(t.task, Entity.TASK, product_id, values,
                                   {"label_ids": label_ids})
        for label_id in label_ids:
            self.out.add(t.task_label, None, None, {"task_id": task_id, "label_id": label_id})
        for position, (text, done) in enumerate(card.checklist):
            self.out.add(t.checklist_item, Entity.CHECKLIST_ITEM, product_id,
                         {"task_id": task_id, "text": text, "done": done, "position": position})
        self.created["checklist items"] += len(card.checklist)
        assignee = people[name_key(card.assignee)] if card.assignee else None
        watchers = {people[name_key(name)] for name in card.watchers} - {assignee}
        for person_id in sorted(watchers):
            self.out.add(t.task_watcher, None, None, {"task_id": task_id, "person_id": person_id})
        self.created["watchers"] += len(watchers)
        for author, at, text in card.comments:
            self.out.add(t.task_comment, Entity.COMMENT, product_id, {
                "task_id": task_id, "author": author, "text": text,
                "created_at": min(at, now) if at else None})
        for title, url, at in card.links:
            self.out.add(t.task_link, Entity.LINK, product_id, {
                "task_id": task_id, "title": title, "url": url,
                "created_at": min(at, now) if at else None})
        self.created["comments"] += len(card.comments)
        self.created["links"] += len(card.links)


    def _steps(self, card: CardPlan, columns: list[_Column], column: _Column) -> list[Step]:
        """The card's dated path in board columns, ending where the card is now.

        Times after now (a skewed clock in the other tool) become now, and a step never goes
        back in time, so the log replays in order; repeated columns merge.
        """
        if not card.history:
            return []
        now = self.tx.now
        steps: list[Step] = []
        for when, index in card.history:
            where = columns[index] if index is not None else columns[-1]
            at = min(when, now)
            if steps:
                at = max(at, steps[-1][0])
                if steps[-1][1] == where.id:
                    continue
            steps.append((at, where.id, where.kind))
        if steps[-1][1] != column.id:
            last = min(max(card.last_activity or steps[-1][0], steps[-1][0]), now)
            steps.append((last, column.id, column.kind))
        return steps


def write_plan(tx: Tx, plan: ImportPlan, *, product: str | None = None,
               board: str | None = None) -> ImportSummary:
    """Write ``plan`` into ``product`` (a new one when None) and return what was written."""
    return PlanWriter(tx, plan).write(product, board)

