"""Batch scoring at scale: exchanges per second per core, scaling over workers on both engines, peak RSS.

Run: .venv/bin/python bench/bench_batch.py [--scale-n 1000] [--repeats 3] [--rss 10000,100000].
Every run is the real command (``empathic score FILE --store sqlite:///...``) on synthetic
conversations written to a temporary folder, so times include reading, scoring and the store's
transactions. Medians over ``--repeats`` runs. Peak RSS is sampled (every 0.1 s) over the whole
process tree: the main process and, with ``--workers 2``, its worker processes. Streaming means it
must not grow with the input: compare the 10k and 100k rows. Prints a Markdown table and writes
bench/results/batch.json. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))
from _machine import describe, machine

# Hand-written lines, combined by index into many different conversations (see write_input).
CUSTOMER = [
    "My order still hasn't arrived after two weeks and the tracking hasn't moved. I'm really annoyed.",
    "I was charged twice for the same subscription this month and I'm worried about paying my rent.",
    "The app crashes every time I try to upload a photo. I've reinstalled it three times, this is so frustrating.",
    "Hi, could you tell me how I change the delivery address on my account?",
    "I feel so stupid, I think I deleted the shared folder with all our invoices by mistake.",
    "Nobody has answered my emails for a week and my internet keeps dropping every evening. Unacceptable.",
    "The jacket I ordered is the wrong size and the returns page gives me an error. Disappointing.",
    "My account was locked right before an important meeting and I'm panicking.",
]
AGENT = [
    "I'm sorry, two weeks is a long time to wait and it's frustrating when the tracking stops. "
    "I've sent a replacement by express delivery; it arrives tomorrow.",
    "Please check our FAQ page for information about this.",
    "That sounds really stressful. Many customers have run into the same issue and it's quick to fix: "
    "I've refunded the duplicate charge, it will be back in 3 to 5 days.",
    "You can change it under Account > Addresses, then press Save.",
    "Don't be hard on yourself, this happens more often than you'd think. Deleted folders stay in the bin "
    "for 30 days and I've restored it for you.",
    "We are experiencing high volumes. Please wait.",
    "When my own parcel went missing last month I felt the same, so I understand. I've booked a courier "
    "to collect the return and a new jacket is on its way.",
    "I can hear how worrying this is with your meeting so close. The lock was an automatic security check "
    "and I've lifted it; you can sign in now.",
]
FOLLOW_UP = [
    "Thanks, that helps.",
    "That doesn't help, I already tried that.",
    "Ok. When exactly will it be fixed?",
    "Great, thank you so much!",
]
CLOSING = [
    "You're welcome, have a good day.",
    "I understand how annoying this is. I've escalated it and an engineer will call you today.",
    "It will be done by tomorrow morning.",
]


def write_input(path: Path, n: int, *, exchanges: int) -> int:
    """Write ``n`` synthetic conversations with ``exchanges`` agent turns each, line by line; returns the turns."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            day = 1 + i % 28
            turns = [{"role": "customer", "text": CUSTOMER[i % 8], "ts": f"2024-02-{day:02d}T09:00:00Z"},
                     {"role": "agent", "text": AGENT[(i // 3) % 8], "ts": f"2024-02-{day:02d}T09:02:00Z"}]
            if exchanges > 1:
                turns += [{"role": "customer", "text": FOLLOW_UP[(i // 2) % 4], "ts": f"2024-02-{day:02d}T09:05:00Z"},
                          {"role": "agent", "text": CLOSING[(i // 5) % 3], "ts": f"2024-02-{day:02d}T09:06:00Z"}]
            fh.write(json.dumps({"id": f"bench-{i:07d}", "agent_id": f"agent-{i % 12}", "turns": turns}) + "\n")
    return n * exchanges


def run_score(inputs: Path, store: Path, engine: str, workers: int) -> dict[str, float]:
    """One ``empathic score`` run; its counters plus the peak RSS of its process tree (MiB)."""
    if store.exists():
        store.unlink()
    cmd = [sys.executable, "-m", "empathic", "score", str(inputs), "--store", f"sqlite:///{store}",
           "--engine", engine, "--workers", str(workers), "--no-progress", "--json",
           "--errors", str(store.with_suffix(".errors"))]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load0 = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            main_rss = parent.memory_info().rss
            tree = main_rss + sum(c.memory_info().rss for c in parent.children(recursive=True))
        except psutil.Error:
            main_rss = tree = 0
        peak_main, peak_tree = max(peak_main, main_rss), max(peak_tree, tree)
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"empathic score failed ({proc.returncode}): {err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole process tree (workers are waited for, so their time is counted): a per-core
    # rate that other programs competing for the CPU cannot distort, unlike wall-clock time.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stats = json.loads(out)
    return {"seconds": stats["seconds"], "exchanges": stats["exchanges"], "conversations": stats["scored"],
            "cpu_seconds": cpu, "load": (load0 + os.getloadavg()[0]) / 2,
            "rss_main_mib": peak_main / 2**20, "rss_tree_mib": peak_tree / 2**20}


def warm_rate(path: Path, repeats: int) -> float:
    """Agent turns per CPU-second of ``score_batch`` in one warm process: the per-core speed, start-up excluded."""
    from empathic.batch.readers import InputSet
    from empathic.batch.work import coach, score_batch

    coach()
    records = [r for r in InputSet([path]).records() if "error" not in r]
    turns = sum(sum(t["role"] == "agent" for t in r["turns"]) for r in records)
    rates = []
    for _ in range(repeats):
        t = time.process_time()
        score_batch(records)
        rates.append(turns / (time.process_time() - t))
    return statistics.median(rates)


def main() -> None:
    """Run the benchmark and print/write the results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale-n", type=int, default=1000, help="conversations (2 agent turns each) for the scaling runs")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare")
    ap.add_argument("--rss", default="10000,100000", help="conversation counts (1 agent turn each) for peak RSS")
    ap.add_argument("--rss-workers", type=int, default=2)
    args = ap.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    from empathic.pipeline import DEFAULT_PIPELINE

    weights = sorted(p.name for p in (Path(__file__).parents[1] / "src" / "empathic" / "resources" / "models")
                     .glob("**/*.npz"))
    model = f"default pipeline ({', '.join(DEFAULT_PIPELINE)}); weights: {', '.join(weights) or 'none'}"
    results: dict[str, object] = {"machine": machine(), "model": model, "scaling": [], "rss": []}
    print(f"machine: {describe()}")
    print(f"model: {model}")
    with tempfile.TemporaryDirectory(prefix="empathic-bench-") as tmp:
        folder = Path(tmp)
        scale_in = folder / "scale.jsonl"
        n_ex = write_input(scale_in, args.scale_n, exchanges=2)
        warm = warm_rate(scale_in, args.repeats)
        results["warm_per_core"] = round(warm, 1)
        print(f"  warm, one core, CPU time: {warm:.0f} exch/s", flush=True)
        rows = []
        for engine in ("local", "dask"):
            for w in workers:
                runs = [run_score(scale_in, folder / "s.sqlite", engine, w) for _ in range(args.repeats)]
                secs = statistics.median(r["seconds"] for r in runs)
                rate = n_ex / secs
                cpu = statistics.median(r["cpu_seconds"] for r in runs)
                rows.append({"engine": engine, "workers": w, "exchanges": n_ex, "median_s": round(secs, 2),
                             "exchanges_per_s": round(rate, 1), "per_core": round(rate / w, 1),
                             "per_cpu_second": round(n_ex / cpu, 1),
                             "load": round(statistics.median(r["load"] for r in runs), 1),
                             "rss_tree_mib": round(statistics.median(r["rss_tree_mib"] for r in runs), 1)})
                print(f"  {engine} x{w}: {secs:.2f}s, {rate:.0f} exch/s", flush=True)
        for r in rows:
            base = next(b for b in rows if b["engine"] == r["engine"] and b["workers"] == workers[0])
            r["speedup"] = round(r["exchanges_per_s"] / base["exchanges_per_s"], 2)
        results["scaling"] = rows
        rss_rows = []
        for n in (int(x) for x in args.rss.split(",") if x.strip()):
            path = folder / f"rss-{n}.jsonl"
            write_input(path, n, exchanges=1)
            r = run_score(path, folder / "r.sqlite", "local", args.rss_workers)
            size = path.stat().st_size / 2**20
            rss_rows.append({"conversations": n, "input_mib": round(size, 1), "engine": "local",
                             "load": round(r["load"], 1),
                             "workers": args.rss_workers, "seconds": round(r["seconds"], 1),
                             "exchanges_per_s": round(r["exchanges"] / r["seconds"], 1),
                             "rss_main_mib": round(r["rss_main_mib"], 1), "rss_tree_mib": round(r["rss_tree_mib"], 1)})
            print(f"  rss {n}: {rss_rows[-1]}", flush=True)
            path.unlink()
        out = Path(__file__).parent / "results" / "batch.json"
        if not rss_rows and out.exists():
            # --rss "": rerun only the speed part and keep the memory rows measured before.
            rss_rows = json.loads(out.read_text()).get("rss", [])
        results["rss"] = rss_rows

    print(f"\n### Batch scoring ({describe()})\n")
    print(f"Per core, warm (score_batch in one process, CPU time, start-up excluded): **{warm:,.0f} agent turns/s**.\n")
    print(f"Model: {model}.\n")
    print(f"Median of {args.repeats} runs of `empathic score` on {args.scale_n} synthetic conversations "
          f"({n_ex} agent turns), SQLite store.\n")
    print("| engine | workers | wall s | exchanges/s | per core (wall) | per CPU-second (all processes) "
          "| speed-up | load avg | peak RSS, all processes (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['engine']} | {r['workers']} | {r['median_s']} | {r['exchanges_per_s']:,} | {r['per_core']:,} | "
              f"{r['per_cpu_second']:,} | {r['speedup']}x | {r['load']} | {r['rss_tree_mib']} |")
    print("\nper CPU-second = agent turns / CPU time (user + system) of the command and its workers, start-up "
          "included;\nload avg = the machine's 1-minute load during the runs (other programs compete for the cores "
          "when it exceeds the core count).")
    print(f"\nPeak RSS while streaming (`--engine local --workers {args.rss_workers}`, "
          "1 agent turn per conversation):\n")
    print("| conversations | input (MiB) | seconds | exchanges/s | peak RSS main process (MiB) "
          "| peak RSS all processes (MiB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rss_rows:
        print(f"| {r['conversations']:,} | {r['input_mib']} | {r['seconds']} | {r['exchanges_per_s']:,} | "
              f"{r['rss_main_mib']} | {r['rss_tree_mib']} |")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    os.environ.setdefault("EMPATHIC_HOME", tempfile.mkdtemp(prefix="empathic-bench-home-"))
    main()
