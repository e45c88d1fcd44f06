"""Build the coaching panel's rating sheet: 120 customer messages, every suggestion empathic offers for each, and
the rewrite of the reply that was actually sent.

Messages: real customer tweets from twcs dev (Apache-2.0; the copy in tests/golden/data) with a negative feeling in
their labels, spread over the brands, and messages the project wrote (cs-dev, spread over its 12 industries), 120 in
all. Never the held-out parts. The selection is fixed by a seed, so the sheet is reproducible for a given code version.

Rounds 1-3 rated the same 120 messages (60 + 60). From round 4 on, a round never reuses a message an earlier round
rated: the changes between rounds are made after reading a round's problem categories, and only unseen messages
show whether they generalise. cs-dev has 100 messages, so a fresh round takes what cs-dev has left (up to 60,
spread over the industries) and fills the rest with unseen tweets. Once both run dry, a round takes new messages
the project wrote for it (``--written FILE``, e.g. panel/messages/written-r7.jsonl): up to 60 project-written messages
in all, more when the unseen tweets cannot fill the 120, spread over their registers; each is marked source
"written" with the file it came from, so the round rebuilds exactly and later rounds skip it.

    python panel/build_sheet.py round2     # writes panel/round2/messages.jsonl and panel/round2/sheet.jsonl
    python panel/build_sheet.py round7 --written panel/messages/written-r7.jsonl
    python panel/build_sheet.py round8 --written panel/messages/written-r7.jsonl \
        --written panel/messages/written-r8.jsonl

Raters see only the sheet (see RATER.md): no analyzer score, no other rater's verdicts.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "tests" / "golden" / "data"
SEED = 20261206
NEGATIVE = {"anger", "frustration", "anxiety", "sadness", "disappointment", "confusion", "embarrassment",
            "impatience", "fear"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _spread(rows: list[dict], key: str, n: int, rng: random.Random) -> list[dict]:
    """``n`` rows taken round-robin over the values of ``key`` (each group shuffled), so no group dominates."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups[r[key]].append(r)
    for g in groups.values():
        rng.shuffle(g)
    order = sorted(groups)
    out: list[dict] = []
    while len(out) < n and any(groups.values()):
        for k in order:
            if groups[k] and len(out) < n:
                out.append(groups[k].pop())
    return out


#: Rounds that rated the first, shared selection; every later round takes unseen messages.
SHARED_ROUNDS = ("round1", "round2", "round3")
#: Messages per round, and the most of them taken from the project's cs-dev.
PANEL_SIZE = 120
MAX_WRITTEN = 60


#: What every row of a ``--written`` file carries, and the channels a row may name.
WRITTEN_FIELDS = ("id", "industry", "channel", "register", "customer", "draft")
CHANNELS = frozenset({"tweet", "chat", "email"})


class WrittenFileError(ValueError):
    """A ``--written`` file that cannot be used as it is: the message names the file, the line and what to fix."""


def load_written(path: Path) -> list[dict]:
    """The rows of a project-written message file, checked: every field present and non-empty, a known channel, ids
    unique and unlike any twcs dev or cs-dev id (a round records the id, and later rounds skip what was rated)."""
    from empathic.textio import iter_jsonl  # the package's own line-numbered reader (encoding, JSON, objects)

    dev_ids = {r["id"] for name in ("twcs-dev.jsonl", "cs-dev.jsonl") for r in _jsonl(GOLDEN / name)}
    rows: list[dict] = []
    ids: set[str] = set()
    try:
        with path.open("rb") as fh:
            records = list(iter_jsonl(fh, source=str(path)))
    except OSError as exc:
        raise WrittenFileError(f"{path}: cannot read the written messages ({exc.strerror or exc})") from exc
    for record in records:
        if record.error is not None:
            raise WrittenFileError(str(record.error))
        row, number = record.data or {}, record.line
        missing = [f for f in WRITTEN_FIELDS if not isinstance(row.get(f), str) or not row[f].strip()]
        if missing:
            raise WrittenFileError(f"{path}:{number}: missing or empty {', '.join(missing)} "
                                   f"(every row needs {', '.join(WRITTEN_FIELDS)})")
        if row["channel"] not in CHANNELS:
            raise WrittenFileError(f"{path}:{number}: channel {row['channel']!r} is not one of "
                                   f"{', '.join(sorted(CHANNELS))}")
        if row["id"] in ids or row["id"] in dev_ids:
            raise WrittenFileError(f"{path}:{number}: id {row['id']!r} is already used "
                                   f"({'in this file' if row['id'] in ids else 'by a dev message'}); give it a new one")
        ids.add(row["id"])
        rows.append(row)
    return rows


def rated_before(round_name: str) -> set[str]:
    """Source ids of every message a round rated before ``round_name`` (rounds are numbered folders)."""
    number = _round_number(round_name)
    seen: set[str] = set()
    for folder in HERE.glob("round*"):
        path = folder / "messages.jsonl"
        if folder.name != round_name and _round_number(folder.name) < number and path.exists():
            seen |= {m["source_id"] for m in _jsonl(path)}
    return seen


def _round_number(name: str) -> int:
    digits = "".join(ch for ch in name if ch.isdigit())
    return int(digits) if digits else 0


def candidate_pools(round_name: str) -> tuple[list[dict], list[dict]]:
    """The tweets (with a negative feeling in their labels) and written messages a round may still take."""
    seen = set() if round_name in SHARED_ROUNDS else rated_before(round_name)
    tw = [r for r in _jsonl(GOLDEN / "twcs-dev.jsonl")
          if NEGATIVE & set(r["customer_emotions"]) and r["id"] not in seen]
    cs = [r for r in _jsonl(GOLDEN / "cs-dev.jsonl") if r["id"] not in seen]
    return tw, cs


def _panel_path(path: Path) -> str:
    """``path`` as recorded in a round's messages: relative to panel/ when it lies inside it, so a clone rebuilds."""
    resolved = path.resolve()
    return resolved.relative_to(HERE).as_posix() if resolved.is_relative_to(HERE) else str(resolved)


def select_messages(round_name: str = "round1", written: Path | Sequence[Path] | None = None) -> list[dict]:
    """The panel's 120 messages (fewer once the unseen messages run out), each with its source and the reply that
    was sent (the rewrite's draft). ``written``: one or more files of project-written messages (see
    ``load_written``) whose unseen rows join cs-dev's as the project's share and fill what the unseen tweets leave
    short of 120. Ids must be unique across the files: a round records the id, and later rounds skip it."""
    files = [written] if isinstance(written, Path) else list(written or ())
    shared = round_name in SHARED_ROUNDS
    rng = random.Random(SEED if shared else f"{SEED}-{round_name}")
    tw, cs = candidate_pools(round_name)
    own: list[dict] = []
    if files:
        seen = rated_before(round_name)
        ids: dict[str, Path] = {}
        for path in files:
            for r in load_written(path):
                if r["id"] in ids:
                    raise WrittenFileError(f"{path}: id {r['id']!r} is also in {ids[r['id']]}; ids must be unique "
                                           "across the written files of a round")
                ids[r["id"]] = path
                if r["id"] not in seen:
                    own.append({**r, "source_file": _panel_path(path)})
    n_cs = min(MAX_WRITTEN, len(cs))
    # the project's own messages take up to MAX_WRITTEN of the 120 and whatever the unseen tweets cannot fill
    own_share = min(len(own), MAX_WRITTEN - n_cs)
    n_tweets = min(len(tw), PANEL_SIZE - n_cs - own_share)
    n_own = min(len(own), PANEL_SIZE - n_cs - n_tweets)
    # the draws keep their order (tweets, cs-dev, then the file) so rounds built without a file rebuild exactly
    picked = [("twcs-dev", r) for r in _spread(tw, "domain", n_tweets, rng)]
    picked += [("cs-dev", r) for r in _spread(cs, "domain", n_cs, rng)]
    messages = [{"source": src, "source_id": r["id"], "domain": r["domain"], "customer": r["customer"],
                 "draft": r["reply"]} for src, r in picked]
    if own:
        # spread over the registers: a written round asks whether the coaching holds across kinds of trouble
        messages += [{"source": "written", "source_id": r["id"], "domain": r["industry"], "customer": r["customer"],
                      "draft": r["draft"], "channel": r["channel"], "register": r["register"],
                      "source_file": r["source_file"]} for r in _spread(own, "register", n_own, rng)]
    return [{"id": f"p{i:03d}", **m} for i, m in enumerate(messages, 1)]


def build_sheet(messages: list[dict]) -> list[dict]:
    """One row per thing to rate: every suggestion, and the rewrite when it changed the draft."""
    from empathic.suggest import rewrite, suggest

    rows: list[dict] = []
    for m in messages:
        result = suggest(m["customer"], id=m["id"])
        for n, s in enumerate(result.suggestions, 1):
            rows.append({"item": f"{m['id']}-s{n}", "kind": "suggestion", "message": m["id"],
                         "customer": m["customer"], "strategy": s.strategy, "text": s.text, "note": s.note})
        r = rewrite(m["customer"], m["draft"], id=m["id"])
        if r.rewritten != r.original:
            rows.append({"item": f"{m['id']}-r", "kind": "rewrite", "message": m["id"], "customer": m["customer"],
                         "draft": r.original, "text": r.rewritten, "changes": r.changes})
    return rows


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Write messages.jsonl and sheet.jsonl into the round folder named on the command line."""
    import argparse

    parser = argparse.ArgumentParser(prog="python panel/build_sheet.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("round", metavar="ROUND_FOLDER", help="the round's folder under panel/, e.g. round7")
    parser.add_argument("--written", metavar="FILE", type=Path, action="append",
                        help="project-written messages (JSON lines: " + ", ".join(WRITTEN_FIELDS) + "); "
                             "repeat for several files")
    args = parser.parse_args(argv)
    try:
        messages = select_messages(args.round, args.written)
    except WrittenFileError as exc:
        raise SystemExit(f"error: {exc}") from None
    out = HERE / args.round
    out.mkdir(parents=True, exist_ok=True)
    if len(messages) < PANEL_SIZE:
        # Rounds never reuse a rated message, so the pools run dry: say so rather than rate a short round unawares
        print(f"only {len(messages)} unseen messages are left (a round wants {PANEL_SIZE}); "
              "write new ones (panel/messages/) and pass them with --written FILE")
    _write(out / "messages.jsonl", messages)
    sheet = build_sheet(messages)
    _write(out / "sheet.jsonl", sheet)
    kinds = defaultdict(int)
    for row in sheet:
        kinds[row["kind"]] += 1
    print(f"{len(messages)} messages, {dict(kinds)} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
