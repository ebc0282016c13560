"""What a card brought from another tool besides its fields: who else is on it, its links and
its comments, shown read-only in the card editor as plain text (never as markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QPlainTextEdit

from pmdesk.domain.models import TaskDetail


def comments_text(detail: TaskDetail) -> str:
    """Every comment, oldest first: “Ann Lee · 2026-02-02 09:00” over its text."""
    blocks = []
    for comment in detail.comments:
        head = comment.author or "Someone"
        if comment.created_at is not None:
            head += f" · {comment.created_at:%Y-%m-%d %H:%M}"
        blocks.append(f"{head}\n{comment.text}")
    return "\n\n".join(blocks)


def add_discussion_rows(form: QFormLayout, detail: TaskDetail) -> None:
    """Add the rows for watchers, links and comments the card has (none when it has none)."""
    if detail.watchers:
        watchers = QLabel(", ".join(detail.watchers))
        watchers.setTextFormat(Qt.TextFormat.PlainText)
        watchers.setWordWrap(True)
        watchers.setAccessibleName("Also on the card")
        form.addRow("Also on the card", watchers)
    if detail.links:
        links = QListWidget()
        links.setAccessibleName("Links")
        links.setMaximumHeight(90)
        for link in detail.links:
            links.addItem(f"{link.title} — {link.url}" if link.title else link.url)
            links.item(links.count() - 1).setToolTip(link.url)
        form.addRow("Links", links)
    if detail.comments:
        comments = QPlainTextEdit(comments_text(detail))
        comments.setReadOnly(True)
        comments.setAccessibleName("Comments")
        comments.setMaximumHeight(150)
        form.addRow(f"Comments ({len(detail.comments)})", comments)
