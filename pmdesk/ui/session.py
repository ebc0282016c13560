"""One open workspace as a window sees it: services, change bus, undo stack, other writers.

The window is chrome around a session: it shows pages over ``services``, pushes onto
``undo_stack`` and listens to ``bus``. The session follows commits by other clients and
lets undo refuse a step that touches something changed elsewhere since:

- on a server it listens for the commits others announce, on a connection of its own
  whose socket a ``QSocketNotifier`` watches, and publishes what they changed on the bus
  as a ``ChangeSet``, so the views update those rows; when the server goes away it says
  so (``connection_lost``), the services refuse edits, and it reconnects with a growing
  pause until the server is back (``connection_back``, then everything is read again);
  each attempt waits for the server on a worker thread, so a server that does not answer
  never freezes the window;
  a ping every few seconds on that connection notices a server that stops answering;
  meanwhile the reads the views and the exports use answer with what they last returned
  (``services.last_known``), and what the current product's exports need is read ahead
  a moment after each change, so they work from the data shown;
- on a file it polls ``PRAGMA data_version`` and reloads when another process wrote, and
  notices the file disappearing.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from pmdesk.domain.errors import PmdeskError
from pmdesk.ui.bus import ChangeBus

if TYPE_CHECKING:
    from pmdesk.services import Services
    from pmdesk.services.last_known import LastKnown
    from pmdesk.services.live import LiveService

POLL_MS = 400  # another process's change to a file shows within half a second
RETRY_MS = (250, 500, 1000, 2000, 4000, 8000)  # pauses between reconnection attempts
REMOTE = "another client"  # the origin of changes published for other clients' commits
READ_AHEAD_MS = 1500  # after the last change, read what the exports need (on a server)
# The listening connection asks the server for a sign of life this often; one unanswered
# for a whole interval means the server is lost (a frozen one closes no socket).
KEEPALIVE_MS = 3000


class _Attempt:
    """One reconnection attempt: it waits for the server on a worker thread, and its
    outcome is applied on the GUI thread. The listener it opens belongs to the worker
    until ``run`` has returned; only then does the GUI thread take it over (or close it,
    when nobody wants it any more)."""

    def __init__(self, live: LiveService, session: WorkspaceSession) -> None:
        self._live = live
        self._session = weakref.ref(session)
        self.listener: Any = None  # a store.live.EventListener, once the server answered
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self.run, name="pmdesk reconnection",
                                       daemon=True)  # never holds up quitting

    def run(self) -> None:  # the worker thread: no Qt object but the relay is touched
        try:
            self.listener = self._live.listen()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, raised there
            self.error = exc
        _relay().arrived.emit(self)

    def conclude(self) -> None:
        """On the GUI thread, once ``run`` has returned: the session applies the outcome,
        unless it stopped (or was deleted) meanwhile."""
        session = self._session()  # the session's own helpers below, hence SLF001
        if (session is not None and shiboken6.isValid(session)
                and session._attempt is self):  # noqa: SLF001
            session._attempted(self)  # noqa: SLF001
        elif self.listener is not None:
            self.listener.close()  # a late success nobody waits for any more


class _Relay(QObject):
    """Carries finished attempts from their worker threads to the GUI thread (a queued
    signal). One lives as long as the process, so a worker never emits on an object that
    may have been deleted meanwhile (a window closed mid-attempt)."""

    arrived = Signal(object)  # an _Attempt whose ``run`` has returned

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._conclude)

    @Slot(object)
    def _conclude(self, attempt: _Attempt) -> None:
        attempt.conclude()


_RELAY: list[_Relay] = []


def _relay() -> _Relay:
    """The process's relay, made on the GUI thread by the first session."""
    if not _RELAY:
        _RELAY.append(_Relay())
    return _RELAY[0]


class WorkspaceSession(QObject):
    """The services of the open workspace and everything that follows their changes."""

    other_writer = Signal()  # another client committed so much that ``bus.reloaded`` follows
    file_missing = Signal()  # the file was moved or deleted while open (said once)
    connection_lost = Signal(str)  # the server went away; the data shown stays, read-only
    connection_back = Signal()  # reconnected; ``bus.reloaded`` follows

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self.bus.failed.connect(self._check_connection)
        self._watcher: Any = None  # a file's data_version watcher
        self._listener: Any = None  # a server's store.live.EventListener
        self._notifier: QSocketNotifier | None = None
        self._missing_reported = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.reconnect)
        self._attempts = 0
        self._attempt: _Attempt | None = None  # the one under way, if any
        _relay()  # made here, on the GUI thread, before any worker needs it
        self._ready_for: int | None = None
        self._read_ahead = QTimer(self)
        self._read_ahead.setSingleShot(True)
        self._read_ahead.setInterval(READ_AHEAD_MS)
        self._read_ahead.timeout.connect(self.read_ahead)
        self._keepalive = QTimer(self)
        self._keepalive.setInterval(KEEPALIVE_MS)
        self._keepalive.timeout.connect(self.keep_alive)
        self.bus.changed.connect(lambda *_args: self._schedule_read_ahead())
        self.bus.reloaded.connect(self._schedule_read_ahead)
        self.services: Services | LastKnown = services
        self._remembering = False  # the services are a server's, wrapped in ``LastKnown``

    @property
    def offline(self) -> bool:
        return (self._retry.isActive() or self._attempt is not None
                or bool(self.services.workspace.unavailable))

    @property
    def reconnecting(self) -> bool:
        """A reconnection attempt is waiting for the server."""
        return self._attempt is not None

    def open(self, services: Services) -> None:
        """Follow ``services``' workspace from now on; the undo history starts afresh."""
        self.stop()
        self.undo_stack.clear()
        self.services = services
        self.bus.unless_changed_elsewhere = services.history.unless_changed_elsewhere
        self._missing_reported = False
        self._attempts = 0
        listener = services.live.listen()
        self._remembering = listener is not None
        if listener is None:
            self._watcher = services.workspace.watcher()
            self._timer.start()
        else:
            from pmdesk.services.last_known import LastKnown

            self.services = LastKnown(services)
            self._follow(listener)

    def keep_ready(self, product_id: int | None) -> None:
        """The product shown, whose exports must work while the server is away."""
        self._ready_for = product_id
        self._schedule_read_ahead()

    def _schedule_read_ahead(self) -> None:
        if self._remembering and self._ready_for is not None:
            self._read_ahead.start()

    def read_ahead(self) -> None:
        """Read what the product's exports need, for them to work from it if the server
        goes away (the views' own reads are remembered as they happen)."""
        from pmdesk.documents import onepager_since

        product_id, services = self._ready_for, self.services
        if product_id is None or self.offline or not self._remembering:
            return
        try:
            services.products.get_product(product_id)
            services.reports.onepager(product_id)
            onepager_since(services, product_id)  # type: ignore[arg-type]
            services.reads.roadmap(product_id)
            services.flow.forecast_inputs(product_id)  # the boards' flow exports use it too
            services.flow.today()
            services.boards.list_boards(product_id)
        except PmdeskError:
            return  # gone or busy: the views say so; the next change reads again

    # ----- a file: poll
    def poll(self) -> None:
        """Look once for another writer's commits and for the file having gone."""
        if self.services.workspace.file_is_missing():
            if not self._missing_reported:
                self._missing_reported = True
                self.file_missing.emit()
            return
        try:
            changed = self._watcher is not None and self._watcher.changed()
        except PmdeskError:
            return  # unreadable for a moment (locked, checkpointing): look again next tick
        if changed:
            self.other_writer.emit()
            self.bus.reloaded.emit()

    # ----- a server: listen
    def _follow(self, listener: Any) -> None:  # store.live.EventListener
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self.take_notices)
        self._keepalive.start()

    def keep_alive(self) -> None:
        """Ask the server for a sign of life; if the last one never came, it is lost."""
        if self._listener is None:
            return
        try:
            self._listener.ping()
        except PmdeskError as exc:
            self._lose(exc.message)

    def take_notices(self) -> None:
        """Publish what other clients' newly announced commits changed."""
        if self._listener is None:
            return
        try:
            commits = self._listener.take()
            changes = self.services.live.changes(commits) if commits else None
        except PmdeskError as exc:
            self._lose(exc.message)
            return
        if not commits:
            return
        if changes is None:
            self.other_writer.emit()
            self.bus.reloaded.emit()
        else:
            self.bus.publish(changes, REMOTE)

    def _check_connection(self, _message: str = "") -> None:
        """A read or write failed: if the server is gone, say so once and reconnect."""
        if self._listener is not None and not self.offline:
            self.take_notices()

    def _lose(self, message: str) -> None:
        self._close_listener()
        self.services.live.go_offline()
        self._attempts = 0
        self.connection_lost.emit(message)
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        self._retry.start(RETRY_MS[min(self._attempts, len(RETRY_MS) - 1)])
        self._attempts += 1

    def reconnect(self) -> bool:
        """Try the server once, on a worker thread; ``_attempted`` applies the outcome.
        False when an attempt is already under way (one at a time)."""
        if self._attempt is not None:
            return False
        self._retry.stop()
        self._attempt = _Attempt(self.services.live, self)
        self._attempt.thread.start()
        return True

    def _attempted(self, attempt: _Attempt) -> None:
        """The attempt under way ended: on success read everything again and follow the
        server anew, else try again after a pause."""
        self._attempt = None
        if attempt.error is not None:
            self._schedule_retry()
            if isinstance(attempt.error, PmdeskError):
                return  # still away
            raise attempt.error
        self.services.live.go_online()
        if attempt.listener is not None:
            self._follow(attempt.listener)
        self.connection_back.emit()
        self.other_writer.emit()
        self.bus.reloaded.emit()  # what others committed meanwhile

    def stop(self) -> None:
        """Stop watching (the window closes or shows another workspace)."""
        self._timer.stop()
        self._retry.stop()
        self._attempt = None  # the outcome of one under way, when it comes, is dropped
        self._read_ahead.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self._close_listener()

    def _close_listener(self) -> None:
        self._keepalive.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
