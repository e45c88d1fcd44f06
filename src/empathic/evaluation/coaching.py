"""Evaluation of the coaching output: are suggestions clean, and do rewrites mend the drafts?

For every customer message of a ``cs`` or ``esconv`` file, the suggestions are re-analysed
as replies: the share that scores at least 80 with no pitfall, and the share of messages that
get a suggestion for every strategy they call for. For every ``cs`` reply labelled with
pitfalls, the rewrite: the share with no pitfall left, and how much of the draft's other
content it keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

from empathic.errors import ConfigError
from empathic.evaluation.readers import read_cs, read_esconv, resolve_file
from empathic.evaluation.result import Breakdown, EvalResult
from empathic.evaluation.runner import Loop, ProgressFn, Skip
from empathic.pipeline import Coach, default_coach
from empathic.suggest import rewrite, suggest
from empathic.suggest.verify import MIN_SUGGESTION_SCORE
from empathic.types import STRATEGIES

#: A rewrite must keep at least this share of the draft's other content.
MIN_KEPT = 0.7


def _kind(path: Path) -> str:
    """``cs`` or ``esconv``, from the keys of the file's first record."""
    with path.open("rb") as fh:
        for raw in fh:
            if raw.strip():
                try:
                    keys = json.loads(raw)
                except json.JSONDecodeError:
                    break
                return "esconv" if isinstance(keys, dict) and "context" in keys else "cs"
    return "cs"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.1%}" if d else "–"


def evaluate_coaching(
    path: str | Path,
    *,
    analyzer: Coach | object | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
) -> EvalResult:
    """Measure suggestions (and, for ``cs`` files, rewrites) over every message of ``path``.

    ``analyzer`` must be a Coach (suggestions and rewrites run whole pipelines); default: the default one.
    """
    p = Path(path)
    kind = "esconv" if p.is_dir() and (p / "dev.jsonl").exists() else None
    file = resolve_file(p, kind or "cs")
    kind = kind or _kind(file)
    if analyzer is not None and not isinstance(analyzer, Coach):
        raise ConfigError("the coaching evaluation needs a Coach as its analyzer")
    coach = analyzer or default_coach()
    s = {"messages": 0, "needing": 0, "offered": 0, "clean": 0, "covered": 0, "rejected": 0}
    per_strategy = {k: [0, 0] for k in STRATEGIES}  # messages calling for it, messages given one
    r = {"drafts": 0, "detected": 0, "clean": 0, "kept_ok": 0, "kept_sum": 0.0, "before": 0, "after": 0}

    def step(item: object) -> None:
        customer = item.customer  # type: ignore[attr-defined]
        if not customer.strip():
            raise Skip("no customer message")
        res = suggest(customer, coach=coach)
        s["messages"] += 1
        s["rejected"] += res.rejected
        if res.called_for:
            s["needing"] += 1
        given = {x.strategy for x in res.suggestions}
        if res.called_for and set(res.called_for) <= given:
            s["covered"] += 1
        for strat in res.called_for:
            per_strategy[strat][0] += 1
            per_strategy[strat][1] += strat in given
        for x in res.suggestions:
            a = coach.analyze(customer, x.text)
            s["offered"] += 1
            s["clean"] += a.score >= MIN_SUGGESTION_SCORE and not a.pitfalls
        pitfalls = getattr(item, "pitfalls", None)
        if kind == "cs" and pitfalls:
            r["drafts"] += 1
            rw = rewrite(customer, item.reply, coach=coach)  # type: ignore[attr-defined]
            if rw.before.pitfalls:
                r["detected"] += 1
            r["clean"] += not rw.after.pitfalls
            r["kept_ok"] += rw.kept >= MIN_KEPT
            r["kept_sum"] += rw.kept
            r["before"] += rw.before.score
            r["after"] += rw.after.score

    loop = Loop(progress=progress)
    loop.run(read_cs(file) if kind == "cs" else read_esconv(file), step, limit=limit)
    breakdowns = [
        Breakdown(
            "suggestions",
            "Suggestions, re-analysed as replies",
            ["measure", "value"],
            [
                ["customer messages", f"{s['messages']:,}"],
                ["messages calling for empathy", f"{s['needing']:,}"],
                ["suggestions offered", f"{s['offered']:,}"],
                [f"suggestions scoring >= {MIN_SUGGESTION_SCORE} with no pitfall",
                 f"{s['clean']:,} ({_pct(s['clean'], s['offered'])})"],
                ["messages with a suggestion for every strategy called for",
                 f"{s['covered']:,} ({_pct(s['covered'], s['needing'])})"],
                ["candidates rejected by the verification loop", f"{s['rejected']:,}"],
                *[[f"  {k}: messages given one / calling for it", f"{v[1]:,} / {v[0]:,} ({_pct(v[1], v[0])})"]
                  for k, v in per_strategy.items()],
            ],
        )
    ]
    if kind == "cs":
        d = r["drafts"]
        breakdowns.append(Breakdown(
            "rewrites",
            "Rewrites of replies labelled with pitfalls",
            ["measure", "value"],
            [
                ["replies with gold pitfalls", f"{d:,}"],
                ["of which the analyzer flags a pitfall", f"{r['detected']:,} ({_pct(r['detected'], d)})"],
                ["rewrites with no pitfall left", f"{r['clean']:,} ({_pct(r['clean'], d)})"],
                [f"rewrites keeping >= {MIN_KEPT:.0%} of the draft's other content",
                 f"{r['kept_ok']:,} ({_pct(r['kept_ok'], d)})"],
                ["mean share of other content kept", f"{r['kept_sum'] / d:.1%}" if d else "–"],
                ["mean score before -> after", f"{r['before'] / d:.1f} -> {r['after'] / d:.1f}" if d else "–"],
            ],
        ))
    return EvalResult(
        dataset="coaching",
        source=f"{file} ({kind})",
        records=loop.records,
        seconds=loop.seconds,
        limit=limit,
        skipped=loop.skipped,
        breakdowns=breakdowns,
        notes=["Suggestions are re-analysed independently of the verification loop that chose them."],
    )
