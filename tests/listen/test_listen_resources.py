"""The listen data files: they parse, bad rows fail clearly, loading is safe from many threads."""

from __future__ import annotations

import threading

import pytest

from empathic.errors import ResourceError
from empathic.listen import lexicon
from empathic.listen.lexicon import _parse_cues, _parse_modifiers, _triggers, find_emotion_words
from empathic.types import EMOTIONS


def test_every_cue_row_uses_taxonomy_labels() -> None:
    lex = lexicon._load()
    assert len(lex.cues) > 200
    for cue in lex.cues:
        assert cue.kind in lexicon.CUE_KINDS
        for label, _weight in cue.labels:
            assert label == "-" or label in EMOTIONS
    # every taxonomy label except neutral has at least one feeling word or cue
    covered = {label for cue in lex.cues for label, _ in cue.labels}
    assert set(EMOTIONS) - {"neutral"} <= covered


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("angry\tanger\t1.0", "4 tab-separated columns"),
        ("angry\tjoy\t1.0\tfeeling", "unknown label"),
        ("angry\tanger\tlots\tfeeling", "not a number"),
        ("angry\tanger\t1.0\tmood", "unknown kind"),
        ("re:\\bcharged twice\\b\tanger\t1.0\tcue", "a regex cue is a rule of rules/<lang>/cues.toml"),
    ],
)
def test_bad_cue_rows_raise_resource_error(row: str, problem: str) -> None:
    with pytest.raises(ResourceError, match=problem):
        _parse_cues([row])


def test_bad_modifier_rows_raise_resource_error() -> None:
    with pytest.raises(ResourceError, match="unknown kind"):
        _parse_modifiers(["booster\tvery\t1.3"])
    with pytest.raises(ResourceError, match="3 tab-separated"):
        _parse_modifiers(["negator\tnot"])


def test_triggers_are_required_literals() -> None:
    assert [t.strip() for t in _triggers(r"\bi (?:can't|cannot) afford\b") or ()] == ["afford"]
    assert set(_triggers(r"\b(?:furious|livid)\b") or ()) == {"furious", "livid"}
    assert _triggers(r"!{2,}") is None  # nothing literal long enough to rule a text out


def test_concurrent_first_load_gives_one_lexicon() -> None:
    lexicon._load.cache.clear()  # force a fresh load raced by several threads
    results: list[list[tuple[str, str]]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            found = find_emotion_words("I'm worried and frankly furious about this nightmare.")
            results.append([(label, span.text) for label, span in found])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 8
    assert all(r == results[0] for r in results)
    assert results[0] == [("anxiety", "worried"), ("anger", "furious"), ("frustration", "nightmare")]
