"""The roadmap as a QGraphicsScene, projected from a RoadmapState.

``rebuild`` recreates every item (new product, zoom or filter); ``sync`` re-packs the
layout and moves or repaints only the items whose place or content changed. Lane bands,
grid and today line are painted in the background for the exposed area only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from pmdesk.domain.timescale import TimeScale, Zoom
from pmdesk.ui import theme
from pmdesk.ui.roadmap.arrows import ArrowRouter
from pmdesk.ui.roadmap.items import MILESTONE_FONT, ArrowItem, BarItem, MilestoneItem
from pmdesk.ui.roadmap.layout import BandKind, RoadmapLayout, compute_layout, date_range
from pmdesk.ui.roadmap.state import RoadmapState


class RoadmapScene(QGraphicsScene):
    """Bars, milestones and arrows of one product at one zoom."""

    def __init__(self, state: RoadmapState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.zoom = Zoom.MONTHS
        self.stretch: float | None = None
        self.range: tuple[date, date] | None = None
        self.layout = RoadmapLayout(TimeScale(state.today, self.zoom), state.today, state.today)
        self.bars: dict[int, BarItem] = {}
        self.milestones: dict[int, MilestoneItem] = {}
        self.arrows: dict[int, ArrowItem] = {}
        self._metrics = QFontMetricsF(MILESTONE_FONT)
        self.pin_left = 0.0  # the view's left edge: titles of bars crossing it start there
        # Overlays drawn from the bars' places (the comparison's ghosts), redone after
        # every rebuild and re-pack.
        self.after_layout: list[Callable[[], None]] = []
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)

    @property
    def scale(self) -> TimeScale:
        return self.layout.scale

    def _measure(self, text: str) -> float:
        return self._metrics.horizontalAdvance(text)

    def _compute(self) -> RoadmapLayout:
        self.range = date_range(self.state, self.range)
        first, last = self.range
        scale = TimeScale(first, self.zoom, self.stretch)
        return compute_layout(self.state, scale, first, last, self._measure)

    def reset_range(self) -> None:
        """Forget the widest range seen (a new product)."""
        self.range = None

    # ----- projection
    def rebuild(self) -> None:
        """Recreate every item from the state."""
        self.clear()
        self.bars, self.milestones, self.arrows = {}, {}, {}
        self.layout = self._compute()
        self.setSceneRect(self._rect())
        for initiative_id, slot in self.layout.bars.items():
            view = self.state.views[initiative_id]
            bar = BarItem(view, self.state.colour_of(view), slot.x1 - slot.x0)
            bar.setPos(slot.x0, slot.y)
            self._forecast(bar)
            self.addItem(bar)
            self.bars[initiative_id] = bar
        titles = {m.id: m.title for m in self.state.milestones}
        for milestone_id, mark in self.layout.milestones.items():
            item = MilestoneItem(milestone_id, titles[milestone_id], mark.label_width)
            item.setPos(mark.x, mark.y)
            self._milestone_forecast(item)
            self.addItem(item)
            self.milestones[milestone_id] = item
        self._sync_arrows(None)
        for overlay in self.after_layout:
            overlay()
        self.update()  # bands and lanes may have changed where no item was

    def sync(self, changed: Iterable[int] = ()) -> None:
        """Re-pack after a targeted change; touch only items that moved or changed."""
        changed = set(changed)
        old_range = self.range
        layout = self._compute()
        if self.range != old_range or set(layout.bars) != set(self.bars) or (
            set(layout.milestones) != set(self.milestones)
        ):
            self.rebuild()
            return
        self.layout = layout
        self.setSceneRect(self._rect())
        moved = set()
        for initiative_id, slot in layout.bars.items():
            bar = self.bars[initiative_id]
            if initiative_id in changed:
                view = self.state.views[initiative_id]
                bar.update_view(view, self.state.colour_of(view))
            if bar.pos() != QPointF(slot.x0, slot.y) or bar.width != slot.x1 - slot.x0:
                bar.set_width(slot.x1 - slot.x0)
                bar.setPos(slot.x0, slot.y)
                moved.add(initiative_id)
            self._forecast(bar)
        for milestone_id, mark in layout.milestones.items():
            self.milestones[milestone_id].setPos(mark.x, mark.y)
        self._sync_arrows(moved | changed)
        for overlay in self.after_layout:
            overlay()
        self.update()

    def show_forecasts(self) -> None:
        """Put the state's forecasts on the bars (whisker, tooltip, risk mark)."""
        for bar in self.bars.values():
            self._forecast(bar)
        for item in self.milestones.values():
            self._milestone_forecast(item)

    def _milestone_forecast(self, item: MilestoneItem) -> None:
        found = self.state.milestone_forecasts.get(item.milestone_id)
        item.set_note(f"Forecast: {found.text}" if found is not None else "")

    def _forecast(self, bar: BarItem) -> None:
        found = self.state.forecasts.get(bar.initiative_id)
        whisker = None
        if found is not None and found.forecast is not None:
            left = bar.pos().x()
            p50, p85, p95 = (self.scale.x(day + timedelta(days=1)) - left for day in (
                found.forecast.p50, found.forecast.p85, found.forecast.p95))
            whisker = (p50, p85, p95)
        bar.set_forecast(found, whisker)

    def _sync_arrows(self, touched: set[int] | None) -> None:
        wanted = {d.dependency.id: d for d in self.state.dependencies
                  if d.dependency.blocker_id in self.bars and d.dependency.blocked_id in self.bars}
        for dep_id in set(self.arrows) - set(wanted):
            self.removeItem(self.arrows.pop(dep_id))
        router = ArrowRouter(self.bars.values())
        moved = [self.bars[i] for i in touched or () if i in self.bars]
        for dep_id, dep in wanted.items():
            ends = (dep.dependency.blocker_id, dep.dependency.blocked_id)
            arrow = self.arrows.get(dep_id)
            if arrow is None:
                arrow = ArrowItem(dep_id, dep.violated)
                self.addItem(arrow)
                self.arrows[dep_id] = arrow
            elif touched is not None and not (set(ends) & touched) and (
                arrow.violated == dep.violated
            ) and not router.spans(arrow.points, moved):
                continue
            arrow.set_route(router.route(self.bars[ends[0]], self.bars[ends[1]]), dep.violated)

    def _rect(self) -> QRectF:
        return QRectF(0, 0, self.layout.width, max(self.layout.height, 1.0))

    def set_zoom(self, zoom: Zoom, stretch: float | None = None) -> None:
        """Re-place every item at the new zoom (items are kept, not recreated)."""
        if zoom is not self.zoom or stretch != self.stretch:
            self.zoom, self.stretch = zoom, stretch
            self.sync()

    def pin_labels(self, left: float) -> None:
        """The view's left edge moved to ``left``: repaint the bars whose titles move."""
        old, self.pin_left = self.pin_left, left
        if old == left:
            return
        height = max(self.sceneRect().height(), 1.0)
        for edge in (old, left):
            for item in self.items(QRectF(edge - 8, 0, 16, height)):
                if isinstance(item, BarItem):
                    item.update()

    # ----- lookups
    def bar_at(self, pos: QPointF) -> BarItem | None:
        for item in self.items(pos):
            if isinstance(item, BarItem):
                return item
        return None

    def milestone_at(self, pos: QPointF) -> MilestoneItem | None:
        for item in self.items(pos):
            if isinstance(item, MilestoneItem):
                return item
        return None

    # ----- painting of what is exposed
    def drawBackground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(exposed)
        painter.fillRect(rect, theme.BAND_ALT)
        for index, band in enumerate(self.layout.bands):
            if band.bottom < rect.top() or band.top > rect.bottom():
                continue
            band_rect = QRectF(rect.left(), band.top, rect.width(), band.height)
            if band.kind is BandKind.MILESTONES:
                painter.fillRect(band_rect, theme.HEADER_BG)
            elif index % 2 == 0:
                painter.fillRect(band_rect, theme.BAND)
        first = self.scale.date_at(rect.left())
        last = self.scale.date_at(rect.right())
        painter.setPen(QPen(theme.GRID, 1))
        for tick in self.scale.minor_ticks(first, last):
            x = self.scale.x(tick.start)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.setPen(QPen(theme.GRID_MAJOR, 1))
        for tick in self.scale.major_ticks(first, last):
            x = self.scale.x(tick.start)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        for band in self.layout.bands:
            if rect.top() <= band.bottom <= rect.bottom():
                painter.drawLine(QPointF(rect.left(), band.bottom),
                                 QPointF(rect.right(), band.bottom))
        milestone_band = next((b for b in self.layout.bands if b.kind is BandKind.MILESTONES), None)
        if milestone_band is not None:
            painter.setPen(QPen(theme.GRID_MAJOR, 1, Qt.PenStyle.DashLine))
            lanes = {b.lane_id for b in self.layout.bands if b.kind is BandKind.LANE}
            for milestone in self.state.milestones:
                mark = self.layout.milestones.get(milestone.id)
                if mark is None or milestone.lane_id in lanes:
                    continue
                if rect.left() <= mark.x <= rect.right():
                    painter.drawLine(QPointF(mark.x, max(rect.top(), milestone_band.bottom)),
                                     QPointF(mark.x, rect.bottom()))

    def drawForeground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(exposed)
        x = self.scale.x(self.state.today) + self.scale.px_per_day / 2
        if rect.left() - 2 <= x <= rect.right() + 2:
            painter.setPen(QPen(theme.TODAY, 2))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
