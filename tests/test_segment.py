"""Sentence and clause segmentation keeps exact offsets."""

from __future__ import annotations

from empathic.segment import MAX_SENTENCE_CHARS, clauses, sentences


def test_sentences_split_on_end_punctuation_and_newlines() -> None:
    text = "Hi there!! My bill is wrong.\nWhy?? I paid on 3.5 days notice... ok"
    spans = sentences(text)
    assert [s.text for s in spans] == ["Hi there!!", "My bill is wrong.", "Why??", "I paid on 3.5 days notice...", "ok"]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = "Mrs. Doyle called at 5 p.m. today. J. Smith too."
    assert [s.text for s in sentences(text)] == ["Mrs. Doyle called at 5 p.m. today.", "J. Smith too."]


def test_clauses_split_at_joints() -> None:
    text = "I waited an hour, but nobody came; I'm furious - honestly."
    got = [c.text for c in clauses(text)]
    assert got == ["I waited an hour", "but nobody came", "I'm furious", "honestly."]


def test_empty_and_whitespace() -> None:
    assert sentences("") == []
    assert sentences("   \n  ") == []
    assert clauses("") == []


def test_a_capital_after_a_lowercase_word_ends_the_sentence() -> None:
    text = "I moved to band C. I've written twice. Ask Mr J. Smith."
    assert [s.text for s in sentences(text)] == ["I moved to band C.", "I've written twice.", "Ask Mr J. Smith."]


def test_a_sentence_too_long_to_read_whole_is_cut_into_windows_at_whitespace() -> None:
    text = "Fine. " + "angry, " * 700 + "x" * 2500 + " The end."
    spans = sentences(text)
    assert spans[0].text == "Fine." and spans[-1].text.endswith("The end.")
    for s in spans:
        assert text[s.start : s.end] == s.text and len(s) <= MAX_SENTENCE_CHARS
    # words are not split while there is whitespace to cut at; a 2,500-letter word has to be
    windows = [s.text for s in spans[1:]]
    assert all(w.startswith(("angry", "x")) for w in windows)
    assert "".join(windows).replace(" ", "") == text[6:].replace(" ", "")
    assert sentences("A normal sentence. " * 3)[0].text == "A normal sentence."
