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
    MilestoneForecast,
    forecast_initiatives,
    forecast_milestones,
)
from pmdesk.services.base import ServiceBase
from pmdesk.services.board_reads import no_gc_pauses
from pmdesk.store import tables as t


def _when(value: Any) -> datetime:
    """A timestamp as the driver gives it: SQLite's text, or a server's datetime."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _raw(column: Any) -> Any:
    """The column's value as the driver returns it, without SQLAlchemy's conversion."""
    return sa.type_coerce(column, sa.Text)


def board_flows(conn: sa.Connection, board_ids: Iterable[int]) -> dict[int, flow.BoardFlow]:
    """The columns, cards and card paths of boards, from the task rows and the event log."""
    with no_gc_pauses():
        return _board_flows(conn, list(board_ids))


def _board_flows(conn: sa.Connection, ids: list[int]) -> dict[int, flow.BoardFlow]:
    out: dict[int, flow.BoardFlow] = {}
    if not ids:
        return out
    columns: dict[int, list[flow.FlowColumn]] = {i: [] for i in ids}
    for column_id, board_id, name, kind in conn.execute(
        sa.select(t.board_column.c.id, t.board_column.c.board_id, t.board_column.c.name,
                  t.board_column.c.kind)
        .where(t.board_column.c.board_id.in_(ids))
        .order_by(t.board_column.c.position, t.board_column.c.id)
    ).all():
        columns[board_id].append(flow.FlowColumn(column_id, name, kind))
    labels: dict[int, set[int]] = {}
    board_tasks = sa.select(t.task.c.id).where(t.task.c.board_id.in_(ids))
    for task_id, label_id in conn.execute(
        sa.select(t.task_label.c.task_id, t.task_label.c.label_id)
        .where(t.task_label.c.task_id.in_(board_tasks))
    ).all():
        labels.setdefault(task_id, set()).add(label_id)
    moves: dict[int, list[tuple[datetime, int]]] = {}
    event = t.event.c
    # Every move logs the column it left and the one it entered, so the moves alone give
    # a card's path (its creation adds only the creation time, which the task row has).
    # Only the two column ids are read, extracted by the database: the events' JSON is
    # never parsed here, and timestamps come as the driver gives them.
    for entity_id, at, left, entered in conn.execute(
        sa.select(event.entity_id, _raw(event.at), event.fields[("column_id", 0)].as_integer(),
                  event.fields[("column_id", 1)].as_integer())
        .where(event.entity == "task", event.entity_id.in_(board_tasks),
               event.action.in_(("move", "update")),
               sa.cast(event.fields, sa.Text).like('%"column_id"%'))
        .order_by(event.at, event.id)
    ).cursor.fetchall():
        if entered is None:
            continue
        path = moves.get(entity_id)
        if path is None:
            path = moves[entity_id] = []
            if left is not None:
                path.append((_when(at), left))
        if not path or path[-1][1] != entered:
            path.append((_when(at), entered))
    cards: dict[int, list[flow.CardFlow]] = {i: [] for i in ids}
    task = t.task.c
    for (task_id, board_id, title, created, archived, column_id, initiative_id, assignee_id,
         priority) in conn.execute(
        sa.select(task.id, task.board_id, task.title, _raw(task.created_at),
                  _raw(task.archived_at), task.column_id, task.initiative_id,
                  task.assignee_id, task.priority)
        .where(task.board_id.in_(ids))
    ).cursor.fetchall():
        created_at = _when(created)
        path = moves.get(task_id) or []
        if not path or path[-1][1] != column_id:
            path.append((path[-1][0] if path else created_at, column_id))
        if created_at < path[0][0]:
            path[0] = (created_at, path[0][1])
        cards[board_id].append(flow.CardFlow(
            task_id, title, tuple(path), _when(archived) if archived is not None else None,
            initiative_id, assignee_id, frozenset(labels.get(task_id, ())), priority or 0))
    starts = dict(conn.execute(
        sa.select(t.board.c.id, t.board.c.start_column_id).where(t.board.c.id.in_(ids))).all())
    for board_id in ids:
        out[board_id] = flow.BoardFlow(tuple(columns[board_id]), tuple(cards[board_id]),
                                       starts.get(board_id), board_id)
    return out


def report_over(board: flow.BoardFlow, today: date, first: date | None = None,
                last: date | None = None, keep: flow.FlowFilter = flow.EVERYTHING
                ) -> flow.FlowReport:
    """A board's flow metrics from ``first`` to ``last`` (default: the last 90 days)."""
    last = last or today
    first = first or last - timedelta(days=WINDOW_DAYS - 1)
    return flow.report(board, first, last, today, keep)


class FlowService(ServiceBase):
    """Flow metrics of a board and completion forecasts of a product's initiatives."""

    def board_flow(self, board_id: int) -> flow.BoardFlow:
        with self.read() as conn:
            return board_flows(conn, [board_id])[board_id]

    def report(self, board_id: int, first: date | None = None, last: date | None = None,
               keep: flow.FlowFilter = flow.EVERYTHING) -> flow.FlowReport:
        """Flow metrics of a board from ``first`` to ``last`` (default: the last 90 days)."""
        return report_over(self.board_flow(board_id), self.today(), first, last, keep)

    def card_ages(self, board_id: int) -> flow.CardAges:
        """How old each card in progress is, against the board's P85 and P95 of cycle time."""
        return flow.card_ages(self.board_flow(board_id), self.today(), WINDOW_DAYS)

    def forecasts(self, product_id: int, seed: int = 1,
                  growth: tuple[float, float] = (1.0, 1.0)) -> dict[int, InitiativeForecast]:
        """Monte Carlo finish dates for each scheduled initiative with open cards."""
        return forecast_initiatives(*self.forecast_inputs(product_id), seed=seed, growth=growth)

    def milestone_dates(self, product_id: int) -> dict[int, date]:
        """The product's milestones and their dates (for "how many cards by then")."""
        with self.read() as conn:
            return dict(conn.execute(
                sa.select(t.milestone.c.id, t.milestone.c.date)
                .where(t.milestone.c.product_id == product_id)).all())

    def milestone_forecasts(self, product_id: int, seed: int = 1
                            ) -> dict[int, MilestoneForecast]:
        """Cards finished by each coming milestone's date, 85 % of the time."""
        boards, _dates, today = self.forecast_inputs(product_id)
        return forecast_milestones(boards, self.milestone_dates(product_id), today, seed=seed)

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
