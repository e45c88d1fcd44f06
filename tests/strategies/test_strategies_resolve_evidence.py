"""detect.resolve merges the evidence of every overlapping candidate and keeps vetoes as named evidence."""

from __future__ import annotations

from empathic import Coach
from empathic import evidence as ev
from empathic.strategies.resolve import attach_vetoes, detect_resolve, resolve
from empathic.types import Analysis, Evidence, Exchange, Finding, Span

TEXT = "First sentence is here. Second sentence is here. Third sentence is here."


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def rule(rid: str, score: float, span: Span) -> Evidence:
    return Evidence("rule", rid, score, (span.start, span.end))


def head(score: float, span: Span) -> Evidence:
    return Evidence("head", "head:strategy", score, (span.start, span.end))


def test_overlapping_candidates_of_one_strategy_pool_their_evidence_and_keep_the_winners_source() -> None:
    s = span_of(TEXT, "Second sentence is here.")
    by_rule = Finding("reflecting_emotion", s, 0.85, "rules", (rule("reflecting.attribution.3", 0.85, s),))
    by_head = Finding("reflecting_emotion", s, 0.97, "model", (head(0.97, s),))
    out = resolve([by_rule, by_head], TEXT)
    assert len(out) == 1
    assert out[0].source == "model"
    assert out[0].confidence == 0.97
    assert [e.id for e in out[0].evidence] == ["head:strategy", "reflecting.attribution.3"]


def test_a_story_merged_from_three_candidates_names_all_three_rules() -> None:
    a = span_of(TEXT, "First sentence is here. Second sentence is here.")
    b = span_of(TEXT, "Second sentence is here.")
    c = span_of(TEXT, "Second sentence is here. Third sentence is here.")
    cands = [
        Finding("relating_experience", a, 0.8, "rules", (rule("relating.story_stating.1", 0.8, a),)),
        Finding("relating_experience", b, 0.6, "model", (head(0.6, b),)),
        Finding("relating_experience", c, 0.9, "rules", (rule("relating.similar_self.2", 0.9, c),)),
    ]
    out = resolve(cands, TEXT)
    assert len(out) == 1 and out[0].span.text == TEXT
    assert {e.id for e in out[0].evidence} == {"relating.story_stating.1", "head:strategy", "relating.similar_self.2"}
    assert out[0].evidence[0].id == "relating.similar_self.2"  # the winner's own evidence leads


def test_a_losing_strategy_does_not_lend_its_evidence_to_the_winner() -> None:
    s = span_of(TEXT, "Second sentence is here.")
    out = resolve(
        [
            Finding("reflecting_emotion", s, 0.6, "rules", (rule("reflecting.situation.1", 0.6, s),)),
            Finding("normalizing", s, 0.9, "rules", (rule("normalizing.commonality.4", 0.9, s),)),
        ],
        TEXT,
    )
    assert [(f.strategy, [e.id for e in f.evidence]) for f in out] == [("normalizing", ["normalizing.commonality.4"])]


def test_a_trimmed_story_keeps_its_evidence() -> None:
    story = Span.of(TEXT, 0, len(TEXT))
    third = span_of(TEXT, "Third sentence is here.")
    out = resolve(
        [
            Finding("relating_experience", story, 0.8, "rules", (rule("relating.story_stating.1", 0.8, story),)),
            Finding("reflecting_emotion", third, 0.93, "rules", (rule("reflecting.validation.1", 0.93, third),)),
        ],
        TEXT,
    )
    assert [(f.span.text, [e.id for e in f.evidence]) for f in out] == [
        ("First sentence is here. Second sentence is here.", ["relating.story_stating.1"]),
        ("Third sentence is here.", ["reflecting.validation.1"]),
    ]


def test_a_vetoed_candidate_never_wins_but_its_veto_joins_the_finding_it_overlaps() -> None:
    s = span_of(TEXT, "Second sentence is here.")
    where = (s.start, s.end)
    vetoed = Finding(
        "reflecting_emotion", s, 0.99, "model",
        (head(0.99, s), ev.rule(ev.HAPPY_REFLECTION, 0.99, where, effect="veto")),
    )
    assert vetoed.vetoed
    by_rule = Finding("reflecting_emotion", s, 0.7, "rules", (rule("reflecting.attribution.1", 0.7, s),))
    out = resolve([vetoed, by_rule], TEXT)
    assert [(f.confidence, f.source) for f in out] == [(0.7, "rules")]
    assert [(e.id, e.effect) for e in out[0].evidence] == [
        ("reflecting.attribution.1", "support"),
        ("head:strategy", "support"),
        ("strategy.py:happy_reflection", "veto"),
    ]
    # alone, a vetoed candidate is no finding and stays turned down
    assert resolve([vetoed], TEXT) == []
    assert attach_vetoes([], [vetoed]) == ([], [vetoed])


def test_the_component_keeps_turned_down_candidates_in_rejected() -> None:
    s = span_of(TEXT, "Third sentence is here.")
    vetoed = Finding(
        "normalizing", s, 0.8, "model", (head(0.8, s), ev.rule(ev.QUESTION, 0.8, (s.start, s.end), effect="veto"))
    )
    a = Analysis(Exchange("Help, my order is late.", TEXT), candidates=[vetoed])
    detect_resolve(a)
    assert a.findings == []
    assert a.rejected == [vetoed]


def test_the_happy_reflection_veto_is_named_where_the_head_alone_would_reflect(coach: Coach) -> None:
    a = coach.analyze(
        "My flight was cancelled and I'm stuck at the airport with two kids, absolutely furious.",
        "You must be thrilled and delighted with the upgrade!",
    )
    assert a.strategies == []
    [turned_down] = a.rejected
    assert turned_down.strategy == "reflecting_emotion" and turned_down.source == "model"
    assert [(e.kind, e.id, e.effect) for e in turned_down.evidence] == [
        ("head", "head:strategy", "support"),
        ("predicate", "strategy.py:happy_reflection", "veto"),
    ]
