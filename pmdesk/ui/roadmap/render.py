"""Render a product's roadmap to a PNG without showing a window."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QUndoStack
from PySide6.QtWidgets import QApplication

from pmdesk.assets import resource
from pmdesk.domain.errors import WorkspaceError
from pmdesk.services import Services
from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.roadmap.commands import RoadmapCommands
from pmdesk.ui.roadmap.controller import RoadmapController
from pmdesk.ui.roadmap.layout import date_range
from pmdesk.ui.roadmap.page import TimelinePanel
from pmdesk.ui.roadmap.scene import RoadmapScene
from pmdesk.ui.roadmap.state import RoadmapState
from pmdesk.ui.roadmap.view import RoadmapView


def _application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Rendering needs no screen: headless exports work without a display server.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication(["pmdesk"])
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        path = resource("fonts", name)
        if path.is_file():
            QFontDatabase.addApplicationFont(str(path))
    assert isinstance(app, QApplication)
    return app


def build_timeline(services: Services, product_id: int, width: int, height: int,
                   start: date | None = None, end: date | None = None) -> TimelinePanel:
    """The timeline of ``product_id`` fitted to ``width`` × ``height``, not shown.

    ``start`` and ``end`` narrow the days shown; by default every bar and milestone fits.
    """
    _application()
    state = RoadmapState()
    state.load(services.reads.roadmap(product_id))
    scene = RoadmapScene(state)
    bus = ChangeBus()
    commands = RoadmapCommands(services, QUndoStack(), bus)
    view = RoadmapView(scene, RoadmapController(scene, commands))
    panel = TimelinePanel(view)
    scene.setParent(panel)
    bus.setParent(panel)
    panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    panel.resize(width, height)
    panel.refresh_legend(state)
    if start or end:  # the scene reaches at least the asked days
        first, last = date_range(state)
        scene.range = (min(start or first, first), max(end or last, last))
    scene.rebuild()
    panel.show()
    layout = panel.layout()
    if layout is not None:
        layout.activate()
    first, last = view.content_range()
    view.fit_range(start or first, end or max(last, start or last))
    return panel


def render_roadmap_png(services: Services, product_id: int, path: str | Path,
                       width: int = 1600, height: int = 900,
                       start: date | None = None, end: date | None = None) -> Path:
    """Save the roadmap of ``product_id`` as a ``width`` × ``height`` PNG at ``path``."""
    target = Path(path)
    if not target.parent.is_dir():
        raise WorkspaceError(f"The folder {target.parent} does not exist.")
    panel = build_timeline(services, product_id, width, height, start, end)
    try:
        image = panel.grab()
        if not image.save(str(target), "PNG"):
            raise WorkspaceError(f"Could not write the image {target}.")
    finally:
        panel.deleteLater()
    return target
