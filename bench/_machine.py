"""The machine a benchmark ran on, named in every result (CPU model, cores, memory, Python)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys


def machine() -> dict[str, str | int]:
    """CPU model, logical cores, memory and Python version of this machine."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            mem = int(fh.readline().split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": model, "cores": os.cpu_count() or 0, "memory_mib": mem, "python": platform.python_version()}


def describe() -> str:
    """One line naming the machine."""
    m = machine()
    return f"{m['cpu']}, {m['cores']} cores, {m['memory_mib']} MiB, Python {m['python']}"


_COLD = """
import time, resource
t = time.perf_counter()
import empathic
a = empathic.analyze({c!r}, {r!r})
{check}
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_CHECK_MODELS = 'assert "detect.model" in a.components and "listen.emotion_model" in a.components, a.components'


def cold_starts(customer: str, reply: str, runs: int, *, check_models: bool = False) -> tuple[list[float], list[float]]:
    """Seconds for import + first analysis, and peak RSS in MiB, of ``runs`` fresh processes.

    ``check_models``: fail unless the learned heads ran in that first analysis.
    """
    code = _COLD.format(c=customer, r=reply, check=_CHECK_MODELS if check_models else "")
    seconds: list[float] = []
    rss: list[float] = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        seconds.append(float(out[0]))
        rss.append(int(out[1]) / 1024)
    return seconds, rss
