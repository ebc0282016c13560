"""Rolling copies of each workspace in the user data folder."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from pathlib import Path

import platformdirs

from pmdesk.store.sqlite import copy_database

KEEP = 7
DAILY = timedelta(hours=20)


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir("pmdesk", appauthor=False))


def backup_folder(workspace: Path) -> Path:
    key = hashlib.sha1(str(workspace.resolve()).encode()).hexdigest()[:8]
    return data_dir() / "backups" / f"{workspace.stem}-{key}"


def existing_backups(workspace: Path) -> list[Path]:
    folder = backup_folder(workspace)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.pmdesk"))


def make_backup(workspace: Path, reason: str = "auto") -> Path:
    """Copy the workspace online into its backup folder and prune the oldest copies."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_folder(workspace) / f"{stamp}-{reason}.pmdesk"
    copy_database(workspace, target)
    for old in existing_backups(workspace)[:-KEEP]:
        old.unlink(missing_ok=True)
    return target


def backup_if_due(workspace: Path, now: datetime | None = None) -> Path | None:
    """Take the daily copy unless a recent one exists."""
    now = now or datetime.now()
    backups = existing_backups(workspace)
    if backups:
        newest = datetime.fromtimestamp(backups[-1].stat().st_mtime)
        if now - newest < DAILY:
            return None
    return make_backup(workspace)
