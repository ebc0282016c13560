"""The one-pager's "Since" block: the top slips since the plan, still on one page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from pmdesk import documents
from pmdesk.services.demo import DemoService


def page_text(services, product_id):
    reader = PdfReader(io.BytesIO(documents.onepager_pdf(services, product_id)))
    return len(reader.pages), reader.pages[0].extract_text()


def test_the_one_pager_shows_what_slipped_since_three_months_ago_on_one_page(services):
    DemoService(services.workspace, services.products.clock).generate(seed=1)
    product = services.products.list_products()[0]
    since = documents.onepager_since(services, product.id)
    top = since.slips()[0]
    pages, text = page_text(services, product.id)
    assert pages == 1
    assert f"SINCE {since.label.upper()}" in text
    assert f"+{top.slip} d" in text and top.title in text


def test_a_baseline_saved_by_hand_is_what_the_block_compares_with(services):
    DemoService(services.workspace, services.products.clock).generate(60, 400, seed=2)
    product = services.products.list_products()[0]
    services.baselines.save_baseline(product.id, "Q1 plan")
    pages, text = page_text(services, product.id)
    assert pages == 1
    assert "SINCE Q1 PLAN" in text and "No initiative's end moved later." in text
