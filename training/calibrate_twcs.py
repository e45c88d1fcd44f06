"""Issue 15's done-when check: a scripted QA reviewer corrects empathic on 200 twcs dev conversations, a local
retrain learns from those corrections, and we measure twcs false alarms on conversations whose reviews were not
used in training, before and after.

Why the "before" head is not the shipped one. The shipped strategy head is trained on twcs dev (its twcs numbers
are 5-fold cross-validated, see the model card), so on any twcs conversation it answers in-sample: measured there,
"before" would look better than a team would ever see on its own data, and corrections taken from twcs would
only repeat labels it already trained on. A team's own conversations are not in the shipped training data. To
play such a team honestly with twcs dev, the "before" head is trained by the shipped recipe without any twcs
conversation (``empathic train --no-twcs --no-emotions``): it has seen neither the held-back conversations
(its numbers there are out-of-sample) nor the reviewed ones (so the corrections carry what it does not know).
The "after" head is ``empathic train --corrections STORE --no-twcs``: the same recipe and seed plus the
corrections, so the corrections are the only difference. The emotion head is the shipped one in both (it trains
on GoEmotions only); "after" adds the local emotion layer the same command fits from the reviewer's emotion
verdicts (``emotion_local.json``: the customer's emotions recalibrated label by label on the reviews).

Steps (everything under ``--work``, a fresh folder; the repository is not written unless ``--out`` says so):

1. ``empathic train --no-twcs --no-emotions --out WORK/before``: the "before" head.
2. ``empathic score conversations-dev.jsonl --store sqlite:///WORK/reviewed.sqlite --heads WORK/before`` (a fresh
   store: what the team's QA lead scores before any correction).
3. The scripted reviewer reviews the findings of 200 conversations (the first 200 ids in SHA-256 order):
   ``empathic reviews import`` of their gold records in ``dev.jsonl`` (matched by conversation id and reply
   text) confirms each finding the gold labels agree with, rejects the others and adds the gold spans the tool
   missed (pitfalls and emotions too), then confirms the rest of each turn as checked.
4. ``EMPATHIC_HEADS=WORK/before empathic train --corrections sqlite:///WORK/reviewed.sqlite --no-twcs --out
   WORK/after``: it trains on the reviewed conversations it does not hold back (four fifths, by a hash of the id)
   and prints its own before/after on that held-back fifth.
5. The held-back part: every twcs dev conversation whose reviews were not used in training (the fifth held back
   by ``train --corrections`` and the conversations never reviewed). It is scored into two fresh stores,
   with the before heads and with the after heads (``empathic score --heads``); on each, against the gold
   labels: false alarms per 100 replies that use no strategy, and strategy precision / recall / F1; and the same
   figures as ``empathic eval cs`` gives them on the held-back gold records (each reply read with the joined
   customer turns, as the model card's twcs numbers are); the customer's emotions against the gold emotions:
   false alarms (a label read that the gold does not have) per 100 customer turns, in all and per label, and
   per-label precision / recall / F1 and macro-F1. The same scripted reviewer (as another reviewer name)
   then reviews the held-back findings in both stores and ``empathic calibrate --json`` reports the tool's
   agreement with it, before and after (``summary`` lists its emotion rows: precision, recall, kappa).

Usage: ``.venv/bin/python training/calibrate_twcs.py [--work DIR] [--seed 0] [--out results.json]`` (about
five minutes on two cores: two trainings and three scoring runs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TWCS = ROOT.parent / "shared" / "data" / "twcs"
#: How many conversations the scripted reviewer reviews for training.
REVIEWED = 200
STRATEGIES = ("relating_experience", "reflecting_emotion", "normalizing")
EMOTIONS = ("anger", "frustration", "anxiety", "sadness", "disappointment", "confusion", "embarrassment",
            "impatience", "fear", "gratitude", "relief", "neutral")


def empathic(*args: str, heads: str | None = None, ok: tuple[int, ...] = (0,)) -> str:
    """Run the empathic CLI of this checkout; its stdout (stderr passes through)."""
    env = dict(os.environ)
    env.pop("EMPATHIC_HEADS", None)
    if heads:
        env["EMPATHIC_HEADS"] = heads
    cmd = [sys.executable, "-m", "empathic", *args]
    print("$", ("EMPATHIC_HEADS=" + heads + " " if heads else "") + "empathic " + " ".join(args), file=sys.stderr)
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, check=False, text=True, cwd=ROOT)
    if done.returncode not in ok:
        raise SystemExit(f"empathic {args[0]} exited {done.returncode}")
    return done.stdout


def has_calibrate() -> bool:
    """Whether this checkout has ``empathic calibrate`` (the agreement report)."""
    done = subprocess.run([sys.executable, "-m", "empathic", "calibrate", "--help"], capture_output=True, cwd=ROOT)
    return done.returncode == 0


def norm(text: str) -> str:
    """Whitespace-insensitive text key (the scorer merges a speaker's consecutive turns with newlines)."""
    return " ".join(text.split())


def conversation_of(record_id: str) -> str:
    """``twdev-<conversation>-<n>`` -> ``twdev-<conversation>``."""
    return record_id.rsplit("-", 1)[0]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_index(records: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(conversation id, normalised reply) -> the gold record."""
    return {(conversation_of(r["id"]), norm(r["reply"])): r for r in records}


def import_reviews(url: str, conversations: set[str], reviewer: str, work: Path) -> dict[str, Any]:
    """The scripted reviewer: ``empathic reviews import`` of the gold records of ``conversations``.

    Import confirms each finding the gold labels agree with, rejects the others, adds the gold spans the tool
    missed (and does the same for pitfalls and emotions), then confirms the rest of the turn as checked.
    """
    records = [r for r in read_jsonl(TWCS / "dev.jsonl") if conversation_of(r["id"]) in conversations]
    path = work / f"gold-{reviewer}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # exit 2: a few records label a reply the batch reader joins differently and match no stored turn
    return json.loads(empathic("reviews", "import", str(path), "--store", url, "--reviewer", reviewer, "--json",
                               ok=(0, 2)))


def against_gold(url: str, gold: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    """False alarms per 100 replies without a gold strategy, and strategy P/R/F1, of a scored store."""
    from empathic.evaluation.metrics import LabelScore, macro_average
    from empathic.store import open_store

    scores = {s: LabelScore(s) for s in STRATEGIES}
    feelings = {e: LabelScore(e) for e in EMOTIONS}
    emotion_alarms = {e: 0 for e in EMOTIONS}
    without = alarms = replies = 0
    by_source: dict[str, int] = {}
    store = open_store(url, create=False)
    try:
        for rec in store.iter_turns():
            reply = str(rec.analysis.get("exchange", {}).get("reply") or "")
            record = gold.get((rec.conversation_id, norm(reply)))
            if record is None:
                continue
            replies += 1
            truth = set(record.get("strategies") or ())
            claimed = {f["strategy"]: f.get("source", "") for f in rec.analysis.get("findings") or ()}
            for s in STRATEGIES:
                scores[s].add(s in truth, s in claimed)
            felt = set(record.get("customer_emotions") or ())
            read = {e.get("label") for e in (rec.analysis.get("customer") or {}).get("emotions") or ()}
            for e in EMOTIONS:
                feelings[e].add(e in felt, e in read)
                emotion_alarms[e] += e in read and e not in felt
            if not truth:
                without += 1
                alarms += bool(claimed)
                for source in claimed.values():
                    by_source[source] = by_source.get(source, 0) + 1
    finally:
        store.close()
    macro = macro_average(scores.values())
    emotion_macro = macro_average(feelings.values())
    return {
        "replies": replies,
        "replies_without_strategy": without,
        "false_alarm_replies": alarms,
        "false_alarms_per_100": round(100 * alarms / without, 2) if without else None,
        "false_alarms_by_source": by_source,
        "per_strategy": {s: scores[s].to_dict() for s in STRATEGIES},
        "macro_f1": None if macro.f1 is None else round(macro.f1, 4),
        "emotions": {
            "customer_turns": replies,
            "false_alarms": sum(emotion_alarms.values()),
            "false_alarms_per_100": round(100 * sum(emotion_alarms.values()) / replies, 2) if replies else None,
            "false_alarms_per_100_by_label": {e: round(100 * n / replies, 2) for e, n in emotion_alarms.items()}
            if replies else {},
            "per_label": {e: feelings[e].to_dict() for e in EMOTIONS if feelings[e].measurable},
            "macro_f1": None if emotion_macro.f1 is None else round(emotion_macro.f1, 4),
        },
    }


def summary(results: dict[str, Any]) -> dict[str, Any]:
    """The before/after figures the README quotes, side by side."""
    def pair(get: Any) -> dict[str, Any]:
        return {name: get(results[name]) for name in ("before", "after")}

    def calibrate_rows(report: dict[str, Any] | None) -> dict[str, Any]:
        rows = (report or {}).get("labels") or []
        return {r["label"]: {"decisions": r["decisions"], "precision": r["precision"]["value"],
                             "recall": r["recall"]["value"], "kappa": r["kappa"]["value"]}
                for r in rows if r["part"] == "emotions"}

    return {
        "strategy_false_alarms_per_100": pair(lambda r: r["gold"]["false_alarms_per_100"]),
        "emotion_false_alarms_per_100": pair(lambda r: r["gold"]["emotions"]["false_alarms_per_100"]),
        "emotion_false_alarms_per_100_by_label": pair(lambda r: r["gold"]["emotions"]["false_alarms_per_100_by_label"]),
        "emotion_macro_f1": pair(lambda r: r["gold"]["emotions"]["macro_f1"]),
        "emotion_per_label": pair(lambda r: {e: {k: m[k] for k in ("precision", "recall", "f1", "support")}
                                             for e, m in r["gold"]["emotions"]["per_label"].items()}),
        "calibrate_emotions": pair(lambda r: calibrate_rows(r["calibrate"])),
        "train_report_held_back_fifth": {
            name: (results["train_report_held_back_fifth"][name] or {}).get("emotions")
            for name in ("before", "after")},
    }


def main() -> None:
    """Run the check and print (and optionally write) the before/after numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="Working folder (default: a new temporary one).")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None, help="Also write the results JSON here.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="calibrate-twcs-"))
    work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "src"))
    conversations = read_jsonl(TWCS / "conversations-dev.jsonl")
    gold = gold_index(read_jsonl(TWCS / "dev.jsonl"))
    ids = sorted((c["id"] for c in conversations), key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    reviewed = ids[:REVIEWED]
    seed = str(args.seed)

    before, after = work / "before", work / "after"
    empathic("train", "--no-twcs", "--no-emotions", "--seed", seed, "--out", str(before))
    store = f"sqlite:///{work / 'reviewed.sqlite'}"
    empathic("score", str(TWCS / "conversations-dev.jsonl"), "--store", store, "--no-progress",
             "--errors", str(work / "errors.jsonl"), heads=str(before))
    review_counts = import_reviews(store, set(reviewed), "qa-lead", work)
    trained = json.loads(empathic("train", "--corrections", store, "--no-twcs", "--seed", seed, "--out", str(after),
                                  "--json", heads=str(before)))

    from empathic.models.corrections import held_back

    used = {c for c in reviewed if not held_back(c)}
    held = [c for c in conversations if c["id"] not in used]
    held_file = work / "held-back.jsonl"
    held_file.write_text("".join(json.dumps(c) + "\n" for c in held), encoding="utf-8")
    results: dict[str, Any] = {
        "seed": args.seed,
        "reviewed_conversations": len(reviewed),
        "review_counts": {k: v for k, v in review_counts.items() if k != "errors"},
        "train_corrections": trained["corrections"],
        "train_report_held_back_fifth": {"before": trained["before"], "after": trained["after"]},
        "held_back_conversations": len(held),
    }
    held_ids = {c["id"] for c in held}
    held_gold = work / "held-back-gold.jsonl"
    held_gold.write_text("".join(json.dumps(r) + "\n" for r in read_jsonl(TWCS / "dev.jsonl")
                                 if conversation_of(r["id"]) in held_ids), encoding="utf-8")
    for name, heads in (("before", before), ("after", after)):
        url = f"sqlite:///{work / f'held-{name}.sqlite'}"
        empathic("score", str(held_file), "--store", url, "--no-progress", "--errors", str(work / "errors.jsonl"),
                 heads=str(heads))
        counts = import_reviews(url, {c["id"] for c in held}, "qa-check", work)
        report = json.loads(empathic("calibrate", "--store", url, "--json")) if has_calibrate() else None
        evaluated = json.loads(empathic("eval", "cs", str(held_gold), "--json", heads=str(heads)))
        strategies = next(x for x in evaluated["sections"] if x["key"] == "strategies")
        results[name] = {"heads": str(heads), "gold": against_gold(url, gold),
                         "eval_cs": {"records": evaluated["records"], "false_alarms": evaluated["false_alarms"],
                                     "strategies": strategies["rows"]},
                         "review_counts": {k: v for k, v in counts.items() if k != "errors"},
                         "calibrate": report}
    results["summary"] = summary(results)
    text = json.dumps(results, indent=1, sort_keys=True)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
