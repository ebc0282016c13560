"""A roadmap page on the sample workspace, standalone (no main window)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QUndoStack

from pmdesk.ui.bus import ChangeBus
from pmdesk.ui.roadmap import RoadmapPage
from tests.samples import sample_workspace

SAMPLE_NOW = datetime(2026, 3, 2, 9, 30)


@pytest.fixture
def sample(tmp_path):
    with sample_workspace(tmp_path, SAMPLE_NOW) as services:
        yield services


@pytest.fixture
def page(qtbot, sample):
    bus = ChangeBus()
    stack = QUndoStack()
    page = RoadmapPage(sample, stack, bus)
    page._keep = (bus, stack)  # the page does not own them; keep them alive with it
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    page.set_product(sample.products.list_products()[0].id)
    return page


def centre_of(bar) -> QPointF:
    return QPointF(bar.x() + bar.width / 2, bar.y() + bar.boundingRect().height() / 2)


def wide_bar(page, minimum: float = 60.0):
    """A bar wide enough to grab its middle and each edge."""
    return next(b for b in sorted(page.scene.bars.values(), key=lambda b: b.initiative_id)
                if b.width >= minimum)
