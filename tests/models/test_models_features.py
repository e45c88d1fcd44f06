"""The tf-idf features that training and run time share."""

from __future__ import annotations

import numpy as np

from empathic.models.features import TfidfFeatures, char_ngrams, ngrams, tokens


def test_tokens_straighten_apostrophes_and_lowercase() -> None:
    assert tokens("I’d be FURIOUS too!") == ["i'd", "be", "furious", "too", "!"]


def test_emoji_are_tokens() -> None:
    assert tokens("thanks 😂") == ["thanks", "😂"]


def test_ngrams_are_unigrams_then_bigrams() -> None:
    assert ngrams("so sorry about that") == ["so", "sorry", "about", "that", "so sorry", "sorry about", "about that"]


def test_fit_keeps_terms_seen_in_enough_texts() -> None:
    feats = TfidfFeatures.fit(["my card was declined", "my card was eaten", "the app crashed"], min_df=2)
    assert feats.vocab == sorted(["my", "card", "was", "my card", "card was"])


def test_rows_are_unit_length_and_ignore_unknown_terms() -> None:
    feats = TfidfFeatures.fit(["my card was declined", "my card was eaten", "my card"], min_df=1)
    idx, vals = feats.row("My card, my CARD, and a dragon")
    assert len(idx) == len(vals) > 0
    assert abs(float(np.linalg.norm(vals)) - 1.0) < 1e-5
    assert all(feats.vocab[i] != "dragon" for i in idx)
    assert feats.row("dragons only")[0].size == 0


def test_transform_matches_rows() -> None:
    feats = TfidfFeatures.fit(["a b c", "a b", "b c d"], min_df=1)
    data, indices, indptr = feats.transform(["a b", "zzz", "c d"])
    assert indptr.tolist()[0] == 0 and len(indptr) == 4
    assert indptr[2] == indptr[1]  # the unknown text has no terms
    assert len(data) == len(indices) == indptr[-1]


def test_char_ngrams_pad_words_and_keep_short_words_whole() -> None:
    grams = char_ngrams("Hi you")
    assert " h" in grams and "hi " in grams and " hi " in grams
    assert " you" in grams and " you " in grams


def test_char_features_survive_a_typo() -> None:
    feats = TfidfFeatures.fit(["frustrating", "frustrated", "annoying"], min_df=1, analyzer="char")
    idx_a = feats.row("frustrating")[0]
    idx_b = feats.row("frustating")[0]
    shared = set(idx_a.tolist()) & set(idx_b.tolist())
    assert len(shared) >= len(idx_a) // 2
