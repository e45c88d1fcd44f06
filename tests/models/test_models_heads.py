"""Local heads: EMPATHIC_HEADS / --heads pick the weight files, every analysis records which heads made it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import empathic
from empathic.errors import ResourceError
from empathic.models import heads
from empathic.models.linear import weights_path
from empathic.types import Analysis

CUSTOMER = "I was charged twice and now my account is overdrawn. I'm furious."
REPLY = "Being charged twice and ending up overdrawn is really stressful. I've refunded the duplicate today."

pytestmark = pytest.mark.usefixtures("shipped_heads_after")


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[: heads.DIGEST_CHARS]


def test_an_analysis_records_the_shipped_heads_with_their_content_hash() -> None:
    data = empathic.analyze(CUSTOMER, REPLY).to_dict()
    assert data["heads"] == {
        "head:emotion": f"shipped:{_hash(weights_path('emotion_head.npz'))}",
        "head:strategy": f"shipped:{_hash(weights_path('strategy_head.npz'))}",
    }
    assert Analysis.from_dict(data).heads == data["heads"]


def test_a_local_folder_replaces_the_heads_it_holds_and_says_so(tmp_path: Path) -> None:
    shutil.copy(weights_path("strategy_head.npz"), tmp_path / "strategy_head.npz")
    shipped = empathic.analyze(CUSTOMER, REPLY).to_dict()
    heads.configure(str(tmp_path))
    assert os.environ[heads.HEADS_ENV] == str(tmp_path)  # worker processes inherit the choice
    local = empathic.analyze(CUSTOMER, REPLY).to_dict()
    digest = _hash(tmp_path / "strategy_head.npz")
    assert local["heads"]["head:strategy"] == f"local:{digest}"
    assert local["heads"]["head:emotion"] == shipped["heads"]["head:emotion"]  # not in the folder: shipped
    assert local["findings"] == shipped["findings"]  # the same weights give the same judgement


def test_local_means_the_heads_folder_of_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMPATHIC_HOME", str(tmp_path))
    assert heads.local_dir("local") == tmp_path / "heads"
    assert heads.local_dir("shipped") is None and heads.local_dir("") is None


def test_using_goes_back_to_the_previous_heads(tmp_path: Path) -> None:
    shutil.copy(weights_path("strategy_head.npz"), tmp_path / "strategy_head.npz")
    with heads.using(str(tmp_path)):
        assert heads.in_use()["head:strategy"].startswith("local:")
    assert heads.in_use()["head:strategy"].startswith("shipped:")
    assert heads.HEADS_ENV not in os.environ


@pytest.mark.parametrize("case", ["missing", "empty", "damaged"])
def test_bad_local_heads_are_a_specific_error(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "heads"
    if case != "missing":
        folder.mkdir()
    if case == "damaged":
        (folder / "strategy_head.npz").write_bytes(b"not a zip file")
        heads.configure(str(folder))
        with pytest.raises(ResourceError, match="train --corrections"):
            heads.in_use()
        return
    with pytest.raises(ResourceError, match="does not exist" if case == "missing" else "holds no head file"):
        heads.configure(str(folder))


@pytest.mark.parametrize("command", [["analyze", CUSTOMER, REPLY], ["score", "nothing.jsonl"]])
def test_the_cli_says_what_is_wrong_with_local_heads_without_a_traceback(command: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "heads"
    folder.mkdir()
    (folder / "strategy_head.npz").write_bytes(b"PK\x03\x04 damaged")
    env = {**os.environ, "EMPATHIC_HEADS": str(folder), "EMPATHIC_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "empathic", *command], capture_output=True, env=env, timeout=120,
                       cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 4, err
    assert "cannot read model weights" in err and "EMPATHIC_HEADS" in err and "Traceback" not in err
    r = subprocess.run([sys.executable, "-m", "empathic", *command, "--heads", str(tmp_path / "nowhere")],
                       capture_output=True, env=env, timeout=120, cwd=tmp_path)
    assert r.returncode == 4 and "does not exist" in r.stderr.decode()
