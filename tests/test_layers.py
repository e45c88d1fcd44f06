"""The import layers (pyproject.toml [tool.importlinter]): lint-imports keeps them, and every module is in one."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
#: Packages whose modules sit in different layers: their __init__ only registers components or re-exports.
SPLIT_PACKAGES = {"empathic", "empathic.listen", "empathic.strategies", "empathic.models"}


def _layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return [[m.strip() for m in layer.replace("|", ":").split(":")] for layer in contract["layers"]]


def test_lint_imports_keeps_the_layer_contract() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True,
                            text=True, timeout=300, env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout


def test_every_module_is_in_a_layer() -> None:
    """A new module must be placed in a layer (else the contract would not check it)."""
    listed = {m for layer in _layers() for m in layer}
    graph = grimp.build_graph("empathic")
    loose = sorted(
        m for m in graph.modules
        if m not in SPLIT_PACKAGES and not any(m == x or m.startswith(x + ".") for x in listed)
    )
    assert not loose, f"modules in no layer of pyproject.toml [tool.importlinter]: {loose}"


def test_the_named_cycles_are_gone() -> None:
    """stories <-> relating and emotion_mismatch <-> reflecting imported each other; the detectors now read
    the shared judgement from empathic.facts."""
    graph = grimp.build_graph("empathic")
    for detector, check in (("empathic.strategies.relating", "empathic.checks.stories"),
                            ("empathic.strategies.reflecting", "empathic.checks.emotion_mismatch")):
        assert graph.find_shortest_chain(importer=detector, imported=check) is None
