"""Storage failures become one sentence saying what happened and what to do."""

import errno
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from pmdesk.domain import errors
from pmdesk.store.sqlite import summarise_report
from pmdesk.store.sqlite_errors import classify, storage_errors

WS = Path("/somewhere/ws.pmdesk")


def sqlite_error(code: int, kind: type[sqlite3.Error] = sqlite3.OperationalError) -> sqlite3.Error:
    exc = kind("driver text that must not matter")
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(("code", "kind", "words"), [
    (13, errors.DiskFullError, "The disk holding ws.pmdesk is full; free some space"),
    (8, errors.ReadOnlyWorkspaceError, "read-only disk"),
    (8 | (4 << 8), errors.StorageError, "was it moved or deleted"),
    (14, errors.StorageError, "cannot be reached any more"),
    (5, errors.WorkspaceLockedError, "busy in another program; try again in a moment"),
    (6, errors.WorkspaceLockedError, "busy in another program"),
    (7, errors.StorageError, "ran out of memory"),
    (10 | (12 << 8), errors.StorageError, "ran out of memory"),
    (10 | (3 << 8), errors.StorageError, "failed to read or write"),
    (11, errors.CorruptWorkspaceError, "is damaged; run pmdesk check"),
    (26, errors.CorruptWorkspaceError, "is damaged"),
])
def test_each_driver_code_is_one_sentence_with_what_to_do(code, kind, words):
    known = classify(sqlite_error(code), WS)
    assert type(known) is kind
    assert words in known.message
    assert known.message.endswith("— nothing was changed.")
    assert "driver text" not in known.message and "\n" not in known.message


def test_the_wrapped_sqlalchemy_error_is_classified_by_its_driver_code():
    wrapped = sa.exc.OperationalError("INSERT ...", {}, sqlite_error(13))
    assert isinstance(classify(wrapped, WS, "no copy was written"), errors.DiskFullError)


def test_constraint_violations_and_unknown_errors_stay_bugs():
    assert classify(sqlite_error(19, sqlite3.IntegrityError), WS) is None
    assert classify(sqlite3.ProgrammingError("closed"), WS) is None
    assert classify(ValueError("x"), WS) is None
    with pytest.raises(sqlite3.IntegrityError), storage_errors(WS):
        raise sqlite_error(19, sqlite3.IntegrityError)


def test_a_failed_write_rolls_back_and_says_so(services, monkeypatch):
    product = services.products.create_product("Atlas").value
    before = services.products.list_products()
    real_insert = sa.insert

    def exploding_insert(table, *args, **kwargs):
        if getattr(table, "name", "") == "event":
            raise sa.exc.OperationalError("INSERT INTO event", {}, sqlite_error(13))
        return real_insert(table, *args, **kwargs)

    monkeypatch.setattr("pmdesk.services.base.sa.insert", exploding_insert)
    with pytest.raises(errors.DiskFullError, match="nothing was changed"):
        services.products.update_product(product.id, name="Renamed")
    monkeypatch.undo()
    assert services.products.list_products() == before


def test_an_integrity_report_of_many_lines_becomes_one():
    text = summarise_report(["*** in database main ***\nPage 5: btreeInitPage() error",
                             "row 3 missing from index ix_task_board_id", "wrong # of entries"])
    assert "\n" not in text
    assert text.startswith("SQLite reports “*** in database main *** Page 5")
    assert text.endswith("and 2 more problem(s)")


def test_describing_os_errors_names_the_place_and_the_remedy():
    full = errors.describe_os_error(OSError(errno.ENOSPC, "No space"), "out.pdf",
                                    "no file was written")
    assert full == ("The disk holding out.pdf is full; free some space and try again — "
                    "no file was written.")
    assert "read-only disk" in errors.describe_os_error(OSError(errno.EROFS, "x"), "a", "b")

