"""The registry: one data file per strategy and pitfall; the label tuples, palette, legends and score derive from it."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from empathic import PITFALL_KINDS, STRATEGIES, Coach
from empathic.batch.report import label
from empathic.catalog import default_registry, load_registry, registry
from empathic.errors import ResourceError
from empathic.languages import get_language, using
from empathic.palette import STRATEGY_BACKGROUNDS, STRATEGY_COLOURS, STRATEGY_INK
from empathic.render.terminal import STRATEGY_NAME
from empathic.scoring import called_for, compute_score
from empathic.web.charts import label_of

PACKAGED = Path(str(resources.files("empathic.resources").joinpath("registry", "en")))


def _copy_registry(root: Path, code: str = "en") -> Path:
    """A copy of the packaged English registry as language ``code`` under ``root``; returns its folder."""
    target = root / "registry" / code
    shutil.copytree(PACKAGED, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_label_tuples_are_the_registry_files_in_their_order() -> None:
    reg = default_registry()
    assert STRATEGIES == reg.strategy_names == ("relating_experience", "reflecting_emotion", "normalizing")
    assert reg.pitfall_names == PITFALL_KINDS
    assert {p.stem for p in (PACKAGED / "strategies").glob("*.toml")} == set(STRATEGIES)
    assert {p.stem for p in (PACKAGED / "pitfalls").glob("*.toml")} == set(PITFALL_KINDS)


def test_palette_and_legends_take_the_registry_values() -> None:
    for s in default_registry().strategies:
        assert (STRATEGY_COLOURS[s.name], STRATEGY_BACKGROUNDS[s.name], STRATEGY_INK[s.name]) == (
            s.colour, s.background, s.ink)
        assert label_of(s.name) == label(s.name) == s.display
        assert STRATEGY_NAME[s.name] == s.display.lower()
    assert label_of("missing_reason") == default_registry().pitfall("missing_reason").display == "Missing reason"
    # today's palette values, unchanged by the move into the registry
    assert STRATEGY_COLOURS == {"relating_experience": "#7c3aed", "reflecting_emotion": "#0d9488",
                                "normalizing": "#d97706"}


def test_a_registry_edit_changes_what_derives_from_it(tmp_path: Path) -> None:
    folder = _copy_registry(tmp_path)
    for kind in ("lexicons", "rules"):  # the language's other folders, as packaged
        if (PACKAGED.parents[1] / kind / "en").is_dir():
            shutil.copytree(PACKAGED.parents[1] / kind / "en", tmp_path / kind / "en")
    _edit(folder / "strategies" / "normalizing.toml", 'display = "Normalizing"', 'display = "Normalising"')
    _edit(folder / "strategies" / "normalizing.toml", 'feelings = ["anxiety", "fear", "embarrassment", "confusion"]',
          'feelings = ["anger"]')
    _edit(folder / "pitfalls" / "dismissive.toml", "penalty = 35", "penalty = 50")
    lang = get_language("en", tmp_path)
    reg = load_registry(lang)
    assert reg.display("normalizing") == "Normalising"
    coach = Coach(["segment", "listen.emotions", "listen.causes", "listen.self_criticism", "detect.relating_experience",
                   "detect.reflecting_emotion", "detect.normalizing", "detect.resolve", "check.pitfalls", "score"],
                  lang="en", lang_root=tmp_path)
    packaged = Coach(coach.pipeline)
    customer = "I am absolutely furious with your rude driver!"
    reply = "Calm down, it's not a big deal."
    mine, theirs = coach.analyze(customer, reply), packaged.analyze(customer, reply)
    assert "dismissive" in theirs.pitfall_kinds
    assert theirs.breakdown["pitfall.dismissive"] == -35
    assert mine.breakdown["pitfall.dismissive"] == -50
    with using(lang):
        assert "normalizing" in called_for(mine)  # an angry customer calls for it in this registry
        assert compute_score(mine)[1]["pitfall.dismissive"] == -50
    assert "normalizing" not in called_for(theirs)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('colour = "#d97706"', 'colour = "orange"', "colour"),
        ('name = "normalizing"', 'name = "normalising"', "file's name"),
        ("order = 3", 'order = "3"', "wrong type"),
        ("order = 3", "order = 2", "share an 'order'"),
        ("priority = 1", "priority = 1\nshade = 2", "unknown key"),
        ("off_target = 0.7", "off_target = 1.7", r"\[0, 1\]"),
    ],
)
def test_a_wrong_registry_file_is_a_resource_error_naming_it(tmp_path: Path, old: str, new: str,
                                                              message: str) -> None:
    folder = _copy_registry(tmp_path)
    _edit(folder / "strategies" / "normalizing.toml", old, new)
    with pytest.raises(ResourceError, match=message):
        load_registry(get_language("en", tmp_path))


def test_a_registry_must_name_the_labels_of_the_schema(tmp_path: Path) -> None:
    folder = _copy_registry(tmp_path, "xx")
    (folder / "pitfalls" / "dismissive.toml").unlink()
    with pytest.raises(ResourceError, match="missing: dismissive"):
        Coach(["segment"], lang="xx", lang_root=tmp_path)


def test_every_tip_a_registry_file_names_exists() -> None:
    from empathic.scoring import _tip

    reg = registry()
    for s in reg.strategies:
        assert all(_tip(ref) is not None for ref in s.tips.values()), s.name
    for p in reg.pitfalls:
        assert _tip(p.tips["fix"]) is not None, p.name
