"""The project manager's kanban board (cards painted by a delegate over column models)."""

from pmdesk.ui.kanban.page import BoardPage

__all__ = ["BoardPage"]
