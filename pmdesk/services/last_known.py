"""While the server is out of reach, the reads the window shows and exports from answer with
what they last returned, so the last data stays visible and can still be exported.

``LastKnown`` stands in front of ``Services``: writes and every other call pass straight
through; the reads named in ``REMEMBERED`` keep their last answer per arguments. Once
the server is away (``Workspace.unavailable``) they answer from there without trying the
network, or refuse with one sentence for what was never read.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from typing import Any

from pmdesk.domain.errors import ServerUnavailableError
from pmdesk.services import Services
from pmdesk.services.board_reads import BoardCards
from pmdesk.services.flow import report_over

REMEMBERED: dict[str, frozenset[str]] = {
    "products": frozenset({"get_product", "list_products"}),
    "boards": frozenset({"list_boards", "list_columns", "cards"}),
    "reads": frozenset({"roadmap", "board", "product_summary"}),
    "reports": frozenset({"onepager", "workspace_dump"}),
    "flow": frozenset({"board_flow", "forecast_inputs", "forecasts", "report", "today"}),
    "baselines": frozenset({"list_baselines", "compare_with_baseline", "compare_with_date"}),
}
# Reads asked with the time of asking: offline, the newest answer for the same first
# argument (the product) stands in for any other moment.
BY_FIRST_ARGUMENT = frozenset({("baselines", "compare_with_date")})
Key = tuple[str, str, Hashable]


class LastKnown:
    """``Services`` whose reads remember their answers for a time without the server."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.answers: dict[Key, Any] = {}
        self.newest: dict[Key, Any] = {}  # by first argument, for BY_FIRST_ARGUMENT
        self._fronts: dict[str, _Front] = {}

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.services, name)
        methods = REMEMBERED.get(name)
        if methods is None:
            return target
        front = self._fronts.get(name)
        if front is None:
            front = self._fronts[name] = _Front(self, name, target, methods)
        return front

    def remembered(self, service: str, method: str, *args: Any, **kwargs: Any) -> Any:
        """The last answer of a read (or one derived from another read), or raise."""
        key = _key(service, method, args, kwargs)
        if key is not None and key in self.answers:
            return self.answers[key]
        loose = _key(service, method, args[:1], {})
        if (service, method) in BY_FIRST_ARGUMENT and loose in self.newest:
            return self.newest[loose]
        derived = self._derived(service, method, args, kwargs)
        if derived is not None:
            return derived
        if (service, method) == ("reports", "workspace_dump"):
            raise ServerUnavailableError(
                f"The JSON export copies the whole workspace from the server, and "
                f"{self.services.workspace.name} is out of reach; export it once pmdesk has "
                "reconnected.")
        raise ServerUnavailableError(
            f"{self.services.workspace.name} is out of reach and this was not shown before "
            "the connection was lost; try again once pmdesk has reconnected.")

    def _derived(self, service: str, method: str, args: tuple[Any, ...],
                 kwargs: dict[str, Any]) -> Any:
        if (service, method) == ("reads", "board") and not kwargs.get("archived"):
            cards = self._answer("boards", "cards", args[:1])
            if isinstance(cards, BoardCards):
                return replace(cards.snapshot, tasks=tuple(cards.task(r) for r in cards.rows))
        if (service, method) == ("flow", "report") and args:
            board = self._board_flow(args[0])
            today = self._answer("flow", "today", ())
            if board is not None and today is not None:
                return report_over(board, today, *args[1:], **kwargs)
        if (service, method) == ("flow", "forecasts") and args:
            inputs = self._answer("flow", "forecast_inputs", args[:1])
            if inputs is not None:
                from pmdesk.domain.flow_forecast import forecast_initiatives

                return forecast_initiatives(*inputs, **kwargs)
        return None


    def _board_flow(self, board_id: Any) -> Any:
        """A board's history as read for itself, or for its product's forecasts."""
        board = self._answer("flow", "board_flow", (board_id,))
        if board is not None:
            return board
        for key, answer in self.answers.items():
            if key[:2] == ("flow", "forecast_inputs"):
                board = next((b for b in answer[0] if b.board_id == board_id), None)
                if board is not None:
                    return board
        return None

    def _answer(self, service: str, method: str, args: tuple[Any, ...]) -> Any:
        key = _key(service, method, args, {})
        return None if key is None else self.answers.get(key)


class _Front:
    """One service behind ``LastKnown``."""

    def __init__(self, owner: LastKnown, name: str, target: Any,
                 methods: frozenset[str]) -> None:
        self._owner, self._name, self._target, self._methods = owner, name, target, methods

    def __getattr__(self, method: str) -> Any:
        call = getattr(self._target, method)
        if method not in self._methods:
            return call
        return self._remembering(method, call)

    def _remembering(self, method: str, call: Callable[..., Any]) -> Callable[..., Any]:
        owner, service = self._owner, self._name

        def read(*args: Any, **kwargs: Any) -> Any:
            if owner.services.workspace.unavailable:
                return owner.remembered(service, method, *args, **kwargs)
            key = _key(service, method, args, kwargs)
            try:
                answer = call(*args, **kwargs)
            except ServerUnavailableError:
                if key is None or key not in owner.answers:
                    raise
                return owner.answers[key]  # gone just now: the window learns it shortly
            if key is not None:
                owner.answers[key] = answer
            if (service, method) in BY_FIRST_ARGUMENT:
                loose = _key(service, method, args[:1], {})
                if loose is not None:
                    owner.newest[loose] = answer
            return answer

        return read


def _key(service: str, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
         ) -> Key | None:
    key = (service, method, (args, tuple(sorted(kwargs.items()))))
    try:
        hash(key)
    except TypeError:
        return None
    return key
