"""``empathic train``: refit the shipped model heads from the project's training data (build time; CI never trains)."""

from __future__ import annotations

from pathlib import Path

import typer

from empathic.cli.app import app, err, fail
from empathic.errors import EmpathicError


def _package_models_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("empathic.resources").joinpath("models", "en")))


@app.command("train")
def train_command(
    seed: int = typer.Option(0, "--seed", help="Seed of every split (same data and seed: byte-identical weights)."),
    out: Path | None = typer.Option(
        None, "--out", help="Folder for the weight files (default: the package's resources/models/en).", file_okay=False
    ),
    data: Path = typer.Option(
        Path("training/data"), "--data", help="Folder of strategy-sentences-*.jsonl (and reviews.jsonl).",
        file_okay=False,
    ),
    goemotions: Path = typer.Option(
        Path("../shared/data/goemotions/train.tsv"), "--goemotions",
        help="GoEmotions train TSV (labels.txt beside it).", dir_okay=False,
    ),
    dev: Path = typer.Option(
        Path("../shared/data/cs/cs-dev.jsonl"), "--dev", help="cs-format dev file that picks the strategy thresholds.",
        dir_okay=False,
    ),
    no_dev: bool = typer.Option(False, "--no-dev", help="Keep the out-of-fold thresholds (no dev file)."),
    no_emotions: bool = typer.Option(False, "--no-emotions", help="Fit only the strategy head."),
    support: bool = typer.Option(
        True, "--support/--no-support",
        help="Include the emotional- and peer-support sentences (strategy-sentences-support/-peer.jsonl); "
             "--no-support trains on "
             "the customer-service sentences only.",
    ),
    twcs: Path = typer.Option(
        Path("../shared/data/twcs/dev.jsonl"), "--twcs",
        help="Real brand replies (cs format, Apache-2.0) the strategy head also trains on.", dir_okay=False,
    ),
    no_twcs: bool = typer.Option(False, "--no-twcs", help="Train without the twcs replies."),
    cv: int | None = typer.Option(
        None, "--cv", min=2, help="Instead of training: K-fold cross-validation on twcs (grouped by conversation); "
                                  "prints false alarms per 100 replies and precision as JSON. Writes no weights.",
    ),
    encoder: str = typer.Option(
        "static-minilm-l6", "--encoder",
        help="Encoder of the strategy head: static-minilm-l6 (shipped) or all-MiniLM-L6-v2-int8 (needs onnxruntime).",
    ),
    limit: int | None = typer.Option(None, "--limit", min=20, help="Use only the first N rows of each data set."),
    corrections: str | None = typer.Option(
        None, "--corrections", metavar="STORE",
        help="Results store (sqlite:///PATH or postgresql://...) whose reviews join the training data: refits the "
             "strategy head into your data folder's heads/ (or --out), never the shipped weights, and reports "
             "before/after on a held-back fifth of the reviewed conversations. Use it with EMPATHIC_HEADS=local.",
    ),
    as_json: bool = typer.Option(False, "--json", help="With --corrections: print the report as JSON on stdout."),
) -> None:
    """Fit the strategy and emotion heads reproducibly and write their weight files.

    Exit codes: 0 ok; 2 unusable training data or no reviews in the store; 3 bad option; 4 damaged store or
    installation.
    """
    import json

    from empathic.models.training import cross_validate, train

    if corrections is not None:
        _train_corrections(corrections, out=out, seed=seed, data=data, dev=None if no_dev else dev,
                           twcs=None if no_twcs else twcs, support=support, as_json=as_json)
        return

    if cv is not None:
        try:
            result = cross_validate(data_dir=data, twcs=twcs, dev=None if no_dev else dev, folds=cv, seed=seed,
                                    support=support, log=lambda msg: err.print(msg, style="dim"),
                                    encoder_name=encoder)
        except EmpathicError as exc:
            fail(exc)
        typer.echo(json.dumps(result, indent=1))
        return
    target = out if out is not None else _package_models_dir()
    try:
        report = train(
            data_dir=data,
            goemotions=None if no_emotions else goemotions,
            out_dir=target,
            seed=seed,
            limit=limit,
            dev=None if no_dev else dev,
            support=support,
            twcs=None if no_twcs else twcs,
            encoder_name=encoder,
            log=lambda msg: err.print(msg, style="dim"),
        )
    except EmpathicError as exc:
        fail(exc)
    for path in report.files:
        err.print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    s = report.data.get("strategies", {})
    err.print(f"strategy sentences: {s.get('used', 0)} used, {s.get('reviewed', 0)} reviewed, "
              f"{s.get('changed', 0)} relabelled by the review")
    for name, m in report.metrics.get("strategies", {}).items():
        line = f"  {name}: out-of-fold F1 {m['oof_f1']:.3f} at {m['oof_threshold']:.2f}"
        if "dev_f1" in m:
            line += f"; dev F1 {m['dev_f1']:.3f} at {m['threshold']:.2f}"
        if "abstain_margin" in m:
            line += (f"; abstain margin {m['abstain_margin']:.3f} (twcs out-of-fold: {m['twcs_oof_false_alarms']} "
                     f"head-alone false alarms, {m['twcs_oof_found']} found)")
        err.print(line)
    if "emotions" in report.metrics:
        err.print(f"  GoEmotions train, out-of-fold macro-F1 {report.metrics['emotions']['macro_oof_f1']:.3f}")


def _train_corrections(store: str, *, out: Path | None, seed: int, data: Path, dev: Path | None, twcs: Path | None,
                       support: bool, as_json: bool) -> None:
    """``train --corrections``: refit the strategy head and the emotion layer with a store's reviews; before/after."""
    import json

    from empathic.models.corrections import refit
    from empathic.models.heads import LOCAL_DIR
    from empathic.store.url import data_home
    from empathic.types import EMOTIONS

    target = out if out is not None else data_home() / LOCAL_DIR
    try:
        report = refit(store, out_dir=target, data_dir=data, seed=seed, dev=dev, twcs=twcs, support=support,
                       log=lambda msg: err.print(msg, style="dim"))
    except EmpathicError as exc:
        fail(exc)
    if as_json:
        typer.echo(json.dumps(report, indent=1, sort_keys=True))
    c = report["corrections"]
    err.print(f"wrote {target / 'strategy_head.npz'}, {target / 'emotion_local.json'} and {target / 'heads.json'}")
    err.print(f"corrections: {c['train_sentences']} sentences ({c['positive_sentences']} with a strategy) from "
              f"{c['train_turns']} reviewed turns in {c['train_conversations']} conversations; held back "
              f"{c['held_back_turns']} turns in {c['held_back_conversations']} conversations")
    layer = report["emotion_layer"]
    err.print(f"emotions: {c['emotion_train_turns']} reviewed customer turns to train on, "
              f"{c['emotion_held_back_turns']} held back; the local layer recalibrates "
              f"{', '.join(layer['recalibrated']) or 'no label (each keeps the shipped reading)'}")
    before, after = report["before"], report["after"]
    if before is None or after is None:
        err.print("no held-back conversation has reviews yet: nothing to report before/after")
        _print_commands(out, target)
        return
    if "per_strategy" in before:
        err.print("held back        before (P / R / F1, n)         after")
        for s in before["per_strategy"]:
            err.print(f"  {s:<20} {_prf(before['per_strategy'][s])}   {_prf(after['per_strategy'][s])}")
        err.print(f"  false alarms per 100 replies without a strategy: {_num(before['false_alarms_per_100'])} -> "
                  f"{_num(after['false_alarms_per_100'])} (of {before['replies_without_strategy']} replies)")
    eb, ea = before.get("emotions"), after.get("emotions")
    if eb and ea:
        err.print("held back        emotions before (P / R / F1, n)  after")
        for label in sorted(set(eb["per_label"]) | set(ea["per_label"]), key=EMOTIONS.index):
            err.print(f"  {label:<20} {_prf(eb['per_label'].get(label, {}))}   {_prf(ea['per_label'].get(label, {}))}")
        err.print(f"  emotion macro-F1: {_num(eb['macro_f1'])} -> {_num(ea['macro_f1'])}; emotion false alarms per "
                  f"100 customer turns: {_num(eb['false_alarms_per_100'])} -> {_num(ea['false_alarms_per_100'])} "
                  f"(of {eb['customer_turns']} turns)")
    _print_commands(out, target)


def _print_commands(out: Path | None, target: Path) -> None:
    err.print("use them: EMPATHIC_HEADS=" + ("local" if out is None else str(target)) + " (or --heads) with "
              "analyze, score and serve")


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _prf(m: dict[str, object]) -> str:
    def f(key: str) -> str:
        v = m.get(key)
        return "-    " if v is None else f"{float(v):.3f}"  # type: ignore[arg-type]

    return f"{f('precision')} / {f('recall')} / {f('f1')} (n={m.get('support')})"
