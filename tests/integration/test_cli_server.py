"""The command line on a server workspace: every WORKSPACE takes a URL; push and pull."""

from __future__ import annotations

import json

import pytest

from tests.integration.cli import run_cli

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_a_local_workspace_goes_to_a_server_and_back(tmp_path, pg_empty_url):
    local = tmp_path / "team.pmdesk"
    assert run_cli("demo", local, "--initiatives", "6", "--tasks", "30").returncode == 0
    secret = pg_empty_url.replace("@", ":hunter2@")  # trust auth: the password is ignored

    pushed = run_cli("push", local, secret)
    assert pushed.returncode == 0, pushed.stderr
    assert "history events" in pushed.stdout and "hunter2" not in pushed.stdout

    again = run_cli("push", local, pg_empty_url)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "not empty" in again.stderr

    checked = run_cli("check", secret)
    assert checked.returncode == 0, checked.stderr
    assert "integrity:   ok" in checked.stdout and "hunter2" not in checked.stdout

    cards = tmp_path / "cards.csv"
    cards.write_text("Summary,Status\nShip it,To Do\n")
    imported = run_cli("import", "csv", cards, pg_empty_url)
    assert imported.returncode == 0, imported.stderr

    dumped = tmp_path / "team.json"
    assert run_cli("export", "json", pg_empty_url, "-o", dumped).returncode == 0
    assert len(json.loads(dumped.read_text())["products"]) == 3  # the sample's two and cards

    copy = tmp_path / "copy.pmdesk"
    assert run_cli("backup", pg_empty_url, "-o", copy).returncode == 0
    assert run_cli("check", copy).returncode == 0

    back = tmp_path / "back.pmdesk"
    assert run_cli("pull", pg_empty_url, back).returncode == 0
    refused = run_cli("pull", pg_empty_url, back)
    assert refused.returncode == 1 and "already exists" in refused.stderr


def test_an_unreachable_server_is_one_line(tmp_path):
    done = run_cli("check", "postgresql://nobody@127.0.0.1:9/atlas")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot be reached" in done.stderr
