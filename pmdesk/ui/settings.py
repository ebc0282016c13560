"""Window geometry, recent workspaces and the preferences, kept in QSettings.

A workspace is remembered by its location: a file's full path, or a server's URL without
its password (the password stays in ~/.pgpass, PGPASSWORD or the user's head).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from pmdesk.domain.locations import Location, is_server_location, parse_location, shown

MAX_RECENT = 8


class AppSettings:
    """Typed access to the few things pmdesk remembers between runs."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def recent_files(self) -> list[Location]:
        """Recently opened workspaces, newest first: paths, and server URLs as text."""
        values = self._settings.value("recentFiles", [], type=list) or []
        return [parse_location(v) for v in values if isinstance(v, str) and v]

    def add_recent(self, location: Location) -> None:
        location = remembered(location)
        recent = [p for p in self.recent_files() if p != location]
        recent.insert(0, location)
        self._settings.setValue("recentFiles", [str(p) for p in recent[:MAX_RECENT]])

    def forget_recent(self, location: Location) -> None:
        recent = [p for p in self.recent_files() if p != remembered(location)]
        self._settings.setValue("recentFiles", [str(p) for p in recent])

    def geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry", None, type=QByteArray)
        return value if value is not None and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state", None, type=QByteArray)
        return value if value is not None and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def last_product(self, workspace: Location) -> int | None:
        return self._remembered_id("lastProduct", workspace)

    def set_last_product(self, workspace: Location, product_id: int) -> None:
        self._settings.setValue(f"lastProduct/{_key(workspace)}", product_id)

    def _remembered_id(self, kind: str, workspace: Location) -> int | None:
        """The id of a row remembered for one workspace (None when nothing is)."""
        value = self._settings.value(f"{kind}/{_key(workspace)}", 0, type=int)
        return int(value) or None

    def last_page(self) -> str:
        """The title of the tab the window showed last ("" before the first run)."""
        return str(self._settings.value("window/page", "", type=str) or "")

    def set_last_page(self, title: str) -> None:
        self._settings.setValue("window/page", title)

    def me(self, workspace: Location) -> int | None:
        """The person the user said they are in this workspace (for "my cards")."""
        return self._remembered_id("me", workspace)

    def set_me(self, workspace: Location, person_id: int) -> None:
        self._settings.setValue(f"me/{_key(workspace)}", person_id)

    def forecast_growth(self, workspace: Location) -> tuple[float, float]:
        """The scope-growth range of this workspace's forecasts (1.0: none)."""
        key = f"forecastGrowth/{_key(workspace)}"
        low = float(self._settings.value(f"{key}/low", 1.0, type=float))
        high = float(self._settings.value(f"{key}/high", 1.0, type=float))
        return (low, high) if 1.0 <= low <= high else (1.0, 1.0)

    def set_forecast_growth(self, workspace: Location, growth: tuple[float, float]) -> None:
        key = f"forecastGrowth/{_key(workspace)}"
        self._settings.setValue(f"{key}/low", growth[0])
        self._settings.setValue(f"{key}/high", growth[1])

    def compare_choice(self, workspace: Location, product_id: int) -> str:
        """What the product's roadmap is compared with ("" = nothing, the default)."""
        key = f"compareWith/{_key(workspace)}/{product_id}"
        return str(self._settings.value(key, "", type=str) or "")

    def set_compare_choice(self, workspace: Location, product_id: int, choice: str) -> None:
        self._settings.setValue(f"compareWith/{_key(workspace)}/{product_id}", choice)

    def open_after_export(self) -> bool:
        return bool(self._settings.value("export/openAfterwards", True, type=bool))

    def set_open_after_export(self, value: bool) -> None:
        self._settings.setValue("export/openAfterwards", value)

    def export_folder(self) -> Path:
        """Where the last export went (the home folder at first)."""
        value = str(self._settings.value("export/folder", "", type=str) or "")
        folder = Path(value) if value else Path.home()
        return folder if folder.is_dir() else Path.home()

    def set_export_folder(self, folder: Path) -> None:
        self._settings.setValue("export/folder", str(folder))

    def display_name(self) -> str:
        """The name new changes record as their author instead of the login ("" = login)."""
        return str(self._settings.value("identity/displayName", "", type=str) or "").strip()

    def set_display_name(self, name: str) -> None:
        self._settings.setValue("identity/displayName", " ".join(name.split()))

    def sync(self) -> None:
        self._settings.sync()


def remembered(location: Location) -> Location:
    """How a location is kept: a resolved path, or the URL without a password."""
    if is_server_location(location):
        return shown(location)
    return Path(location).resolve()


def _key(location: Location) -> str:
    return str(remembered(location)).replace("/", "|").replace("\\", "|")
