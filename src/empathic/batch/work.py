"""The one engine-neutral unit of work: ``score_batch(records) -> records``.

Plain dicts in, plain dicts out, so the same function runs in a local process pool, on Dask
workers or inside Spark's ``mapInPandas``. The analyzer is built lazily, once per process, on
the first batch that process sees.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from empathic.batch.conversation import analyse_conversation
from empathic.batch.records import bad_record
from empathic.errors import EmpathicError, InputError
from empathic.pipeline import Coach

_coach: Coach | None = None
_lock = threading.Lock()


def coach() -> Coach:
    """This process's analyzer, built on first use (loading lexicons and patterns once)."""
    global _coach
    if _coach is None:
        with _lock:
            if _coach is None:
                _coach = Coach()
    return _coach


def score_batch(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Score conversation records; error records pass through, and a conversation that fails becomes one.

    The output has one record per input record, in the same order. A problem that is not the
    record's (a damaged resource file, a bad configuration) raises instead, ending the run.
    """
    out: list[dict[str, Any]] = []
    for rec in records:
        if "error" in rec:
            out.append(rec)
            continue
        origin = rec.get("origin") or {}
        try:
            out.append(analyse_conversation(rec, coach()))
        except InputError as exc:
            out.append(bad_record(getattr(exc, "reason", str(exc)), file=origin.get("file", "?"),
                                  line=origin.get("line"), id=rec.get("id")))
        except EmpathicError:
            raise  # a damaged install or a bad configuration: stop the run, it is not this record's fault
        except Exception as exc:  # one odd conversation must not end a run of millions; it is reported
            out.append(bad_record(f"internal error while scoring ({type(exc).__name__}: {exc}); please report it",
                                  file=origin.get("file", "?"), line=origin.get("line"), id=rec.get("id")))
    return out
