"""SQLite (FTS5) and PostgreSQL (tsvector, GIN) answer a search with the same hits, the
same totals (through paging), the same snippets and the same order with the same scores
(one BM25 over statistics stored in both), over one set of generated documents."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from apifixtures import client_for, database_url, make_settings
from test_api_documents import post_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "seeds"
QUERIES = ["再生铝", "工业和信息化部", "铝土矿", "工信部", "高质量发展", "数字化转型 智能工厂",
           "香蕉", "期货", "产能", "铜 锂"]
MINERALS = ["铝", "铜", "锂", "镍", "钴", "锌"]


def documents(n: int = 24) -> list[tuple[str, str]]:
    rng = random.Random(3)
    notice = [p for p in (SEEDS / "notice_003.txt").read_text(encoding="utf-8").split("\n")
              if p.strip()]
    report = [p for p in (SEEDS / "report_000.txt").read_text(encoding="utf-8").split("\n")
              if p.strip()]
    out = []
    for i in range(n):
        pool = (notice if i % 3 else report) + rng.sample(notice, 5)
        mineral = rng.choice(MINERALS)
        body = "\n".join(rng.sample(pool, k=min(len(pool), rng.randint(5, 25))))
        out.append((f"d{i:02d}.txt", f"标题 关于{mineral}产业的第{i}号文件\n"
                    + body.replace("铝", mineral)))
    out.append(("title_only.txt", "标题 香蕉种植通知\n正文与水果无关。"))
    return out


def answers(client) -> dict:
    out = {}
    for q in QUERIES:
        first = client.get("/v1/search", params={"q": q, "limit": 100}).json()
        paged = client.get("/v1/search", params={"q": q, "limit": 5, "offset": 5}).json()
        out[q] = {
            "total": first["total"], "terms": first["terms"], "paged_total": paged["total"],
            "hits": {i["document"]["filename"]: (i["snippet"], tuple(
                (h["start"], h["end"]) for h in i["highlights"])) for i in first["items"]},
            "order": [i["document"]["filename"] for i in first["items"]],
            "scores": [i["score"] for i in first["items"]],
            "page": [i["document"]["filename"] for i in paged["items"]],
        }
    return out


@pytest.mark.postgres
@pytest.mark.shared
def test_sqlite_and_postgresql_answer_alike(tmp_path):
    from apifakes import fake_extract

    got = {}
    for backend in ("sqlite", "postgres"):
        s = make_settings(tmp_path / backend, database_url(backend, tmp_path / backend))
        with client_for(s, extract_fn=fake_extract) as c:
            for name, text in documents():
                assert post_text(c, text, filename=name).status_code == 200
            got[backend] = answers(c)
    lite, pg = got["sqlite"], got["postgres"]
    assert any(a["total"] > 10 for a in lite.values())  # common terms are exercised
    for q in QUERIES:
        assert lite[q]["total"] == pg[q]["total"] == lite[q]["paged_total"] \
            == pg[q]["paged_total"], q
        assert lite[q]["terms"] == pg[q]["terms"], q
        assert lite[q]["hits"] == pg[q]["hits"], q  # same documents, snippets, highlights
    assert lite["香蕉"]["order"] == pg["香蕉"]["order"] == ["title_only.txt"]
    many = [q for q in QUERIES if lite[q]["total"] > 10]
    assert len(many) >= 3, many
    for q in QUERIES:  # the same ranking: order of every hit, the second page, scores
        assert lite[q]["order"] == pg[q]["order"], q
        assert lite[q]["page"] == pg[q]["page"] == lite[q]["order"][5:10], q
        assert lite[q]["scores"] == pytest.approx(pg[q]["scores"], rel=1e-9, abs=1e-9), q
        assert lite[q]["scores"] == sorted(lite[q]["scores"], reverse=True), q
    for q in many:  # a real ranking, not one score for all
        assert len(set(lite[q]["scores"])) > 1, q
