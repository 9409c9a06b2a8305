"""The API takes HTML, DOCX and OFD: as a multipart file and as the raw body."""

from __future__ import annotations

import io

import docx
import pytest
from apifixtures import client_for, database_url, make_settings

from extractor.models import ExtractionResult

PAGE = (
    "<html><head><meta charset='gbk'><title>门户</title></head><body><nav><a href='/'>首页</a>"
    "<a href='/x'>政策</a><a href='/y'>新闻</a></nav><h1>关于加强稀土行业管理的通知</h1>"
    "<p>工信部原〔2024〕12号</p><p>各省、自治区、直辖市工业和信息化主管部门：</p>"
    "<p>现就有关事项通知如下。</p><p>工业和信息化部</p><p>2024年5月6日</p></body></html>"
).encode("gbk")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def real_client(tmp_path):
    s = make_settings(tmp_path, database_url("sqlite", tmp_path), time_budget_s=300)
    with client_for(s) as c:
        yield c


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("关于加强稀土行业管理的通知", style="Title")
    d.add_paragraph("工信部原〔2024〕12号")
    d.add_paragraph("现就有关事项通知如下。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_html_as_raw_body_and_as_a_file(real_client):
    r = real_client.post("/v1/documents?wait=true&filename=p.html", content=PAGE,
                         headers={"content-type": "text/html"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["media_type"] == "text/html" and body["filename"] == "p.html"
    res = ExtractionResult.model_validate(body["result"])
    assert res.title.text == "关于加强稀土行业管理的通知"
    assert res.source.encoding == "gb18030" and "首页" not in res.text
    r = real_client.post("/v1/documents?wait=true",
                         files={"file": ("q.html", PAGE + b"<p>x</p>", "text/html")})
    assert r.status_code == 200 and r.json()["media_type"] == "text/html"


def test_docx_as_raw_body(real_client):
    r = real_client.post("/v1/documents?wait=true", content=_docx(), headers={"content-type": DOCX})
    assert r.status_code == 200, r.text
    res = ExtractionResult.model_validate(r.json()["result"])
    assert r.json()["media_type"] == DOCX and res.title.evidence.paragraph == 0


def test_a_navigation_only_page_is_a_typed_failure(real_client):
    page = b"<html><body><nav><a href='/'>a</a><a href='/b'>b</a><a href='/c'>c</a></nav></body></html>"
    r = real_client.post("/v1/documents?wait=true", content=page, headers={"content-type": "text/html"})
    assert r.status_code == 422 and r.json()["code"] == "no_content"
    r = real_client.post("/v1/documents?wait=true&filename=x.docx", content=b"PK\x03\x04junk",
                         headers={"content-type": DOCX})
    assert r.status_code == 422 and r.json()["code"] == "corrupt_docx"
    # unnamed, the bytes decide: a broken ZIP is no format we read
    r = real_client.post("/v1/documents?wait=true", content=b"PK\x03\x04junk",
                         headers={"content-type": DOCX})
    assert r.status_code == 415 and r.json()["code"] == "unsupported_media_type"


def test_ofd_as_raw_body(real_client):
    from test_ingest_ofd import make_ofd

    data = make_ofd([["关于加强稀土行业管理的通知", "工信部原〔2024〕12号", "现就有关事项通知如下。"]])
    r = real_client.post("/v1/documents?wait=true", content=data,
                         headers={"content-type": "application/ofd"})
    assert r.status_code == 200, r.text
    body = r.json()
    res = ExtractionResult.model_validate(body["result"])
    assert body["media_type"] == "application/ofd" and res.source.pages == 1
    assert res.doc_numbers[0].evidence.page == 1
