#!/usr/bin/env python3
"""Full-text search latency over a knowledge base of 1,000 documents (a script, not a test).

    .venv/bin/python scripts/bench_search.py [--docs 1000] [--runs 20] [--database-url URL]
        [--postgres] [--data-dir DIR]

Builds a throw-away database (SQLite in a temp dir by default; `--database-url` for an
empty PostgreSQL database, `--postgres` for one in a throw-away cluster started here),
migrates it, and stores `--docs` documents made from the two
seed texts (../shared/samples/seeds): paragraphs shuffled and recombined, minerals,
agencies and years swapped per document, so every document is different (about 6-25k
characters each). Documents are indexed the way the service indexes a result
(`indexing.index_rows` + `indexing.apply`: jieba terms into FTS5 / tsvector, and the BM25
statistics), then analysed (PostgreSQL: VACUUM ANALYZE, what autovacuum does after the
inserts).

Then it times `GET /v1/search` through the ASGI app (TestClient, no network) for a
fixed set of queries (single terms, two terms, with filters), `--runs` times each, and
prints p50 / p95 / max, plus the same numbers for the substring scan the list endpoint
does (`GET /v1/documents?q=`, LIKE over every text) measured in the same run, and the
ratio of the two p95s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "samples" / "seeds"

QUERIES = [
    {"q": "再生铝"},
    {"q": "工业和信息化部"},
    {"q": "铝土矿"},
    {"q": "工信部"},
    {"q": "碳酸锂 价格"},
    {"q": "高质量发展"},
    {"q": "再生铝", "agency": "工信部"},
    {"q": "产能", "year_from": 2024, "year_to": 2026},
    {"q": "铜", "mineral": "铜"},
    {"q": "数字化转型 智能工厂"},
    {"q": "香蕉"},  # no hit
    {"q": "期货", "kind": "research_report"},
]
MINERALS = ["铝", "铜", "锂", "镍", "钴", "锌", "铅", "锡", "钨", "稀土", "铁矿", "金", "银",
            "石墨", "萤石", "钾盐", "磷", "锰", "铬", "钼"]
AGENCIES = ["工业和信息化部", "国家发展改革委", "自然资源部", "生态环境部", "商务部",
            "财政部", "应急管理部", "海关总署", "市场监管总局", "国家能源局"]


def make_texts(n: int, seed: int = 7) -> list[tuple[str, str, str, str]]:
    """(kind, title, text, written_date) for n documents."""
    rng = random.Random(seed)
    notice = (SEEDS / "notice_003.txt").read_text(encoding="utf-8")
    report = (SEEDS / "report_000.txt").read_text(encoding="utf-8")
    paras = {"policy_notice": [p for p in notice.split("\n") if p.strip()],
             "research_report": [p for p in report.split("\n") if p.strip()]}
    out = []
    for i in range(n):
        kind = "policy_notice" if i % 3 else "research_report"
        pool = paras[kind] + rng.sample(paras["policy_notice"], 20)
        body = rng.sample(pool, k=min(len(pool), rng.randint(40, 160)))
        mineral, other = rng.sample(MINERALS, 2)
        agency = rng.choice(AGENCIES)
        year = rng.randint(2015, 2026)
        text = "\n".join(body).replace("铝", mineral).replace("碳酸锂", other + "精矿")
        text = text.replace("工业和信息化部", agency).replace("2025", str(year))
        title = f"关于推动{mineral}产业高质量发展的通知（{year}）" if kind == "policy_notice" \
            else f"{mineral}周报：{other}供需分析"
        out.append((kind, title, title + "\n" + text, f"{year}-{rng.randint(1, 12):02d}-01"))
    return out


def build(db, docs) -> float:
    from api import indexing, repo
    from api.db import Document, Result
    from extractor.models import (
        Agency,
        DocumentKind,
        Evidence,
        ExtractionResult,
        Mineral,
        Source,
        Title,
    )

    t0 = time.perf_counter()
    for kind, title, text, written in docs:
        doc_id = uuid.uuid4().hex
        ev = Evidence(start=0, end=len(title))
        agency = next((a for a in AGENCIES if a in text), None)
        mineral = next((m for m in MINERALS if m in title), None)
        result = ExtractionResult(
            source=Source(sha256=doc_id * 2, media_type="text/plain"), kind=DocumentKind(kind),
            text=text, title=Title(text=title, evidence=ev), extractor_version="bench",
            issuing_agencies=[Agency(name=agency, canonical=agency, evidence=ev)] if agency else [],
            minerals=[Mineral(name=mineral, canonical=mineral, evidence=ev)] if mineral else [],
        )
        prepared = indexing.prepare(result)
        with db.write() as s:
            s.add(Document(id=doc_id, sha256=doc_id * 2, media_type="text/plain",
                           size_bytes=len(text.encode()), status="done", kind=kind, title=title,
                           written_date=written, text=text, extractor_version="bench"))
            s.flush()
            s.add(Result(document_id=doc_id, schema_version="1.0.0",
                         result_json=result.model_dump_json(), extractor_version="bench"))
            s.add_all(indexing.index_rows(doc_id, result))
            indexing.apply(s, doc_id, result, prepared)
            s.commit()
    return time.perf_counter() - t0


def analyze(db) -> None:
    """Planner statistics, and on PostgreSQL the visibility map too (VACUUM), as autovacuum
    leaves a table after a burst of inserts: index-only scans of the ranking statistics
    then read no heap page."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()


def timed(client, path: str, params: dict, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        r = client.get(path, params=params)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, r.text
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--database-url", help="an empty database (default: SQLite in a temp dir); "
                    "one that holds the benchmark's documents already is reused")
    ap.add_argument("--postgres", action="store_true",
                    help="start a throw-away PostgreSQL cluster (the test suite's: initdb in a "
                    "temp dir, fsync off, shared_buffers 32MB) and use a new database in it")
    ap.add_argument("--data-dir", help="keep the SQLite database here; reused when it holds "
                    "documents already")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from extractor.search_terms import tokenizer

    tmp = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="bench-search-"))
    url = args.database_url
    if args.postgres:
        sys.path.insert(0, str(ROOT / "tests" / "api"))
        from apifixtures import postgres_server  # stopped when this process exits

        url = postgres_server().new_database()
    settings = Settings(data_dir=tmp, database_url=url, embedded_worker=False,
                        rate_limit_per_minute=0, upload_rate_limit_per_minute=0)
    tokenizer()  # jieba's dictionary, loaded once (reported by the service at start-up too)
    app = create_app(settings)
    with TestClient(app) as client:
        db = app.state.db
        docs = make_texts(args.docs)
        chars = sum(len(d[2]) for d in docs)
        if client.get("/v1/documents").json()["total"] == 0:
            secs = build(db, docs)
            print(f"indexed in {secs:.1f} s ({args.docs / secs:.0f} docs/s)")
            analyze(db)
        print(f"database: {db.engine.dialect.name}; {args.docs} documents, "
              f"{chars / args.docs:,.0f} chars on average")
        load_before = os.getloadavg()[0]
        fts, like = [], []
        print(f"{'query':40} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8}")
        for params in QUERIES:
            client.get("/v1/search", params=params)  # warm
            xs = timed(client, "/v1/search", params, args.runs)
            fts += xs
            hits = client.get("/v1/search", params=params).json()["total"]
            label = " ".join(f"{k}={v}" for k, v in params.items())
            print(f"{label:40} {hits:>6} {pct(xs, 50):>8.1f} {pct(xs, 95):>8.1f}")
            lp = {k: v for k, v in params.items() if k in ("q", "kind", "agency", "mineral")}
            like += timed(client, "/v1/documents", lp, max(3, args.runs // 4))
        print(f"\nGET /v1/search       p50 {pct(fts, 50):6.1f} ms  p95 {pct(fts, 95):6.1f} ms  "
              f"max {max(fts):6.1f} ms  ({len(fts)} requests)")
        print(f"GET /v1/documents?q= p50 {pct(like, 50):6.1f} ms  p95 {pct(like, 95):6.1f} ms  "
              f"(substring scan, same run)")
        print(f"ratio of p95s (scan / search): {pct(like, 95) / pct(fts, 95):.1f}x")
        print(f"p95 under 100 ms: {'yes' if pct(fts, 95) < 100 else 'NO'}; "
              f"mean {statistics.mean(fts):.1f} ms")
        print(f"load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
              f"on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
