"""``empathic serve`` starts a real server process on loopback and stops on a signal."""

from __future__ import annotations

import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from empathic.cli.main import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_runs_the_app_with_keys_from_the_environment(tmp_path: Path) -> None:
    port = _free_port()
    store = tmp_path / "served.sqlite"
    env = {**os.environ, "EMPATHIC_HOME": str(tmp_path), "EMPATHIC_API_KEYS": "cli-key"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "empathic", "serve", "--port", str(port), "--store", f"sqlite:///{store}",
         "--no-sample", "--no-access-log"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "server did not start within 60 s"
            time.sleep(0.1)
        body = {"customer": "My card was declined and I'm embarrassed.", "save": True}
        assert httpx.post(url + "/v1/analyze", json=body).status_code == 401
        r = httpx.post(url + "/v1/analyze", json=body, headers={"X-API-Key": "cli-key"})
        assert r.status_code == 200 and r.json()["customer"]["emotions"]
        assert httpx.get(url + "/readyz").json()["status"] == "ready"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert store.exists()
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert "serving on http://127.0.0.1" in err
    assert "embarrassed" not in err  # message text is never logged


def test_serve_refuses_a_store_it_cannot_use(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--store", "mysql://127.0.0.1/x", "--port", str(_free_port())])
    assert exc.value.code == 3
    assert "not supported" in capsys.readouterr().err


def _tcp_sockets(port: int, state: str) -> set[str]:
    """Inodes of the TCP sockets on local ``port`` in ``state`` (/proc/net/tcp: 01 ESTABLISHED, 0A LISTEN)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == state:
            inodes.add(fields[9])
    return inodes


def _socket_inodes_of(pid: int) -> set[str]:
    out = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            out.add(target[8:-1])
    return out


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(entry.name))
    return kids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; SO_REUSEPORT workers are Linux-only")
def test_serve_workers_share_keep_alive_connections_and_stop_together(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "EMPATHIC_HOME": str(tmp_path)}
    env.pop("EMPATHIC_API_KEYS", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "empathic", "serve", "--port", str(port), "--store",
         f"sqlite:///{tmp_path / 's.sqlite'}", "--no-sample", "--no-access-log", "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    clients: list[http.client.HTTPConnection] = []
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        # Every worker listens on its own socket once it has started; connections only go to listening ones.
        while len(workers := _workers(proc.pid)) < 2 or len(_tcp_sockets(port, "0A")) < 2 or not _answers(url):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "server did not start within 90 s"
            time.sleep(0.2)
        # A burst of keep-alive connections, all open before the first request, as a proxy's pool or a
        # load test opens them: with one shared listening socket, one worker would accept them all.
        socks = [socket.socket() for _ in range(16)]
        for s in socks:
            s.setblocking(False)
            s.connect_ex(("127.0.0.1", port))
        for s in socks:
            select.select([], [s], [], 10)
            s.setblocking(True)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.sock = s
            clients.append(conn)
        body = json.dumps({"customer": "My order is late and I'm worried.", "reply": "Sorry."})
        for conn in clients:
            conn.request("POST", "/v1/analyze", body=body, headers={"Content-Type": "application/json"})
            r = conn.getresponse()
            assert r.status == 200 and "score" in json.loads(r.read())
        connections = _tcp_sockets(port, "01")
        per_worker = [len(_socket_inodes_of(pid) & connections) for pid in workers]
        assert sum(per_worker) == 16, per_worker
        assert all(n > 0 for n in per_worker), per_worker
    finally:
        for c in clients:
            c.close()
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    deadline = time.monotonic() + 10
    while _children(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _children(proc.pid)


def _workers(pid: int) -> list[int]:
    """The server's worker processes (multiprocessing may add a resource tracker beside them)."""
    out = []
    for child in _children(pid):
        try:
            if b"resource_tracker" not in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(child)
        except OSError:
            continue
    return out


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/healthz", timeout=1).status_code == 200
    except httpx.TransportError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT workers are Linux-only")
def test_serve_workers_refuse_a_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exc:
            main(["serve", "--store", "sqlite:///:memory:", "--port", str(port), "--workers", "2", "--no-sample"])
    assert exc.value.code == 3
    assert "cannot listen" in capsys.readouterr().err
