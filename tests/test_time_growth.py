"""Analysis time grows linearly with the text on every adversarial shape (analyze, suggest, rewrite).

For each shape of :mod:`empathic.evaluation.adversarial` the time at 20,000 characters is compared with
the time at 2,500 (8x the length). Linear growth gives a ratio near 8 (less, with fixed costs);
quadratic growth gives near 64. The test fails above :data:`MAX_RATIO` = 8^1.25, a growth exponent of
1.25. It is a ratio of two timings on the same machine, not an absolute time: each timing is the least
CPU time of a few runs, each on a text made distinct by a leading number (so no cache of an earlier
run answers it), and a shape over the bound is measured again before the test fails, so a busy
machine does not fail it. The code before the linear-time work gave ratios of 20-60 here.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

import pytest

from empathic import Coach
from empathic.evaluation.adversarial import SHAPES, Shape
from empathic.suggest import rewrite, suggest

SMALL, LARGE = 2_500, 20_000
MAX_RATIO = 8**1.25  # ~13.5
RUNS = 2
ATTEMPTS = 3

_tags = itertools.count()


def _texts(shape: Shape, n: int) -> tuple[str, str]:
    tag = f"{next(_tags)} "
    return tag + shape.customer(n - len(tag)), tag + shape.reply(n - len(tag))


def _least_time(call: Callable[[str, str], object], shape: Shape, n: int) -> float:
    best = float("inf")
    for _ in range(RUNS):
        customer, reply = _texts(shape, n)
        start = time.process_time()
        call(customer, reply)
        best = min(best, time.process_time() - start)
    return best


def _ratio(call: Callable[[str, str], object], shape: Shape) -> float:
    ratios = []
    for _ in range(ATTEMPTS):
        ratio = _least_time(call, shape, LARGE) / max(_least_time(call, shape, SMALL), 1e-6)
        if ratio <= MAX_RATIO:
            return ratio
        ratios.append(ratio)
    return min(ratios)


@pytest.fixture(scope="module")
def growth_coach() -> Coach:
    coach = Coach()
    coach.analyze("warm up the models", "and the lexicons")
    return coach


OPERATIONS: dict[str, Callable[[Coach], Callable[[str, str], object]]] = {
    "analyze": lambda coach: lambda c, r: coach.analyze(c, r).to_dict(),
    "suggest": lambda coach: lambda c, r: suggest(c, coach=coach).to_dict(),
    "rewrite": lambda coach: lambda c, r: rewrite(c, r, coach=coach).to_dict(),
}


@pytest.mark.slow
@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize("name", list(SHAPES))
def test_time_grows_linearly(growth_coach: Coach, operation: str, name: str) -> None:
    """8x the text takes at most ~13.5x the time (a growth exponent of 1.25 at most)."""
    ratio = _ratio(OPERATIONS[operation](growth_coach), SHAPES[name])
    assert ratio <= MAX_RATIO, (
        f"{operation} on {name!r}: {LARGE:,} characters took {ratio:.1f}x the time of {SMALL:,} "
        f"(linear is about 8x, the bound {MAX_RATIO:.1f}x): a superlinear path"
    )


def test_shapes_make_texts_of_the_asked_length() -> None:
    """Every shape's texts fit the default length limit and grow with ``n``, so the ratio compares like with like."""
    for shape in SHAPES.values():
        for n in (SMALL, LARGE):
            customer, reply = _texts(shape, n)
            assert len(customer) <= n and 0.9 * n <= len(reply) <= n
            if shape.name != "cue_commas_reply":  # a short message to a long reply
                assert 0.9 * n <= len(customer)
