"""My stories: an agent's own true stories are offered for relating when they fit, and never invented."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from empathic.errors import InputError
from empathic.suggest import suggest
from empathic.suggest.stories import MAX_STORY_CHARS, Story, fitting_stories, read_stories

BOILER = Story("When our boiler packed in over Christmas, I spent three cold days waiting for a part, so I know how "
               "miserable it is.", ("heating", "boiler"))
REFUND = Story("I once chased a refund from a shop for a month myself, and it wore me down.", ("refund",))


def test_a_story_fits_by_shared_words_or_topics() -> None:
    matches = fitting_stories("No heating since Monday and the engineer never came. Freezing.", [BOILER, REFUND])
    assert [m.story for m in matches] == [BOILER]
    assert "heating" in matches[0].shared
    assert fitting_stories("My parcel went to the wrong address.", [BOILER]) == []


def test_fitting_story_is_offered_first_for_relating_and_verified() -> None:
    result = suggest("Our boiler broke down again on Friday and we've had no heating all weekend. So fed up.",
                     stories=[REFUND, BOILER])
    relating = [s for s in result.suggestions if s.strategy == "relating_experience"]
    assert relating and relating[0].text == BOILER.text and relating[0].source == "my stories"
    assert REFUND.text not in [s.text for s in result.suggestions]


def test_no_story_where_the_situation_rules_stories_out() -> None:
    result = suggest("There's a smell of gas from the boiler you serviced and I'm scared.", stories=[BOILER])
    assert all(s.source != "my stories" for s in result.suggestions)


@pytest.mark.parametrize(
    ("line", "message"),
    [("{}", "non-empty"), ('{"text": 3}', "non-empty"), ('{"text": "x", "topics": "a"}', "list of words"),
     ("[1]", "JSON object"), (json.dumps({"text": "a" * (MAX_STORY_CHARS + 1)}), "at most")],
)
def test_bad_stories_are_named(line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_stories([line])


def test_cli_reads_stories_and_names_a_bad_file(tmp_path) -> None:
    good = tmp_path / "stories.jsonl"
    good.write_text(json.dumps(BOILER.to_dict()) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "empathic", "suggest", "--json", "--stories", str(good),
                          "No heating for three days and the boiler engineer never came, I'm so frustrated."],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert any(s["source"] == "my stories" for s in out["suggestions"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "empathic", "suggest", "--stories", str(bad), "I'm upset."],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "line 1" in run.stderr and "Traceback" not in run.stderr
