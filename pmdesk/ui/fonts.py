"""The fonts the app ships, registered with Qt once a QApplication exists."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontDatabase

from pmdesk.assets import resource

EMOJI_FILE = "NotoEmoji-Regular.ttf"  # the file the PDF exports embed (export/fonts.py)


@cache
def register_emoji_font() -> str | None:
    """Make the bundled Noto Emoji Qt's emoji fallback; return its family (None if missing).

    Without it a machine with no emoji font draws every emoji in a label or title as a box.
    """
    path = resource("fonts", EMOJI_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    QFontDatabase.addApplicationEmojiFontFamily(families[0])
    return families[0]
