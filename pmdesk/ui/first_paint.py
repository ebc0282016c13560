"""What the window shows before the workspace's services are open.

The app paints the window from a first read of the file (``FirstView``), then opens the
services a moment later and hands them over (``MainWindow.install``). Until then the pages
hold ``OpeningServices``: it answers the few reads the first paint makes from the first
read, and refuses everything else with a sentence instead of an error. The window also
holds the user's input back meanwhile (see ``InputHold``), so nothing reaches it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from pmdesk.domain.board_cards import BoardCards, FirstView
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.models import Board, Product
from pmdesk.domain.snapshots import RoadmapSnapshot

# The tabs a first read paints (``first_read.first_view``'s ``page``); with another tab last
# shown, the window opens through the services as before.
FIRST_READ_PAGES = ("Board", "Roadmap")
STILL_OPENING = "pmdesk is still opening this workspace; try again in a moment."
UNPAINTED_MS = 1000  # a window that is never painted (minimised) gets its services anyway


class _NotYet:
    """Any service call before the services are open: refused in one sentence."""

    def __getattr__(self, name: str) -> Callable[..., Any]:
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise PmdeskError(STILL_OPENING)

        return refuse


class _Products(_NotYet):
    def __init__(self, first: FirstView) -> None:
        self._first = first

    def list_products(self) -> list[Product]:
        return list(self._first.products)


class _Boards(_NotYet):
    def __init__(self, first: FirstView) -> None:
        self._first = first

    def list_boards(self, product_id: int) -> list[Board]:
        return list(self._first.boards) if product_id == self._first.product_id else []

    def cards(self, board_id: int, today: object = None) -> BoardCards:
        cards = self._first.cards
        if cards is None or cards.snapshot.board.id != board_id:
            raise PmdeskError(STILL_OPENING)
        return cards


class _Reads(_NotYet):
    def __init__(self, first: FirstView) -> None:
        self._first = first

    def roadmap(self, product_id: int, today: object = None) -> RoadmapSnapshot:
        roadmap = self._first.roadmap
        if roadmap is None or roadmap.product.id != product_id:
            raise PmdeskError(STILL_OPENING)
        return roadmap


class _Flow(_NotYet):
    """The forecasts' reads: refused, and the roadmap asks again once the services run."""

    def __init__(self, workspace: OpeningWorkspace) -> None:
        self.workspace = workspace


class OpeningWorkspace:
    """The little a window asks of its workspace while the services open."""

    is_file = True
    read_only = False
    closed = False
    notice = ""
    unavailable = ""
    display_name = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.location = str(path)

    def location_to_reopen(self) -> Path:
        return self.path

    def file_is_missing(self) -> bool:
        return False

    def close(self) -> None:
        """Nothing is open yet."""


class OpeningServices(_NotYet):
    """Stands in for ``Services`` from the first read until the real ones are open."""

    read_only = False

    def __init__(self, path: Path, first: FirstView) -> None:
        self.first = first
        self.workspace = OpeningWorkspace(path)
        self.products = _Products(first)
        self.boards = _Boards(first)
        self.reads = _Reads(first)
        self.flow = _Flow(self.workspace)

    def __getattr__(self, name: str) -> Any:
        return _NotYet()


# What a user does; anything else (painting, resizing, timers) goes on as usual.
_INPUT = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride,
    QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.ContextMenu, QEvent.Type.Wheel,
    QEvent.Type.Drop, QEvent.Type.DragEnter, QEvent.Type.DragMove,
})


class InputHold(QObject):
    """Drops the user's input to the application from the first paint until the services
    are installed: an instant, since the opening runs in one callback (whatever arrives
    during it waits in the event queue and reaches the window once it is ready)."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        return event.type() in _INPUT


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, then: Callable[[], object],
                 at_paint: Callable[[], object] | None) -> None:
        super().__init__(window)
        self._then: Callable[[], object] | None = then
        self._at_paint = at_paint
        window.installEventFilter(self)
        QTimer.singleShot(UNPAINTED_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._at_paint is not None:
                self._at_paint()
            # Two turns of the event loop: the frame being painted reaches the screen first.
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._run))
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def after_first_paint(window: QWidget, then: Callable[[], object],
                      at_paint: Callable[[], object] | None = None) -> None:
    """Call ``then`` once ``window`` has painted its first frame (``at_paint`` as it
    starts painting)."""
    _AfterFirstPaint(window, then, at_paint)
