"""Readers for the evaluation data sets (formats described in ``shared/data/README.md``).

Each reader yields typed items in file order. A missing path or a file of the wrong shape
raises :class:`DatasetError`; a malformed row raises :class:`RecordError` naming the file
and the 1-based line, because scores over a silently shortened data set would mislead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from empathic.errors import DatasetError, EncodingError, RecordError
from empathic.textio import decode_bytes, iter_jsonl
from empathic.types import EMOTIONS, PITFALL_KINDS, STRATEGIES

#: The EPITOME dimensions, by the file-name stem each one is stored under.
EPITOME_DIMENSIONS: tuple[str, ...] = ("emotional-reactions", "interpretations", "explorations")

#: File looked for when a folder is given instead of a file.
DEFAULT_FILES: dict[str, str] = {"cs": "cs-dev.jsonl", "esconv": "dev.jsonl", "goemotions": "dev.tsv"}


@dataclass(frozen=True, slots=True)
class CsItem:
    """One labelled customer-service exchange (``cs`` format)."""

    line: int
    id: str
    customer: str
    reply: str
    strategies: frozenset[str]
    pitfalls: frozenset[str]
    emotions: frozenset[str]
    self_critical: bool
    spans: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: labels (strategies, pitfalls, emotions) the two labelling passes split on; empty when none or unknown
    uncertain: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EsconvItem:
    """One ESConv supporter reply with its strategy label and the seeker's message it answers."""

    line: int
    strategy: str
    customer: str
    reply: str


@dataclass(frozen=True, slots=True)
class EpitomeItem:
    """One EPITOME seeker post and response with a level (0-2) and rationales per dimension read."""

    line: int
    seeker: str
    response: str
    levels: dict[str, int]
    rationales: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class GoEmotionsItem:
    """One GoEmotions comment with its gold label names."""

    line: int
    id: str
    text: str
    labels: frozenset[str]


def resolve_file(path: str | Path, dataset: str) -> Path:
    """The data file for ``dataset`` at ``path``: the file itself, or the default file in a folder."""
    p = Path(path)
    if not p.exists():
        raise DatasetError(f"{p}: no such file or folder")
    if p.is_dir():
        default = DEFAULT_FILES.get(dataset)
        if default is None or not (p / default).is_file():
            raise DatasetError(f"{p} is a folder without {default or 'a data file'}; give the data file's path")
        return p / default
    return p


def read_cs(path: str | Path) -> Iterator[CsItem]:
    """Yield the exchanges of a ``cs`` JSONL file, validating every field against the label sets."""
    p = resolve_file(path, "cs")
    with _open(p) as stream:
        for rec in iter_jsonl(stream, source=str(p)):
            if rec.error is not None:
                raise rec.error
            assert rec.data is not None
            yield cs_item(rec.data, rec.line, str(p))


def cs_item(data: dict[str, Any], line: int, source: str) -> CsItem:
    """One ``cs`` record, validated against the label sets; RecordError naming ``source`` and ``line`` if bad."""

    def bad(msg: str) -> RecordError:
        return RecordError(msg, line=line, source=source)

    customer = _text_field(data, "customer", line, source)
    reply = data.get("reply")
    if not isinstance(reply, str):
        raise bad("field 'reply' must be a string")
    strategies = _label_list(data, "strategies", STRATEGIES, line, source)
    pitfalls = _label_list(data, "pitfalls", PITFALL_KINDS, line, source)
    emotions = _label_list(data, "customer_emotions", EMOTIONS, line, source)
    self_critical = data.get("self_critical")
    if not isinstance(self_critical, bool):
        raise bad("field 'self_critical' must be true or false")
    raw_spans = data.get("spans", {})
    if not isinstance(raw_spans, dict):
        raise bad("field 'spans' must be an object mapping a strategy to a list of reply substrings")
    spans: dict[str, tuple[str, ...]] = {}
    for strategy, texts in raw_spans.items():
        if strategy not in STRATEGIES:
            raise bad(f"spans: unknown strategy {strategy!r} (known: {', '.join(STRATEGIES)})")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise bad(f"spans.{strategy} must be a list of strings")
        for t in texts:
            if t not in reply:
                raise bad(f"spans.{strategy}: {t[:60]!r} is not a substring of the reply")
        spans[strategy] = tuple(texts)
    uncertain = data.get("uncertain", [])
    if not isinstance(uncertain, list) or not all(isinstance(u, str) for u in uncertain):
        raise bad("field 'uncertain' must be a list of label names")
    unknown = set(uncertain) - set(STRATEGIES) - set(PITFALL_KINDS) - set(EMOTIONS) - {"self_critical"}
    if unknown:
        raise bad(f"uncertain: unknown label(s) {', '.join(sorted(unknown))}")
    return CsItem(
        line=line,
        id=str(data.get("id", f"line-{line}")),
        customer=customer,
        reply=reply,
        strategies=strategies,
        pitfalls=pitfalls,
        emotions=emotions,
        self_critical=self_critical,
        spans=spans,
        uncertain=frozenset(uncertain),
    )


def read_esconv(path: str | Path) -> Iterator[EsconvItem]:
    """Yield ESConv replies; the customer message is the seeker's last block of turns in ``context``.

    That block is the seeker turns after the last supporter turn, or, when the context ends
    with supporter turns, the last consecutive seeker turns before them. A reply whose
    context has no seeker turn yields an item with an empty ``customer`` (the evaluation
    counts it as skipped rather than inventing a message).
    """
    p = resolve_file(path, "esconv")
    with _open(p) as stream:
        for rec in iter_jsonl(stream, source=str(p)):
            if rec.error is not None:
                raise rec.error
            assert rec.data is not None
            data, line = rec.data, rec.line
            strategy = _text_field(data, "strategy", line, str(p))
            reply = _text_field(data, "response", line, str(p))
            context = data.get("context")
            if not isinstance(context, list):
                raise RecordError("field 'context' must be a list of turns", line=line, source=str(p))
            turns: list[tuple[str, str]] = []
            for i, turn in enumerate(context):
                if (
                    not isinstance(turn, dict)
                    or turn.get("role") not in ("seeker", "supporter")
                    or not isinstance(turn.get("text"), str)
                ):
                    raise RecordError(
                        f"context[{i}] must be {{\"role\": \"seeker\"|\"supporter\", \"text\": \"...\"}}",
                        line=line,
                        source=str(p),
                    )
                turns.append((turn["role"], turn["text"]))
            yield EsconvItem(line=line, strategy=strategy, customer=last_seeker_block(turns), reply=reply)


def last_seeker_block(turns: Sequence[tuple[str, str]]) -> str:
    """The text of the last run of consecutive seeker turns, joined by newlines ('' when none)."""
    end = len(turns)
    while end > 0 and turns[end - 1][0] != "seeker":
        end -= 1
    start = end
    while start > 0 and turns[start - 1][0] == "seeker":
        start -= 1
    return "\n".join(text for _, text in turns[start:end] if text.strip())


def epitome_files(path: str | Path) -> dict[str, Path]:
    """The EPITOME files at ``path`` by dimension: a folder's ``<dimension>-*.csv`` files, or one file."""
    p = Path(path)
    if not p.exists():
        raise DatasetError(f"{p}: no such file or folder")
    if p.is_dir():
        found: dict[str, Path] = {}
        for dim in EPITOME_DIMENSIONS:
            matches = sorted(p.glob(f"{dim}*.csv"))
            if len(matches) > 1:
                names = ", ".join(m.name for m in matches)
                raise DatasetError(f"{p} has several {dim} files ({names}); give one file's path")
            if matches:
                found[dim] = matches[0]
        if not found:
            raise DatasetError(f"{p} holds no EPITOME file ({', '.join(d + '-*.csv' for d in EPITOME_DIMENSIONS)})")
        return found
    for dim in EPITOME_DIMENSIONS:
        if p.name.startswith(dim) or p.name.startswith(dim.replace("-", "_")):
            return {dim: p}
    raise DatasetError(
        f"{p.name}: cannot tell which EPITOME dimension this is; the name must start with one of "
        f"{', '.join(EPITOME_DIMENSIONS)}"
    )


def read_epitome(path: str | Path) -> Iterator[EpitomeItem]:
    """Yield EPITOME pairs with the levels of every dimension file found at ``path``.

    The three dimension files annotate the same pairs in the same order; rows are joined
    by position and their ids checked, since the (seeker, response) ids repeat in the data.
    """
    files = epitome_files(path)
    tables = {dim: list(_epitome_rows(f)) for dim, f in files.items()}
    dims = list(tables)
    first = tables[dims[0]]
    for dim in dims[1:]:
        if len(tables[dim]) != len(first):
            raise DatasetError(
                f"{files[dim]} has {len(tables[dim]):,} rows but {files[dims[0]]} has {len(first):,}; "
                "the EPITOME files must annotate the same pairs"
            )
    for i, row in enumerate(first):
        for dim in dims[1:]:
            other = tables[dim][i]
            if other["key"] != row["key"]:
                raise RecordError(
                    f"pair {other['key']} does not match {row['key']} at the same row of {files[dims[0]]}",
                    line=other["line"],
                    source=str(files[dim]),
                )
        yield EpitomeItem(
            line=row["line"],
            seeker=row["seeker"],
            response=row["response"],
            levels={dim: tables[dim][i]["level"] for dim in dims},
            rationales={dim: tables[dim][i]["rationales"] for dim in dims},
        )


def _epitome_rows(path: Path) -> Iterator[dict[str, Any]]:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    need = ("seeker_post", "response_post", "level")
    if header is None or any(col not in header for col in need):
        raise DatasetError(f"{path}: expected a CSV header with columns {', '.join(need)}, rationales")
    col = {name: header.index(name) for name in header}
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            raise RecordError(f"expected {len(header)} columns, got {len(row)}", line=start, source=str(path))
        level = row[col["level"]].strip()
        if level not in ("0", "1", "2"):
            raise RecordError(f"level must be 0, 1 or 2, got {level!r}", line=start, source=str(path))
        rationales = row[col["rationales"]] if "rationales" in col else ""
        yield {
            "line": start,
            "key": tuple(row[col[k]] for k in ("sp_id", "rp_id") if k in col),
            "seeker": row[col["seeker_post"]],
            "response": row[col["response_post"]],
            "level": int(level),
            "rationales": tuple(r for r in rationales.split("|") if r.strip()),
        }


def goemotions_labels(path: Path) -> list[str]:
    """The label names of ``labels.txt`` beside a GoEmotions TSV file, one a line, in id order."""
    labels_file = path.parent / "labels.txt"
    if not labels_file.is_file():
        raise DatasetError(f"{labels_file}: no such file; GoEmotions label ids need labels.txt beside {path.name}")
    labels = [ln.strip() for ln in _read_text(labels_file).splitlines() if ln.strip()]
    if not labels:
        raise DatasetError(f"{labels_file} is empty")
    return labels


def read_goemotions(path: str | Path) -> Iterator[GoEmotionsItem]:
    """Yield GoEmotions comments: ``text<TAB>comma-separated label ids<TAB>comment id`` a line."""
    p = resolve_file(path, "goemotions")
    names = goemotions_labels(p)
    for lineno, raw in enumerate(_read_text(p).splitlines(), start=1):
        if not raw.strip():
            continue
        parts = raw.rsplit("\t", 2)
        if len(parts) != 3:
            raise RecordError(
                f"expected 3 tab-separated columns (text, label ids, id), got {len(parts)}", line=lineno, source=str(p)
            )
        text, ids, comment_id = parts
        labels: set[str] = set()
        for raw_id in ids.split(","):
            raw_id = raw_id.strip()
            if not raw_id.isdigit() or int(raw_id) >= len(names):
                raise RecordError(
                    f"label id {raw_id!r} is not a number from 0 to {len(names) - 1}", line=lineno, source=str(p)
                )
            labels.add(names[int(raw_id)])
        yield GoEmotionsItem(line=lineno, id=comment_id.strip(), text=text, labels=frozenset(labels))


def _open(path: Path) -> io.BufferedReader:
    if path.is_dir():
        raise DatasetError(f"{path} is a folder, not a data file")
    try:
        return path.open("rb")
    except OSError as exc:
        raise DatasetError(f"{path}: cannot be read ({exc.strerror})") from exc


def _read_text(path: Path) -> str:
    with _open(path) as stream:
        data = stream.read()
    try:
        return decode_bytes(data, what=str(path))
    except EncodingError as exc:
        raise DatasetError(str(exc)) from exc


def _text_field(data: dict[str, Any], name: str, line: int, source: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise RecordError(f"field {name!r} must be a string", line=line, source=source)
    return value


def _label_list(data: dict[str, Any], name: str, known: Sequence[str], line: int, source: str) -> frozenset[str]:
    value = data.get(name)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"field {name!r} must be a list of labels", line=line, source=source)
    unknown = [v for v in value if v not in known]
    if unknown:
        raise RecordError(
            f"{name}: unknown label(s) {', '.join(map(repr, unknown))} (known: {', '.join(known)})",
            line=line,
            source=source,
        )
    return frozenset(value)
