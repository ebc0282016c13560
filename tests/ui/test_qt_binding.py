"""The installed Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void C++ call and to
True on every signal emission, so the app aborted after a few thousand paints; the
dependency pin keeps that release out. This test fails loudly should it come back.
"""

import sys

from PySide6.QtCore import QObject, QPointF, Signal

CALLS = 500


class _Probe(QObject):
    ping = Signal()


def test_void_calls_and_signals_keep_reference_counts():
    point, probe = QPointF(), _Probe()
    none_before = sys.getrefcount(None)
    for _ in range(CALLS):
        point.setX(1.0)
    none_lost = none_before - sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    for _ in range(CALLS):
        probe.ping.emit()
    true_lost = true_before - sys.getrefcount(True)
    assert none_lost < CALLS // 2 and true_lost < CALLS // 2, (
        "this PySide6 build loses references to None/True; install a version the "
        "project's dependencies allow"
    )
