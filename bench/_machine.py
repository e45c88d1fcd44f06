"""The machine a benchmark ran on, named in every result (CPU model, cores, memory, Python)."""

from __future__ import annotations

import os
import platform


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
