"""Paper sizes and the locale's default paper, without loading reportlab.

The command line offers these names before anything is drawn, so they live apart from the
drawing code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

_INCH = 72.0
_MM = _INCH / 2.54 * 0.1  # computed as reportlab.lib.units does, so sizes match it exactly

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": (210 * _MM, 297 * _MM),
    "letter": (8.5 * _INCH, 11 * _INCH),
}
# Territories whose printers default to US Letter (as in glibc's LC_PAPER data).
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PR", "CO", "CL", "VE", "PH", "CR", "GT", "PA", "SV", "NI", "DO", "BZ"}
)


def page_size(name: str | None = None, env: Mapping[str, str] | None = None
              ) -> tuple[float, float]:
    """A4 or Letter: the given name, else the paper of the user's locale."""
    if name:
        try:
            return PAGE_SIZES[name.lower()]
        except KeyError:
            raise ValueError(f"unknown page size {name!r}; use a4 or letter") from None
    return PAGE_SIZES[locale_paper(env)]


def locale_paper(env: Mapping[str, str] | None = None) -> str:
    """``letter`` for locales of the Americas and the Philippines that use it, else ``a4``."""
    env = os.environ if env is None else env
    for key in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(key, "")
        if value:
            territory = value.split(".")[0].split("@")[0].partition("_")[2].upper()
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    """The page turned on its side: the longer edge across (as reportlab's ``landscape``)."""
    width, height = size
    return (height, width) if width < height else (width, height)
