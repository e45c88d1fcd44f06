"""The checks' data files: present, valid, and each one recorded in PROVENANCE.md."""

from __future__ import annotations

from importlib import resources

import pytest

from empathic.errors import ResourceError
from empathic.facts import data

PATTERNS = resources.files("empathic.resources").joinpath("patterns")
CHECK_FILES = sorted(p.name for p in PATTERNS.iterdir() if p.name.startswith("checks"))


def test_there_are_check_pattern_files() -> None:
    assert len(CHECK_FILES) >= 7


@pytest.mark.parametrize("filename", CHECK_FILES)
def test_every_pattern_compiles(filename: str) -> None:
    name = filename.removeprefix("checks_").removesuffix(".toml")
    table = data.table(name)
    for key, value in table.items():
        if isinstance(value, str):
            data.regex(name, key)
        elif key == "rule":
            assert data.rules(name)


@pytest.mark.parametrize("filename", CHECK_FILES)
def test_every_file_has_provenance(filename: str) -> None:
    provenance = PATTERNS.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    assert f"`{filename}`" in provenance


def test_names_list_has_provenance_and_skips_everyday_words() -> None:
    folder = resources.files("empathic.resources").joinpath("names")
    assert "given_names.txt" in folder.joinpath("PROVENANCE.md").read_text(encoding="utf-8")
    names = data.given_names()
    assert {"Rachel", "Angela", "Kofi", "Priya"} <= names
    assert not {"Will", "May", "Grant", "Hope"} & names


def test_missing_keys_are_resource_errors() -> None:
    with pytest.raises(ResourceError):
        data.regex("stories", "no_such_key")
    with pytest.raises(ResourceError):
        data.words("stories", "no_such_list")
    with pytest.raises(ResourceError):
        data.table("no_such_file")


def test_damaged_toml_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "resource_text", lambda *parts: "rule = [")
    data.table.cache_clear()
    try:
        with pytest.raises(ResourceError, match="not valid TOML"):
            data.table("dismissive")
    finally:
        data.table.cache_clear()


def test_bad_regex_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "resource_text", lambda *parts: "broken = '''(unclosed'''")
    data.table.cache_clear()
    data.regex.cache_clear()
    try:
        with pytest.raises(ResourceError, match="not a valid regular expression"):
            data.regex("dismissive", "broken")
    finally:
        data.table.cache_clear()
        data.regex.cache_clear()
