"""Thousands of mutated Trello, CSV and pmdesk JSON files through each importer.

Each file either imports or is refused with one sentence (a ``PmdeskError``, exit 1 on the
command line) that writes nothing; nothing else may escape, and the workspace passes
``pmdesk check`` afterwards. The mutants are seeded: a failure names the case that
reproduces it. ``PMDESK_FUZZ_CASES`` and ``PMDESK_FUZZ_SEED`` run more or other cases.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from pmdesk import documents
from pmdesk.domain.errors import PmdeskError
from pmdesk.services import Services
from pmdesk.services.demo import DemoService
from pmdesk.store import tables as t
from pmdesk.store.integrity import check_file
from pmdesk.store.workspace import create_workspace
from tests.conftest import FIXED_NOW
from tests.integration.cli import run_cli
from tests.unit.services.mutations import mutants

CASES = int(os.environ.get("PMDESK_FUZZ_CASES", "5000"))
SEED = int(os.environ.get("PMDESK_FUZZ_SEED", "20261202"))
BATCH = 500  # mutants per workspace; each workspace is checked when its batch ends
TRELLO_DATA = Path(__file__).resolve().parents[2] / "data" / "trello"
JIRA_DATA = Path(__file__).resolve().parents[2] / "data" / "jira"

JIRA_CSV = (
    "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Labels,Labels,Sprint,"
    "Sprint,Watchers,Watchers,Component/s,Created,Due Date,Custom field (Story Points),"
    "Parent,Parent id,Custom field (Epic Link),Description\n"
    "Checkout revamp,SHOP-1,10001,Epic,In Progress,High,Ann Lee,ux,,Sprint 1,,Ann Lee,,Web,"
    "03/Feb/26 9:15 AM,,,,,,The whole checkout\n"
    "Card form,SHOP-2,10002,Story,To Do,Medium,Bob Ray,ux,forms,Sprint 1,Sprint 2,Ann Lee,"
    "Bob Ray,Web,04/Feb/26 10:00 AM,12/Mar/26 4:00 PM,5,,10001,SHOP-1,Card number and expiry\n"
    "Validate expiry,SHOP-3,10003,Sub-task,Done,Low,Bob Ray,,,,,,,,05/Feb/26 11:00 AM,,,"
    "SHOP-2,10002,,\n"
    "Receipts,SHOP-4,10004,Task,Done,Lowest,,billing,,Sprint 2,,,,,2026-02-06T08:00:00.000+0100,"
    "2026-03-20,2.5,,,SHOP-1,\n"
)
TRELLO_CSV = (
    "Card ID,Card Name,Card URL,Card Description,Labels,Members,Due Date,List Name,Archived\n"
    "a1,Design logo,https://trello.com/c/a1,Make it pop,Design (green),\"Ann Lee, Bob Ray\","
    "2026-03-01T12:00:00.000Z,Doing,false\n"
    "a2,Old idea,https://trello.com/c/a2,,Bug (red),,,Backlog,true\n"
)
PMDESK_CSV = (
    "Title;Column;Estimate;Priority;Due;Initiative;Labels\n"
    "Write docs;To do;3;high;2026-04-01;Docs;writing\n"
    "Ship it;Done;0.5;0;;Docs;\n"
)


def _trimmed(path: Path, cards: int = 8) -> bytes:
    """A fixture cut down to a few cards, with their lists, checklists and actions."""
    board = json.loads(path.read_bytes())
    kept = board["cards"][:cards]
    ids = {c["id"] for c in kept}
    lists = {c["idList"] for c in kept}
    board["cards"] = kept
    board["lists"] = [item for item in board["lists"] if item["id"] in lists][:6]
    board["checklists"] = [c for c in board.get("checklists", ()) if c.get("idCard") in ids]
    board["actions"] = [a for a in board.get("actions", ())
                        if (a.get("data") or {}).get("card", {}).get("id") in ids][:12]
    return json.dumps(board, ensure_ascii=False).encode("utf-8")


def trello_seeds() -> list[bytes]:
    return [_trimmed(path) for path in sorted(TRELLO_DATA.glob("*.json"))]


def json_seeds(tmp_path: Path) -> list[bytes]:
    workspace = create_workspace(tmp_path / "seed.pmdesk")
    try:
        services = Services(workspace, clock=lambda: FIXED_NOW)
        DemoService(workspace, clock=lambda: FIXED_NOW).generate(initiatives=3, tasks=8)
        return [documents.workspace_json(services)[0]]
    finally:
        workspace.close()


def csv_seeds() -> list[bytes]:
    exports = [path.read_bytes() for path in sorted(JIRA_DATA.glob("*.csv"))]
    return [*(text.encode("utf-8") for text in (JIRA_CSV, TRELLO_CSV, PMDESK_CSV)), *exports]


def _import(services: Services, kind: str, path: Path) -> None:
    if kind == "trello":
        services.importing.import_trello(path, include_archived=path.stat().st_size % 2 == 0)
    elif kind == "csv":
        services.importing.import_csv(path)
    else:
        services.importing.import_json(path)


def _assert_checks(path: Path) -> None:
    report = check_file(path)
    assert report.ok, report.problems


def _fuzz(tmp_path: Path, kind: str, seeds: list[bytes], seed: int) -> Counter[str]:
    """Import every mutant; a fresh workspace per batch keeps each ``check`` quick."""
    suffix = "csv" if kind == "csv" else "json"
    path = tmp_path / f"mutant.{suffix}"
    outcomes: Counter[str] = Counter()
    workspace = create_workspace(tmp_path / "fuzz-0.pmdesk")
    services = Services(workspace, clock=lambda: FIXED_NOW)
    imported_in_batch = 0
    try:
        for number, data in mutants(seeds, suffix, CASES, seed):
            if number and number % BATCH == 0:
                _assert_batch(services, imported_in_batch)
                workspace = create_workspace(tmp_path / f"fuzz-{number // BATCH}.pmdesk")
                services = Services(workspace, clock=lambda: FIXED_NOW)
                imported_in_batch = 0
            path.write_bytes(data)
            try:
                _import(services, kind, path)
            except PmdeskError as exc:
                message = exc.message
                if "\n" in message or not message.strip():
                    (tmp_path / f"case-{number}.{suffix}").write_bytes(data)
                    pytest.fail(f"{kind} case {number} (seed {seed}): not one line: {message!r}")
                outcomes["refused"] += 1
            except Exception as exc:  # anything else is a bug: keep the file that shows it
                kept = tmp_path / f"case-{number}.{suffix}"
                kept.write_bytes(data)
                raise AssertionError(
                    f"{kind} case {number} (seed {seed}, file {kept}) raised "
                    f"{type(exc).__name__}: {exc}") from exc
            else:
                outcomes["imported"] += 1
                imported_in_batch += 1
    except BaseException:
        workspace.close()
        raise
    _assert_batch(services, imported_in_batch)
    return outcomes


def _assert_batch(services: Services, imported: int) -> None:
    """Each import that succeeded wrote one transaction, a refused one none; all pass check."""
    with services.workspace.engine.connect() as conn:
        written = conn.execute(sa.select(sa.func.count(sa.distinct(t.event.c.txn)))).scalar()
    services.workspace.close()
    assert written == imported, f"{written} transactions for {imported} imports"
    _assert_checks(services.workspace.path)


@pytest.mark.parametrize("kind", ["trello", "csv", "json"])
def test_mutated_files_import_or_are_refused_in_one_sentence(tmp_path, kind):
    seeds = {"trello": trello_seeds, "csv": csv_seeds}.get(kind, lambda: json_seeds(tmp_path))()
    outcomes = _fuzz(tmp_path, kind, seeds, SEED + len(kind))
    assert sum(outcomes.values()) == CASES
    # The mutants exercise both paths, not only the JSON parser's refusals.
    assert outcomes["imported"] > CASES // 20 and outcomes["refused"] > CASES // 20, outcomes


@pytest.mark.slow  # starts pmdesk in a subprocess per mutant
@pytest.mark.parametrize("kind", ["trello", "csv", "json"])
def test_mutated_files_on_the_command_line_exit_0_or_1_with_one_line(tmp_path, kind):
    seeds = {"trello": trello_seeds, "csv": csv_seeds}.get(kind, lambda: json_seeds(tmp_path))()
    workspace = tmp_path / "cli.pmdesk"
    create_workspace(workspace).close()
    suffix = "csv" if kind == "csv" else "json"
    codes = set()
    for number, data in mutants(seeds, suffix, 3, SEED - len(kind)):
        path = tmp_path / f"mutant-{number}.{suffix}"
        path.write_bytes(data)
        done = run_cli("import", kind, path, workspace)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
        lines = (done.stderr if done.returncode else done.stdout).strip().splitlines()
        assert len(lines) == 1, done.stderr + done.stdout
        codes.add(done.returncode)
    _assert_checks(workspace)
