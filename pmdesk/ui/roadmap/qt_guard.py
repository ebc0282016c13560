"""Guard against a reference-count bug of PySide6 6.12 on Python 3.11.

There, every call of a C++ method returning ``void`` (``QPainter.setPen``,
``QFont.setItalic``...) and every ``None`` returned from a Python override such as
``QAbstractItemModel.data`` drops one reference to ``None`` that was never taken. Python
3.12 made ``None`` immortal, so nothing happens there; on 3.11 the count reaches zero after
a few thousand painted items and the interpreter aborts with "none_dealloc: deallocating
None". The roadmap paints thousands of items per frame, so before it does, the guard
measures whether this Qt binding leaks and, if it does, gives ``None`` enough references
to never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QPointF

_RESERVE = 1 << 48
_guarded = False


def leaks_none_references() -> bool:
    """Tell whether void Qt calls lose references to None in this process."""
    if sys.version_info >= (3, 12):
        return False
    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(64):
        point.setX(1.0)
    return sys.getrefcount(None) < before - 32


def guard_none_refcount() -> bool:
    """Make None safe from the leak (once per process); True when the guard was needed."""
    global _guarded
    if _guarded:
        return True
    if not leaks_none_references():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += _RESERVE
    _guarded = True
    return True
