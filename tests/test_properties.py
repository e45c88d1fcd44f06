"""Property-based tests: analysis never crashes on arbitrary Unicode and every span matches its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from empathic import Analysis, analyze
from empathic.errors import InputError

ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",))
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=300)
EMOJI_CHARS = list("😀😡💔🙏 שלום مرحبا \u200f\u202e\u0000\u0007\t\n.!?,'")
EMOJI_RTL = st.text(alphabet=st.sampled_from(EMOJI_CHARS), max_size=200)
WORDY = st.lists(st.sampled_from(["I", "am", "so", "angry", "because", "my", "bill", "is", "wrong", "sorry",
                                  "frustrating", "normal", "too", "I'd", "be", "upset", "when", "!", ".", "?"]),
                 max_size=60).map(" ".join)


def assert_spans_match(a: Analysis) -> None:
    reply, customer = a.reply, a.exchange.customer
    for f in a.findings:
        assert reply[f.span.start : f.span.end] == f.span.text
        assert 0 <= f.confidence <= 1
    for p in a.pitfalls:
        if p.span is not None:
            assert reply[p.span.start : p.span.end] == p.span.text
    for c in a.customer.causes:
        assert customer[c.span.start : c.span.end] == c.span.text
    for s in a.customer.self_criticism:
        assert customer[s.start : s.end] == s.text
    for _, s in a.customer.emotion_spans:
        assert customer[s.start : s.end] == s.text
    assert 0 <= a.score <= 100


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(customer=st.one_of(ANY_TEXT, EMOJI_RTL, WORDY), reply=st.one_of(st.none(), ANY_TEXT, EMOJI_RTL, WORDY))
def test_never_raises_except_input_errors_and_spans_match(customer: str, reply: str | None) -> None:
    try:
        a = analyze(customer, reply)
    except InputError:
        assert not customer.strip()
        return
    assert_spans_match(a)


@settings(max_examples=10, deadline=None)
@given(ch=st.characters(min_codepoint=33, max_codepoint=0x2FFF, blacklist_categories=("Cs",)))
def test_ten_thousand_character_words(ch: str) -> None:
    word = ch * 10_000
    a = analyze(f"I am upset {word} because of this", f"I understand {word}, that's frustrating.")
    assert_spans_match(a)
