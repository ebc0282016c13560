"""Read a board's move history once and answer flow and forecast questions from it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from pmdesk.domain import flow
from pmdesk.domain.flow_forecast import (
    WINDOW_DAYS,
    ForecastInputs,
    InitiativeForecast,
    forecast_initiatives,
)
from pmdesk.services.base import ServiceBase
from pmdesk.store import tables as t


def board_flows(conn: sa.Connection, board_ids: Iterable[int]) -> dict[int, flow.BoardFlow]:
    """The columns, cards and card paths of boards, from the task rows and the event log."""
    ids = list(board_ids)
    out: dict[int, flow.BoardFlow] = {}
    if not ids:
        return out
    columns: dict[int, list[flow.FlowColumn]] = {i: [] for i in ids}
    for row in conn.execute(
        sa.select(t.board_column.c.id, t.board_column.c.board_id, t.board_column.c.name,
                  t.board_column.c.kind)
        .where(t.board_column.c.board_id.in_(ids))
        .order_by(t.board_column.c.position, t.board_column.c.id)
    ):
        columns[row.board_id].append(flow.FlowColumn(row.id, row.name, row.kind))
    labels: dict[int, set[int]] = {}
    board_tasks = sa.select(t.task.c.id).where(t.task.c.board_id.in_(ids))
    for task_id, label_id in conn.execute(
        sa.select(t.task_label.c.task_id, t.task_label.c.label_id)
        .where(t.task_label.c.task_id.in_(board_tasks))
    ):
        labels.setdefault(task_id, set()).add(label_id)
    moves: dict[int, list[tuple[datetime, int]]] = {}
    for entity_id, at, action, fields in conn.execute(
        sa.select(t.event.c.entity_id, t.event.c.at, t.event.c.action, t.event.c.fields)
        .where(t.event.c.entity == "task", t.event.c.entity_id.in_(board_tasks),
               t.event.c.action.in_(("create", "move", "update")),
               sa.cast(t.event.c.fields, sa.Text).like('%"column_id"%'))
        .order_by(t.event.c.at, t.event.c.id)
    ):
        value: Any = fields.get("column_id")
        column = value[-1] if isinstance(value, list) else value
        if not isinstance(column, int):
            continue
        path = moves.setdefault(entity_id, [])
        if not path and action != "create" and isinstance(value, list):
            path.append((at, value[0]))
        if not path or path[-1][1] != column:
            path.append((at, column))
    cards: dict[int, list[flow.CardFlow]] = {i: [] for i in ids}
    for task in conn.execute(
        sa.select(t.task.c.id, t.task.c.board_id, t.task.c.title, t.task.c.created_at,
                  t.task.c.archived_at, t.task.c.column_id, t.task.c.initiative_id,
                  t.task.c.assignee_id, t.task.c.priority)
        .where(t.task.c.board_id.in_(ids))
    ):
        path = moves.get(task.id) or []
        if not path or path[-1][1] != task.column_id:
            path.append((path[-1][0] if path else task.created_at, task.column_id))
        path[0] = (min(path[0][0], task.created_at), path[0][1])
        cards[task.board_id].append(flow.CardFlow(
            task.id, task.title, tuple(path), task.archived_at, task.initiative_id,
            task.assignee_id, frozenset(labels.get(task.id, ())), task.priority or 0))
    starts = dict(conn.execute(
        sa.select(t.board.c.id, t.board.c.start_column_id).where(t.board.c.id.in_(ids))).all())
    for board_id in ids:
        out[board_id] = flow.BoardFlow(tuple(columns[board_id]), tuple(cards[board_id]),
                                       starts.get(board_id))
    return out


class FlowService(ServiceBase):
    """Flow metrics of a board and completion forecasts of a product's initiatives."""

    def board_flow(self, board_id: int) -> flow.BoardFlow:
        with self.read() as conn:
            return board_flows(conn, [board_id])[board_id]

    def report(self, board_id: int, first: date | None = None, last: date | None = None,
               keep: flow.FlowFilter = flow.EVERYTHING) -> flow.FlowReport:
        """Flow metrics of a board from ``first`` to ``last`` (default: the last 90 days)."""
        today = self.today()
        last = last or today
        first = first or last - timedelta(days=WINDOW_DAYS - 1)
        return flow.report(self.board_flow(board_id), first, last, today, keep)

    def card_ages(self, board_id: int) -> flow.CardAges:
        """How old each card in progress is, against the board's P85 and P95 of cycle time."""
        return flow.card_ages(self.board_flow(board_id), self.today(), WINDOW_DAYS)

    def forecasts(self, product_id: int, seed: int = 1,
                  growth: tuple[float, float] = (1.0, 1.0)) -> dict[int, InitiativeForecast]:
        """Monte Carlo finish dates for each scheduled initiative with open cards."""
        return forecast_initiatives(*self.forecast_inputs(product_id), seed=seed, growth=growth)

    def forecast_inputs(self, product_id: int) -> ForecastInputs:
        """What a product's forecasts are computed from (read here, simulated anywhere)."""
        today = self.today()
        with self.read() as conn:
            board_ids = conn.execute(
                sa.select(t.board.c.id).where(t.board.c.product_id == product_id)
            ).scalars().all()
            boards = board_flows(conn, board_ids)
            dates = {row.id: (row.start_date, row.end_date) for row in conn.execute(
                sa.select(t.initiative.c.id, t.initiative.c.start_date, t.initiative.c.end_date)
                .where(t.initiative.c.product_id == product_id,
                       t.initiative.c.end_date.is_not(None),
                       t.initiative.c.status.not_in(("done", "dropped")))
            )}
        return list(boards.values()), dates, today
