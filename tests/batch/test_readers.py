"""Readers: every sample format, column mapping, roles, internal notes, and errors with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from empathic.batch.readers import FieldMap, InputSet, detect_format
from empathic.batch.records import html_to_text, parse_time
from empathic.errors import ConfigError, InputError, RecordError


def read(path: Path, fmt: str = "auto", fields: FieldMap | None = None) -> tuple[list[dict], list[dict]]:
    recs = list(InputSet([path], fmt=fmt, fields=fields or FieldMap()).records())
    return [r for r in recs if "error" not in r], [r["error"] for r in recs if "error" in r]


def roles(rec: dict) -> str:
    return "".join("C" if t["role"] == "customer" else "A" for t in rec["turns"])


def test_generic_conversations_sample(samples: Path) -> None:
    good, bad = read(samples / "conversations.jsonl")
    assert len(good) == 6 and good[0]["id"] == "conv-5101" and good[0]["agent_id"] == "ana.silva"
    assert roles(good[0]) == "CACA"
    assert good[0]["turns"][1]["ts"] == "2026-10-06T09:03:00Z"
    assert bad == [{"file": str(samples / "conversations.jsonl"), "line": 4, "id": None,
                    "reason": bad[0]["reason"]}]
    assert "not valid JSON" in bad[0]["reason"]


def test_flat_message_rows_grouped_by_conversation(samples: Path) -> None:
    good, bad = read(samples / "messages.jsonl")
    assert [r["id"] for r in good] == [f"chat-{6201 + i}" for i in range(6)]
    assert roles(good[3]) == "CACA" and good[3]["agent_id"] == "dev.patel"
    assert bad[0]["line"] == 13 and "supervisor" in bad[0]["reason"]


def test_csv_needs_its_conversation_column_mapped(samples: Path) -> None:
    with pytest.raises(ConfigError, match="--map conversation_id=COLUMN"):
        read(samples / "chats.csv")
    good, bad = read(samples / "chats.csv", fields=FieldMap.parse(["conversation_id=ticket"], None))
    assert [r["id"] for r in good] == [f"T-{7301 + i}" for i in range(6)]
    assert roles(good[1]) == "CAC"  # "client" is a customer, "agent" an agent
    assert good[0]["agent_id"] == "erin.walsh"  # the "assignee" column is found without a mapping
    assert bad == [{"file": str(samples / "chats.csv"), "line": 16, "id": None,
                    "reason": "expected 5 columns, got 6"}]


def test_zendesk_roles_from_requester_and_internal_notes_dropped(samples: Path) -> None:
    good, bad = read(samples / "zendesk_tickets.json")
    assert [r["id"] for r in good] == [str(8801 + i) for i in range(6)]
    t = good[0]
    assert roles(t) == "CAC" and t["agent_id"] == "381001" and t["meta"]["agent_name"] == "Grace Lindqvist"
    assert not any("Internal" in turn["text"] for r in good for turn in r["turns"])
    assert t["meta"]["channel"] == "email" and t["source"] == "zendesk"
    assert bad[0]["id"] == "8899" and "comments" in bad[0]["reason"] and bad[0]["line"] > 1


def test_intercom_parts_html_and_notes(samples: Path) -> None:
    good, bad = read(samples / "intercom_conversations.json")
    assert len(good) == 6
    c = good[1]
    assert c["id"] == "91000012" and c["agent_id"] == "5520012" and roles(c) == "CACA"
    assert c["meta"]["agent_name"] == "Jonas Weber"
    assert c["turns"][2]["text"] == ("The status page says everything is fine!\n"
                                     "We have already tried two different browsers.")
    assert c["turns"][0]["ts"] == "2026-10-10T10:00:00Z"
    assert not any("annual plan" in t["text"] for r in good for t in r["turns"])
    assert bad[0]["id"] == "91009999" and "visitor-ghost" in bad[0]["reason"]


def test_auto_detection_by_content(samples: Path) -> None:
    for name, fmt in [("conversations.jsonl", "conversations"), ("messages.jsonl", "jsonl"), ("chats.csv", "csv"),
                      ("zendesk_tickets.json", "zendesk"), ("intercom_conversations.json", "intercom")]:
        path = samples / name
        assert detect_format(path, path.read_bytes()[:65536]) == fmt, name


def test_exchange_rows_and_mapped_columns(tmp_path: Path) -> None:
    path = tmp_path / "qa.jsonl"
    rows = [
        {"ref": "x1", "question": "I'm furious, my card was charged twice.", "answer": "Sorry, refunded.", "who": 7},
        {"question": "Where is my parcel?", "answer": "It arrives tomorrow."},
        {"question": 12},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    fields = FieldMap.parse(["id=ref", "customer=question", "reply=answer", "agent_id=who"], None)
    good, bad = read(path, fields=fields)
    assert good[0]["id"] == "x1" and good[0]["agent_id"] == "7" and roles(good[0]) == "CA"
    assert good[1]["id"] == f"{path}:2"  # no id: file and line, stable across reruns
    assert bad[0]["line"] == 3 and "must be a string" in bad[0]["reason"]


def test_role_option_and_speaker_names(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("conversation_id,speaker,text\nk1,Kunde,Mein Paket fehlt.\nk1,Support,Wir senden es neu.\n")
    with pytest.raises(ConfigError, match="--role"):
        FieldMap.parse(None, ["Kunde=client"])
    good, bad = read(path, fields=FieldMap.parse(None, ["Kunde=customer"]))
    assert roles(good[0]) == "CA" and not bad


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        InputSet([tmp_path / "nope.jsonl"])
    (tmp_path / "a.jsonl").write_text("{}\n")
    with pytest.raises(ConfigError, match="unknown format"):
        InputSet([tmp_path / "a.jsonl"], fmt="xml")


def test_time_and_html_helpers() -> None:
    assert parse_time("2024-03-01T10:00:00+01:00") == "2024-03-01T09:00:00Z"
    assert parse_time(1709287200) == "2024-03-01T10:00:00Z"
    assert parse_time(1709287200000) == "2024-03-01T10:00:00Z"
    assert parse_time(None) is None
    with pytest.raises(RecordError, match="ISO 8601"):
        parse_time("yesterday")
    assert html_to_text("<p>Hi &amp; welcome</p><p>Line<br>two</p>") == "Hi & welcome\nLine\ntwo"


def test_zendesk_ticket_lines_with_embedded_author_roles(tmp_path: Path) -> None:
    path = tmp_path / "tickets.ndjson"
    tickets = [
        {"id": 1, "comments": [
            {"author": {"id": 50, "role": "end-user"}, "html_body": "<p>My refund &amp; my order are both missing!</p>",
             "created_at": "2024-04-02T08:00:00Z"},
            {"author": {"id": 7, "role": "agent"}, "plain_body": "I'm sorry, let me look into both.", "public": True},
            {"author": {"id": 7, "role": "agent"}, "body": "note to self", "public": False},
        ]},
        {"id": 2, "comments": [{"body": "hello?", "created_at": "2024-04-02T09:00:00Z"}]},
    ]
    path.write_text("\n".join(json.dumps(t) for t in tickets) + "\n")
    good, bad = read(path, fmt="zendesk")
    assert len(good) == 1 and roles(good[0]) == "CA" and good[0]["agent_id"] == "7"
    assert good[0]["turns"][0]["text"] == "My refund & my order are both missing!"
    assert bad[0]["id"] == "2" and bad[0]["line"] == 2 and "who wrote it" in bad[0]["reason"]


def test_intercom_json_lines_and_bot_parts(tmp_path: Path) -> None:
    path = tmp_path / "intercom.jsonl"
    conv = {"id": "99", "source": {"body": "<p>Where is my parcel?</p>", "author": {"type": "lead", "id": "l1"}},
            "conversation_parts": [
                {"part_type": "comment", "body": "<p>It left the depot today.</p>", "author": {"type": "bot"}},
                {"part_type": "close", "body": None, "author": {"type": "admin", "id": "5"}}]}
    path.write_text(json.dumps(conv) + "\n")
    good, bad = read(path, fmt="intercom")
    assert not bad and roles(good[0]) == "CA" and good[0]["agent_id"] is None


def _zendesk_ticket(tid: int, requester: int, agent: int) -> dict:
    return {"id": tid, "requester_id": requester, "assignee_id": agent, "comments": [
        {"author_id": requester, "plain_body": "The invoice shows the wrong VAT number.", "public": True},
        {"author_id": agent, "plain_body": "Thanks, I've corrected it and sent a new invoice.", "public": True}]}


def test_zendesk_agent_names_from_the_users_side_load_after_the_tickets(tmp_path: Path) -> None:
    # Exports put "users" after "tickets": the names are read in a first pass, for agents and admins only.
    path = tmp_path / "export.json"
    doc = {"tickets": [_zendesk_ticket(1, 70, 5), _zendesk_ticket(2, 71, 6), _zendesk_ticket(3, 72, 8)],
           "users": [{"id": 5, "name": "Priya  Raman", "role": "agent"},
                     {"id": 6, "name": "Tomasz Wójcik", "role": "admin"},
                     {"id": 70, "name": "Customer Person", "role": "end-user"},
                     {"id": 8, "name": "", "role": "agent"}],
           "count": 3}
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False))
    good, bad = read(path, fmt="zendesk")
    assert not bad
    assert [(r["agent_id"], r["meta"].get("agent_name")) for r in good] == [
        ("5", "Priya Raman"), ("6", "Tomasz Wójcik"), ("8", None)]  # an empty name falls back to the id
    assert not any("Customer Person" in json.dumps(r) for r in good)  # end users' names are never read


def test_zendesk_agent_names_in_json_line_pages_and_inline_authors(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    pages = [{"tickets": [_zendesk_ticket(1, 70, 5)], "users": [{"id": 5, "name": "Priya", "role": "agent"}]},
             {"tickets": [{"id": 2, "assignee_id": 9, "comments": [
                 {"author": {"id": 71, "role": "end-user", "name": "Never Read"}, "plain_body": "Hello?"},
                 {"author": {"id": 9, "role": "agent", "name": "Dele"}, "plain_body": "Hi, how can I help?"}]}]}]
    path.write_text("\n".join(json.dumps(p) for p in pages) + "\n")
    good, _ = read(path, fmt="zendesk")
    assert [(r["agent_id"], r["meta"].get("agent_name")) for r in good] == [("5", "Priya"), ("9", "Dele")]


def test_zendesk_without_a_rewindable_stream_shows_ids(tmp_path: Path) -> None:
    import io

    from empathic.batch.readers.helpdesk import read_zendesk

    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False

    doc = {"tickets": [_zendesk_ticket(1, 70, 5)], "users": [{"id": 5, "name": "Priya", "role": "agent"}]}
    (rec,) = read_zendesk(Pipe(json.dumps(doc).encode()), source="-", default_ts="2024-01-01T00:00:00Z")
    assert rec["agent_id"] == "5" and "agent_name" not in rec["meta"]


def test_intercom_agent_name_from_the_assignees_parts(tmp_path: Path) -> None:
    path = tmp_path / "intercom.json"
    conv = {"id": "5", "admin_assignee_id": 301,
            "source": {"body": "<p>My export is stuck at 90%.</p>", "author": {"type": "user", "id": "u1",
                                                                              "name": "Not Read"}},
            "conversation_parts": {"conversation_parts": [
                {"part_type": "comment", "body": "<p>Checking.</p>", "author": {"type": "bot", "id": "1",
                                                                               "name": "Helper Bot"}},
                {"part_type": "comment", "body": "<p>Fixed it.</p>", "author": {"type": "admin", "id": "301",
                                                                               "name": "Ines Duarte"}}]}}
    path.write_text(json.dumps({"type": "conversation.list", "conversations": [conv, {**conv, "id": "6",
                                                                                       "admin_assignee_id": 999}]}))
    good, _ = read(path, fmt="intercom")
    assert [(r["agent_id"], r["meta"].get("agent_name")) for r in good] == [("301", "Ines Duarte"), ("999", None)]
