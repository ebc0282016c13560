"""Read a Trello board export (JSON) into an import plan.

Handles today's exports and the older ones (2015: no top-level ``labels``, labels only
inside cards, checklist states on the card), ids that are not Trello's 24 hex digits,
missing fields and fractional ``pos`` values.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from pmdesk.services.importing.plan import (
    UNTITLED_LIST,
    CardPlan,
    ColumnPlan,
    ImportFileError,
    ImportPlan,
    LabelPlan,
    card_title,
    short_text,
)
from pmdesk.services.importing.safe_json import load_json
from pmdesk.services.importing.vocabulary import (
    colour_label_name,
    guess_kind,
    trello_colour,
)

_OBJECT_ID = re.compile(r"^[0-9a-fA-F]{24}$")
_EARLIEST_ID_TIME = datetime(2009, 1, 1)  # Trello ids hold their creation time since 2011


def parse_board(data: bytes, file_name: str, *, include_archived: bool = False) -> ImportPlan:
    """Turn the bytes of a Trello export into a plan, or refuse them in one sentence."""
    board = load_json(data, file_name, "Trello export")
    if (not isinstance(board, dict) or not isinstance(board.get("lists"), list)
            or not isinstance(board.get("cards"), list)):
        raise ImportFileError(
            f"{file_name} is JSON but not a Trello board export (it has no “lists” and "
            "“cards”); export the board from Trello with Menu › Print and export › JSON."
        )
    return _TrelloReader(board, file_name, include_archived).plan()


def trello_time(value: object) -> datetime | None:
    """A Trello timestamp (ISO 8601, UTC) as naive local time; None when absent or odd."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone().replace(tzinfo=None)
        except (OverflowError, ValueError):  # a year 1 or 9999 time shifted out of range
            return None
    return moment.replace(microsecond=0)


def id_time(value: object) -> datetime | None:
    """The creation time inside a Trello (MongoDB) id, as naive local time."""
    if not isinstance(value, str) or not _OBJECT_ID.match(value):
        return None
    moment = datetime.fromtimestamp(int(value[:8], 16))
    return moment if moment >= _EARLIEST_ID_TIME else None


class _TrelloReader:
    def __init__(self, board: dict[str, Any], file_name: str, include_archived: bool) -> None:
        self.board = board
        self.file_name = file_name
        self.include_archived = include_archived
        name = board.get("name")
        title = " ".join(name.split()) if isinstance(name, str) and name.strip() else ""
        title = short_text(title or file_name.rsplit(".", 1)[0])
        self.out = ImportPlan(source=f"Trello board “{title}”", name=title)
        self.label_by_id: dict[str, int] = {}
        self.label_by_key: dict[tuple[str, str], int] = {}
        self.people: dict[str, str] = {}
        self.archived_lists: set[str] = set()

    # ----- checks that name the place of a problem
    def _objects(self, key: str, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
        items = self.board.get(key)
        if items is None:
            return
        if not isinstance(items, list):
            raise ImportFileError(f"{self.file_name}: “{key}” is not a list of {what}s.")
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise ImportFileError(
                    f"{self.file_name}: item {number} of “{key}” is not a Trello {what}."
                )
            yield number, item

    def _text(self, item: Mapping[str, Any], key: str, where: str) -> str:
        value = item.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ImportFileError(f"{self.file_name}: {where} has a “{key}” that is not text.")
        return value

    @staticmethod
    def _pos(item: Mapping[str, Any]) -> float:
        value = item.get("pos")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return math.inf
        try:
            number = float(value)
        except ValueError:
            return math.inf
        return number if math.isfinite(number) else math.inf

    # ----- the board
    def plan(self) -> ImportPlan:
        column_of = self._lists()
        self._members()
        self._labels()
        checklists = self._checklists()
        comments = self._comments()
        moves = self._moves()
        cards = sorted(
            self._objects("cards", "card"),
            key=lambda pair: (column_of.get(str(pair[1].get("idList")), -1),
                              self._pos(pair[1]), pair[0]),
        )
        for number, card in cards:
            list_id = str(card.get("idList"))
            if list_id not in column_of:
                if list_id in self.archived_lists:
                    self.out.skip("card in an archived list", "cards in archived lists")
                else:
                    self.out.skip("card without a list", "cards without a list")
                continue
            plan = self._card(number, card, column_of[list_id], checklists)
            plan.archived = plan.archived or self.out.columns[column_of[list_id]].archived
            plan.comments = comments.pop(str(card.get("id")), [])
            plan.history = self._history(plan, moves.get(str(card.get("id")), []), column_of)
            self.out.cards.append(plan)
        self.out.skip("comment on a card not imported", "comments on cards not imported",
                      sum(map(len, comments.values())))
        return self.out

    def _lists(self) -> dict[str, int]:
        lists = sorted(self._objects("lists", "list"),
                       key=lambda pair: (self._pos(pair[1]), pair[0]))
        column_of: dict[str, int] = {}
        for number, item in lists:
            list_id = str(item.get("id", f"#{number}"))
            closed = item.get("closed") is True
            if closed and not self.include_archived:
                self.archived_lists.add(list_id)
                self.out.skip("archived list", "archived lists")
                continue
            name = " ".join(self._text(item, "name", f"list {number}").split())
            name = short_text(name) if name else UNTITLED_LIST
            column_of[list_id] = len(self.out.columns)
            self.out.columns.append(ColumnPlan(name, guess_kind(name), archived=closed))
        return column_of

    def _members(self) -> None:
        for number, member in self._objects("members", "member"):
            where = f"member {number}"
            name = (self._text(member, "fullName", where).strip()
                    or self._text(member, "username", where).strip())
            if not name:
                continue
            name = short_text(name)
            self.people[str(member.get("id"))] = name
            if name not in self.out.people:
                self.out.people.append(name)

    def _labels(self) -> None:
        if isinstance(self.board.get("labels"), list):
            for number, label in self._objects("labels", "label"):
                self._label(label, f"label {number}")
            return
        names = self.board.get("labelNames")
        if isinstance(names, dict):  # older exports: one label per colour, named or not
            for colour, name in names.items():
                if isinstance(name, str) and name.strip():
                    self._label({"name": name, "color": colour}, "labelNames")

    def _label(self, label: Mapping[str, Any], where: str) -> int:
        name = " ".join(self._text(label, "name", where).split())
        colour = label.get("color")
        final = short_text(name) if name else colour_label_name(colour)
        key = (final.casefold(), trello_colour(colour))
        index = self.label_by_key.get(key)
        if index is None:
            index = self.label_by_key[key] = len(self.out.labels)
            self.out.labels.append(LabelPlan(final, key[1]))
        label_id = label.get("id")
        if isinstance(label_id, str):
            self.label_by_id.setdefault(label_id, index)
        return index

    def _checklists(self) -> dict[str, list[dict[str, Any]]]:
        by_card: dict[str, list[dict[str, Any]]] = {}
        for _, checklist in self._objects("checklists", "checklist"):
            by_card.setdefault(str(checklist.get("idCard")), []).append(checklist)
        for lists in by_card.values():
            lists.sort(key=self._pos)
        return by_card

    def _comments(self) -> dict[str, list[tuple[str, datetime | None, str]]]:
        """Each card's comments (author, time, text), oldest first, from the board's actions.

        Trello keeps the newest 1,000 actions in an export; older comments are not in it.
        """
        actions = self.board.get("actions")
        by_card: dict[str, list[tuple[str, datetime | None, str]]] = {}
        for action in actions if isinstance(actions, list) else ():
            if not isinstance(action, dict) or action.get("type") != "commentCard":
                continue
            data = action.get("data")
            card = data.get("card") if isinstance(data, dict) else None
            text = data.get("text") if isinstance(data, dict) else None
            if not isinstance(card, dict) or not isinstance(text, str) or not text.strip():
                continue
            creator = action.get("memberCreator")
            author = ""
            if isinstance(creator, dict):
                for key in ("fullName", "username"):
                    if isinstance(creator.get(key), str) and creator[key].strip():
                        author = short_text(creator[key])
                        break
            if not author:
                author = self.people.get(str(action.get("idMemberCreator")), "")
            by_card.setdefault(str(card.get("id")), []).append(
                (author, trello_time(action.get("date")), text.strip()))
        for comments in by_card.values():
            comments.sort(key=lambda c: (c[1] is None, c[1] or datetime.min))
        return by_card

    def _moves(self) -> dict[str, list[tuple[datetime, str | None, str]]]:
        """Each card's creation and list moves (when, list before, list after), oldest first.

        A creation has no list before. Only the newest 1,000 actions are in an export, so a
        card's first known move may come long after its creation.
        """
        actions = self.board.get("actions")
        by_card: dict[str, list[tuple[datetime, str | None, str]]] = {}
        for action in actions if isinstance(actions, list) else ():
            data = action.get("data") if isinstance(action, dict) else None
            if not isinstance(data, dict) or not isinstance(data.get("card"), dict):
                continue
            assert isinstance(action, dict)
            when = trello_time(action.get("date"))
            kind = action.get("type")
            if when is None or kind not in ("createCard", "updateCard"):
                continue
            if kind == "createCard":
                before, after = None, data.get("list")
            else:
                before, after = data.get("listBefore"), data.get("listAfter")
                if not isinstance(before, dict):
                    continue
            if not isinstance(after, dict):
                continue
            card_id = str(data["card"].get("id"))
            by_card.setdefault(card_id, []).append(
                (when, None if before is None else str(before.get("id")), str(after.get("id"))))
        for moves in by_card.values():
            moves.sort(key=lambda m: (m[0], m[1] is not None))
        return by_card

    def _history(self, card: CardPlan, moves: list[tuple[datetime, str | None, str]],
                 column_of: dict[str, int]) -> list[tuple[datetime, int | None]]:
        """The card's dated path over the imported lists; empty when the export has none.

        Moves into lists that are not imported (archived ones) are left out; a card created
        in one enters the board's history at its creation, in the first list it came to.
        """
        if not moves:
            return []
        first_when, before, after = moves[0]
        created = min(card.created_at or first_when, first_when)
        start = after if before is None else before
        path: list[tuple[datetime, int | None]] = [
            (when, column_of[list_id]) for when, _, list_id in
                (moves[1:] if before is None else moves) if list_id in column_of]
        if start in column_of:
            path.insert(0, (created, column_of[start]))
        elif path:  # created in a list left out: it enters the board at its first move
            path[0] = (created, path[0][1])
        if path:
            card.created_at = created
        return path

    def _links(self, card: Mapping[str, Any], where: str) -> list[tuple[str, str, datetime | None]]:
        """The card's attachments as links (Trello keeps uploaded files on its servers)."""
        attachments = card.get("attachments")
        links: list[tuple[str, str, datetime | None]] = []
        for item in attachments if isinstance(attachments, list) else ():
            url = item.get("url") if isinstance(item, dict) else None
            if not isinstance(url, str) or not url.strip():
                self.out.skip("attachment without a link", "attachments without a link")
                continue
            assert isinstance(item, dict)
            name = " ".join(self._text(item, "name", f"an attachment of {where}").split())
            links.append((short_text(name) if name else "", url.strip(),
                          trello_time(item.get("date"))))
        return links

    # ----- one card
    def _card(self, number: int, card: dict[str, Any], column: int,
              checklists: dict[str, list[dict[str, Any]]]) -> CardPlan:
        raw_name = self._text(card, "name", f"card {number}")
        title, overflow = card_title(raw_name)
        where = f"card {number} (“{title}”)"
        members = list(dict.fromkeys(self.people[m] for m in self._ids(card.get("idMembers"))
                                     if m in self.people))
        description = [overflow, self._text(card, "desc", where).strip()]
        return CardPlan(
            title=title,
            column=column,
            description="\n\n".join(p for p in description if p),
            assignee=members[0] if members else None,
            watchers=members[1:],
            done=card.get("dueComplete") is True,
            links=self._links(card, where),
            due=self._due(card, where),
            labels=self._card_labels(card, where),
            checklist=self._checklist(card, checklists.get(str(card.get("id")), []), where),
            created_at=id_time(card.get("id")),
            last_activity=trello_time(card.get("dateLastActivity")),
            archived=card.get("closed") is True,
        )

    @staticmethod
    def _ids(value: object) -> list[str]:
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def _due(self, card: Mapping[str, Any], where: str) -> date | None:
        value = card.get("due")
        if value in (None, ""):
            return None
        moment = trello_time(value)
        if moment is None:
            raise ImportFileError(
                f"{self.file_name}: {where} has a due date “{value}” that is not a date."
            )
        return moment.date()

    def _card_labels(self, card: Mapping[str, Any], where: str) -> list[int]:
        found: list[int] = []
        for label_id in self._ids(card.get("idLabels")):
            if label_id in self.label_by_id:
                found.append(self.label_by_id[label_id])
        embedded = card.get("labels")
        if isinstance(embedded, list):
            for label in embedded:
                if not isinstance(label, dict):
                    continue
                known = self.label_by_id.get(str(label.get("id")))
                found.append(known if known is not None else self._label(label, where))
        return list(dict.fromkeys(found))

    def _checklist(self, card: Mapping[str, Any], checklists: list[dict[str, Any]],
                   where: str) -> list[tuple[str, bool]]:
        given = card.get("checkItemStates")
        states = {
            s["idCheckItem"]: s.get("state")
            for s in (given if isinstance(given, list) else ())
            if isinstance(s, dict) and isinstance(s.get("idCheckItem"), str)
        }
        named = [c for c in checklists if isinstance(c.get("checkItems"), list) and c["checkItems"]]
        items: list[tuple[str, bool]] = []
        for number, checklist in enumerate(named, 1):
            prefix = ""
            if len(named) > 1:  # one checklist per card in pmdesk: each item names its own
                prefix = " ".join(self._text(checklist, "name", where).split())
                prefix = f"{prefix or f'Checklist {number}'}: "
            entries = [i for i in checklist["checkItems"] if isinstance(i, dict)]
            for item in sorted(entries, key=self._pos):
                text = " ".join(self._text(item, "name", f"a checklist item of {where}").split())
                if not text:
                    self.out.skip("empty checklist item", "empty checklist items")
                    continue
                state = item.get("state") or states.get(str(item.get("id")))
                items.append((short_text(prefix + text), state == "complete"))
        return items
