"""Each data set's evaluation on tiny hand-written data and a fake pipeline, with every score worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_fakes import FakeAnalyzer, FakeCoach, Prediction

from empathic.errors import DatasetError, EmptyTextError
from empathic.evaluation import evaluate, evaluate_goemotions
from empathic.types import Analysis

GOEMOTIONS_LABELS = (
    "admiration amusement anger annoyance approval caring confusion curiosity desire disappointment disapproval "
    "disgust embarrassment excitement fear gratitude grief joy love nervousness optimism pride realization relief "
    "remorse sadness surprise neutral"
).split()


def jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def cs_row(customer: str, reply: str, **labels: object) -> dict[str, object]:
    row: dict[str, object] = {"customer": customer, "reply": reply, "customer_emotions": [], "self_critical": False,
                              "strategies": [], "pitfalls": [], "spans": {}}
    row.update(labels)
    return row


REPLY_A = "It's maddening to be charged twice. I've refunded it."
REPLY_B = "Lots of people do that. Let me restore them."
REPLY_C = "Calm down. It ships Monday."


@pytest.fixture
def cs_file(tmp_path: Path) -> Path:
    return jsonl(tmp_path / "cs.jsonl", [
        cs_row("I was charged twice and I'm furious.", REPLY_A, strategies=["reflecting_emotion"],
               spans={"reflecting_emotion": ["It's maddening to be charged twice."]}, customer_emotions=["anger"]),
        cs_row("I'm such an idiot, I deleted my files.", REPLY_B, strategies=["normalizing"],
               spans={"normalizing": ["Lots of people do that."]}, customer_emotions=["embarrassment"],
               self_critical=True),
        cs_row("Where is my order?", REPLY_C, pitfalls=["dismissive"], customer_emotions=["impatience"]),
    ])


@pytest.fixture
def cs_fake() -> FakeAnalyzer:
    return FakeAnalyzer({
        REPLY_A: Prediction(findings=[("reflecting_emotion", "It's maddening"),
                                      ("relating_experience", "I've refunded it.")],
                            pitfalls=["missing_reason"], emotions=["anger", "frustration"]),
        REPLY_B: Prediction(emotions=["embarrassment"], self_critical=True),
        REPLY_C: Prediction(pitfalls=["dismissive"], emotions=["anger"], self_critical=True),
    })


def scores(result, section: str) -> dict[str, tuple[float | None, float | None, float | None, int]]:
    return {r.label: (r.precision, r.recall, r.f1, r.support) for r in result.section(section).rows}


def test_cs_scores_every_judgement(cs_file: Path, cs_fake: FakeAnalyzer) -> None:
    result = evaluate("cs", cs_file, analyzer=cs_fake)
    assert result.records == 3
    assert cs_fake.calls[0] == ("I was charged twice and I'm furious.", REPLY_A)

    strat = scores(result, "strategies")
    assert strat["reflecting_emotion"] == (1.0, 1.0, 1.0, 1)
    assert strat["relating_experience"] == (0.0, 0.0, 0.0, 0)
    assert strat["normalizing"] == (0.0, 0.0, 0.0, 1)
    assert result.section("strategies").macro.f1 == pytest.approx(1 / 3)

    spans = {r.label: r for r in result.section("spans").rows}
    # gold "It's maddening to be charged twice." = 7 tokens; predicted "It's maddening" = 3 of them
    assert (spans["reflecting_emotion"].tp, spans["reflecting_emotion"].fp, spans["reflecting_emotion"].fn) == (3, 0, 4)
    assert spans["reflecting_emotion"].f1 == pytest.approx(0.6)
    assert (spans["relating_experience"].fp, spans["relating_experience"].support) == (4, 0)  # I ve refunded it
    assert (spans["normalizing"].fn, spans["normalizing"].tp) == (5, 0)  # Lots of people do that

    pit = {r.label: r for r in result.section("pitfalls").rows}
    assert (pit["dismissive"].tp, pit["missing_reason"].fp) == (1, 1)
    assert not pit["story_too_long"].measurable
    assert result.section("pitfalls").macro.labels == 2
    assert result.section("pitfalls").macro.f1 == pytest.approx(0.5)

    emo = scores(result, "emotions")
    assert emo["anger"] == pytest.approx((0.5, 1.0, 2 / 3, 1))
    assert emo["frustration"] == (0.0, 0.0, 0.0, 0)
    assert emo["embarrassment"] == (1.0, 1.0, 1.0, 1)
    assert emo["impatience"] == (0.0, 0.0, 0.0, 1)
    assert emo["sadness"] == (None, None, None, 0)
    assert result.section("emotions").macro.f1 == pytest.approx(5 / 12)

    assert scores(result, "self_critical")["self_critical"] == pytest.approx((0.5, 1.0, 2 / 3, 1))


def test_cs_limit_and_progress(cs_file: Path, cs_fake: FakeAnalyzer) -> None:
    seen: list[tuple[int, int]] = []
    result = evaluate("cs", cs_file, analyzer=cs_fake, limit=2, progress=lambda d, t: seen.append((d, t)))
    assert result.records == 2
    assert len(cs_fake.calls) == 2
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert result.limit == 2


def test_a_coach_like_object_is_accepted(cs_file: Path, cs_fake: FakeAnalyzer) -> None:
    result = evaluate("cs", cs_file, analyzer=FakeCoach(cs_fake))
    assert result.section("strategies").macro.f1 == pytest.approx(1 / 3)


def test_records_the_analyzer_rejects_are_skipped_and_counted(cs_file: Path, cs_fake: FakeAnalyzer) -> None:
    def picky(customer: str, reply: str | None) -> Analysis:
        if reply == REPLY_C:
            raise EmptyTextError("customer message is empty")
        return cs_fake(customer, reply)

    result = evaluate("cs", cs_file, analyzer=picky)
    assert result.records == 2
    assert result.skipped == {"rejected by the analyzer (empty_text)": 1}
    assert scores(result, "pitfalls")["dismissive"][3] == 0  # the skipped row's gold is not counted


def test_unknown_dataset(cs_file: Path) -> None:
    with pytest.raises(DatasetError, match="choose one of"):
        evaluate("sentiment140", cs_file)


def test_result_renders_as_json_and_markdown(cs_file: Path, cs_fake: FakeAnalyzer) -> None:
    result = evaluate("cs", cs_file, analyzer=cs_fake)
    data = json.loads(json.dumps(result.to_dict()))
    strategies = data["sections"][0]
    assert strategies["key"] == "strategies"
    assert strategies["rows"][1] == {"label": "reflecting_emotion", "precision": 1.0, "recall": 1.0, "f1": 1.0,
                                     "support": 1, "tp": 1, "fp": 0, "fn": 0}
    assert strategies["macro"]["f1"] == pytest.approx(0.3333)
    assert data["records"] == 3
    md = result.to_markdown()
    assert "| reflecting_emotion | 1.000 | 1.000 | 1.000 | 1 |" in md
    assert "| **macro** (3 labels) | 0.333 | 0.333 | 0.333 | 2 |" in md
    assert "| sadness | – | – | – | 0 |" in md


# --- esconv -----------------------------------------------------------------------------------------


def test_esconv_one_vs_rest(tmp_path: Path) -> None:
    def row(strategy: str, response: str, *turns: tuple[str, str]) -> dict[str, object]:
        return {"strategy": strategy, "response": response,
                "context": [{"role": r, "text": t} for r, t in turns]}

    path = jsonl(tmp_path / "dev.jsonl", [
        row("Reflection of feelings", "That must feel lonely.", ("seeker", "I feel alone.")),
        row("Self-disclosure", "I lost my job once too.", ("seeker", "I lost my job.")),
        row("Question", "What happened?", ("seeker", "Bad day."), ("supporter", "Oh no.")),
        row("Affirmation and Reassurance", "You are strong.", ("supporter", "Hi")),
        row("Affirmation and Reassurance", "You will get through this.", ("seeker", "I can't cope")),
    ])
    fake = FakeAnalyzer({
        "That must feel lonely.": Prediction(findings=[("reflecting_emotion", "That must feel lonely.")]),
        "What happened?": Prediction(findings=[("reflecting_emotion", "What happened?")]),
        "You will get through this.": Prediction(findings=[("normalizing", "You will get through this.")]),
    })
    result = evaluate("esconv", path, analyzer=fake)
    assert result.records == 4
    assert result.skipped == {"no seeker turn in the context": 1}
    assert ("Bad day.", "What happened?") in fake.calls
    s = scores(result, "strategies")
    assert s["reflecting_emotion"] == pytest.approx((0.5, 1.0, 2 / 3, 1))
    assert s["relating_experience"] == (0.0, 0.0, 0.0, 1)
    assert s["normalizing"] == (1.0, 1.0, 1.0, 1)
    assert result.section("strategies").macro.f1 == pytest.approx(5 / 9)
    (fired,) = result.breakdowns
    assert ["Question", "1", "0%", "100%", "0%"] in fired.rows
    assert ["Affirmation and Reassurance", "1", "0%", "0%", "100%"] in fired.rows  # the skipped one not counted
    assert "| Question | 1 | 0% | 100% | 0% |" in result.to_markdown()


# --- epitome ----------------------------------------------------------------------------------------


def test_epitome_levels_and_rationales(tmp_path: Path) -> None:
    r1, r2, r3 = "That sounds awful, I was there too.", "What happened next?", "So you feel left out. Hang in there."
    head = "sp_id,rp_id,seeker_post,response_post,level,rationales\n"

    def write(dim: str, rows: list[tuple[str, int, str]]) -> None:
        body = "".join(f's{i},r{i},post {i},"{resp}",{level},{rat}\n' for i, (resp, level, rat) in enumerate(rows))
        (tmp_path / f"{dim}-dev.csv").write_text(head + body, encoding="utf-8")

    write("interpretations", [(r1, 2, "I was there too"), (r2, 0, ""), (r3, 1, "you feel left out")])
    write("emotional-reactions", [(r1, 1, "That sounds awful"), (r2, 0, ""), (r3, 0, "")])
    write("explorations", [(r1, 0, ""), (r2, 2, "What happened next?"), (r3, 0, "")])
    fake = FakeAnalyzer({
        r1: Prediction(findings=[("relating_experience", "I was there too.")]),
        r3: Prediction(findings=[("reflecting_emotion", "So you feel left out.")]),
    })
    result = evaluate("epitome", tmp_path, analyzer=fake)
    assert result.records == 3
    assert ("post 0", r1) in fake.calls
    def level(prefix: str):
        (row,) = [r for r in result.section("levels").rows if r.label.startswith(prefix)]
        return row

    interp = level("interpretations ← reflecting_emotion or relating_experience")
    assert (interp.tp, interp.fp, interp.fn) == (2, 0, 0)
    er_reflect = level("emotional reactions ← reflecting_emotion")
    assert (er_reflect.tp, er_reflect.fp, er_reflect.fn) == (0, 1, 1)
    er_any = level("emotional reactions ← any strategy")
    assert er_any.f1 == pytest.approx(2 / 3)
    explore = level("explorations ← reply asks a question")
    assert (explore.tp, explore.fp, explore.fn) == (1, 0, 0)
    assert result.section("levels").macro is None

    spans = result.section("rationales").rows
    assert len(spans) == 3
    interp_spans = spans[0]  # r1: 4 shared tokens; r3: gold 4 tokens inside a 5-token finding
    assert (interp_spans.tp, interp_spans.fp, interp_spans.fn) == (8, 1, 0)
    assert (spans[1].tp, spans[1].fn) == (0, 3)  # no reflecting finding in r1: "That sounds awful" missed
    assert (spans[2].tp, spans[2].fp, spans[2].fn) == (0, 4, 3)


def test_epitome_one_file_scores_only_its_dimension(tmp_path: Path) -> None:
    path = tmp_path / "interpretations-dev.csv"
    path.write_text("sp_id,rp_id,seeker_post,response_post,level,rationales\ns,r,post,reply,0,\n", encoding="utf-8")
    result = evaluate("epitome", path, analyzer=FakeAnalyzer({}))
    assert [r.label.split(" ←")[0] for r in result.section("levels").rows] == ["interpretations"]


# --- goemotions -------------------------------------------------------------------------------------


@pytest.fixture
def goemotions_file(tmp_path: Path) -> Path:
    (tmp_path / "labels.txt").write_text("\n".join(GOEMOTIONS_LABELS) + "\n", encoding="utf-8")
    ids = {name: i for i, name in enumerate(GOEMOTIONS_LABELS)}
    rows = [("I am so angry", "anger"), ("this is annoying", "annoyance"), ("love it", "love"), ("ok", "neutral")]
    path = tmp_path / "dev.tsv"
    path.write_text("".join(f"{t}\t{ids[label]}\tid{i}\n" for i, (t, label) in enumerate(rows)), encoding="utf-8")
    return path


GOEMOTIONS_FAKE = {
    "I am so angry": Prediction(emotions=["anger"]),
    "this is annoying": Prediction(emotions=["anger"]),
    "ok": Prediction(emotions=["neutral", "impatience"]),
}


def test_goemotions_mapped_reading(goemotions_file: Path) -> None:
    fake = FakeAnalyzer(GOEMOTIONS_FAKE)
    result = evaluate("goemotions", goemotions_file, analyzer=fake)
    assert fake.calls[0] == ("I am so angry", None)  # the customer side alone: no reply
    s = scores(result, "emotions")
    assert s["anger"] == pytest.approx((0.5, 1.0, 2 / 3, 1))
    assert s["frustration"] == (0.0, 0.0, 0.0, 1)  # annoyance maps to frustration
    assert s["neutral"] == (1.0, 1.0, 1.0, 1)
    assert s["sadness"] == (None, None, None, 0)
    assert "impatience" not in s  # GoEmotions has no source for it ...
    assert any("impatience ×1" in n for n in result.notes)  # ... so it is reported, not scored
    assert result.section("emotions").macro.f1 == pytest.approx(5 / 9)


def test_goemotions_fine_grained_predictor_gets_its_own_table(goemotions_file: Path) -> None:
    fine = {"I am so angry": ["anger"], "this is annoying": ["annoyance"], "love it": ["joy"], "ok": []}
    result = evaluate_goemotions(goemotions_file, predict=lambda t: GOEMOTIONS_FAKE.get(t, Prediction()).emotions,
                                 predict_fine=lambda t: fine[t])
    table = {r.label: r for r in result.section("goemotions").rows}
    assert len(table) == 28
    assert (table["anger"].tp, table["annoyance"].tp) == (1, 1)
    assert (table["love"].fn, table["joy"].fp, table["neutral"].fn) == (1, 1, 1)
    assert result.section("goemotions").macro.labels == 5
    assert result.section("goemotions").macro.f1 == pytest.approx(2 / 5)


def test_goemotions_mapping_covers_every_label_of_the_shared_data(shared_data: Path) -> None:
    from empathic.evaluation.goemotions import goemotions_map, map_labels

    names = (shared_data / "goemotions" / "labels.txt").read_text(encoding="utf-8").split()
    assert set(names) == set(goemotions_map())
    assert map_labels(["disgust", "annoyance", "joy"]) == {"anger", "frustration"}


# --- the real pipeline over the shared dev data: every record is accounted for ----------------------


@pytest.mark.parametrize(
    ("dataset", "relpath"),
    [("cs", "cs/cs-dev.jsonl"), ("cs", "twcs/dev.jsonl"), ("cs", "esconv/dev-relabelled.jsonl"),
     ("esconv", "esconv/dev.jsonl"), ("epitome", "epitome"), ("goemotions", "goemotions/dev.tsv")],
)
def test_default_pipeline_runs_on_shared_data(shared_data: Path, coach, dataset: str, relpath: str) -> None:
    result = evaluate(dataset, shared_data / relpath, analyzer=coach, limit=25)
    assert result.records + sum(result.skipped.values()) == 25
    assert result.records > 0
    for section in result.sections:
        for row in section.rows:
            assert row.f1 is None or 0.0 <= row.f1 <= 1.0
    json.dumps(result.to_dict())
