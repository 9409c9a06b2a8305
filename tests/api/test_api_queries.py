"""Cross-document questions: targets by mineral/metric/year/agency, agencies and
what they lead, minerals and their documents (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings
from test_api_documents import NOTICE, OTHER, post_text


@pytest.fixture(params=BACKENDS)
def client(request, tmp_path):
    from apifakes import fake_extract

    s = make_settings(tmp_path, database_url(request.param, tmp_path))
    with client_for(s, extract_fn=fake_extract) as c:
        a = post_text(c, NOTICE).json()
        b = post_text(c, OTHER).json()
        c.ids = {"notice": a["id"], "other": b["id"]}
        yield c


def test_targets_on_a_mineral(client):
    r = client.get("/v1/targets", params={"mineral": "再生铝"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert [t["metric"] for t in items] == ["再生铝产量"]
    t = items[0]
    assert t["document_id"] == client.ids["notice"]
    assert t["value"] == 1500 and t["unit"] == "万吨" and t["year"] == 2027
    assert "再生铝" in t["minerals"] and "铝" in t["minerals"]
    assert t["document_title"] == "关于推动铝产业高质量发展的通知"
    text = client.get(f"/v1/documents/{t['document_id']}/text").text
    assert text[t["evidence"]["start"]:t["evidence"]["end"]] == t["text"]


def test_target_filters(client):
    def metrics(**params):
        r = client.get("/v1/targets", params=params)
        assert r.status_code == 200, r.text
        return sorted(t["metric"] for t in r.json()["items"])

    assert metrics() == ["再生铝产量", "铜产量", "锂产量"]
    assert metrics(year=2026) == ["锂产量"]
    assert metrics(metric="铜") == ["铜产量"]
    assert metrics(mineral="铝") == ["再生铝产量"]
    assert metrics(agency="中华人民共和国工业和信息化部") == ["再生铝产量", "铜产量"]
    assert metrics(agency="自然资源部", year=2027) == ["再生铝产量", "铜产量"]
    assert metrics(mineral="金") == []
    page = client.get("/v1/targets", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2


def test_agencies_with_role_counts(client):
    r = client.get("/v1/agencies")
    assert r.status_code == 200
    by = {a["name"]: a for a in r.json()["items"]}
    assert set(by) == {"中华人民共和国工业和信息化部", "自然资源部"}
    mnr = by["自然资源部"]
    assert mnr["documents"] == 2
    assert mnr["roles"] == {"issuer": 2, "lead": 2, "participant": 1}
    assert by["中华人民共和国工业和信息化部"]["names"] == ["工业和信息化部"]
    leads = client.get("/v1/agencies", params={"role": "lead"}).json()
    assert leads["total"] == 2
    assert client.get("/v1/agencies", params={"q": "自然"}).json()["total"] == 1


def test_everything_an_agency_leads(client):
    r = client.get("/v1/agencies/自然资源部/documents", params={"role": "lead"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 2 and body["agency"] == "自然资源部"
    tasks = sorted((i["document"]["id"], role["task"]) for i in body["items"]
                   for role in i["roles"])
    assert tasks == sorted([(client.ids["notice"], "1"), (client.ids["other"], "3")])
    assert all(role["role"] == "lead" for i in body["items"] for role in i["roles"])
    miit = client.get("/v1/agencies/中华人民共和国工业和信息化部/documents",
                      params={"role": "lead"}).json()
    assert [i["document"]["id"] for i in miit["items"]] == [client.ids["notice"]]
    assert [r["task"] for r in miit["items"][0]["roles"]] == ["2"]
    anyrole = client.get("/v1/agencies/工业和信息化部/documents").json()
    assert {r["role"] for r in anyrole["items"][0]["roles"]} == {"issuer", "lead", "participant"}
    none = client.get("/v1/agencies/国家发展和改革委员会/documents").json()
    assert none["total"] == 0 and none["items"] == []
    bad = client.get("/v1/agencies/x/documents", params={"role": "boss"})
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"


def test_minerals_and_their_documents(client):
    r = client.get("/v1/minerals")
    assert {m["name"]: m["documents"] for m in r.json()["items"]} == {
        "再生铝": 1, "铜": 1, "锂": 1}
    r = client.get("/v1/minerals/再生铝/documents")
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["document"]["id"] == client.ids["notice"]
    assert body["items"][0]["minerals"][0]["parent"] == "铝"
    assert client.get("/v1/minerals/铝/documents").json()["total"] == 1  # via parent
    assert client.get("/v1/minerals/金/documents").json()["total"] == 0


def test_reindex_after_delete_leaves_no_rows(client):
    assert client.delete(f"/v1/documents/{client.ids['notice']}").status_code == 204
    assert client.get("/v1/targets").json()["total"] == 1
    assert client.get("/v1/minerals/再生铝/documents").json()["total"] == 0
    r = client.get("/v1/agencies/自然资源部/documents", params={"role": "lead"}).json()
    assert [i["document"]["id"] for i in r["items"]] == [client.ids["other"]]
