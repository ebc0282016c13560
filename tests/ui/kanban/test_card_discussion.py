"""A card brought from Trello shows its comments, links and other members in the editor."""

import json

from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit

BOARD = {
    "name": "Launch", "lists": [{"id": "l1", "name": "Doing"}],
    "members": [{"id": "m1", "fullName": "Ann Lee"}, {"id": "m2", "fullName": "<b>Bob</b>"}],
    "cards": [{"id": "c1", "idList": "l1", "name": "Press kit", "idMembers": ["m1", "m2"],
               "attachments": [{"name": "Brief", "url": "https://example.com/brief.pdf"}]}],
    "actions": [{"type": "commentCard", "date": "2026-02-02T09:00:00Z", "idMemberCreator": "m1",
                 "data": {"card": {"id": "c1"}, "text": "Draft is <i>ready</i>"}}],
}


def test_the_editor_shows_comments_links_and_watchers_as_plain_text(
        qtbot, page, services, board, tmp_path):
    path = tmp_path / "launch.json"
    path.write_text(json.dumps(BOARD), encoding="utf-8")
    services.importing.import_trello(path, product="Shop")
    launch = next(b for b in services.boards.list_boards(board.product_id) if b.name == "Launch")
    page.show_board(launch.id)
    task_id = services.reads.board(launch.id).tasks[0].id
    editor = page.open_card(task_id)
    comments = next(w for w in editor.findChildren(QPlainTextEdit)
                    if w.accessibleName() == "Comments")
    assert comments.isReadOnly()
    assert comments.toPlainText().startswith("Ann Lee · ")
    assert comments.toPlainText().endswith("Draft is <i>ready</i>")
    links = next(w for w in editor.findChildren(QListWidget) if w.accessibleName() == "Links")
    assert links.item(0).text() == "Brief — https://example.com/brief.pdf"
    watchers = next(w for w in editor.findChildren(QLabel)
                    if w.accessibleName() == "Also on the card")
    assert watchers.text() == "<b>Bob</b>"
    editor.grab().save("/tmp/card-discussion.png")
    editor.reject()


def test_a_card_without_any_shows_no_discussion_rows(page, board):
    editor = page.open_card(board.cards["Cart badge"])
    names = {w.accessibleName() for w in editor.findChildren(QPlainTextEdit)}
    assert "Comments" not in names
    editor.reject()
