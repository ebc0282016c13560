"""Write finished documents in one step."""

from __future__ import annotations

import os
from pathlib import Path

from pmdesk.domain.errors import ExportError, describe_os_error


def write_atomically(path: Path, data: bytes) -> None:
    """Write the whole file at once so a failure never leaves half a document behind."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(describe_os_error(exc, str(path), "no file was written")) from None
