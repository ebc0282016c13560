"""Composition root: parse the command line, then run a command or open the window.

Qt is imported only when the window opens, so headless commands start fast and work on
machines without a display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from pmdesk import APP_ID, APP_NAME, VERSION, __version__
from pmdesk.domain.errors import PmdeskError
from pmdesk.domain.locations import Location, parse_location

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from pmdesk.services import Services
    from pmdesk.ui.main_window import MainWindow

DEFAULT_WORKSPACE_NAME = "workspace.pmdesk"


def default_workspace() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_WORKSPACE_NAME


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # answered before building the parser: the quickest command
        print(VERSION)
        return 0
    from pmdesk import cli

    parser = cli.build_parser()
    verbose = bool(argv) and argv[0] in cli.VERBOSE_FLAGS
    rest = argv[1:] if verbose else argv
    if rest and not rest[0].startswith("-") and rest[0] not in cli.command_names(parser):
        if len(rest) > 1:
            parser.error(f"unrecognized arguments: {' '.join(rest[1:])}")
        return launch(parse_location(rest[0]), verbose=verbose)
    if not rest:
        return launch(None, verbose=verbose)
    return cli.main(argv)


def open_or_create(path: Location | None):  # noqa: ANN201 - Services, imported lazily
    """Open ``path`` (a file or a server URL), or the default workspace (created with the
    sample on first run). An empty server database becomes an empty workspace; a server
    that wants a password no file or variable gave gets it from a prompt.

    Returns the services (``None`` when the prompt was cancelled) and whether this was the
    very first run.
    """
    from pmdesk.services.workspaces import new_services
    from pmdesk.ui.workspace_actions import open_location

    if path is None:
        path = default_workspace()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            return new_services(path, sample=True), True
    return open_location(None, path), False


def has_display() -> bool:
    """Whether a window can open (on Linux, Qt aborts without X11 or Wayland)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def launch(path: Location | None, verbose: bool = False) -> int:
    """Open the main window on a workspace; expected problems become one-line dialogs.

    Qt's own warnings stay off the terminal unless ``verbose``.
    """
    if not has_display():
        print("pmdesk: no graphical display was found, so the window cannot open; "
              "the commands in 'pmdesk --help' work without one.", file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from pmdesk.ui.qt_platform import platform_problem, quiet_qt_messages

    quiet_qt_messages(verbose)
    if QApplication.instance() is None:
        problem = platform_problem()
        if problem:
            print(f"pmdesk: {problem}", file=sys.stderr)
            return 1

    from pmdesk.ui.dialogs import show_problem
    from pmdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    sys.excepthook = _crash_handler
    if painted_first(path) is not None:
        return int(app.exec())
    app.setWindowIcon(app_icon())
    try:
        services, first_run = open_or_create(path)
    except PmdeskError as exc:
        show_problem(None, exc.message)
        if path is None:
            return 1
        try:
            services, first_run = open_or_create(None)
        except PmdeskError as again:
            show_problem(None, again.message)
            return 1
    if services is None:
        return 1  # the password prompt was cancelled
    window = MainWindow(services)
    if first_run:
        window.show_banner(
            f"Welcome to pmdesk! This sample workspace lives at {services.workspace.path}. "
            "Explore it freely; File ▸ New Workspace starts an empty one."
        )
    window.show()
    return int(app.exec())


def painted_first(path: Location | None) -> MainWindow | None:
    """Show the window painted from a first read of the file, before SQLAlchemy loads, and
    open the services right after that paint; None when the first read does not apply (the
    usual open then runs as before).

    Only the board and the roadmap are painted so (``FIRST_READ_PAGES``): what a first read
    gives in a fraction of the time the services take to load.
    """
    from pmdesk.store.first_read import first_view
    from pmdesk.ui.first_paint import FIRST_READ_PAGES, OpeningServices, after_first_paint
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.settings import AppSettings

    settings = AppSettings()
    target = default_workspace() if path is None else path
    page = settings.last_page()
    if not isinstance(target, Path) or page not in FIRST_READ_PAGES:
        return None
    first = first_view(target, settings.last_product(target), page=page)
    if first is None:
        return None
    window = MainWindow(OpeningServices(target, first), settings)
    window.show()
    after_first_paint(window, lambda: finish_opening(window, path, first.mark),
                      at_paint=window.hold_input)
    return window


def finish_opening(window: MainWindow, path: Location | None, mark: int) -> bool:
    """Open the services behind a window painted from the first read and hand them over.

    A problem the first read could not see is said in one sentence, as when opening
    without a first read, and the default workspace opens instead (or the app ends).
    """
    from PySide6.QtWidgets import QApplication

    from pmdesk.services.workspaces import written_since
    from pmdesk.ui.dialogs import show_problem

    app = QApplication.instance()
    if isinstance(app, QApplication) and app.windowIcon().isNull():
        app.setWindowIcon(app_icon())  # eight images to read: after the first paint too
    services: Services | None
    try:
        services, _first_run = open_or_create(path)
    except PmdeskError as exc:
        show_problem(window, exc.message)
        services = None
        if path is not None:
            try:
                services, _first_run = open_or_create(None)
            except PmdeskError as again:
                show_problem(window, again.message)
        if services is not None:
            window.switch_to(services)
            return True
    if services is None:
        window.close()
        QApplication.exit(1)
        return False
    window.install(services, changed_since_read=written_since(services, mark))
    return True


def app_icon() -> QIcon:
    """The window icon: crisp hand-tuned PNGs at small sizes, the SVG above them."""
    from PySide6.QtGui import QIcon

    from pmdesk.assets import resource

    icon = QIcon(str(resource("icons", f"{APP_ID}.svg")))
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = resource("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")
        if png.exists():
            icon.addFile(str(png))
    return icon


def _crash_handler(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """A bug reached the event loop: say so plainly and keep the details for a report."""
    import traceback

    details = "".join(traceback.format_exception(kind, value, tb))
    print(details, file=sys.stderr)
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    if isinstance(value, PmdeskError):
        QMessageBox.warning(None, "pmdesk", value.message)
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "pmdesk hit a bug",
                      "Something went wrong inside pmdesk. Your saved work is safe: every change "
                      "is stored as soon as it is made. The details below help us fix it.")
    box.setDetailedText(details)
    box.exec()
