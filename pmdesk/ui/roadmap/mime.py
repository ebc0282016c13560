"""The drag-and-drop payload that carries initiative ids between the roadmap's views."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData

INITIATIVE_MIME = "application/x-pmdesk-initiative"


def encode(ids: Iterable[int]) -> QMimeData:
    data = QMimeData()
    data.setData(INITIATIVE_MIME, QByteArray(",".join(str(i) for i in ids).encode("ascii")))
    return data


def decode(data: QMimeData | None) -> list[int]:
    """The ids in ``data``; an empty list for anything that is not ours."""
    if data is None or not data.hasFormat(INITIATIVE_MIME):
        return []
    text = bytes(data.data(INITIATIVE_MIME).data()).decode("ascii", "replace")
    return [int(part) for part in text.split(",") if part.strip().isdigit()]
