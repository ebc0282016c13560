from datetime import date

import pytest

from pmdesk.domain import rules
from pmdesk.domain.enums import ColumnKind, InitiativeStatus
from pmdesk.domain.errors import ValidationError
from pmdesk.domain.models import Initiative, Person, Task


@pytest.mark.parametrize("title", ["", "   ", "\n\t", None, 42])
def test_empty_or_non_text_titles_are_refused(title):
    with pytest.raises(ValidationError, match="cannot be empty"):
        rules.clean_title(title)


def test_title_whitespace_is_collapsed():
    assert rules.clean_title("  Login \n page ") == "Login page"


def test_end_before_start_is_refused_with_both_dates_named():
    with pytest.raises(ValidationError, match="2026-01-01 is before the start date 2026-02-01"):
        rules.check_date_order(date(2026, 2, 1), date(2026, 1, 1))


def test_half_scheduled_span_is_refused():
    with pytest.raises(ValidationError, match="both"):
        rules.check_date_order(date(2026, 2, 1), None)


@pytest.mark.parametrize(
    ("reach", "impact", "confidence", "effort"),
    [(-1, 1, 50, 1), (10, 5, 50, 1), (10, 0.1, 50, 1), (10, 1, 120, 1), (10, 1, 50, 0)],
)
def test_out_of_range_rice_inputs_are_refused(reach, impact, confidence, effort):
    with pytest.raises(ValidationError):
        rules.check_rice(reach, impact, confidence, effort)


def test_rice_score_needs_every_input():
    assert rules.rice_score(1000, 2, 80, 4) == pytest.approx(400)
    assert rules.rice_score(1000, 2, None, 4) is None


def test_cycles_are_found_through_several_steps():
    edges = [(1, 2), (2, 3)]
    assert rules.creates_cycle(edges, 3, 1)
    assert rules.creates_cycle(edges, 2, 2)
    assert not rules.creates_cycle(edges, 1, 3)


def _initiative(**kw):
    return Initiative(id=1, product_id=1, title="X", **kw)


def test_dependency_is_violated_when_the_blocker_ends_after_the_blocked_starts():
    blocker = _initiative(start_date=date(2026, 1, 1), end_date=date(2026, 3, 1))
    early = _initiative(start_date=date(2026, 2, 1), end_date=date(2026, 4, 1))
    late = _initiative(start_date=date(2026, 3, 2), end_date=date(2026, 4, 1))
    assert rules.dependency_violated(blocker, early)
    assert not rules.dependency_violated(blocker, late)


def _task(column, due=None, estimate=None, archived=False):
    from datetime import datetime

    return Task(id=1, board_id=1, column_id=column, title="t", due_date=due, estimate=estimate,
                archived_at=datetime(2026, 1, 1) if archived else None)


def test_progress_counts_by_number_and_by_estimate_and_ignores_archived():
    today = date(2026, 3, 1)
    tasks = [_task(3, estimate=8), _task(1, estimate=2, due=date(2026, 2, 1)),
             _task(1, estimate=None), _task(3, archived=True)]
    progress = rules.progress_of(tasks, {3}, today)
    assert (progress.done, progress.total, progress.overdue) == (1, 3, 1)
    assert progress.by_count == pytest.approx(1 / 3)
    assert progress.by_estimate == pytest.approx(0.8)


def test_at_risk_when_a_task_is_due_after_the_end_or_the_end_passed():
    today = date(2026, 3, 1)
    running = _initiative(start_date=date(2026, 2, 1), end_date=date(2026, 3, 31),
                          status=InitiativeStatus.IN_PROGRESS)
    assert rules.is_at_risk(running, rules.Progress(0, 2), date(2026, 4, 10), today)
    assert not rules.is_at_risk(running, rules.Progress(0, 2), date(2026, 3, 10), today)
    overdue = _initiative(start_date=date(2026, 1, 1), end_date=date(2026, 2, 1),
                          status=InitiativeStatus.IN_PROGRESS)
    assert rules.is_at_risk(overdue, rules.Progress(1, 2), None, today)
    assert not rules.is_at_risk(overdue, rules.Progress(2, 2), None, today)
    done = _initiative(start_date=date(2026, 1, 1), end_date=date(2026, 2, 1),
                       status=InitiativeStatus.DONE)
    assert not rules.is_at_risk(done, rules.Progress(0, 2), None, today)


def test_hard_wip_limit_refuses_with_the_column_name():
    assert rules.wip_refusal("Review", 3, True, 4) == "“Review” is at its limit of 3 cards."
    assert rules.wip_refusal("Review", 3, False, 9) is None
    assert rules.wip_refusal("Review", None, True, 9) is None


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-31", "tomorrow"])
def test_bad_dates_get_a_clear_message(text):
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        rules.parse_date(text)


def test_numbers_accept_comma_decimals_and_refuse_words():
    assert rules.parse_number("2,5", "estimate") == 2.5
    with pytest.raises(ValidationError, match="must be a number"):
        rules.parse_number("lots", "estimate")


def test_parse_enum_lists_the_choices():
    with pytest.raises(ValidationError, match="todo, doing, done"):
        rules.parse_enum(ColumnKind, "later", "column kind")


def test_initials():
    assert Person(1, "Zofia Wójcik").initials == "ZW"
    assert Person(1, "Νίκος").initials == "ΝΊ"
