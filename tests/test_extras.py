"""The optional extras: the core never imports them, and a missing one is named, never an ImportError traceback.

A missing package is simulated with ``sys.modules[name] = None`` (import then raises ImportError),
which is what a core-only install looks like to the code that needs the extra.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from empathic.cli.main import main
from empathic.errors import ConfigError, MissingExtraError
from empathic.extras import EXTRAS, require_extra

OPTIONAL = sorted({m for mods in EXTRAS.values() for m in mods} | {"dask", "starlette"})
CUSTOMER = "I was charged twice and now my account is overdrawn."
REPLY = "Being charged twice and ending up overdrawn is really stressful. I've refunded it."


def without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` unimportable for the rest of the test."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the real CLI entry point in-process: its exit code and stderr."""
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return int(exc.value.code or 0), " ".join(capsys.readouterr().err.split())


def test_the_core_import_chain_loads_no_optional_package() -> None:
    code = (
        "import json, sys\n"
        "import empathic\n"
        "from empathic.cli.main import main\n"
        f"empathic.analyze({CUSTOMER!r}, {REPLY!r})\n"
        "try:\n"
        f"    main(['analyze', {CUSTOMER!r}, {REPLY!r}, '--json'])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print(json.dumps(sorted(m for m in {OPTIONAL!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    analysis = json.loads(done.stdout.splitlines()[0])
    assert analysis["findings"], "the CLI analysed the exchange"
    assert json.loads(done.stdout.splitlines()[-1]) == []


@pytest.mark.parametrize(("extra", "module"), [(e, m) for e, mods in EXTRAS.items() for m in mods])
def test_a_missing_module_names_its_extra(monkeypatch: pytest.MonkeyPatch, extra: str, module: str) -> None:
    without(monkeypatch, module)
    with pytest.raises(MissingExtraError) as exc:
        require_extra(extra, "this feature")
    assert str(exc.value) == (f"this feature needs the '{extra}' extra ({module} is not installed): "
                              f"pip install 'empathic[{extra}]'")
    assert isinstance(exc.value, ConfigError) and isinstance(exc.value, ImportError)
    assert exc.value.exit_code == 3 and exc.value.code == "missing_extra"


def test_require_extra_passes_when_installed() -> None:
    for extra in EXTRAS:  # the dev install the tests run in has every extra
        require_extra(extra, "this feature")


def test_serve_without_the_web_extra(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    without(monkeypatch, "uvicorn")
    code, err = cli(capsys, "serve", "--port", "8799")
    assert code == 3
    assert "empathic serve needs the 'web' extra (uvicorn is not installed): pip install 'empathic[web]'" in err
    assert "Traceback" not in err


def test_importing_the_web_app_without_the_web_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "empathic.web" or m.startswith("empathic.web.")]:
        monkeypatch.delitem(sys.modules, name)
    without(monkeypatch, "fastapi")
    with pytest.raises(MissingExtraError, match=r"the web app needs the 'web' extra"):
        import empathic.web  # noqa: F401


def test_dask_engine_without_the_scale_extra(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    without(monkeypatch, "distributed")
    data = tmp_path / "c.jsonl"
    data.write_text(json.dumps({"id": "c1", "turns": [{"role": "customer", "text": CUSTOMER},
                                                      {"role": "agent", "text": REPLY}]}) + "\n")
    code, err = cli(capsys, "score", str(data), "--store", f"sqlite:///{tmp_path / 'qa.sqlite'}", "--engine", "dask")
    assert code == 3
    assert "--engine dask needs the 'scale' extra (distributed is not installed): pip install 'empathic[scale]'" in err


def test_postgresql_store_without_the_postgres_extra(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    without(monkeypatch, "psycopg")
    code, err = cli(capsys, "report", "--store", "postgresql://qa@127.0.0.1:1/qa", "--csv", str(tmp_path / "t.csv"))
    assert code == 3
    assert "a postgresql:// store needs the 'postgres' extra (psycopg is not installed)" in err
    assert "pip install 'empathic[postgres]'" in err


@pytest.mark.parametrize(("option", "module", "extra"),
                         [("-o", "jinja2", "report"), ("--parquet", "pyarrow", "parquet")])
def test_report_outputs_without_their_extra_write_nothing(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                          option: str, module: str, extra: str) -> None:
    without(monkeypatch, module)
    csv_path, out = tmp_path / "turns.csv", tmp_path / "out"
    code, err = cli(capsys, "report", "--store", f"sqlite:///{tmp_path / 'qa.sqlite'}", "--csv", str(csv_path),
                    option, str(out))
    assert code == 3
    assert f"needs the '{extra}' extra ({module} is not installed): pip install 'empathic[{extra}]'" in err
    assert not csv_path.exists() and not out.exists()
