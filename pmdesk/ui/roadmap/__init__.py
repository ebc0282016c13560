"""The product manager's roadmap: timeline, parking lot, horizons and prioritisation."""

from pmdesk.ui.roadmap.page import RoadmapPage

__all__ = ["RoadmapPage"]
