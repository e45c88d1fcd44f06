"""Any text: the checks never crash, and every span they report is exactly the reply's text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathic.checks import run_checks
from empathic.types import PITFALL_KINDS

WORDS = st.sampled_from(
    "I my you your we everyone every customer Mrs. Doyle at 12 Oak Road calm down should have read "
    "the terms frustrated excited glad sorry once last year holiday dog same actually lol ! ? . , "
    "stupid idiot not never because after understand tell see hear feel normal common".split()
)
TEXT = st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=8)), min_size=1, max_size=40).map(" ".join)


# The builder fixture is stateless, so sharing it across generated examples is safe.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customer=TEXT, reply=TEXT, self_critical=st.booleans())
def test_checks_survive_any_text(make, customer: str, reply: str, self_critical: bool) -> None:
    analysis = make(customer, reply, emotions=["anger"], self_critical=self_critical)
    for pitfall in run_checks(analysis):
        assert pitfall.kind in PITFALL_KINDS
        assert pitfall.message
        if pitfall.span is not None:
            assert reply[pitfall.span.start : pitfall.span.end] == pitfall.span.text
