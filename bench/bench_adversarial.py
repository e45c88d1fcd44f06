"""Time of analyze, suggest and rewrite on adversarial texts at 1k, 5k and 20k characters, and its growth exponent.

Run: .venv/bin/python bench/bench_adversarial.py [--runs 5] [--sizes 1000,5000,20000] [--ops analyze,suggest]
Each shape of empathic.evaluation.adversarial gives a customer message and a reply of the size; each
run uses texts made distinct by a leading number, so no cache of an earlier run answers it. Prints a
table and writes bench/results/adversarial.json: per operation and shape, the median wall time and CPU
time (ms) at each size and the exponent of a least-squares fit of log(time) on log(size) (1.0 is
linear); CPU time is the steadier on a shared machine. Nothing here is asserted in tests;
tests/test_time_growth.py checks the growth ratio.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _machine import describe, machine


def exponent(sizes: list[int], times: list[float]) -> float:
    """Slope of the least-squares line through (log size, log time)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    """Run the benchmark and print/write the results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="runs per shape and size (median taken)")
    ap.add_argument("--sizes", default="1000,5000,20000", help="characters of each text, comma-separated")
    ap.add_argument("--ops", default="analyze,suggest,rewrite", help="operations to time, comma-separated")
    ap.add_argument("--shapes", default="", help="shape names, comma-separated (default: all)")
    args = ap.parse_args()
    import empathic
    from empathic.evaluation.adversarial import SHAPES
    from empathic.suggest import rewrite, suggest

    coach = empathic.default_coach()
    coach.analyze("warm up the models", "and the lexicons")
    ops = {
        "analyze": lambda c, r: coach.analyze(c, r).to_dict(),
        "suggest": lambda c, r: suggest(c, coach=coach).to_dict(),
        "rewrite": lambda c, r: rewrite(c, r, coach=coach).to_dict(),
    }
    sizes = [int(s) for s in args.sizes.split(",")]
    names = [n for n in args.shapes.split(",") if n] or list(SHAPES)
    tags = itertools.count()
    results: dict[str, dict[str, dict[str, object]]] = {}
    print(f"machine: {describe()}")
    head = "".join(f"{f'{s:,} ch':>12}" for s in sizes) + f"{'exponent':>10}"
    print(f"{'':36}{'wall time, median ms':^{len(head)}}{'CPU time, median ms':^{len(head)}}")
    print(f"{'operation':9} {'shape':26}{head}{head}")
    for op in args.ops.split(","):
        call = ops[op]
        results[op] = {}
        for name in names:
            shape = SHAPES[name]
            medians, cpu_medians = [], []
            for n in sizes:
                times, cpu = [], []
                for _ in range(args.runs):
                    tag = f"{next(tags)} "
                    customer, reply = tag + shape.customer(n - len(tag)), tag + shape.reply(n - len(tag))
                    start, start_cpu = time.perf_counter(), time.process_time()
                    call(customer, reply)
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                medians.append(statistics.median(times))
                cpu_medians.append(statistics.median(cpu))
            fit, cpu_fit = exponent(sizes, medians), exponent(sizes, cpu_medians)
            results[op][name] = {
                "what": shape.what,
                "median_ms": {str(n): round(m, 2) for n, m in zip(sizes, medians, strict=True)},
                "exponent": round(fit, 3),
                "median_cpu_ms": {str(n): round(m, 2) for n, m in zip(sizes, cpu_medians, strict=True)},
                "exponent_cpu": round(cpu_fit, 3),
            }
            print(f"{op:9} {name:26}" + "".join(f"{m:12.1f}" for m in medians) + f"{fit:10.2f}"
                  + "".join(f"{m:12.1f}" for m in cpu_medians) + f"{cpu_fit:10.2f}", flush=True)
    out = {
        "machine": machine(),
        "sizes_chars": sizes,
        "runs": args.runs,
        "timing": "median of runs, wall time and CPU time of this process; customer message and reply each of the size",
        "results": results,
    }
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "adversarial.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
