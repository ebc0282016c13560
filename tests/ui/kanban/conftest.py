"""A small board with every kind of card field, and the Board page over it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from pmdesk.domain.enums import Priority
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.kanban import BoardPage


@dataclass
class Board:
    product_id: int
    board_id: int
    todo: int
    doing: int
    done: int
    people: dict[str, int]
    labels: dict[str, int]
    initiatives: dict[str, int]
    cards: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def board(services: Services) -> Board:
    product = services.products.create_product("Shop").value
    board_id = services.boards.list_boards(product.id)[0].id
    todo, doing, done = (c.id for c in services.boards.list_columns(board_id))
    people = {name: services.people.ensure_person(name).value.id
              for name in ("Ada Lovelace", "Grace Hopper")}
    labels = {name: services.people.create_label(product.id, name, colour).value.id
              for name, colour in (("bug", "#D32F2F"), ("frontend", "#1976D2"))}
    goal = services.products.create_goal(product.id, "Grow", colour="#2E7D32").value
    initiatives = {
        title: services.initiatives.create_initiative(product.id, title, goal_id=goal.id).value.id
        for title in ("Checkout", "Search")
    }
    b = Board(product.id, board_id, todo, doing, done, people, labels, initiatives)
    specs = [
        ("Login page", todo, dict(assignee_id=people["Ada Lovelace"], priority=Priority.HIGH,
                                  label_ids=(labels["bug"],), initiative_id=initiatives["Checkout"],
                                  due_date=date(2026, 3, 1), description="OAuth and passwords")),
        ("Cart badge", todo, dict(assignee_id=people["Grace Hopper"],
                                  label_ids=(labels["frontend"],), due_date=date(2026, 3, 4))),
        ("Search box", todo, dict(initiative_id=initiatives["Search"], estimate=3)),
        ("Payment API", doing, dict(assignee_id=people["Ada Lovelace"],
                                    initiative_id=initiatives["Checkout"],
                                    priority=Priority.URGENT, due_date=date(2026, 4, 20))),
        ("Release notes", done, {}),
    ]
    for title, column, fields in specs:
        b.cards[title] = services.tasks.create_task(column, title, **fields).value.id
    return b


@pytest.fixture
def page(qtbot, services: Services, board: Board) -> BoardPage:
    page = BoardPage(services, QUndoStack(), ChangeBus())
    qtbot.addWidget(page)
    page.resize(1500, 900)
    page.set_product(board.product_id)
    page.show()
    return page


def column_titles(page: BoardPage, column_id: int) -> list[str]:
    """The card titles a column's views show, top to bottom (DisplayRole)."""
    out: list[str] = []
    for view in page.view.views_of_column(column_id):
        model = view.model()
        out.extend(model.index(r, 0).data() for r in range(model.rowCount()))
    return out


@pytest.fixture
def titles():
    return column_titles
