"""The listen components through a Coach: registered, ordered and filling the Analysis."""

from __future__ import annotations

from empathic import Coach
from empathic.pipeline import registry

LISTEN = ["segment", "listen.emotions", "listen.causes", "listen.self_criticism"]


def test_components_are_registered_with_their_contract() -> None:
    known = registry()
    assert known["listen.emotions"].requires == ("customer_sentences", "customer_clauses")
    assert set(known["listen.emotions"].assigns) == {
        "customer.emotions",
        "customer.intensity",
        "customer.valence",
        "customer.emotion_spans",
    }
    assert known["listen.causes"].requires == ("customer_sentences", "customer.emotions")
    assert known["listen.causes"].assigns == ("customer.causes",)
    assert set(known["listen.self_criticism"].assigns) == {"customer.self_critical", "customer.self_criticism"}


def test_coach_with_listen_components_only() -> None:
    coach = Coach(LISTEN)
    text = "I was charged twice for the same order. I'm furious, and honestly I'm such an idiot for not noticing."
    analysis = coach.analyze(text)
    c = analysis.customer
    assert c.labels[0] == "anger"
    assert "embarrassment" in c.labels
    assert c.self_critical
    assert 0.0 < c.intensity <= 1.0
    assert c.valence < 0
    assert any(cause.span.text == "I was charged twice for the same order" for cause in c.causes)
    for _label, span in c.emotion_spans:
        assert text[span.start : span.end] == span.text
    assert analysis.components == LISTEN
    data = c.to_dict()
    assert data["self_critical"] is True and data["emotions"][0]["label"] == "anger"


def test_the_customer_side_reads_the_message_once_per_analysis(monkeypatch) -> None:
    """The emotion reading, its join with the emotion head, the causes, the self-criticism component and the reply's
    wrong-feeling test read the lexicon's cues, feeling words and self-criticism of the customer's message from its
    facts (``analysis.customer_facts``): one scan of every cue kind, one of its feeling words, one self-criticism
    reading, whatever each component asks."""
    from collections import Counter

    from empathic.listen import lexicon
    from empathic.listen import self_criticism as sc

    scans: Counter[tuple[str, tuple[str, ...]]] = Counter()
    blames: Counter[str] = Counter()
    scan, find = lexicon._scan, sc._find

    def counted_scan(text: str, kinds: tuple[str, ...]) -> list[lexicon.CueHit]:
        scans[(text, kinds)] += 1
        return scan(text, kinds)

    def counted_find(text: str, sents: tuple) -> list:
        blames[text] += 1
        return find(text, sents)

    monkeypatch.setattr(lexicon, "_scan", counted_scan)
    monkeypatch.setattr(sc, "_find", counted_find)
    customer = ("They billed my card twice for one booking and nobody answers the phone. I'm livid, and I feel so "
                "stupid for not checking the statement sooner.")
    # a reply naming a feeling the customer's words must be compared with (their cue families)
    analysis = Coach().analyze(customer, "You must be feeling bored with all this. I've refunded the second charge.")
    c = analysis.customer
    assert "anger" in c.labels and c.causes and c.self_critical
    said = analysis.customer_facts
    assert said.cues and said.feeling_words and said.self_criticism and said.cue_families is not None
    assert {kinds: n for (text, kinds), n in scans.items() if text == customer} == {
        lexicon.CUE_KINDS: 1, ("feeling",): 1,
    }
    assert blames[customer] == 1
    assert [h.cue for h in lexicon.find_cues(customer)] == [h.cue for h in said.cues]
