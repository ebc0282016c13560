"""The product page's labels show their last letter whole at every window size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel

from pmdesk.ui.product.page import ProductPage


def _labels(page: ProductPage) -> list[QLabel]:
    found = []
    for form in page.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                found.append(item.widget())
    return found


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900), (1920, 1080)])
def test_no_label_is_cut_at_its_right_edge(window, qtbot, size) -> None:
    window.resize(*size)
    page = window.findChild(ProductPage)
    window.tabs.setCurrentWidget(page)
    qtbot.wait(30)
    labels = _labels(page)
    assert "&Tagline" in [label.text() for label in labels]
    for label in labels:
        image = label.grab().toImage()
        inside = label.contentsRect()  # the label clips its text here
        background = image.pixelColor(inside.right(), 0)
        edge = {image.pixelColor(x, y).name() for x in (inside.right() - 1, inside.right())
                for y in range(image.height())}
        assert edge == {background.name()}, f"“{label.text()}” is cut at its right edge"
