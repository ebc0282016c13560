"""Locate files shipped in ``resources/`` (fonts, icons) in a checkout, wheel or frozen app."""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("pmdesk.resources")))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
