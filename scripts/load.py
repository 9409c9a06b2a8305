#!/usr/bin/env python
"""Load test for the HTTP service (not a test): N concurrent uploads on loopback.

Starts `uvicorn api.app:app` on a free loopback port with a throwaway SQLite
database (or uses --url), uploads N distinct documents with C in flight, waits
for every result and prints throughput, p50/p95 latency (upload -> result
stored) and lost results (must be 0). Bounded in count (--n) and time (--timeout).

    .venv/bin/python scripts/load.py --n 40 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "samples" / "seeds" / "notice_003.txt"
PDF = ROOT.parent / "shared" / "samples" / "notice_simple.pdf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def documents(n: int, pdf_every: int) -> list[tuple[str, bytes, str]]:
    base = SEED.read_text(encoding="utf-8") if SEED.exists() else "关于推动铝产业高质量发展的通知\n"
    run = os.urandom(4).hex()
    docs = []
    for i in range(n):
        if pdf_every and PDF.exists() and i % pdf_every == 0:
            # distinct bytes, same PDF: a trailing comment after %%EOF is ignored by readers
            data = PDF.read_bytes() + f"\n% load {run} {i}\n".encode()
            docs.append((f"load-{i}.pdf", data, "application/pdf"))
        else:
            text = f"{base}\n（负载测试 {run} 第{i}份）\n"
            docs.append((f"load-{i}.txt", text.encode("utf-8"), "text/plain"))
    return docs


async def one(client: httpx.AsyncClient, sem: asyncio.Semaphore, doc, deadline: float,
              headers: dict) -> dict:
    name, data, media = doc
    sha = hashlib.sha256(data).hexdigest()
    async with sem:
        t0 = time.monotonic()
        try:
            r = await client.post("/v1/documents", files={"file": (name, data, media)},
                                  headers=headers)
        except httpx.HTTPError as exc:
            return {"ok": False, "why": f"upload: {type(exc).__name__}"}
        if r.status_code not in (200, 202):
            return {"ok": False, "why": f"upload: HTTP {r.status_code} {r.text[:200]}"}
        doc_id = r.json()["id"]
        delay = 0.05
        while time.monotonic() < deadline:
            try:
                g = await client.get(f"/v1/documents/{doc_id}")
            except httpx.HTTPError:
                await asyncio.sleep(delay)
                continue
            body = g.json()
            if body["status"] == "done":
                latency = time.monotonic() - t0
                res = body.get("result") or {}
                if res.get("source", {}).get("sha256") != sha:
                    return {"ok": False, "why": "result for other bytes"}
                return {"ok": True, "latency": latency}
            if body["status"] == "failed":
                return {"ok": False, "why": f"failed: {body['error']}"}
            await asyncio.sleep(delay)
            delay = min(delay * 1.5, 0.5)
        return {"ok": False, "why": "timeout"}


async def run(url: str, docs, concurrency: int, timeout: float, api_key: str | None) -> list:
    sem = asyncio.Semaphore(concurrency)
    deadline = time.monotonic() + timeout
    headers = {"X-API-Key": api_key} if api_key else {}
    limits = httpx.Limits(max_connections=concurrency + 4)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        return await asyncio.gather(*(one(client, sem, d, deadline, headers) for d in docs))


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40, help="documents (max 500)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--timeout", type=float, default=600, help="seconds for the whole run")
    ap.add_argument("--pdf-every", type=int, default=4, help="every k-th upload is a PDF (0: none)")
    ap.add_argument("--url", help="use a running service instead of starting one")
    ap.add_argument("--workers", type=int, default=2, help="EXTRACTOR_WORKERS of the service")
    ap.add_argument("--database-url", help="EXTRACTOR_DATABASE_URL (default: temp SQLite)")
    ap.add_argument("--api-key", default=os.environ.get("EXTRACTOR_API_KEY"))
    args = ap.parse_args()
    n = max(1, min(args.n, 500))
    docs = documents(n, args.pdf_every)

    server = None
    tmp = tempfile.TemporaryDirectory(prefix="extractor-load-")
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {**os.environ, "EXTRACTOR_DATA_DIR": tmp.name,
               "EXTRACTOR_WORKERS": str(args.workers), "PYTHONPATH": str(ROOT)}
        if args.database_url:
            env["EXTRACTOR_DATABASE_URL"] = args.database_url
        log = open(Path(tmp.name) / "server.log", "wb")
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        t0 = time.monotonic()
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() - t0 > 120:
                print("the service did not start:", (Path(tmp.name) / "server.log").read_text())
                return 1
            time.sleep(0.2)
    try:
        # warm up: the workers load the pipeline once per process
        warm = documents(1, 0)[0]
        httpx.post(url + "/v1/documents", params={"wait": "true"}, timeout=300,
                   files={"file": ("warm.txt", warm[1] + b"warm", "text/plain")},
                   headers={"X-API-Key": args.api_key} if args.api_key else {})
        t0 = time.monotonic()
        results = asyncio.run(run(url, docs, args.concurrency, args.timeout, args.api_key))
        elapsed = time.monotonic() - t0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        tmp.cleanup()

    lat = [r["latency"] for r in results if r["ok"]]
    lost = [r["why"] for r in results if not r["ok"]]
    pdfs = sum(1 for d in docs if d[2] == "application/pdf")
    print(f"documents      {n} ({pdfs} PDF, {n - pdfs} text), concurrency {args.concurrency}, "
          f"workers {args.workers if server else '?'}")
    print(f"elapsed        {elapsed:.1f} s")
    print(f"throughput     {len(lat) / elapsed:.2f} documents/s")
    print(f"latency p50    {pct(lat, 50):.2f} s")
    print(f"latency p95    {pct(lat, 95):.2f} s")
    if lat:
        print(f"latency mean   {statistics.mean(lat):.2f} s, max {max(lat):.2f} s")
    print(f"lost results   {len(lost)}")
    for why in lost[:10]:
        print("  -", why)
    return 0 if not lost else 1


if __name__ == "__main__":
    sys.exit(main())
