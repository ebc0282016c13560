import pytest
from reportlab.lib.pagesizes import LETTER, landscape

from pmdesk.domain.enums import ColumnKind
from pmdesk.domain.models import Column, Task
from pmdesk.export import build_board
from pmdesk.export.board import plan_pages
from tests.unit.export.helpers import Pdf, demo
from tests.unit.export.layout import overlapping, text_boxes


def test_board_lists_columns_and_cards_with_their_details(services, small):
    snapshot = services.reads.board(small["board"])
    pdf = Pdf.of(build_board(snapshot, LETTER, product_name="Kraków <b>Tools</b> & Co",
                             workspace_name="test.pmdesk"))
    assert pdf.size() == pytest.approx(landscape(LETTER), abs=0.01)
    text = pdf.text
    for expected in ("Kraków <b>Tools</b> & Co · Delivery — board", "4 cards in 3 columns",
                     "1 overdue", "To do", "Doing", "Done",
                     "Write the sync spec", "Ship the sync prototype",
                     "Draw <b>invoice</b> & totals", "Export audit CSV",
                     "Ola Kowalczyk", "Νίκος Παπαδόπουλος", "Unassigned", "due 28 Feb",
                     "due 5 Mar", "urgent <now>", "Offline sync", "Invoice on site", "Audit log"):
        assert expected in text, expected


def test_every_card_of_a_large_board_is_printed_once(services):
    demo(services, initiatives=40, tasks=400)
    product = services.products.list_products()[0]
    board = services.boards.list_boards(product.id)[0]
    snapshot = services.reads.board(board.id)
    data = build_board(snapshot, LETTER)
    pdf = Pdf.of(data)
    assert len(pdf.pages) > 3
    assert "(continued)" in pdf.text
    assert pdf.text.count("Page ") == len(pdf.pages)
    for page in pdf.reader.pages[:2]:
        assert overlapping(text_boxes(page)) == []
    assert build_board(snapshot, LETTER) == data


def test_pages_share_slots_and_cover_every_card_in_order():
    columns = [Column(i, 1, f"C{i}", i, ColumnKind.TODO) for i in range(1, 4)]
    tasks_of = {1: [Task(n, 1, 1, f"t{n}") for n in range(1, 4)],
                2: [],
                3: [Task(n, 1, 3, f"t{n}") for n in range(10, 60)]}
    pages = plan_pages(columns, tasks_of, slots=4, per_slot=5)
    first = pages[0]
    assert [s.column.id for s in first] == [1, 2, 3, 3]
    printed = [t.id for page in pages for slot in page for t in slot.tasks]
    expected = [t.id for c in columns for t in tasks_of[c.id]]
    assert sorted(printed) == sorted(expected) and len(printed) == len(set(printed))
    for page in pages[1:]:
        assert {s.column.id for s in page} == {3} and len(page) == 4
    many = [Column(i, 1, f"C{i}", i) for i in range(1, 10)]
    pages = plan_pages(many, {c.id: [] for c in many}, slots=4, per_slot=5)
    assert [[s.column.id for s in p] for p in pages] == [[1, 2, 3, 4], [5, 6, 7, 8], [9]]
