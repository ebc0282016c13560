"""The status an initiative's cards point to."""

import pytest

from pmdesk.domain.enums import InitiativeStatus as S
from pmdesk.domain.rules import Progress, derived_status


@pytest.mark.parametrize(("stored", "done", "total", "expected"), [
    (S.PLANNED, 0, 0, S.PLANNED),        # no cards: nothing to say
    (S.PLANNED, 0, 3, S.PLANNED),
    (S.PLANNED, 1, 3, S.IN_PROGRESS),
    (S.IDEA, 1, 3, S.IN_PROGRESS),
    (S.PLANNED, 3, 3, S.DONE),
    (S.IN_PROGRESS, 3, 3, S.DONE),
    (S.DONE, 2, 3, S.IN_PROGRESS),       # a card reopened
    (S.DONE, 0, 3, S.DONE),
    (S.DROPPED, 3, 3, S.DROPPED),
])
def test_derived_status(stored, done, total, expected):
    assert derived_status(stored, Progress(done=done, total=total)) is expected
