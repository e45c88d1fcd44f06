"""Load benchmark of POST /v1/analyze: concurrent clients against a real server on loopback.

Starts ``empathic serve`` in its own process group (so its CPU and memory are measured alone),
warms it up, then sends a fixed number of requests from N concurrent keep-alive clients and
reports latency percentiles, throughput, errors, the server's CPU time per request and its RSS
growth. Several rounds per server configuration; the medians of the rounds are printed with the
machine they ran on and written to bench/results/web.json. Bounded in requests and in time: it
stops by itself, and only ever talks to 127.0.0.1.

    python bench/web_bench.py                      # 3 rounds x 10,000 requests, 20 clients, 1 and 2 workers
    python bench/web_bench.py --requests 2000 --rounds 1 --workers 2
    python bench/web_bench.py --client httpx       # without wrk (the client then eats a core itself)

Load generator: ``wrk`` (Debian: ``apt-get install wrk``; 4.x with LuaJIT), one thread driving
``--clients`` connections, with a generated Lua script that POSTs the bodies and stops after
exactly ``--requests`` responses. It costs the machine ~0.05 ms of CPU per request, where a
Python asyncio httpx client costs about as much CPU as the server's framework and competes with
it for the same cores. ``--client httpx`` is kept for machines without wrk.

Texts: every request is a different exchange (``--texts unique``, the default): an order number
and a reference are worked into the customer message and the reply, so the analyzer's caches of
recently seen texts cannot serve the benchmark from memory. ``--texts fixed`` resends the same
eight exchanges, as earlier versions of this benchmark did; it measures a warm cache, not traffic.

The loop is closed (each client sends its next request when the last one answered), so by
Little's law the mean latency is clients / throughput: 20 clients at p50 <= 25 ms need about
800 requests per second, which needs a server CPU time per request of at most cores / 800 s.
The report prints that budget next to the measured CPU time, and how busy the machine was with
other processes during each round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _machine import describe, machine

RESULTS = Path(__file__).parent / "results" / "web.json"

#: The issue's targets for 20 clients x 10,000 requests.
TARGET_P50_MS = 25.0
TARGET_P99_MS = 100.0
TARGET_RSS_GROWTH = 0.10

# Exchanges written for this benchmark (none from an evaluation set): short and long, calm and upset.
EXCHANGES: list[tuple[str, str]] = [
    ("I was charged twice for my order and I'm furious, money is tight this month.",
     "It's really frustrating to be charged twice when money is already tight. I've refunded the extra charge."),
    ("My parcel says delivered but it isn't here. It was a birthday present for my son.",
     "Refunds take 5-7 working days."),
    ("I think I deleted my whole photo library by mistake. I'm such an idiot.",
     "Please don't be hard on yourself: that button is easy to hit by accident, and lots of people do it. "
     "Deleted photos stay recoverable for 30 days, so I've restored them all for you."),
    ("Hi, can you tell me when my next bill is due?",
     "Of course: your next bill is due on the 14th, and it will be the usual amount."),
    ("The engineer didn't turn up again, second time this week, and my elderly mum has no heating. "
     "I took the day off work for this. I'm so angry and worried about her.",
     "I understand your frustration. When my own boiler broke last winter I remember how cold and anxious "
     "those nights felt, so I know how worrying this is. I've booked a priority visit for 8am tomorrow and "
     "a courier is bringing two electric heaters today."),
    ("I've been on hold for an hour and got cut off twice. I'm fed up.",
     "Calm down, these things happen. What is your account number?"),
    ("My flight was cancelled and nobody told me. I'm stuck at the airport with two tired kids.",
     "Being stranded with two tired children and no warning is exhausting, and I'm sorry nobody told you. "
     "I've rebooked you on the 14:10 and added meal vouchers for all three of you."),
    ("I don't understand how to read my meter, sorry if this is a dumb question.",
     "It's not a dumb question at all: those meters confuse lots of people. Read only the black digits."),
]

#: Stands for the request number in a body template (no JSON escaping needed, no Lua pattern characters).
SLOT = "REQNUM"


def body_templates(unique: bool) -> list[str]:
    """JSON bodies, with SLOT where the request number goes when every request must differ."""
    out = []
    for customer, reply in EXCHANGES:
        if unique:
            customer = f"Order {SLOT}. {customer}"
            reply = f"{reply} Your reference is {SLOT}."
        out.append(json.dumps({"customer": customer, "reply": reply}))
    return out


def body(templates: list[str], n: int) -> bytes:
    """The body of request number ``n`` (the same bodies, in the same order, as the wrk script sends)."""
    return templates[n % len(templates)].replace(SLOT, str(100_000 + n)).encode()


@dataclass(slots=True)
class Round:
    """One measured batch of requests against one server."""

    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    rss_before_mb: float
    rss_after_mb: float
    server_cpu_s: float
    client_cpu_s: float
    other_cpu_cores: float
    loadavg_1m: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def server_cpu_ms_per_request(self) -> float:
        return self.server_cpu_s / max(1, self.requests) * 1000

    @property
    def client_cpu_ms_per_request(self) -> float:
        return self.client_cpu_s / max(1, self.requests) * 1000

    def as_dict(self) -> dict[str, float | int]:
        d: dict[str, float | int] = {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}
        d["rps"] = round(self.rps, 1)
        d["server_cpu_ms_per_request"] = round(self.server_cpu_ms_per_request, 3)
        d["client_cpu_ms_per_request"] = round(self.client_cpu_ms_per_request, 3)
        return d


# ----- the server and its processes -------------------------------------------------------------------------------


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants (uvicorn's worker processes), from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the processes (all their threads)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the processes together, from /proc (Linux)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (not idle, not waiting for I/O) since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(port: int, folder: Path, workers: int, access_log: bool) -> list[str]:
    return [sys.executable, "-m", "empathic", "serve", "--host", "127.0.0.1", "--port", str(port),
            "--store", f"sqlite:///{folder}/bench.sqlite", "--no-sample", "--workers", str(workers),
            "--access-log" if access_log else "--no-access-log"]


def start_server(port: int, folder: Path, workers: int, access_log: bool) -> subprocess.Popen[bytes]:
    """``empathic serve`` on 127.0.0.1:port in a new process group, once /readyz answers 200."""
    env = {**os.environ, "EMPATHIC_HOME": str(folder)}
    env.pop("EMPATHIC_API_KEYS", None)
    # The log goes to a file: a pipe nobody reads would stall the server once it filled up.
    log = (folder / "server.log").open("wb")
    proc = subprocess.Popen(server_command(port, folder, workers, access_log), env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited:\n{(folder / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("server did not become ready within 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server and its workers (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


# ----- load generators --------------------------------------------------------------------------------------------

# wrk runs request() for every request and response() for every answer in each thread's own Lua state;
# done() runs once in the main state and reads the thread's counters with thread:get. At the limit the
# thread stops and SIGINTs its own process, which ends wrk's timed sleep: wrk then prints and exits.
_WRK_LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk, bench_timespec *tp);
int kill(int pid, int sig);
int getpid(void);
]]
local ts = ffi.new("bench_timespec")
local function now() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9 end

local templates = { %(templates)s }
local limit = %(limit)d
local headers = { ["Content-Type"] = "application/json" }
sent = 0
answered = 0
bad = 0
t_first = 0
t_last = 0

function request()
  if t_first == 0 then t_first = now() end
  local n = sent
  sent = sent + 1
  local b = templates[(n %% #templates) + 1]:gsub("%(slot)s", tostring(100000 + n))
  return wrk.format("POST", "/v1/analyze", headers, b)
end

function response(status, hdrs, body)
  if answered >= limit then return end
  answered = answered + 1
  if status ~= 200 or not body:find('"score"', 1, true) then bad = bad + 1 end
  if answered == limit then
    t_last = now()
    wrk.thread:stop()
    ffi.C.kill(ffi.C.getpid(), 2)
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

function done(summary, latency, requests)
  local t = threads[1]
  local e = summary.errors
  io.write(string.format(
    'BENCH {"answered": %%d, "bad": %%d, "seconds": %%.6f, "p50_us": %%d, "p90_us": %%d, "p99_us": %%d, ' ..
    '"max_us": %%d, "socket_errors": %%d}\n',
    t:get("answered"), t:get("bad"), t:get("t_last") - t:get("t_first"),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout))
end
"""


def wrk_version(exe: str) -> str:
    out = subprocess.run([exe, "-v"], capture_output=True, text=True)
    first = (out.stdout + out.stderr).splitlines()
    return first[0].split(" Copyright")[0] if first else "wrk"


def run_wrk(exe: str, url: str, templates: list[str], total: int, clients: int, time_limit: float,
            folder: Path) -> tuple[dict[str, Any], float]:
    """``total`` requests from ``clients`` connections with wrk; its summary and the CPU it used."""
    script = folder / "analyze.lua"
    lua_templates = ", ".join(f"[==[{t}]==]" for t in templates)
    script.write_text(_WRK_LUA % {"templates": lua_templates, "limit": total, "slot": SLOT})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [exe, "-t1", f"-c{clients}", f"-d{max(1, int(time_limit))}s", "--timeout", "30s", "-s", str(script), url],
        capture_output=True, text=True, timeout=time_limit + 60,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    match = re.search(r"^BENCH (\{.*\})$", out.stdout, re.MULTILINE)
    if match is None:
        raise SystemExit(f"wrk gave no result:\n{out.stdout}\n{out.stderr}")
    summary = json.loads(match.group(1))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return summary, cpu


async def _httpx_load(url: str, templates: list[str], total: int, clients: int,
                      time_limit: float) -> tuple[list[float], int, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    deadline = time.monotonic() + time_limit
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            for i in counter:
                if time.monotonic() > deadline:
                    return
                start = time.perf_counter()
                try:
                    r = await client.post("/v1/analyze", content=body(templates, i), headers=headers)
                    ok = r.status_code == 200 and b'"score"' in r.content
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - start)
                if not ok:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - start
    return latencies, errors, wall


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, round(q / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def run_httpx(url: str, templates: list[str], total: int, clients: int,
              time_limit: float) -> tuple[dict[str, Any], float]:
    """The same load from a Python asyncio httpx client in this process; its summary and CPU."""
    before = time.process_time()
    latencies, errors, wall = asyncio.run(_httpx_load(url, templates, total, clients, time_limit))
    cpu = time.process_time() - before
    latencies.sort()
    us = [v * 1e6 for v in latencies]
    summary = {"answered": len(latencies), "bad": errors, "seconds": wall, "p50_us": percentile(us, 50),
               "p90_us": percentile(us, 90), "p99_us": percentile(us, 99), "max_us": us[-1] if us else 0,
               "socket_errors": 0}
    return summary, cpu


# ----- rounds, reporting ------------------------------------------------------------------------------------------


def measure(args: argparse.Namespace, workers: int, client: str, wrk_exe: str | None) -> list[Round]:
    """Start a server with ``workers`` processes, warm it up, run the rounds, stop it."""
    templates = body_templates(args.texts == "unique")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    rounds: list[Round] = []
    with tempfile.TemporaryDirectory(prefix="empathic-webbench-") as tmp:
        folder = Path(tmp)

        def load(total: int) -> tuple[dict[str, Any], float]:
            if client == "wrk":
                assert wrk_exe is not None
                return run_wrk(wrk_exe, url, templates, total, args.clients, args.time_limit, folder)
            return run_httpx(url, templates, total, args.clients, args.time_limit)

        proc = start_server(port, folder, workers, args.access_log)
        try:
            time.sleep(1.0)  # let every worker finish starting before the tree is read
            pids = process_tree(proc.pid)
            if args.warmup:
                load(args.warmup)
            for n in range(1, args.rounds + 1):
                load_1m = loadavg()
                rss0, cpu0, busy0 = rss_mb(pids), cpu_seconds(pids), machine_busy_seconds()
                summary, client_cpu = load(args.requests)
                rss1, cpu1, busy1 = rss_mb(pids), cpu_seconds(pids), machine_busy_seconds()
                seconds = float(summary["seconds"])
                others = max(0.0, (busy1 - busy0) - (cpu1 - cpu0) - client_cpu)
                # Unanswered requests (the time limit struck) count as errors too.
                errors = int(summary["bad"]) + int(summary["socket_errors"]) + args.requests - int(summary["answered"])
                r = Round(
                    requests=int(summary["answered"]), seconds=seconds,
                    p50_ms=summary["p50_us"] / 1000, p90_ms=summary["p90_us"] / 1000,
                    p99_ms=summary["p99_us"] / 1000, max_ms=summary["max_us"] / 1000,
                    errors=errors,
                    rss_before_mb=rss0, rss_after_mb=rss1, server_cpu_s=cpu1 - cpu0, client_cpu_s=client_cpu,
                    other_cpu_cores=others / seconds if seconds > 0 else 0.0, loadavg_1m=load_1m,
                )
                rounds.append(r)
                print(f"  round {n}: {r.requests:,} requests in {r.seconds:.1f} s = {r.rps:.0f} req/s; "
                      f"p50 {r.p50_ms:.1f} ms, p90 {r.p90_ms:.1f} ms, p99 {r.p99_ms:.1f} ms; errors {r.errors}; "
                      f"server CPU {r.server_cpu_ms_per_request:.2f} ms/request, client "
                      f"{r.client_cpu_ms_per_request:.2f} ms/request; other processes used "
                      f"{r.other_cpu_cores:.2f} cores (load {r.loadavg_1m:.1f}); "
                      f"server RSS {r.rss_before_mb:.1f} -> {r.rss_after_mb:.1f} MB", flush=True)
        finally:
            stop_server(proc)
    return rounds


def analyzer_cpu_ms(unique: bool, n: int = 400) -> float:
    """CPU time of one analysis of the benchmark's exchanges in this process, no HTTP: the server's floor."""
    from empathic.pipeline import default_coach
    from empathic.types import Exchange

    coach = default_coach()
    templates = body_templates(unique)
    # Numbers the load never sends, so the load's texts are not warmed by this.
    exchanges = [json.loads(body(templates, 900_000 + i)) for i in range(n + 50)]
    for ex in exchanges[:50]:
        coach.run(Exchange(customer=ex["customer"], reply=ex["reply"])).to_dict()
    start = time.process_time()
    for ex in exchanges[50:]:
        coach.run(Exchange(customer=ex["customer"], reply=ex["reply"])).to_dict()
    return (time.process_time() - start) / n * 1000


def summarize(rounds: list[Round], clients: int) -> dict[str, Any]:
    """Medians of the rounds and the verdict on each target."""

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    rss_start, rss_end = rounds[0].rss_before_mb, rounds[-1].rss_after_mb
    worst_growth = max((r.rss_after_mb - r.rss_before_mb) / r.rss_before_mb for r in rounds)
    s = {
        "p50_ms": med([r.p50_ms for r in rounds]),
        "p90_ms": med([r.p90_ms for r in rounds]),
        "p99_ms": med([r.p99_ms for r in rounds]),
        "rps": med([r.rps for r in rounds]),
        "errors_total": sum(r.errors for r in rounds),
        "server_cpu_ms_per_request": med([r.server_cpu_ms_per_request for r in rounds]),
        "client_cpu_ms_per_request": med([r.client_cpu_ms_per_request for r in rounds]),
        "other_cpu_cores": med([r.other_cpu_cores for r in rounds]),
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_growth_worst_round": round(worst_growth, 4),
        "rss_growth_all_rounds": round((rss_end - rss_start) / rss_start, 4),
        # Little's law for a closed loop: the median is near clients / throughput.
        "littles_law_ms": round(clients / med([r.rps for r in rounds]) * 1000, 1),
    }
    s["targets_met"] = {
        "p50": s["p50_ms"] <= TARGET_P50_MS,
        "p99": s["p99_ms"] <= TARGET_P99_MS,
        "errors": s["errors_total"] == 0,
        "rss_growth": worst_growth < TARGET_RSS_GROWTH,
    }
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="requests per round (default 10,000)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent keep-alive clients (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--warmup", type=int, default=500, help="requests before measuring (default 500)")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds per round at most (default 300)")
    parser.add_argument("--workers", default="1,2",
                        help="server worker processes; a comma-separated list runs each in turn (default 1,2)")
    parser.add_argument("--client", choices=["wrk", "httpx"], default="wrk", help="load generator (default wrk)")
    parser.add_argument("--texts", choices=["unique", "fixed"], default="unique",
                        help="unique: every request a different exchange (default); fixed: the same eight again")
    parser.add_argument("--access-log", action="store_true", help="serve with uvicorn's access log on")
    parser.add_argument("--json", default=str(RESULTS), help=f"write the results here ('-': don't; default {RESULTS})")
    args = parser.parse_args()
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    if not (1 <= args.clients <= 256 and 1 <= args.requests <= 1_000_000 and 1 <= args.rounds <= 20
            and 0 <= args.warmup <= 100_000 and 1 <= args.time_limit <= 3600 and workers
            and all(1 <= w <= 16 for w in workers)):
        raise SystemExit("clients 1-256, requests 1-1,000,000, rounds 1-20, warmup 0-100,000, "
                         "time limit 1-3600 s, workers 1-16")
    wrk_exe = None
    if args.client == "wrk":
        wrk_exe = shutil.which("wrk")
        if wrk_exe is None:
            raise SystemExit("wrk is not installed (Debian/Ubuntu: apt-get install wrk); or use --client httpx")
    client_name = wrk_version(wrk_exe) + " (1 thread, LuaJIT script)" if wrk_exe else "httpx (Python asyncio)"

    print(f"machine: {describe()}; {platform.system()} {platform.release()}")
    print(f"load: POST /v1/analyze, {args.clients} concurrent keep-alive clients on loopback, "
          f"{args.requests:,} requests x {args.rounds} rounds, {args.texts} texts; client {client_name} "
          f"on the same machine; access log {'on' if args.access_log else 'off'}")
    analyzer_ms = analyzer_cpu_ms(args.texts == "unique")
    cores = os.cpu_count() or 1
    print(f"analyzer alone (in process, no HTTP): {analyzer_ms:.2f} ms of CPU per exchange, so {cores} cores can "
          f"serve at most {cores / analyzer_ms * 1000:.0f} requests/s, and {args.clients} closed-loop clients "
          f"wait at least {args.clients * analyzer_ms / cores:.1f} ms on average")
    configs = []
    for w in workers:
        print(f"server: empathic serve --workers {w}")
        rounds = measure(args, w, args.client, wrk_exe)
        s = summarize(rounds, args.clients)
        budget = cores * 1000 / (args.clients / TARGET_P50_MS * 1000)
        print(f"  median of rounds: p50 {s['p50_ms']:.1f} ms, p90 {s['p90_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms, "
              f"{s['rps']:.0f} req/s, errors {s['errors_total']}; server CPU {s['server_cpu_ms_per_request']:.2f} "
              f"ms/request (p50 <= {TARGET_P50_MS:.0f} ms with {args.clients} clients needs "
              f"{args.clients / TARGET_P50_MS * 1000:.0f} req/s, i.e. <= {budget:.2f} ms of CPU per request "
              f"on {cores} cores, client included); other processes used {s['other_cpu_cores']:.2f} "
              f"cores; server RSS {s['rss_start_mb']:.1f} -> {s['rss_end_mb']:.1f} MB "
              f"({s['rss_growth_all_rounds']:+.1%} over all rounds, worst round {s['rss_growth_worst_round']:+.1%})")
        met = s["targets_met"]
        print("  targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))
        configs.append({"workers": w, "command": " ".join(server_command(0, Path("TMP"), w, args.access_log)[1:]),
                        "median": s, "rounds": [r.as_dict() for r in rounds]})

    if args.json != "-":
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        result = {
            "benchmark": "POST /v1/analyze under concurrent load (bench/web_bench.py)",
            "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {**machine(), "os": f"{platform.system()} {platform.release()}"},
            "client": client_name,
            "clients": args.clients,
            "requests_per_round": args.requests,
            "rounds": args.rounds,
            "warmup": args.warmup,
            "texts": args.texts,
            "access_log": args.access_log,
            "analyzer_cpu_ms_per_exchange": round(analyzer_ms, 3),
            "targets": {"p50_ms": TARGET_P50_MS, "p99_ms": TARGET_P99_MS, "errors": 0,
                        "rss_growth_per_round_below": TARGET_RSS_GROWTH},
            "configs": configs,
        }
        out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
