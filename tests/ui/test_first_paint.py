"""The window painted from the first read of the file, before the services open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt

from pmdesk import app
from pmdesk.domain.errors import CorruptWorkspaceError
from pmdesk.services.workspaces import new_services, open_services
from pmdesk.store import schema
from pmdesk.store.first_read import first_view
from pmdesk.ui.first_paint import STILL_OPENING, OpeningServices
from pmdesk.ui.kanban.page import BoardPage
from pmdesk.ui.main_window import PAGE_TITLES, MainWindow, page_classes
from pmdesk.ui.page import Page
from pmdesk.ui.roadmap.page import RoadmapPage
from pmdesk.ui.settings import AppSettings


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "w.pmdesk"
    new_services(path, sample=True).workspace.close()
    AppSettings().set_last_page("Board")  # the user looked at the board last
    return path


@pytest.fixture
def roadmap_sample(sample: Path) -> Path:
    AppSettings().set_last_page("Roadmap")  # the user looked at the roadmap last
    return sample


PageT = TypeVar("PageT", bound=Page)


def page_of(cls: type[PageT], window: MainWindow) -> PageT:
    return next(p for p in window.pages if isinstance(p, cls))


def board_page(window: MainWindow) -> BoardPage:
    return page_of(BoardPage, window)


def board_as_shown(window: MainWindow) -> dict[str, list[str]]:
    """Each card list's name and the titles it holds, top to bottom."""
    views = board_page(window).view.views.values()
    return {view.accessibleName(): [view.model().index(row, 0).data()
                                    for row in range(view.model().rowCount())]
            for view in views}


def test_the_first_read_paints_the_board_the_services_show(qtbot, sample: Path) -> None:  # noqa: ANN001
    first = first_view(sample, None, shown=3)  # the sample's columns are short
    assert first is not None
    opening = MainWindow(OpeningServices(sample, first))
    qtbot.addWidget(opening)
    opening.show()
    assert opening.opening and [p.title for p in opening.pages] == ["Board"]
    painted = board_as_shown(opening)
    opening.grab().save("/tmp/pmdesk-first-paint.png")

    services = open_services(sample)
    normal = MainWindow(services)
    qtbot.addWidget(normal)
    normal.show()
    shown = board_as_shown(normal)
    assert {name: titles[:3] for name, titles in painted.items()} == {
        name: titles[:3] for name, titles in shown.items()}
    assert {name: len(titles) for name, titles in painted.items()} == {
        name: len(titles) for name, titles in shown.items()}
    assert max(map(len, painted.values())) > 3
    assert opening.windowTitle() == normal.windowTitle()
    assert opening.product_selector.currentText() == normal.product_selector.currentText()

    page = board_page(opening)
    opened = open_services(sample)
    opening.install(opened)
    assert not opening.opening and opening.services is opened
    assert board_page(opening) is page and page.services is opened
    assert page.controller.services is opened
    assert board_as_shown(opening) == shown  # the rest of each column read since
    assert opening.tabs.currentWidget() is page and opening.history_panel is not None
    assert [p.title for p in opening.pages] == ["Board"]  # the others when first shown
    assert opening.findChild(RoadmapPage, "roadmapPage") is None
    opening.tabs.setCurrentIndex(PAGE_TITLES.index("Roadmap"))
    roadmap = opening.findChild(RoadmapPage, "roadmapPage")
    assert roadmap is not None and opening.tabs.currentWidget() is roadmap
    assert roadmap.product_id == opening.current_product_id() and roadmap.isVisible()
    assert opening.roadmap_page() is roadmap
    assert [p.title for p in opening.pages] == ["Roadmap", "Board"]
    opening.tabs.setCurrentIndex(0)
    assert [p.title for p in opening.pages] == list(PAGE_TITLES)
    assert AppSettings().last_page() == "Product"
    for window in (opening, normal):
        window.close()
        window.services.workspace.close()


def test_an_edit_right_after_the_open_is_saved_and_undoable(qtbot, sample: Path) -> None:  # noqa: ANN001
    window = app.painted_first(sample)
    assert window is not None
    qtbot.addWidget(window)
    assert window.opening
    qtbot.waitUntil(lambda: not window.opening)
    page = board_page(window)
    backlog, ready = page.data.columns[0], page.data.columns[1]
    source, target = page.view.view_for(backlog.id), page.view.view_for(ready.id)
    title = source.model().index(0, 0).data()
    moved = page.data.orders[backlog.id][0]
    mime = source.model().mimeData([source.model().index(0, 0)])
    target.model().dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert window.services.boards.column_order(ready.id)[0] == moved
    assert window.action_undo.text().endswith(f"Move “{title}” to {ready.name}")
    window.action_undo.trigger()
    assert window.services.boards.column_order(backlog.id)[0] == moved
    assert source.model().index(0, 0).data() == title
    window.close()
    window.services.workspace.close()


def test_nothing_runs_against_the_services_before_they_open(qtbot, sample: Path) -> None:  # noqa: ANN001
    first = first_view(sample, None)
    assert first is not None
    window = MainWindow(OpeningServices(sample, first))
    qtbot.addWidget(window)
    window.show()
    window.hold_input()
    assert window._input_hold is not None  # noqa: SLF001
    with pytest.raises(Exception, match="still opening") as refused:
        window.services.tasks.create_task(1, "Too early")
    assert str(refused.value) == STILL_OPENING
    window.install(open_services(sample))
    assert window._input_hold is None  # noqa: SLF001
    assert window.roadmap_page().title == "Roadmap"  # built when a menu asks for it
    window.close()
    window.services.workspace.close()


def test_a_problem_the_first_read_missed_is_said_and_the_default_opens(
    qtbot, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
) -> None:
    fallback = tmp_path / "default.pmdesk"

    def open_or_create(path):  # noqa: ANN001, ANN202
        if path is not None:
            raise CorruptWorkspaceError("w.pmdesk is damaged.")
        return new_services(fallback, sample=True), True

    messages: list[str] = []
    monkeypatch.setattr(app, "open_or_create", open_or_create)
    monkeypatch.setattr("pmdesk.ui.dialogs.show_problem", lambda _w, m: messages.append(m))
    window = app.painted_first(sample)
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.opening)
    assert messages == ["w.pmdesk is damaged."]
    assert window.services.workspace.path == fallback
    assert board_as_shown(window)
    window.close()
    window.services.workspace.close()


def test_an_older_workspace_opens_through_the_upgrade(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from tests.unit.store.test_migrations import old_workspace

    path, _newest = old_workspace(tmp_path, "0003")
    AppSettings().set_last_page("Board")
    assert app.painted_first(path) is None  # the first read leaves it to the usual open
    services, first_run = app.open_or_create(path)
    assert services is not None and not first_run
    assert services.workspace.revision == schema.HEAD_REVISION
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert any(board_as_shown(window).values())
    window.close()
    services.workspace.close()


def test_the_tabs_are_named_before_their_pages_load() -> None:
    assert [cls.title for cls in page_classes()] == list(PAGE_TITLES)


def test_the_window_loads_neither_sqlalchemy_nor_alembic_nor_reportlab() -> None:
    code = ("import sys, pmdesk.app, pmdesk.ui.main_window, pmdesk.ui.kanban.page, "
            "pmdesk.ui.roadmap.page, "
            "pmdesk.store.first_read; "
            "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# ----- the roadmap as the last tab
def bars_as_shown(window: MainWindow) -> dict[int, tuple[str, tuple[float, float, float, float]]]:
    """Each bar's title and where it is drawn on the timeline."""
    scene = page_of(RoadmapPage, window).scene
    return {bar_id: (bar.view.initiative.title, bar.sceneBoundingRect().getRect())
            for bar_id, bar in scene.bars.items()}


def test_the_first_read_paints_the_roadmap_the_services_show(qtbot, roadmap_sample: Path) -> None:  # noqa: ANN001
    first = first_view(roadmap_sample, None, page="Roadmap")
    assert first is not None and first.roadmap is not None and first.cards is None
    opening = MainWindow(OpeningServices(roadmap_sample, first))
    qtbot.addWidget(opening)
    opening.show()
    assert opening.opening and [p.title for p in opening.pages] == ["Roadmap"]
    assert opening.tabs.currentWidget() is page_of(RoadmapPage, opening)
    painted = bars_as_shown(opening)
    painted_lanes = [lane.name for lane in page_of(RoadmapPage, opening).state.lanes]
    opening.grab().save("/tmp/pmdesk-first-paint-roadmap.png")

    normal = MainWindow(open_services(roadmap_sample))
    qtbot.addWidget(normal)
    normal.show()
    assert painted and painted == bars_as_shown(normal)
    assert painted_lanes == [lane.name for lane in page_of(RoadmapPage, normal).state.lanes]
    assert opening.windowTitle() == normal.windowTitle()
    assert opening.product_selector.currentText() == normal.product_selector.currentText()

    page = page_of(RoadmapPage, opening)
    opened = open_services(roadmap_sample)
    opening.install(opened)
    assert not opening.opening and page_of(RoadmapPage, opening) is page
    for holder in (page, page.commands, page.comparison, page.reason_bar):
        assert holder.services is opened
    assert page.forecasts.flow is opened.flow and page.menus.boards is opened.boards
    assert bars_as_shown(opening) == painted
    opening.grab().save("/tmp/pmdesk-first-paint-roadmap-installed.png")
    assert [p.title for p in opening.pages] == ["Roadmap"]  # the others when first shown
    opening.tabs.setCurrentIndex(PAGE_TITLES.index("Board"))
    assert isinstance(opening.tabs.currentWidget(), BoardPage)
    assert AppSettings().last_page() == "Board"
    for window in (opening, normal):
        window.close()
        window.services.workspace.close()


def test_a_roadmap_edit_right_after_the_open_is_saved_and_undoable(  # noqa: ANN001
    qtbot, roadmap_sample: Path,
) -> None:
    window = app.painted_first(roadmap_sample)
    assert window is not None
    qtbot.addWidget(window)
    assert window.opening and [p.title for p in window.pages] == ["Roadmap"]
    qtbot.waitUntil(lambda: not window.opening)
    page = page_of(RoadmapPage, window)
    view = next(v for v in page.state.views.values() if v.initiative.scheduled)
    start = view.initiative.start_date
    assert page.controller.move_by(view.id, 7)
    moved = window.services.initiatives.get_initiative(view.id).start_date
    assert start is not None and moved is not None and (moved - start).days == 7
    window.action_undo.trigger()
    assert window.services.initiatives.get_initiative(view.id).start_date == start
    assert page.state.views[view.id].initiative.start_date == start
    window.close()
    window.services.workspace.close()


def test_another_last_tab_or_an_older_file_opens_as_before(qtbot, roadmap_sample: Path,  # noqa: ANN001
                                                            tmp_path: Path) -> None:
    from tests.unit.store.test_migrations import old_workspace

    AppSettings().set_last_page("Product")
    assert app.painted_first(roadmap_sample) is None  # the product page opens through the services
    AppSettings().set_last_page("Roadmap")
    older, _newest = old_workspace(tmp_path, "0003")
    assert app.painted_first(older) is None
    unknown = first_view(roadmap_sample, 10**6, page="Roadmap")  # the first product instead
    assert unknown is not None and unknown.roadmap is not None
