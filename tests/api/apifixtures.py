"""Helpers for the API tests: a throwaway PostgreSQL server, app factories, uvicorn.

Imported by the tests/api modules (the suite keeps one global conftest.py). The
PostgreSQL server is started once per test session (initdb into a temp dir,
pg_ctl on a free loopback port, as the `postgres` user when we are root) and
stopped at the end of the session.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bindir() -> Path | None:
    def version(p: str) -> float:
        try:
            return float(Path(p).parent.name)
        except ValueError:
            return 0.0

    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    found = shutil.which("pg_ctl")
    return Path(os.path.realpath(found)).parent if found else None


class PgServer:
    """A PostgreSQL cluster in a temp dir, for this test session only."""

    def __init__(self) -> None:
        self.bindir = pg_bindir()
        if self.bindir is None:
            pytest.fail("PostgreSQL is not installed: run `make sysdeps` (scripts/sysdeps.sh)")
        self.base = Path(tempfile.mkdtemp(prefix="extractor-pg-"))
        self.data = self.base / "data"
        self.port = free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        self.started = False

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = [*self.prefix, *args]
        proc = subprocess.run(cmd, cwd=self.base, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            log = (self.base / "log").read_text() if (self.base / "log").exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}\n{log}")

    def start(self) -> PgServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
        opts = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=200 -c shared_buffers=32MB")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.base / "log"), "-o", opts, "-w", "-t", "60", "start")
        self.started = True
        self._watchdog()
        return self

    def _watchdog(self) -> None:
        """Stop the cluster when this test process dies without cleaning up (SIGKILL,
        `timeout`): a tiny detached process polls our pid."""
        stop = " ".join([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                         "-m", "immediate", "stop"])
        script = (f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
                  f"if [ -d {self.data} ]; then {stop} >/dev/null 2>&1; rm -rf {self.base}; fi")
        subprocess.Popen(["sh", "-c", script], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.started:
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop", timeout=60)
            except Exception:
                pass
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)


_PG: PgServer | None = None


def postgres_server() -> PgServer:
    """The session's PostgreSQL server (started on first use, stopped at exit)."""
    global _PG
    if _PG is None:
        server = PgServer()
        try:
            server.start()
        except Exception:
            server.stop()
            raise
        _PG = server
        atexit.register(server.stop)
    return _PG


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def database_url(backend: str, tmp_path: Path) -> str:
    if backend == "postgres":
        return postgres_server().new_database()
    return f"sqlite:///{tmp_path / 'db' / 'extractor.db'}"


def make_settings(tmp_path: Path, url: str, **kw):
    from api.settings import Settings

    base = dict(
        data_dir=tmp_path / "data", database_url=url, executor="inline", workers=1,
        poll_interval_s=0.05, heartbeat_s=0.2, stale_after_s=30.0, wait_timeout_s=60.0,
        time_budget_s=60.0, rate_limit_per_minute=0, upload_rate_limit_per_minute=0,
    )
    base.update(kw)
    return Settings(**base)


@contextmanager
def client_for(settings, extract_fn=None):
    from fastapi.testclient import TestClient

    from api.app import create_app

    app = create_app(settings, extract_fn=extract_fn)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def wait_status(client, doc_id: str, statuses=("done", "failed"), timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(f"/v1/documents/{doc_id}").json()
        if body.get("status") in statuses or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


# --- a real uvicorn process ------------------------------------------------------


class Server:
    """`uvicorn api.app:app` in a child process on a free loopback port."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full = {**os.environ, **env}
        full["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(HERE), full.get("PYTHONPATH", "")])
        self.log = open(cwd / f"uvicorn-{self.port}.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            cwd=cwd, env=full, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 120.0) -> Server:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {self.proc.returncode}: "
                                   f"{Path(self.log.name).read_text()[-3000:]}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("uvicorn did not become ready")

    def kill(self) -> None:
        """SIGKILL the server and its children (the process group we started)."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 9)
        self.proc.wait(30)
        self.log.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait(10)
        try:
            os.killpg(self.proc.pid, 9)  # any child left behind
        except ProcessLookupError:
            pass
        self.log.close()
