"""The review page's endpoints: the page itself, PDF page sizes and images, and
reviewers' corrections that come back out as Label Studio annotations (and so as
corpus gold through `extractor labelstudio import`). SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from apifixtures import BACKENDS, client_for, database_url, make_settings, wait_status

from extractor.labelstudio import task_to_gold


@pytest.fixture(params=BACKENDS)
def client(request, tmp_path, samples_dir):
    s = make_settings(tmp_path, database_url(request.param, tmp_path), api_key="k",
                      read_api_key="reader")
    with client_for(s) as c:
        c.headers["X-API-Key"] = "reader"  # reads need a key when one is set; it opens no write
        pdf = (samples_dir / "notice_simple.pdf").read_bytes()
        r = c.post("/v1/documents", files={"file": ("notice_simple.pdf", pdf, "application/pdf")},
                   headers={"X-API-Key": "k"})
        c.doc = wait_status(c, r.json()["id"], timeout=120)
        assert c.doc["status"] == "done", c.doc
        yield c


def test_the_page_is_served_at_root_and_per_document(client):
    for path in ("/", f"/documents/{client.doc['id']}"):
        r = client.get(path)
        assert r.status_code == 200 and "text/html" in r.headers["content-type"]
        assert '<script src="/review-static/review.js">' in r.text
    js = client.get("/review-static/review.js")
    assert js.status_code == 200 and "function drawPdf" in js.text
    assert "http" not in client.get("/").text.replace("http-equiv", "")  # no external asset


def test_page_sizes_and_images(client):
    from PIL import Image

    doc_id = client.doc["id"]
    pages = client.get(f"/v1/documents/{doc_id}/pages").json()["pages"]
    assert len(pages) == client.doc["pages"] == 6
    w, h = pages[0]["width"], pages[0]["height"]
    assert (round(w), round(h)) == (595, 842)  # A4 in points
    r = client.get(f"/v1/documents/{doc_id}/pages/1.png", params={"scale": 1.5})
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    img = Image.open(io.BytesIO(r.content))
    assert img.size == (round(w * 1.5), round(h * 1.5))
    # not a blank page: the title's box on page 1 is darker than the margin
    title = client.doc["result"]["title"]["evidence"]
    b = title["boxes"][0]["bbox"]
    gray = img.convert("L")
    inside = gray.crop(tuple(round(v * 1.5) for v in (b["x0"], b["top"], b["x1"], b["bottom"])))
    margin = gray.crop((0, 0, 40, 40))
    mean = lambda im: sum(im.get_flattened_data()) / (im.size[0] * im.size[1])  # noqa: E731
    assert mean(inside) < mean(margin) - 20
    # cached: the second answer is the same bytes
    assert client.get(f"/v1/documents/{doc_id}/pages/1.png",
                      params={"scale": 1.5}).content == r.content
    assert client.get(f"/v1/documents/{doc_id}/pages/7.png").status_code == 404
    assert client.get(f"/v1/documents/{doc_id}/pages/1.png",
                      params={"scale": 9}).status_code == 422


def test_text_documents_have_no_page_images(client):
    r = client.post("/v1/documents", json={"text": "关于推动铝产业高质量发展的通知\n工信部原〔2025〕1号"},
                    headers={"X-API-Key": "k"}, params={"wait": "true"})
    doc = r.json()
    p = client.get(f"/v1/documents/{doc['id']}/pages")
    assert p.status_code == 409 and p.json()["code"] == "not_a_pdf"


def test_corrections_are_stored_and_exported_as_annotations(client):
    doc_id = client.doc["id"]
    result = client.doc["result"]
    url = f"/v1/documents/{doc_id}/corrections"
    agencies = result["issuing_agencies"]
    first, second = agencies[0]["canonical"], agencies[1]["canonical"]
    body = {"field": "issuing_agencies", "index": 1, "action": "wrong", "note": "not an issuer"}
    assert client.post(url, json=body).status_code == 401  # writes need the key
    h = {"X-API-Key": "k"}
    assert client.post(url, json=body, headers=h).status_code == 201
    edit = {"field": "doc_numbers", "index": 0, "action": "edit",
            "value": {"normalized": "工信部联原〔2025〕63号"}}
    assert client.post(url, json=edit, headers=h).status_code == 201
    assert client.post(url, json={"field": "title", "index": 0, "action": "correct"},
                       headers=h).status_code == 201
    bad = client.post(url, json={"field": "targets", "index": 999, "action": "wrong"}, headers=h)
    assert bad.status_code == 422
    assert client.post(url, json={"field": "nope", "action": "wrong"}, headers=h).status_code == 422
    listed = client.get(url).json()
    assert [(c["field"], c["action"]) for c in listed] == [
        ("issuing_agencies", "wrong"), ("doc_numbers", "edit"), ("title", "correct")]

    task = client.get(url + "/labelstudio").json()
    gold = task_to_gold(task, kind="policy_notice")
    canon = [a["canonical"] for a in gold["issuing_agencies"]]
    assert first in canon and second not in canon
    before = [d["normalized"] for d in result["doc_numbers"]]
    after = [d["normalized"] for d in gold["doc_numbers"]]
    assert after == ["工信部联原〔2025〕63号", *before[1:]]
    assert gold["title"]["text"] == result["title"]["text"]
    # what the extractor said is kept as the prediction
    assert len(task["predictions"][0]["result"]) > len(task["annotations"][0]["result"]) - 1

    # deleting the document deletes its corrections
    assert client.delete(f"/v1/documents/{doc_id}", headers=h).status_code == 204
    assert client.get(url).status_code == 404
