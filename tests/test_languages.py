"""Languages are folders: Coach(lang=...) reads that language's registry, lexicons and heads."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from empathic import Coach
from empathic.errors import ConfigError, ResourceError, UnknownLanguageError
from empathic.languages import available, current, get_language

PACKAGED = Path(str(resources.files("empathic.resources")))
LISTEN = ["segment", "listen.emotions", "listen.causes", "listen.self_criticism"]


def fake_language(root: Path, code: str = "xx") -> Path:
    """A tiny second language under ``root``: the registry with its own display names, a lexicon of
    made-up feeling words ("blorf" is anger, "glimmy" gratitude; "nae" negates), so that nothing in it
    can be read by the English lexicon, and the English rule pack (a reply's sentence facts read it)."""
    reg = root / "registry" / code
    shutil.copytree(PACKAGED / "registry" / "en", reg)
    shutil.copytree(PACKAGED / "rules" / "en", root / "rules" / code)
    (root / "rules" / code / "cues.toml").unlink()  # the English customer cues: this lexicon has its own words only
    nz = reg / "strategies" / "normalizing.toml"
    nz.write_text(nz.read_text(encoding="utf-8").replace('display = "Normalizing"', 'display = "Normalizo"'),
                  encoding="utf-8")
    lex = root / "lexicons" / code
    lex.mkdir(parents=True)
    (lex / "emotion_cues.tsv").write_text(
        "# pattern\tlabel\tweight\tkind\n"
        "blorf*\tanger\t1.2\tfeeling\n"
        "glimmy\tgratitude\t1.0\tfeeling\n",
        encoding="utf-8",
    )
    (lex / "modifiers.tsv").write_text("negator\tnae\t0\nintensifier\tvarra\t1.5\n", encoding="utf-8")
    (lex / "self_criticism.tsv").write_text("self\t\\bmy ain blunder\\b\n", encoding="utf-8")
    (lex / "cause_markers.tsv").write_text(
        "forward\t\\bacause\\b\nnear\t\\bower\\b\nbackward\t\\bsae\\b\nsubject\t\\bwas varra\\b\n"
        "leading\t^acause\\b\nanaphora\t^it's\\b\nclause_end\t[.!?]\n",
        encoding="utf-8",
    )
    return root


def test_unknown_language_is_a_specific_error_naming_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(UnknownLanguageError, match=r"unknown language 'zz'.*known: en") as info:
        Coach(lang="zz")
    assert isinstance(info.value, ConfigError)  # a configuration mistake: CLI exit code 3
    assert info.value.exit_code == 3
    with pytest.raises(UnknownLanguageError, match="folder name"):
        Coach(lang="../en")
    with pytest.raises(UnknownLanguageError, match="known: none"):
        Coach(lang="en", lang_root=tmp_path)


def test_a_second_language_is_a_new_folder(tmp_path: Path) -> None:
    root = fake_language(tmp_path)
    assert available(root) == ["xx"]
    xx = Coach(LISTEN, lang="xx", lang_root=root)
    en = Coach(LISTEN)
    made_up = "I am blorfed about the parcel."
    english = "I am absolutely furious about the parcel."

    a = xx.analyze(made_up)
    assert a.language == "xx"
    assert [e.label for e in a.customer.emotions][:1] == ["anger"]
    assert any(s.text.lower().startswith("blorf") for _, s in a.customer.emotion_spans)
    # the English lexicon knows no "blorf", and the made-up one no "furious"
    assert "anger" not in [e.label for e in en.analyze(made_up).customer.emotions]
    assert "anger" in [e.label for e in en.analyze(english).customer.emotions]
    assert "anger" not in [e.label for e in xx.analyze(english).customer.emotions]
    # the language's own negator and self-criticism rows are the ones read
    assert "anger" not in [e.label for e in xx.analyze("I am nae blorfed.").customer.emotions]
    assert xx.analyze("It was my ain blunder.").customer.self_critical
    assert not en.analyze("It was my ain blunder.").customer.self_critical
    # outside a Coach the packaged English is current again
    assert current().code == "en"


def test_a_language_reads_its_own_registry(tmp_path: Path) -> None:
    from empathic.catalog import registry
    from empathic.languages import using

    lang = get_language("xx", fake_language(tmp_path))
    with using(lang):
        assert registry().display("normalizing") == "Normalizo"
    assert registry().display("normalizing") == "Normalizing"


def test_a_language_without_a_head_says_which_file_is_missing(tmp_path: Path) -> None:
    xx = Coach([*LISTEN, "detect.model"], lang="xx", lang_root=fake_language(tmp_path))
    with pytest.raises(ResourceError, match=r"models/xx/strategy_head\.npz"):
        xx.analyze("I am blorfed.", "Sorry to hear that.")


def test_a_language_reads_its_own_heads(tmp_path: Path) -> None:
    """A head file in the language's folder is the one its Coach uses (here: the English head copied over,
    with the reflecting threshold raised out of reach, so its findings must differ)."""
    from empathic.models.linear import LinearHead

    root = fake_language(tmp_path)
    head = LinearHead.load(PACKAGED / "models" / "en" / "strategy_head.npz")
    head.thresholds[head.labels.index("reflecting_emotion")] = 1.01
    (root / "models" / "xx").mkdir(parents=True)
    head.save(root / "models" / "xx" / "strategy_head.npz")
    # the head's overlap feature reads the language's own stop words (its rule pack): fake_language's English copy
    pipeline = [*LISTEN, "detect.model", "detect.resolve"]
    reply = "It sounds like you're really frustrated that the parcel is late again."
    en = Coach(pipeline).analyze("Where is my parcel?", reply)
    xx = Coach(pipeline, lang="xx", lang_root=root).analyze("Where is my parcel?", reply)
    assert "reflecting_emotion" in en.strategies
    assert "reflecting_emotion" not in xx.strategies


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pattern_caches_hold_one_copy_per_language(tmp_path: Path) -> None:
    """The patterns built from a rule pack's settings or a lexicon are the current language's, whichever language
    asked first: a second language pack with its own words gets its own patterns, and English keeps its own."""
    from empathic.facts.feelings import _other_feelings
    from empathic.facts.identifiable import _titled_name
    from empathic.facts.stories import life_possessive, life_stems
    from empathic.languages import using
    from empathic.listen.context import read_turn
    from empathic.strategies.reflecting import _bare_verdict
    from empathic.strategies.relating import is_bare_marker

    root = fake_language(tmp_path)
    rules = root / "rules" / "xx"
    _edit(rules / "reflecting.toml", "bare_verdicts = [", 'bare_verdicts = ["grimsy", ')
    _edit(rules / "emotions.toml", "[settings.other_feelings]\n", '[settings.other_feelings]\nwabbly = "sadness"\n')
    _edit(rules / "stories.toml", "life_nouns = [", 'life_nouns = ["wuggle", ')
    _edit(rules / "identifiable.toml", 'titles = ["Mr", ', 'titles = ["Herr", ')
    _edit(rules / "relating.toml", "lead_fillers = [", 'lead_fillers = ["blimey", ')

    def read() -> tuple[bool, ...]:
        return (
            bool(_bare_verdict().search("that sounds grimsy")),
            bool(_other_feelings().search("you must feel wabbly")),
            bool(life_possessive().search("my wuggle had the same")),
            "wuggl" in life_stems(),
            bool(_titled_name().search("I spoke to Herr Brandt")),
            is_bare_marker("Me too blimey."),
            "anger" in read_turn("I am blorfed about the parcel.").open,
        )

    english = read()  # English first: a cache keyed on nothing would now hold English for every language
    assert english == (False,) * 7
    with using(get_language("xx", root)):
        assert read() == (True,) * 7
    assert read() == english
