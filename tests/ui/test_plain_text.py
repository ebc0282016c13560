"""Names full of markup and bidirectional overrides are shown literally everywhere in the app:
labels, headers, tooltips, item views, painted cards and bars, and the board PNG."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget

from pmdesk.services import Services
from pmdesk.services.workspaces import new_services
from pmdesk.ui import text as ui_text
from pmdesk.ui.kanban.board_data import Lanes
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.roadmap.page import RoadmapPage
from pmdesk.ui.sheet_image import render_board_png

OVERRIDE = "\u202e"


def hostile(picture: Path, what: str) -> str:
    return (f"<h1>Big {what}</h1> evil{OVERRIDE}txt.exe "
            f'<img src="{picture}"><font size=7>huge</font>')


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    """A pure red image: it must never be loaded into the window or the board PNG."""
    path = tmp_path / "x.png"
    image = QImage(60, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#FF0000"))
    assert image.save(str(path))
    return path


def _fill(services: Services, picture: Path) -> dict[str, int]:
    def name(what: str) -> str:
        return hostile(picture, what)

    person = services.people.ensure_person(name("person")).value
    pid = services.products.create_product(name("product"), tagline=name("tagline"),
                                           owner_id=person.id).value.id
    goal = services.products.create_goal(pid, name("goal"), colour="#2E7D32",
                                         metric=name("metric")).value
    lane = services.lanes.create_lane(pid, name("lane")).value
    today = date.today()
    initiative = services.initiatives.create_initiative(
        pid, name("initiative"), lane_id=lane.id, goal_id=goal.id, owner_id=person.id,
        start_date=today - timedelta(days=5), end_date=today + timedelta(days=30)).value
    services.initiatives.create_initiative(pid, name("parked"))
    services.lanes.create_milestone(pid, name("milestone"), today + timedelta(days=7))
    board = services.boards.list_boards(pid)[0]
    column = services.boards.list_columns(board.id)[0]
    services.boards.update_column(column.id, name=name("column"))
    label = services.people.create_label(pid, name("label"), "#1565C0").value
    services.tasks.create_task(column.id, name("card"), initiative_id=initiative.id,
                               assignee_id=person.id, label_ids=[label.id])
    return {"product": pid, "board": board.id}


def shown_text(text: str, text_format: Qt.TextFormat) -> str:
    """What Qt shows for ``text``: itself, or the text of the rich text it is taken for."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_literal(displayed: str, where: str) -> None:
    assert OVERRIDE not in displayed, where
    if "Big " in displayed:
        assert "<h1>Big " in displayed, (where, displayed)


def model_texts(model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # list models keep columnCount private: they have one column
        columns = 1
    for section in range(columns):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield value, "header"
    for row in range(model.rowCount(QModelIndex())):
        for col in range(columns):
            index = model.index(row, col, QModelIndex())
            for role, kind in ((Qt.ItemDataRole.DisplayRole, "display"),
                               (Qt.ItemDataRole.ToolTipRole, "tooltip")):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value, kind


@pytest.fixture
def window(qtbot, tmp_path: Path, picture: Path) -> Iterator[MainWindow]:  # noqa: ANN001
    services = new_services(tmp_path / "w.pmdesk")
    ids = _fill(services, picture)
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.select_product(ids["product"])
    yield win
    win.close()
    win.services.workspace.close()


def test_markup_in_names_is_shown_literally_everywhere(window: MainWindow, qtbot,
                                                       monkeypatch) -> None:  # noqa: ANN001
    painted: list[str] = []
    original = QPainter.drawText

    def record(self: QPainter, *args: object) -> None:
        painted.extend(a for a in args if isinstance(a, str))
        original(self, *args)

    monkeypatch.setattr(QPainter, "drawText", record)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        if hasattr(page, "set_lanes"):
            page.set_lanes(Lanes.INITIATIVE)
        if isinstance(page, RoadmapPage):
            scene = page.view.scene()
            for item in scene.items():
                item.setSelected(True)
                assert_literal(shown_text(item.toolTip(), Qt.TextFormat.AutoText), "item tip")
                if hasattr(item, "tooltip"):
                    assert_literal(shown_text(item.tooltip(), Qt.TextFormat.AutoText), "bar")
        QApplication.processEvents()
        page.grab()

    reached = {"label": 0, "tooltip": 0, "model": 0, "painted": 0}
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel) and "Big " in shown_text(widget.text(),
                                                                widget.textFormat()):
            reached["label"] += 1
        if isinstance(widget, QLabel):
            assert_literal(shown_text(widget.text(), widget.textFormat()),
                           f"label {widget.objectName()}")
        if widget.toolTip():
            tip = shown_text(widget.toolTip(), Qt.TextFormat.AutoText)
            reached["tooltip"] += "Big " in tip
            assert_literal(tip, f"tooltip of {widget.objectName() or type(widget).__name__}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for value, kind in model_texts(widget.model()):
                format_ = Qt.TextFormat.AutoText if kind == "tooltip" else Qt.TextFormat.PlainText
                displayed = shown_text(value, format_)
                reached["model"] += "Big " in displayed
                assert_literal(displayed, f"{kind} of {type(widget.model()).__name__}")
    for text in painted:
        reached["painted"] += "Big " in text
        assert_literal(text, "painted")
    # The walk reached the user names in each kind of place.
    assert all(count > 0 for count in reached.values()), (reached, painted[:20])


def test_the_board_png_never_loads_an_image_named_in_a_column(
        tmp_path: Path, picture: Path, qtbot, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)  # a short name, not cut short in the header
    services = new_services(tmp_path / "png.pmdesk")
    ids = _fill(services, picture)
    for number, column in enumerate(services.boards.list_columns(ids["board"])):
        services.boards.update_column(column.id, name=f"<img src={picture.name}> {number}")
    out = render_board_png(services, ids["board"], tmp_path / "board.png")
    services.workspace.close()
    image = QImage(str(out))
    red = QColor("#FF0000").rgb()
    step = 2
    reds = sum(1 for x in range(0, image.width(), step) for y in range(0, image.height(), step)
               if image.pixel(x, y) == red)
    assert reds == 0


def test_helpers_keep_text_literal_and_neutralise_overrides() -> None:
    text = "<b>x</b> & <h1>y</h1>\nevil\u202etxt\u2066.exe"
    tip = ui_text.tooltip(text)
    assert QtGui.Qt.mightBeRichText(tip)
    assert shown_text(tip, Qt.TextFormat.AutoText) == "<b>x</b> & <h1>y</h1>\neviltxt.exe"
    assert ui_text.shown(text) == "<b>x</b> & <h1>y</h1>\neviltxt.exe"
    label = ui_text.plain_label(text)
    assert label.textFormat() == Qt.TextFormat.PlainText and OVERRIDE not in label.text()
    assert ui_text.tooltip("") == ""
