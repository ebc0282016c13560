"""Read an imported JSON file with bounds: depth, numbers and text that SQLite can store.

Python's JSON reader accepts ``NaN`` and ``Infinity``, integers of any size, lone surrogate
escapes (``"\\ud800"``) and nesting until the interpreter's recursion limit. An import
refuses each of them with one sentence naming the place in the file, before anything is
written.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NoReturn

from pmdesk.services.importing.plan import ImportFileError

MAX_DEPTH = 64
SQLITE_INT_MIN = -(2**63)
SQLITE_INT_MAX = 2**63 - 1
_SURROGATE_ESCAPE = re.compile(rb"\\[uU][dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused:
    """A number the file holds that pmdesk will not store, kept to name its place."""

    __slots__ = ("text", "reason")

    def __init__(self, text: str, reason: str) -> None:
        self.text, self.reason = text, reason


def _parse_int(text: str) -> int | _Refused:
    digits = text.lstrip("-")
    if len(digits) <= 18:
        return int(text)
    if len(digits) <= 19:
        value = int(text)
        if SQLITE_INT_MIN <= value <= SQLITE_INT_MAX:
            return value
    return _Refused(text, "outside the range pmdesk stores (about ±9.2 × 10¹⁸)")


def _parse_float(text: str) -> float | _Refused:
    value = float(text)
    if math.isfinite(value):
        return value
    return _Refused(text, "too large to store")


def _parse_constant(text: str) -> _Refused:
    return _Refused(text, "not a finite number")


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_json(data: bytes, file_name: str, what: str) -> Any:
    """Parse ``data`` (UTF-8, a BOM allowed) or refuse it in one sentence.

    ``what`` names the kind of file expected (“Trello export”) for the encoding message.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _fail(f"{file_name} is not UTF-8 text, so it is not a {what}.")
    try:
        document = json.loads(text, parse_int=_parse_int, parse_float=_parse_float,
                              parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        _fail(f"{file_name} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
              f"{exc.msg}).")
    except RecursionError:
        _fail(f"{file_name} nests lists or objects more than {MAX_DEPTH} levels deep; it is "
              f"not a {what}.")
    except ValueError as exc:  # a number the reader cannot convert at all
        _fail(f"{file_name} holds a number pmdesk cannot read ({_shorten(str(exc), 60)}).")
    _walk(document, file_name, surrogates=_SURROGATE_ESCAPE.search(data) is not None)
    return document


def _walk(document: Any, file_name: str, *, surrogates: bool) -> None:
    """Refuse nesting beyond ``MAX_DEPTH``, refused numbers and (if escaped) lone surrogates.

    Iterative, so a deep document cannot exhaust the interpreter's stack; places are only
    spelled out for the value that is refused.
    """
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(document, 0, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, dict):
            if depth >= MAX_DEPTH:
                _fail(f"{file_name}: {_place(path)} nests lists or objects more than "
                      f"{MAX_DEPTH} levels deep.")
            for key, item in value.items():
                if surrogates and _SURROGATE.search(key):
                    _fail(f"{file_name}: {_place(path)} has a name with a lone surrogate "
                          "escape (\\ud800–\\udfff), which is not text.")
                if isinstance(item, dict | list | _Refused) or (surrogates and
                                                                 isinstance(item, str)):
                    stack.append((item, depth + 1, (*path, key)))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                _fail(f"{file_name}: {_place(path)} nests lists or objects more than "
                      f"{MAX_DEPTH} levels deep.")
            for index, item in enumerate(value):
                if isinstance(item, dict | list | _Refused) or (surrogates and
                                                                 isinstance(item, str)):
                    stack.append((item, depth + 1, (*path, index)))
        elif isinstance(value, _Refused):
            _fail(f"{file_name}: {_place(path)} is {_shorten(value.text)}, which is "
                  f"{value.reason}.")
        elif isinstance(value, str) and _SURROGATE.search(value):
            _fail(f"{file_name}: {_place(path)} holds a lone surrogate escape "
                  "(\\ud800–\\udfff), which is not text.")


def _place(path: tuple[str | int, ...]) -> str:
    """Spell a place like ``products[0] › boards[1] › name`` (“the top level” for none)."""
    if not path:
        return "the top level"
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and parts:
            parts[-1] += f"[{step}]"
        elif isinstance(step, int):
            parts.append(f"item {step}")
        else:
            parts.append(f"“{_shorten(step, 40)}”" if not step.isidentifier() else step)
    return " › ".join(parts)


def _fail(message: str) -> NoReturn:
    raise ImportFileError(message)
