"""`pmdesk export changes`: what moved since a baseline or a date, as PDF or CSV."""

import csv
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from pmdesk.services.workspaces import open_services
from tests.integration.cli import run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("changes") / "w.pmdesk"
    assert run_cli("demo", path).returncode == 0
    services = open_services(path)
    product = services.products.list_products()[0]
    services.baselines.save_baseline(product.id, "Q1 plan")
    services.workspace.close()
    return path


def test_since_a_date_writes_one_page_with_the_slips_and_their_reasons(sample, tmp_path):
    out = tmp_path / "changes.pdf"
    since = (date.today() - timedelta(days=92)).isoformat()
    result = run_cli("export", "changes", sample, "--since", since, "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote what moved in “Atlas Field” since")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "What moved since" in text and "moved later" in text and "+" in text


def test_since_a_baseline_by_name_as_csv(sample, tmp_path):
    out = tmp_path / "changes.csv"
    result = run_cli("export", "changes", sample, "--since", "q1 plan", "-o", out)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(row["change"] in ("moved", "added", "removed", "changed") for row in rows)


def test_an_unknown_baseline_is_one_sentence_and_writes_nothing(sample, tmp_path):
    out = tmp_path / "changes.pdf"
    result = run_cli("export", "changes", sample, "--since", "last spring", "-o", out)
    assert result.returncode == 1
    assert "neither a baseline of this product nor a date" in result.stderr
    assert "Q1 plan" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
