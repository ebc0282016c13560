"""The conflict dialog shows values as the user reads them: names, labels, no ids."""

from pmdesk.domain.enums import InitiativeStatus
from pmdesk.ui.conflict_dialog import value_text


def test_empty_values_show_a_dash():
    assert [value_text(v) for v in (None, "", ())] == ["—", "—", "—"]


def test_ids_show_the_name_and_a_gone_id_a_dash():
    people = {7: "Zofia"}
    assert value_text(7, people.get) == "Zofia"
    assert value_text(8, people.get) == "—"


def test_enums_show_their_label_and_numbers_drop_trailing_zeros():
    assert value_text(InitiativeStatus.IN_PROGRESS) == InitiativeStatus.IN_PROGRESS.label
    assert value_text(3.0) == "3"
    assert value_text(2.5) == "2.5"
