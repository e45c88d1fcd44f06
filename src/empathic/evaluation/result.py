"""The outcome of one evaluation run: tables of per-label scores, with JSON and Markdown renderings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from empathic.evaluation.metrics import Average, LabelScore, macro_average, micro_average


@dataclass(slots=True)
class Section:
    """One table of an evaluation: a task, its unit of counting and a score per label.

    ``averaged`` is False when the rows are different tasks rather than labels of one
    task (EPITOME's dimensions), where a mean across rows would mean nothing.
    """

    key: str
    title: str
    rows: list[LabelScore]
    unit: str = "items"
    averaged: bool = True
    note: str = ""

    @property
    def macro(self) -> Average | None:
        """Macro average over measurable rows (None when the section is not averaged)."""
        return macro_average(self.rows) if self.averaged else None

    @property
    def micro(self) -> Average | None:
        """Micro average of the pooled counts (None when the section is not averaged)."""
        return micro_average(self.rows) if self.averaged else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form: key, title, unit, note, rows, and macro/micro averages when averaged."""
        data: dict[str, Any] = {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "note": self.note,
            "rows": [r.to_dict() for r in self.rows],
        }
        if self.averaged:
            data["macro"] = macro_average(self.rows).to_dict()
            data["micro"] = micro_average(self.rows).to_dict()
        return data


@dataclass(slots=True)
class Breakdown:
    """A plain table that explains the scores (e.g. how often each strategy fires per external label)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]

    def to_dict(self) -> dict[str, Any]:
        """``{"key", "title", "columns", "rows"}``."""
        return {"key": self.key, "title": self.title, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows]}

    def to_markdown(self) -> list[str]:
        """The table as Markdown lines (first column left-aligned, the rest right-aligned)."""
        lines = [f"**{self.title}**", "", "| " + " | ".join(self.columns) + " |",
                 "|---|" + "---:|" * (len(self.columns) - 1)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return [*lines, ""]


@dataclass(slots=True)
class EvalResult:
    """Everything one ``empathic eval`` run measured on one data set."""

    dataset: str
    source: str
    records: int
    seconds: float
    sections: list[Section] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    limit: int | None = None
    #: further measurements in JSON form (e.g. ``false_alarms`` of a cs run, with every evidence id)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ms_per_record(self) -> float | None:
        """Mean wall-clock milliseconds per evaluated record (reading and scoring included)."""
        return self.seconds * 1000 / self.records if self.records else None

    def section(self, key: str) -> Section:
        """The section named ``key``; KeyError when this run has none."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """The whole result as a JSON-ready dict."""
        ms = self.ms_per_record
        return {
            "dataset": self.dataset,
            "source": self.source,
            "records": self.records,
            "limit": self.limit,
            "skipped": dict(self.skipped),
            "seconds": round(self.seconds, 3),
            "ms_per_record": None if ms is None else round(ms, 3),
            "notes": list(self.notes),
            "sections": [s.to_dict() for s in self.sections],
            "breakdowns": [b.to_dict() for b in self.breakdowns],
            **self.extra,
        }

    def to_markdown(self) -> str:
        """README-ready Markdown: a heading, one table per section, the breakdowns, and the notes."""
        ms = self.ms_per_record
        timing = f"{self.seconds:.1f} s" + (f", {ms:.1f} ms per record" if ms is not None else "")
        lines = [f"### `{self.dataset}`: {self.source}", ""]
        scope = f"{self.records:,} records evaluated" + (f" (limit {self.limit:,})" if self.limit else "")
        if self.skipped:
            scope += "; skipped: " + ", ".join(f"{n:,} {why}" for why, n in sorted(self.skipped.items()))
        lines += [f"{scope}; {timing}.", ""]
        for s in self.sections:
            lines += [f"**{s.title}** (counted over {s.unit})", ""]
            lines += ["| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
            for r in s.rows:
                lines.append(
                    f"| {r.label} | {_fmt(r.precision)} | {_fmt(r.recall)} | {_fmt(r.f1)} | {r.support:,} |"
                )
            macro = s.macro
            if macro is not None and len(s.rows) > 1:
                support = sum(r.support for r in s.rows)
                labels = f"{macro.labels} label" + ("s" if macro.labels != 1 else "")
                lines.append(
                    f"| **macro** ({labels}) | {_fmt(macro.precision)} | {_fmt(macro.recall)} "
                    f"| {_fmt(macro.f1)} | {support:,} |"
                )
            if s.note:
                lines += ["", s.note]
            lines.append("")
        for b in self.breakdowns:
            lines += b.to_markdown()
        if self.notes:
            lines += [f"- {n}" for n in self.notes]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
