"""detect.resolve, the Detector protocol and spans."""

from __future__ import annotations

import pytest

from empathic import Coach, Exchange, components, registry
from empathic.strategies import Detector, register_detector
from empathic.strategies.resolve import resolve
from empathic.types import Analysis, Finding, Span

TEXT = "First sentence is here. Second sentence is here. Third sentence is here."


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def test_resolve_keeps_the_more_confident_of_two_overlapping_strategies() -> None:
    s = span_of(TEXT, "Second sentence is here.")
    out = resolve(
        [Finding("reflecting_emotion", s, 0.6), Finding("normalizing", s, 0.9)],
        TEXT,
    )
    assert [(f.strategy, f.span) for f in out] == [("normalizing", s)]


def test_resolve_breaks_ties_by_the_labelling_priority() -> None:
    s = span_of(TEXT, "Second sentence is here.")
    out = resolve([Finding("reflecting_emotion", s, 0.9), Finding("normalizing", s, 0.9)], TEXT)
    assert [f.strategy for f in out] == ["normalizing"]


def test_resolve_merges_overlapping_candidates_of_one_strategy() -> None:
    a = span_of(TEXT, "First sentence is here. Second sentence is here.")
    b = span_of(TEXT, "Second sentence is here. Third sentence is here.")
    out = resolve([Finding("relating_experience", a, 0.8), Finding("relating_experience", b, 0.9)], TEXT)
    assert len(out) == 1
    assert out[0].span == Span.of(TEXT, 0, len(TEXT))
    assert out[0].confidence == 0.9


def test_resolve_trims_a_story_around_a_stronger_sentence() -> None:
    story = Span.of(TEXT, 0, len(TEXT))
    third = span_of(TEXT, "Third sentence is here.")
    out = resolve([Finding("relating_experience", story, 0.8), Finding("reflecting_emotion", third, 0.93)], TEXT)
    assert [(f.strategy, f.span.text) for f in out] == [
        ("relating_experience", "First sentence is here. Second sentence is here."),
        ("reflecting_emotion", "Third sentence is here."),
    ]


def test_resolve_output_never_overlaps_and_is_sorted() -> None:
    spans = [span_of(TEXT, p) for p in ("Third sentence is here.", "First sentence is here.")]
    cands = [Finding("normalizing", spans[0], 0.9), Finding("relating_experience", spans[1], 0.9)]
    cands.append(Finding("reflecting_emotion", Span.of(TEXT, 0, len(TEXT)), 0.5))
    out = resolve(cands, TEXT)
    starts = [f.span.start for f in out]
    assert starts == sorted(starts)
    for i, f in enumerate(out):
        for g in out[i + 1 :]:
            assert not f.span.overlaps(g.span)


def test_resolve_of_nothing_is_nothing() -> None:
    assert resolve([], TEXT) == []


def test_findings_spans_match_the_reply(run) -> None:
    reply = (
        "No wonder you're annoyed after being charged twice. Lots of customers have had this happen since "
        "the update. I had the same thing happen with my own bank last year. I've refunded the charge."
    )
    a = run(reply)
    assert [f.strategy for f in a.findings] == ["reflecting_emotion", "normalizing", "relating_experience"]
    for f in a.findings:
        assert reply[f.span.start : f.span.end] == f.span.text
        assert f.source == "rules"


def test_normalizing_span_stops_before_a_named_customer_aside(run) -> None:
    reply = (
        "Lots of parents have had this happen since the update — Rachel Goode on this morning's flight had "
        "the same thing — and we're fixing it."
    )
    a = run(reply)
    assert [f.span.text for f in a.findings if f.strategy == "normalizing"] == [
        "Lots of parents have had this happen since the update"
    ]


def test_no_reply_means_no_candidates(run) -> None:
    a = run("")
    assert a.candidates == [] and a.findings == []


class _FakeLearned:
    """A stand-in for a learned detector: proposes the reply's first sentence as normalizing."""

    name = "test.fake_learned"

    def detect(self, analysis: Analysis) -> list[Finding]:
        first = analysis.reply_sentences[0]
        return [Finding("normalizing", first, 0.99, source=self.name)]


def test_a_new_detector_joins_the_pipeline_through_the_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    # Register into a copy of the registry so other tests never see the fake component (the built-ins are
    # loaded first, so that they register into the real one).
    registry()
    monkeypatch.setattr(components, "_REGISTRY", dict(components._REGISTRY))
    fake = _FakeLearned()
    assert isinstance(fake, Detector)
    register_detector("detect.test_fake_learned", fake)
    coach = Coach(
        ["segment", "listen.emotions", "listen.self_criticism", "detect.reflecting_emotion", "detect.test_fake_learned",
         "detect.resolve"]
    )
    # (the sentence has a commonality word, so the resolver's no_normalizing_cue convention keeps the guess)
    a = coach.run(Exchange(customer="I was charged twice!", reply="No wonder you're annoyed, it happens to everyone."))
    # The learned candidate outranks the rule one on the same sentence; callers see only findings.
    assert [(f.strategy, f.source) for f in a.findings] == [("normalizing", "test.fake_learned")]
    assert {f.source for f in a.candidates} == {"rules", "test.fake_learned"}



@pytest.mark.parametrize(
    ("customer", "reply", "kept"),
    [
        # encouragement and opinion say nothing is common or normal: not normalizing (LABELS.md)
        ("My brother finally moved out after a year.", "Well, it's a good thing he found his own place.", False),
        ("I want to ask my manager for a raise.", "Asking for more doesn't mean you're being pushy.", False),
        # a commonality word keeps the guess
        ("I want to ask my manager for a raise.", "Plenty of people dread that conversation.", True),
        # for a self-critical customer reassurance needs no commonality word
        ("I'm such an idiot, I deleted the whole folder.", "The folder is still in the bin, nothing is lost.", True),
    ],
)
def test_a_learned_normalizing_guess_needs_a_normalizing_cue(
    monkeypatch: pytest.MonkeyPatch, customer: str, reply: str, kept: bool
) -> None:
    registry()
    monkeypatch.setattr(components, "_REGISTRY", dict(components._REGISTRY))
    register_detector("detect.test_fake_learned", _FakeLearned())
    coach = Coach(["segment", "listen.emotions", "listen.self_criticism", "detect.test_fake_learned", "detect.resolve"])
    a = coach.run(Exchange(customer=customer, reply=reply))
    assert (a.strategies == ["normalizing"]) is kept
    if not kept:
        assert [e.id for f in a.rejected for e in f.evidence if e.effect == "veto"] == ["resolve.py:no_normalizing_cue"]
