"""The sample workspace has a believable, consistent, repeatable past."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from pmdesk.services.demo import DemoService
from pmdesk.store import tables as t
from pmdesk.store.workspace import Workspace, create_workspace
from tests.conftest import FIXED_NOW


def _sample(path: Path, seed: int = 1, tasks: int = 150) -> Workspace:
    workspace = create_workspace(path)
    DemoService(workspace, clock=lambda: FIXED_NOW).generate(tasks=tasks, seed=seed)
    return workspace


def _read(workspace: Workspace) -> tuple[list[dict], list[dict], dict[int, str]]:
    with workspace.engine.connect() as conn:
        tasks = [dict(r) for r in conn.execute(sa.select(t.task).order_by(t.task.c.id)).mappings()]
        events = [dict(r) for r in conn.execute(
            sa.select(t.event).where(t.event.c.entity == "task")
            .order_by(t.event.c.at, t.event.c.id)).mappings()]
        kinds = dict(conn.execute(sa.select(t.board_column.c.id, t.board_column.c.kind)).all())
    return tasks, events, kinds


def test_the_same_seed_gives_the_same_history(tmp_path: Path) -> None:
    first = _read(_sample(tmp_path / "a.pmdesk", seed=4))
    again = _read(_sample(tmp_path / "b.pmdesk", seed=4))
    other = _read(_sample(tmp_path / "c.pmdesk", seed=5))

    def key(data: tuple[list[dict], list[dict], dict[int, str]]) -> list[tuple]:
        return [(e["entity_id"], e["at"], e["action"], str(e["fields"])) for e in data[1]]

    assert key(first) == key(again)
    assert key(first) != key(other)


def test_events_replay_to_each_card_as_it_is_now(workspace: Workspace) -> None:
    DemoService(workspace, clock=lambda: FIXED_NOW).generate(tasks=150, seed=1)
    tasks, events, kinds = _read(workspace)
    by_card: dict[int, list[dict]] = {}
    for event in events:
        by_card.setdefault(event["entity_id"], []).append(event)
    returns = 0
    for task in tasks:
        history = by_card[task["id"]]
        assert history[0]["action"] == "create"
        assert history[0]["at"] == task["created_at"]
        column = history[0]["fields"]["column_id"]
        started = done = None
        for event in history[1:]:
            assert event["at"] <= FIXED_NOW
            moved = event["fields"].get("column_id")
            if moved:
                assert moved[0] == column
                returns += moved[1] < moved[0]
                column = moved[1]
                if kinds[column] != "todo" and started is None:
                    started = event["at"]
                done = event["at"] if kinds[column] == "done" else None
        assert column == task["column_id"]
        assert task["started_at"] == started
        assert task["done_at"] == done
        assert task["column_since"] == (history[-1]["at"] if len(history) > 1
                                        and "column_id" in history[-1]["fields"]
                                        else task["column_since"])
    assert returns >= 5
    first = min(e["at"] for e in events)
    assert FIXED_NOW - first >= timedelta(days=170)


def test_throughput_is_steady_with_quiet_days_and_stale_cards(workspace: Workspace) -> None:
    DemoService(workspace, clock=lambda: FIXED_NOW).generate(tasks=600, seed=2)
    tasks, _, kinds = _read(workspace)
    finished = Counter(task["done_at"].date() for task in tasks if task["done_at"])
    today = FIXED_NOW.date()
    weeks = Counter((today - day).days // 7 for day in finished)
    full_weeks = [weeks.get(w, 0) for w in range(1, 25)]
    assert min(full_weeks) >= 1 and max(full_weeks) <= 4 * (sum(full_weeks) / 24)
    quiet = [today - timedelta(days=d) for d in range(1, 180)
             if finished.get(today - timedelta(days=d), 0) == 0]
    assert any(day.weekday() < 5 for day in quiet)  # a holiday or a zero day
    assert date(2025, 12, 25) in quiet
    stale = [task for task in tasks if kinds[task["column_id"]] == "doing"
             and (FIXED_NOW - task["started_at"]).days > 30]
    assert stale


def test_card_titles_read_like_a_team_wrote_them(workspace: Workspace) -> None:
    DemoService(workspace, clock=lambda: FIXED_NOW).generate(seed=1)
    tasks, _, _ = _read(workspace)
    titles = [task["title"] for task in tasks]
    assert len(set(titles)) == len(titles)
    assert len({title.split()[0] for title in titles}) > 60
