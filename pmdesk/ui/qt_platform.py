"""Before the window opens: can Qt's platform plugin load, and does a display answer?

Without this, a missing system library or a silent X server makes Qt abort (exit 134)
with a misleading message. Also keeps Qt's chatter off the terminal unless asked for.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QMessageLogContext, QtMsgType, qInstallMessageHandler

# Debian/Ubuntu packages of the libraries Qt's xcb and Wayland plugins load, by file name.
PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}
PLUGINS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}

_verbose = [False]


def quiet_qt_messages(verbose: bool = False) -> None:
    """Keep Qt's debug output and warnings off stderr unless ``verbose``; errors always show."""
    _verbose[0] = verbose
    qInstallMessageHandler(_handle_message)


def _handle_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if _verbose[0] or kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(f"Qt: {message}", file=sys.stderr)


def candidate_platforms(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        return [name.split(":")[0] for name in chosen.split(";") if name]
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def unresolved_libraries(plugin: Path) -> list[str]:
    """Libraries ``plugin`` needs that the system cannot find (empty when it loads)."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as exc:
        first = str(exc).split(":")[0].strip()
    import shutil  # only to explain a plugin that does not load
    import subprocess

    ldd = shutil.which("ldd")
    if ldd is None:
        return [first]
    listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True).stdout
    missing = [line.split()[0] for line in listing.splitlines() if "not found" in line]
    return list(dict.fromkeys(missing)) or [first]


def display_answers(platform: str, env: Mapping[str, str]) -> bool:
    """Whether the X server or Wayland compositor the environment names accepts a client."""
    try:
        if platform == "xcb":
            xcb = ctypes.CDLL("libxcb.so.1")
            xcb.xcb_connect.restype = ctypes.c_void_p
            xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
            xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
            xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
            connection = xcb.xcb_connect(env.get("DISPLAY", "").encode() or None, None)
            failed = xcb.xcb_connection_has_error(connection)
            xcb.xcb_disconnect(connection)
            return not failed
        name = env.get("WAYLAND_DISPLAY", "") or "wayland-0"
        socket = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
        if not env.get("XDG_RUNTIME_DIR") and not name.startswith("/") or not socket.exists():
            return False  # nothing listens there (and libwayland would print its own error)
        wayland = ctypes.CDLL("libwayland-client.so.0")
        wayland.wl_display_connect.restype = ctypes.c_void_p
        wayland.wl_display_connect.argtypes = [ctypes.c_char_p]
        wayland.wl_display_disconnect.argtypes = [ctypes.c_void_p]
        display = wayland.wl_display_connect(env.get("WAYLAND_DISPLAY", "").encode() or None)
        if display:
            wayland.wl_display_disconnect(display)
        return bool(display)
    except OSError:
        return False


def platform_problem(env: Mapping[str, str] | None = None,
                     plugins: Path | None = None) -> str | None:
    """One sentence saying why no window can open, or None when one can."""
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if env is None else env
    if plugins is None:
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    problems = []
    for platform in candidate_platforms(env):
        if platform not in PLUGINS:
            return None  # offscreen, vnc, eglfs…: Qt reports its own problems
        missing = unresolved_libraries(plugins / PLUGINS[platform])
        if missing:
            packages = " ".join(dict.fromkeys(PACKAGES.get(name, name) for name in missing))
            sudo = "" if os.geteuid() == 0 else "sudo "
            problems.append(f"the window needs system packages that are missing: {packages} "
                            f"(install them with '{sudo}apt-get install {packages}').")
        elif display_answers(platform, env):
            return None
        else:
            where = env.get("DISPLAY" if platform == "xcb" else "WAYLAND_DISPLAY", "")
            display = f"no display at {where}" if where else "no graphical display was found"
            problems.append(f"{display}, so the window cannot open; the commands in "
                            "'pmdesk --help' work without one.")
    return problems[0] if problems else None
