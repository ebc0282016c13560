"""Dependency arrows on the roadmap go round the bars between their ends, even after a drag."""

from PySide6.QtCore import QPointF, QRectF

from pmdesk.ui.roadmap import style
from pmdesk.ui.roadmap.items import ArrowItem, BarItem


def _legs(arrow: ArrowItem):
    points = arrow.points
    return list(zip(points, points[1:]))[1:-1]  # the first and last legs touch their own bars


def _crossed_bars(page, arrow: ArrowItem) -> list[str]:
    ends = {d.dependency.id: (d.dependency.blocker_id, d.dependency.blocked_id)
            for d in page.scene.state.dependencies}[arrow.dependency_id]
    crossed = []
    for (x0, y0), (x1, y1) in _legs(arrow):
        leg = QRectF(min(x0, x1), min(y0, y1), abs(x1 - x0) or 0.01, abs(y1 - y0) or 0.01)
        for bar_id, bar in page.scene.bars.items():
            body = QRectF(bar.x() + 0.5, bar.y() + 0.5, bar.width - 1, style.BAR_HEIGHT - 1)
            if bar_id not in ends and body.intersects(leg):
                crossed.append(bar.view.initiative.title)
    return crossed


def test_no_arrow_runs_through_a_bar(page):
    arrows = [i for i in page.scene.items() if isinstance(i, ArrowItem)]
    assert arrows
    for arrow in arrows:
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(arrow.points, arrow.points[1:]))
        assert _crossed_bars(page, arrow) == []


def test_a_bar_stretched_into_an_arrows_way_reroutes_it(page):
    scene = page.scene
    dep = next(d for d in scene.state.dependencies
               if scene.bars[d.dependency.blocker_id].y() < scene.bars[d.dependency.blocked_id].y())
    ends = (dep.dependency.blocker_id, dep.dependency.blocked_id)
    top, bottom = (scene.bars[i].y() for i in ends)
    other = next(b for b in sorted(scene.bars.values(), key=lambda b: b.initiative_id)
                 if b.initiative_id not in ends and top < b.y() < bottom and b.width > 30)
    grip = QPointF(other.x() + other.width - 2, other.y() + style.BAR_HEIGHT / 2)
    far = QPointF(scene.sceneRect().right() - 5, grip.y())
    assert page.controller.press(grip)
    page.controller.drag(grip + QPointF(30, 0))
    page.controller.drag(far)
    assert page.controller.release(far)
    assert _crossed_bars(page, scene.arrows[dep.dependency.id]) == []
