"""Guard against reference-count bugs of PySide6 6.12 on Python 3.11.

There, every call of a C++ method returning ``void`` (``QPainter.setPen``,
``QFont.setItalic``...) drops one reference to ``None`` that was never taken, and every
``Signal.emit`` drops one to ``True``. Python 3.12 made these singletons immortal, so
nothing happens there; on 3.11 a count reaches zero after a few thousand painted items or
emitted signals and the interpreter aborts ("none_dealloc: deallocating None", or
"bool_dealloc" at exit). The roadmap paints thousands of items per frame, so before it
does, the guard measures whether this Qt binding leaks and, if it does, gives the
singletons enough references to never reach zero.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QPointF, Signal

_RESERVE = 1 << 48
_SAMPLES = 64
_guarded = False


class _Probe(QObject):
    ping = Signal()


def _lost(singleton: object, action: object) -> bool:
    assert callable(action)
    before = sys.getrefcount(singleton)
    for _ in range(_SAMPLES):
        action()
    return sys.getrefcount(singleton) < before - _SAMPLES // 2


def leaks_singleton_references() -> bool:
    """Tell whether Qt calls lose references to None or True in this process."""
    if sys.version_info >= (3, 12):
        return False
    point, probe = QPointF(), _Probe()
    return _lost(None, lambda: point.setX(1.0)) or _lost(True, probe.ping.emit)


def guard_none_refcount() -> bool:
    """Make None, True and False safe from the leak (once per process).

    Returns True when the guard was needed.
    """
    global _guarded
    if _guarded:
        return True
    if not leaks_singleton_references():
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _RESERVE
    _guarded = True
    return True
