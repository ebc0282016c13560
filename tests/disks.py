"""Real small and read-only filesystems for fault tests (a tmpfs the test mounts).

Mounting needs root (CI runs the tests as root); elsewhere the tests skip with the reason.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or "mount failed")


@contextmanager
def small_disk(where: Path, size_kb: int) -> Iterator[Path]:
    """Mount a tmpfs of ``size_kb`` at ``where``; skip the test when that is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    try:
        _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(where))
    except (OSError, FileNotFoundError) as exc:
        pytest.skip(f"cannot mount a small filesystem here ({exc}); run as root to test")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def make_read_only(where: Path) -> None:
    _mount("-o", "remount,ro", str(where))


def fill(disk: Path, leave_bytes: int = 0) -> Path:
    """Fill ``disk`` with one file until at most ``leave_bytes`` are free."""
    filler = disk / "filler.bin"
    chunk = b"\0" * 4096
    with filler.open("ab") as out:
        while True:
            stats = os.statvfs(disk)
            free = stats.f_bavail * stats.f_frsize
            if free <= leave_bytes:
                break
            try:
                out.write(chunk[: max(1, min(len(chunk), free - leave_bytes))])
                out.flush()
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    return filler


def free_space(disk: Path) -> None:
    with suppress(FileNotFoundError):
        (disk / "filler.bin").unlink()
