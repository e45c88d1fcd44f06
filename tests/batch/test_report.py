"""``empathic report``: one self-contained HTML file with charts and highlighted spans; CSV/Parquet exports."""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from empathic.batch.report import EXPORT_COLUMNS, highlight, render_report
from empathic.palette import css_variables
from empathic.store import open_store
from empathic.types import STRATEGIES

runner = CliRunner()


@pytest.fixture(scope="module")
def scored_store(tmp_path_factory: pytest.TempPathFactory, cli) -> str:  # type: ignore[no-untyped-def]
    from importlib import resources

    samples = Path(str(resources.files("empathic.resources").joinpath("samples", "batch")))
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'qa.sqlite'}"
    files = [str(samples / n) for n in ("conversations.jsonl", "messages.jsonl", "zendesk_tickets.json",
                                        "intercom_conversations.json", "chats.csv")]
    result = runner.invoke(cli, ["score", *files, "--store", url, "--no-progress", "--map", "conversation_id=ticket"])
    assert result.exit_code == 2, result.stderr  # the samples hold malformed records on purpose
    return url


def test_report_is_self_contained_with_every_section(scored_store: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", "--store", scored_store, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text()
    # Nothing to fetch: no scripts, stylesheets, images or fonts from anywhere.
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"(src|href)\s*=", html)
    assert "url(" not in html and "@import" not in html
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"] * html.count("<svg")
    for heading in ("Strategy usage", "Pitfalls", "Score distribution", "Trend over time", "Per-agent comparison",
                    "Tension trajectory", "Best and worst exchanges"):
        assert f"<h2>{heading}</h2>" in html
    assert html.count("<svg") == 7
    # agents show by the name the export gives (Zendesk users, Intercom author.name), never as numeric ids
    assert "ana.silva" in html and "Grace Lindqvist" in html and "Imani Clarke" in html
    assert "381001" not in html and "5520011" not in html
    assert '<mark class="s-reflecting_emotion"' in html
    # strategy bars, legend and highlights all take the one palette (tests/web/test_web_palette.py checks its CSS)
    assert css_variables() in html
    assert all(f'<rect class="s-{s}"' in html for s in STRATEGIES)


def test_best_and_worst_lists_name_each_conversation_once(scored_store: str) -> None:
    from empathic.batch.report import report_context

    store = open_store(scored_store)
    try:
        ctx = report_context(store, top=10)
    finally:
        store.close()
    for key in ("best", "worst"):
        ids = [view["conversation_id"] for view in ctx[key]]
        assert ids and len(ids) == len(set(ids)), (key, ids)


def test_the_bundled_samples_are_distinct_and_show_pitfalls(scored_store: str) -> None:
    # Every sample conversation is its own: no message is repeated in another conversation or file.
    store = open_store(scored_store)
    try:
        texts = [t.analysis["exchange"]["customer"] for t in store.iter_turns()]
        replies = [t.analysis["exchange"]["reply"] for t in store.iter_turns()]
        totals = store.totals()
        agents = {a.agent_id for a in store.agent_summaries()}
    finally:
        store.close()
    assert len(texts) == len(set(texts)) and len(replies) == len(set(replies))
    assert len(agents) >= 8
    # The pitfall panel has something to show: most kinds occur in the samples.
    assert sum(1 for n in totals["pitfalls"].values() if n) >= 6, totals["pitfalls"]


def test_exports_hold_one_row_per_stored_turn(scored_store: str, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    result = runner.invoke(cli, ["report", "--store", scored_store, "--csv", str(tmp_path / "t.csv"),
                                 "--parquet", str(tmp_path / "t.parquet"), "--json"])
    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    with open_store(scored_store) as store:
        n = store.count_turns()
    assert written["csv_rows"] == written["parquet_rows"] == n > 0
    with (tmp_path / "t.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == n and tuple(rows[0]) == EXPORT_COLUMNS
    table = pq.read_table(tmp_path / "t.parquet")
    assert table.num_rows == n and tuple(table.column_names) == EXPORT_COLUMNS
    assert table.column("score").to_pylist() == [int(r["score"]) for r in rows]


def test_report_of_an_empty_store_says_so(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as store:
        html = render_report(store)
    assert "No results yet" in html


def test_report_needs_an_output(cli) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["report"])
    assert result.exit_code == 3 and "nothing to write" in result.stderr


def test_highlight_escapes_and_splits_overlaps() -> None:
    text = "I <know> it's hard & unfair"
    got = highlight(text, [(0, 8, "a", "A"), (5, 13, "b", "B"), (40, 50, "x", "out of range")])
    assert got == ('<mark class="a" title="A">I &lt;kn</mark><mark class="a b" title="A; B">ow&gt;</mark>'
                   '<mark class="b" title="B"> it&#x27;s</mark> hard &amp; unfair')


@pytest.mark.parametrize("days", [2, 3, 5, 10, 21, 30, 60])
def test_trend_axis_labels_never_overlap(days: int) -> None:
    from datetime import date, timedelta

    from empathic.batch.charts import lines

    labels = [(date(2026, 10, 1) + timedelta(days=i)).isoformat() for i in range(days)]
    svg = lines({"a": [(lab, 50.0) for lab in labels], "all agents": [(lab, 60.0) for lab in labels]})
    ticks = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)" font-size="10">([^<]*)<', svg)
    assert ticks[0][2] == labels[0] and ticks[-1][2] == labels[-1]  # both ends are always named
    width = 6.2 * len(labels[0])  # a 10 px digit is at most about 6 px wide
    spans = []
    for x, anchor, _ in ticks:
        x = float(x)
        spans.append((x, x + width) if anchor == "start" else (x - width, x) if anchor == "end"
                     else (x - width / 2, x + width / 2))
    for (_, right), (left, _) in itertools.pairwise(spans):
        assert right < left, ticks
