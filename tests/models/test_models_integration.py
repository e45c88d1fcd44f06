"""The models in the default pipeline, the `empathic train` command and the fine-grained GoEmotions table."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from empathic.cli.app import app
from empathic.cli.main import _register_commands
from empathic.pipeline import DEFAULT_PIPELINE, Coach


def _runner() -> CliRunner:
    _register_commands()
    return CliRunner()


def test_default_pipeline_runs_the_models_in_order() -> None:
    p = list(DEFAULT_PIPELINE)
    assert p.index("listen.emotions") < p.index("listen.emotion_model")
    assert p.index("detect.model") < p.index("detect.resolve")
    a = Coach().analyze("My order is three weeks late and nobody answers.",
                        "I'm sorry. Waiting three weeks with no answer from anyone is really frustrating.")
    assert "detect.model" in a.components and "listen.emotion_model" in a.components
    assert "reflecting_emotion" in a.strategies
    for f in a.findings:
        assert a.reply[f.span.start:f.span.end] == f.span.text


def test_model_candidates_reach_the_resolver() -> None:
    a = Coach().analyze("The app logged me out again and I lost my basket.",
                        "Back when I started here the same app ate my whole basket twice and I was livid.")
    assert any(c.source == "model" for c in a.candidates)


def test_train_command_writes_weights(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    data, ge = tiny_data
    out = tmp_path / "weights"
    result = _runner().invoke(app, ["train", "--data", str(data), "--goemotions", str(ge), "--out", str(out),
                                      "--no-dev", "--no-twcs", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["emotion_head.npz", "strategy_head.npz"]


def test_train_cv_reports_false_alarms_per_100(tiny_data: tuple[Path, Path], tmp_path: Path) -> None:
    import json

    data, _ = tiny_data
    records = [
        {"id": f"twdev-C{i}-0", "customer": "@Brand my order is late", "reply": reply, "strategies": labels,
         "spans": spans}
        for i, (reply, labels, spans) in enumerate([
            ("@kim Please DM us your order number.", [], {}),
            ("@lee Our engineers are on it. You can follow updates here: https://x.example/s", [], {}),
            ("@ana Lots of people find the tracking page confusing at first.", ["normalizing"],
             {"normalizing": ["Lots of people find the tracking page confusing at first."]}),
            ("@bo Thanks for bearing with us.", [], {}),
        ])
    ]
    twcs = tmp_path / "twcs.jsonl"
    twcs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = _runner().invoke(app, ["train", "--cv", "2", "--data", str(data), "--twcs", str(twcs), "--no-dev"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["replies"] == 4 and report["replies_without"] == 3 and report["folds"] == 2
    assert report["false_alarms_per_100"] == round(100 * report["false_alarm_replies"] / 3, 2)


def test_train_command_names_missing_data(tmp_path: Path) -> None:
    result = _runner().invoke(app, ["train", "--data", str(tmp_path), "--no-emotions", "--no-dev",
                                      "--out", str(tmp_path / "w")])
    assert result.exit_code != 0
    assert "strategy-sentences" in result.output


def test_goemotions_eval_reports_the_28_labels(tmp_path: Path) -> None:
    from empathic.evaluation import evaluate

    names = ["admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity",
             "desire", "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear",
             "gratitude", "grief", "joy", "love", "nervousness", "optimism", "pride", "realization", "relief",
             "remorse", "sadness", "surprise", "neutral"]
    (tmp_path / "labels.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    rows = ["Thank you so much for the help!\t15\ta1", "I am absolutely terrified of tomorrow\t14\ta2",
            "The shop opens at nine.\t27\ta3"]
    (tmp_path / "dev.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = evaluate("goemotions", tmp_path / "dev.tsv", analyzer=Coach())
    keys = [s.key for s in result.sections]
    assert keys == ["emotions", "goemotions"]
    fine = {r.label: r for r in result.sections[1].rows}
    assert fine["gratitude"].f1 == 1.0


def test_goemotions_eval_without_the_model_has_no_fine_table(tmp_path: Path) -> None:
    from empathic.evaluation import evaluate

    (tmp_path / "labels.txt").write_text("gratitude\nneutral\n", encoding="utf-8")
    (tmp_path / "dev.tsv").write_text("thanks a lot\t0\tb1\n", encoding="utf-8")
    rules = [n for n in DEFAULT_PIPELINE if n not in ("detect.model", "listen.emotion_model")]
    result = evaluate("goemotions", tmp_path / "dev.tsv", analyzer=Coach(rules))
    assert [s.key for s in result.sections] == ["emotions"]


def test_models_give_the_same_answers_from_many_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    coach = Coach()
    pairs = [
        ("My refund is late again.", "Waiting on money you're owed is really stressful. I've chased it today."),
        ("I feel so stupid, I deleted my account.", "Loads of people do that, it's an easy slip. I've restored it."),
        ("Thanks, it works now!", "Great to hear! Have a lovely day."),
    ] * 4

    def run(pair: tuple[str, str]) -> tuple[list[str], list[str]]:
        a = coach.analyze(*pair)
        return a.strategies, [e.label for e in a.customer.fine_emotions]

    expected = [run(p) for p in pairs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(run, pairs)) == expected
