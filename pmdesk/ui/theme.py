"""Every colour the window paints with, named by what it is for.

One place so that the roadmap, the board, the charts and the images they export agree,
and a colour is changed once. Colours that are handed on as text (to a ``QColor`` later,
to rich text, or as a choice the user keeps) are hex strings; the rest are ``QColor``s.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon, QPixmap

from pmdesk.domain.enums import InitiativeStatus, Priority

# ----- shared
WHITE = QColor("#FFFFFF")
CANVAS = WHITE  # behind charts and exported images
GOOD_HEX = "#2E7D32"  # on track, done, earlier than planned
BAD_HEX = "#C62828"  # late, overdue, at risk
GOOD = QColor(GOOD_HEX)
BAD = QColor(BAD_HEX)
NEWS = QColor("#1565C0")  # added since a baseline
OUTLINE = QColor("#37474F")  # a baseline's ghost outline and its legend chip

# ----- roadmap
INK = QColor("#1F2933")
MUTED = QColor("#616E7C")
GRID = QColor("#E4E7EB")
GRID_MAJOR = QColor("#CBD2D9")
BAND = QColor("#F5F7FA")
BAND_ALT = QColor("#FFFFFF")
HEADER_BG = QColor("#F0F2F5")
TODAY = QColor("#E4572E")
RISK = QColor("#D62728")
WHISKER = QColor("#263238")
ARROW = QColor("#7B8794")
ARROW_VIOLATED = QColor("#D62728")
SELECTION = QColor("#1F2933")
MILESTONE = QColor("#3E4C59")
NO_GOAL = "#9AA5B1"
DROPPED = QColor("#BCC3CC")
DRAG_GHOST = QColor(31, 41, 51, 30)  # the translucent box that follows a drag
VEIL = QColor(255, 255, 255, 150)  # over the ghost of a removed initiative
LABEL_BACKING = QColor(255, 255, 255, 230)  # behind a ghost's "+23 d" label
STATUS_COLOURS = {
    InitiativeStatus.IDEA: "#616E7C",
    InitiativeStatus.PLANNED: "#3E4C59",
    InitiativeStatus.IN_PROGRESS: "#1565C0",
    InitiativeStatus.DONE: "#2E7D32",
    InitiativeStatus.DROPPED: NO_GOAL,
}
GOAL_PALETTE = ("#2E7D32", "#1565C0", "#6A1B9A", "#EF6C00", "#00838F", "#C62828", "#5D4037")

# ----- board cards
CARD = WHITE
CARD_SELECTED_FILL = QColor("#EEF4FF")
CARD_BORDER = QColor("#D5DAE1")
CARD_BORDER_HOVER = QColor("#AEB7C2")
CARD_SELECTED = QColor("#2F6FEB")
CARD_TITLE_HEX = "#1F2328"
CARD_TITLE = QColor(CARD_TITLE_HEX)
CARD_MUTED = QColor("#5F6B7A")
DUE_SOON = QColor("#B26A00")
AGE_P85 = QColor("#C77700")
NO_TAG_COLOUR = "#9AA4B2"  # an initiative or label without a colour of its own
PRIORITY_COLOURS = {
    Priority.LOW: "#6B7A90",
    Priority.MEDIUM: "#2F6FEB",
    Priority.HIGH: "#E8590C",
    Priority.URGENT: "#C2255C",
}
AVATAR_COLOURS = ("#5C6BC0", "#00897B", "#8E24AA", "#F4511E", "#3949AB", "#6D4C41", "#00838F",
                  "#C0CA33", "#D81B60", "#546E7A")


def blend(colour: str | QColor, amount: float, towards: QColor | None = None) -> QColor:
    """Mix ``colour`` with white (or ``towards``): 0 keeps it, 1 gives the other colour."""
    base = QColor(colour)
    other = towards or WHITE
    return QColor(
        round(base.red() + (other.red() - base.red()) * amount),
        round(base.green() + (other.green() - base.green()) * amount),
        round(base.blue() + (other.blue() - base.blue()) * amount),
    )

# ----- text in forms and panels (style sheets take hex strings)
PROBLEM_TEXT = f"color: {BAD_HEX};"  # a refusal under a form's fields
HINT_HEX = "#616E7C"  # a quiet line of explanation
SUMMARY_HEX = "#3D4651"
PANEL_HEX = "#FFFFFF"
PANEL_BORDER_HEX = "#D5DAE1"
# the dark notice with an Undo button
TOAST_HEX = "#263238"
TOAST_ACTION_HEX = "#80CBC4"
TOAST_DISMISS_HEX = "#B0BEC5"
# the bar asking why an initiative slipped
QUESTION_HEX = "#FFF8E1"
QUESTION_BORDER_HEX = "#F9A825"

# ----- message bars: background and text of each variant
MESSAGE_COLOURS = {
    "info": ("#E3F2FD", "#202020"),
    "warning": ("#FFF3CD", "#202020"),
    "error": ("#FDECEA", "#8E1B1B"),
}


@cache
def swatch(colour: str) -> QIcon:
    """A small square of ``colour`` for combo boxes and lists (one per colour)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
