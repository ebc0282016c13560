"""A seeded mutator of import files: truncations, byte flips, type swaps, nesting, huge
numbers and odd Unicode, applied to real fixtures so most mutants stay close to valid files.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from typing import Any

HOSTILE_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 2**63, -(2**63) - 1, 10**30, 1e308, -1e308, 0.5,
    float("nan"), float("inf"), float("-inf"), "", " ", "x" * 5000, "\ud800", "a\udfffb",
    "\u202eexe.txt", "<img src=/etc/passwd>", "\x00\x01", "😀" * 50, "null", "1e999",
    "2026-02-31", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", [], {}, [[]],
    {"id": None}, [1, "two", None], "\n\n", "NaN",
)
HOSTILE_BYTES = (b"\x00", b"\xff", b"\xc3", b'"', b"\\", b"{", b"[", b"]", b"}", b",", b"\n",
                 b"\r", b";", b"\t", b"\\ud800", b"\xef\xbb\xbf", b"1e999", b"-", b"NaN",
                 b"99999999999999999999999", b"\xe2\x80\xae")
HOSTILE_CELLS = ("", "1e999", "NaN", "-inf", "-5", "9" * 40, '"', '""', "\x00", "=cmd|' /C'",
                 "31/Feb/26", "12/Xyz/26 4:00 PM", "12/Mar/26 4:00 PM", "2026-13-01",
                 "2026-03-01T10:00:00.000+0100", "urgent", "P9", "yes", "maybe", "\u202e",
                 "x" * 3000, "Epic", "Sub-task", "ABC-1", "ABC-999", "0", "-0", "1,5", "😀")


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return rng.choice(HOSTILE_BYTES)
    choice = rng.randrange(6)
    at = rng.randrange(len(data))
    if choice == 0:  # truncation
        return data[:at]
    if choice == 1:  # byte flip
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
    if choice == 2:  # insertion
        return data[:at] + rng.choice(HOSTILE_BYTES) + data[at:]
    if choice == 3:  # deletion of a span
        return data[:at] + data[at + rng.randrange(1, 64):]
    if choice == 4:  # a span repeated
        span = data[at:at + rng.randrange(1, 200)]
        return data[:at] + span * rng.randrange(2, 5) + data[at:]
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]


def _paths(document: Any) -> list[tuple[Any, ...]]:
    """The path (keys and indexes) of every value of a JSON document, iteratively."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            found.append((*path, key))
            if isinstance(item, dict | list):
                stack.append((item, (*path, key)))
    return found


_PATHS: dict[bytes, list[tuple[Any, ...]]] = {}


def _hostile(rng: random.Random, old: Any) -> Any:
    roll = rng.randrange(10)
    if roll == 0:
        depth = rng.choice((5, 63, 65, 300, 5000))
        nested: Any = old
        for _ in range(depth):
            nested = [nested] if rng.random() < 0.5 else {"a": nested}
        return nested
    if roll == 1 and isinstance(old, str):
        return old + rng.choice(("\ud800", "\u0000", "\u202e", "😀", "\ufeff", "\U0010ffff"))
    if roll == 2 and isinstance(old, int | float) and not isinstance(old, bool):
        return rng.choice((old * 10**20, -old, old + 0.5, str(old), [old]))
    if roll == 3:  # a type swap
        return {str: 1, int: "1", float: "1.5", bool: "true", list: {}, dict: [],
                type(None): 0}.get(type(old), None)
    return rng.choice(HOSTILE_VALUES)


def _mutate_json(rng: random.Random, data: bytes) -> bytes:
    document = json.loads(data)
    if data not in _PATHS:
        _PATHS[data] = _paths(document)
    paths = _PATHS[data]
    for _ in range(rng.randrange(1, 4)):
        if not paths:
            break
        *parents, key = rng.choice(paths)
        container = document
        try:
            for step in parents:
                container = container[step]
            container[key]  # noqa: B018 (an earlier change may have removed the place)
        except (KeyError, IndexError, TypeError):
            continue
        if rng.random() < 0.15:
            if isinstance(container, dict):
                container.pop(key, None)
            elif key < len(container):
                container.append(container[key])
            continue
        try:
            container[key] = _hostile(rng, container[key])
        except (KeyError, IndexError):
            continue
    try:
        return json.dumps(document, ensure_ascii=rng.random() < 0.7).encode("utf-8",
                                                                           "surrogatepass")
    except RecursionError:
        return data[: len(data) // 2]


def _mutate_csv(rng: random.Random, data: bytes) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    for _ in range(rng.randrange(1, 4)):
        row = rng.choice(rows)
        roll = rng.randrange(5)
        if roll == 0 and row:
            row[rng.randrange(len(row))] = rng.choice(HOSTILE_CELLS)
        elif roll == 1:
            row.append(rng.choice(HOSTILE_CELLS))
        elif roll == 2 and row:
            row.pop(rng.randrange(len(row)))
        elif roll == 3:
            rows.insert(rng.randrange(len(rows) + 1), list(rng.choice(rows)))
        elif row:
            i, j = rng.randrange(len(row)), rng.randrange(len(row))
            row[i], row[j] = row[j], row[i]
    out = io.StringIO()
    csv.writer(out, delimiter=rng.choice((",", ",", ",", ";", "\t"))).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


STRUCTURED: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "json": _mutate_json, "csv": _mutate_csv,
}


def mutants(seeds: list[bytes], kind: str, count: int, seed: int):
    """Yield ``count`` (number, bytes) mutants of the ``seeds``; the same seed, the same files."""
    rng = random.Random(seed)
    structured = STRUCTURED[kind]
    for number in range(count):
        data = rng.choice(seeds)
        if rng.random() < 0.55:
            data = structured(rng, data)
        for _ in range(rng.choice((0, 1, 1, 2))):
            data = _mutate_bytes(rng, data)
        yield number, data
