"""The strategies of disclosure_model.testing under Hypothesis's default settings (issue 9).

A user's suite runs them with the default profile — every health check on, ``too_slow``
included — not with this suite's profiles (which suppress it). Drawing a report takes a few
hundred choices; the strategies keep that small (the non-zero rows are chosen in one or two
draws, not one per row; strategies are built once), and a bound on the choices per example
guards it whatever the machine's load.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.internal.conjecture import data as conjecture

import disclosure_model as dm
from disclosure_model import testing

STRATEGIES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    name: getattr(testing, name) for name in testing.__all__
}
DEFAULT = settings.get_profile("default")

# Mean choices per generated example, measured when the bound was set (30 examples):
# reports 114, consistent_reports 108, consistent_series 213 (2 to 4 reports). Before: 244,
# 180 and 568. The bounds leave room for the randomness of the draw.
CHOICE_BOUNDS = {"reports": 200, "consistent_reports": 170, "consistent_series": 400}


def test_every_strategy_is_covered() -> None:
    assert set(STRATEGIES) == set(testing.__all__)
    assert set(CHOICE_BOUNDS) <= set(STRATEGIES)


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_strategy_passes_the_default_health_checks(name: str) -> None:
    load = os.getloadavg()[0] / (os.cpu_count() or 1)
    if load > 2.0 and name in CHOICE_BOUNDS:
        # too_slow is a wall-clock check (10 examples within 1 s): on a machine running more
        # than twice as many processes as it has CPUs it says nothing about the strategy, and
        # test_choices_per_example_stay_small below guards the cost instead.
        pytest.skip(f"load {load:.1f} per CPU: too loaded to judge the wall-clock too_slow check")
    drawn: list[Any] = []

    @settings(DEFAULT, database=None)  # the defaults: every health check, 100 examples
    @given(STRATEGIES[name]())
    def run(value: Any) -> None:
        drawn.append(value)

    run()
    assert drawn  # editions() has two values; the others make the 100 examples
    if name in CHOICE_BOUNDS:
        reports = [r for v in drawn for r in (v if isinstance(v, list) else [v])]
        assert all(isinstance(r, dm.AnnualReport) for r in reports)


@pytest.mark.parametrize("name", sorted(CHOICE_BOUNDS))
def test_choices_per_example_stay_small(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a draw in Hypothesis's own unit, the choice: independent of the machine."""
    counted = [0]
    original = conjecture.ConjectureData._draw

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        counted[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(conjecture.ConjectureData, "_draw", counting)
    examples = [0]

    @settings(
        DEFAULT,
        database=None,
        max_examples=30,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(STRATEGIES[name]())
    def run(value: Any) -> None:
        examples[0] += 1

    run()
    mean = counted[0] / examples[0]
    assert mean < CHOICE_BOUNDS[name], f"{name}: {mean:.0f} choices per example"
