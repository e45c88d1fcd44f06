"""Speed and memory of one analysis: warm p50/p90 (the same exchange repeated, and each distinct golden exchange
once), cold start (import + first analysis), peak RSS.

Run: .venv/bin/python bench/bench_analyze.py [--n 2000]. Prints a table and writes bench/results/analyze.json.
Medians over repeated runs; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _machine import cold_starts, describe, machine

# A typical exchange: a 40-word customer message and a 60-word reply.
CUSTOMER = ("I ordered a birthday present for my daughter two weeks ago and it still hasn't arrived. "
            "The tracking hasn't changed in six days and nobody answers the phone. I'm really upset "
            "and worried it won't come in time.")
REPLY = ("I'm so sorry your daughter's present hasn't arrived; it's really worrying when the tracking stops "
         "moving and nobody picks up. When a parcel of mine went missing before my son's birthday I felt just "
         "the same. I've contacted the courier, who found it at the local depot, and it will be delivered "
         "tomorrow before noon. I've also refunded the delivery charge.")

def _golden_exchanges() -> list[tuple[str, str]]:
    """The distinct (customer, reply) pairs of the golden cs-dev and twcs dev sets committed under tests/golden."""
    data = Path(__file__).resolve().parents[1] / "tests" / "golden" / "data"
    pairs = []
    for name in ("cs-dev.jsonl", "twcs-dev.jsonl"):
        with (data / name).open(encoding="utf-8") as fh:
            pairs += [(r["customer"], r["reply"]) for r in map(json.loads, fh) if r.get("reply")]
    return pairs


def main() -> None:
    """Run the benchmark and print/write the results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000, help="warm analyses to time")
    ap.add_argument("--cold-runs", type=int, default=5)
    args = ap.parse_args()
    print(f"words: customer {len(CUSTOMER.split())}, reply {len(REPLY.split())}")
    cold, rss = cold_starts(CUSTOMER, REPLY, args.cold_runs)
    import empathic

    coach = empathic.default_coach()
    for _ in range(50):
        coach.analyze(CUSTOMER, REPLY)
    times = []
    for _ in range(args.n):
        t = time.perf_counter()
        coach.analyze(CUSTOMER, REPLY)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    # The same text over and over is served partly by the process's text-keyed caches; real traffic is new text
    # every time, so also time each distinct exchange of the committed golden sets (cs-dev + twcs dev) once.
    distinct = []
    for customer, reply in _golden_exchanges():
        t = time.perf_counter()
        coach.analyze(customer, reply)
        distinct.append((time.perf_counter() - t) * 1000)
    distinct.sort()
    result = {
        "machine": machine(),
        "warm_p50_ms": round(statistics.median(times), 3),
        "warm_p90_ms": round(times[int(0.9 * len(times))], 3),
        "warm_p99_ms": round(times[int(0.99 * len(times))], 3),
        "exchanges_per_s_one_core": round(1000 / statistics.median(times), 1),
        "distinct_exchanges": len(distinct),
        "distinct_p50_ms": round(statistics.median(distinct), 3),
        "distinct_p90_ms": round(distinct[int(0.9 * len(distinct))], 3),
        "cold_start_median_s": round(statistics.median(cold), 3),
        "peak_rss_mib_cold_median": round(statistics.median(rss), 1),
        "peak_rss_mib_this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "n": args.n,
    }
    print(f"machine: {describe()}")
    for k, v in result.items():
        if k != "machine":
            print(f"{k:>28}: {v}")
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "analyze.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
