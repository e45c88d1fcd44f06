"""Regenerate docs/sample-report.html and the report and dashboard screenshots from the bundled samples.

Runs the README's "QA at scale" commands (the same lines tests/batch/test_readme_qa.py runs) in a scratch
folder, copies the report to docs/sample-report.html (with the scratch path replaced by ``qa.sqlite``),
then screenshots the report and the web dashboard serving that store with Debian's headless Chromium:
docs/screenshots/sample-report.png and docs/screenshots/dashboard.png.

    .venv/bin/python docs/capture_sample_report.py
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BLOCK = re.compile(r"<!-- qa-commands[^>]*-->\s*```sh\n(.*?)```\s*<!-- /qa-commands -->", re.S)


def run_readme_commands(folder: Path) -> None:
    """The README's qa-commands lines, run by bash in ``folder`` with .venv/bin/empathic this interpreter's."""
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "empathic").write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m empathic "$@"\n')
    (bin_dir / "empathic").chmod(0o755)
    env = {**os.environ, "EMPATHIC_HOME": str(folder / "home"), "NO_COLOR": "1"}
    (block,) = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    for line in block.splitlines():
        command = line.split(" #", 1)[0].strip()
        if command:
            code = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True).returncode
            if code not in (0, 2):
                raise SystemExit(f"{command!r} exited {code}")


def _driver(width: int, height: int):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _shoot(driver, url: str, out: Path, width: int, max_height: int) -> None:  # type: ignore[no-untyped-def]
    driver.get(url)
    time.sleep(1.0)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height, max_height))
    time.sleep(0.3)
    driver.save_screenshot(str(out))


def main() -> None:
    """Write the sample report and its two screenshots into docs/."""
    import uvicorn

    from empathic.web import Settings, create_app

    folder = Path(tempfile.mkdtemp(prefix="empathic-sample-report-"))
    try:
        run_readme_commands(folder)
        html = (folder / "report.html").read_text(encoding="utf-8").replace(str(folder / "qa.sqlite"), "qa.sqlite")
        (DOCS / "sample-report.html").write_text(html, encoding="utf-8")
        shots = DOCS / "screenshots"
        driver = _driver(1280, 900)
        try:
            _shoot(driver, (DOCS / "sample-report.html").as_uri(), shots / "sample-report.png", 1280, 1800)
            app = create_app(Settings(store_url=f"sqlite:///{folder / 'qa.sqlite'}", seed_sample=False))
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
            threading.Thread(target=server.run, daemon=True).start()
            while not server.started:
                time.sleep(0.05)
            try:
                _shoot(driver, f"http://127.0.0.1:{port}/dashboard", shots / "dashboard.png", 1440, 1800)
            finally:
                server.should_exit = True
        finally:
            driver.quit()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
