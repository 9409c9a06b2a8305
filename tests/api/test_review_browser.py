"""The review page in a real browser: headless Chromium (Debian's, no download)
driven by Playwright against a real uvicorn server on loopback.

Upload notice_simple.pdf through the page, wait for the result, click the document
number in the side panel and check that its highlighted box is visible on page 1;
the screenshot is kept in test-artifacts/ (a test artifact, not committed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apifixtures import ROOT, Server, database_url

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    env = {"EXTRACTOR_DATA_DIR": str(tmp / "data"),
           "EXTRACTOR_DATABASE_URL": database_url("sqlite", tmp),
           "EXTRACTOR_EXECUTOR": "process"}
    s = Server(env, tmp).wait_ready()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "make test installs Debian's chromium (scripts/sysdeps.sh)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _in_view(page, selector: str) -> bool:
    """The element is on screen inside the scrolled viewer."""
    return page.eval_on_selector(selector, """e => {
        const r = e.getBoundingClientRect(), v = document.querySelector('#viewer').getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= v.top && r.bottom <= v.bottom
               && r.left >= v.left && r.right <= v.right; }""")


def test_upload_pdf_click_doc_number_and_see_its_box_on_page_1(server, browser, samples_dir):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server.url + "/")
    page.set_input_files("#file", str(samples_dir / "notice_simple.pdf"))
    page.click("#upload button[type=submit]")
    page.wait_for_url("**/documents/*", timeout=180_000)
    number = page.locator("button.value[data-field=doc_numbers]").first
    number.wait_for(timeout=30_000)
    assert "工信部联原〔2025〕62号" in number.inner_text()
    page.wait_for_function("(document.querySelector('#page-1 img') || {}).complete === true")
    # scroll away first, so the click has to bring the box back
    page.eval_on_selector("#viewer", "v => v.scrollTop = v.scrollHeight")
    number.click()
    key = number.get_attribute("data-key")
    lit = f".box.lit[data-key='{key}']"
    page.wait_for_selector(lit, timeout=5_000)
    assert page.eval_on_selector(lit, "e => e.closest('.page').dataset.page") == "1"
    assert _in_view(page, lit)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review_notice_simple.png"))
    # every field of the panel has at least one box on the pages
    assert page.locator(".box[data-field=issuing_agencies]").count() >= 10
    assert page.locator(".box[data-field=targets]").count() >= 1
    # keyboard: the next value gets the focus and its boxes light up
    page.keyboard.press("ArrowDown")
    nxt = page.evaluate("document.activeElement.dataset.key")
    assert nxt and nxt != key
    page.wait_for_selector(f".lit[data-key='{nxt}']", timeout=5_000)
    # Chinese renders with a CJK font (not tofu): a line of 汉字 is as wide as it should be
    width = page.evaluate("""() => { const s = document.createElement('span');
        s.style.fontSize = '20px'; s.textContent = '工业和信息化部'; document.body.append(s);
        const w = s.getBoundingClientRect().width; s.remove(); return w; }""")
    assert 130 <= width <= 150
    page.close()


def test_text_document_is_shown_with_its_values_highlighted(server, browser):
    import httpx

    text = ("工业和信息化部关于推动铝产业高质量发展的通知\n工信部原〔2025〕62号\n"
            "到2027年，再生铝产量达到1500万吨以上。\n工业和信息化部\n2025年3月11日\n")
    doc = httpx.post(server.url + "/v1/documents", params={"wait": "true"}, timeout=120,
                     json={"text": text, "filename": "n.txt"}).json()
    assert doc["status"] == "done"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{server.url}/documents/{doc['id']}")
    target = page.locator("button.value[data-field=targets]").first
    target.wait_for(timeout=30_000)
    target.click()
    key = target.get_attribute("data-key")
    marks = page.locator(f"mark.lit[data-keys~='{key}']")
    marks.first.wait_for(timeout=5_000)
    assert "1500" in "".join(marks.all_inner_texts())
    # the list view links back to the document
    page.goto(server.url + "/")
    page.locator("#rows tr", has_text="n.txt").first.click()
    page.wait_for_url(f"**/documents/{doc['id']}")
    page.close()


def test_with_an_api_key_the_page_asks_for_it_once_and_sends_it(browser, samples_dir,
                                                                tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review-key")
    env = {"EXTRACTOR_DATA_DIR": str(tmp / "data"),
           "EXTRACTOR_DATABASE_URL": database_url("sqlite", tmp),
           "EXTRACTOR_EXECUTOR": "process", "EXTRACTOR_API_KEY": "k"}
    server = Server(env, tmp).wait_ready()
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        asked = []
        page.on("dialog", lambda d: (asked.append(d.message), d.accept("k")))
        page.goto(server.url + "/")
        page.wait_for_selector("#rows tr")  # the list loaded once the key was given
        assert len(asked) == 1
        page.set_input_files("#file", str(samples_dir / "notice_simple.pdf"))
        page.click("#upload button[type=submit]")
        page.wait_for_url("**/documents/*", timeout=180_000)
        number = page.locator("button.value[data-field=doc_numbers]").first
        number.wait_for(timeout=30_000)
        page.wait_for_function(
            "(document.querySelector('#page-1 img') || {}).naturalWidth > 0", timeout=30_000)
        number.click()
        key = number.get_attribute("data-key")
        page.wait_for_selector(f".box.lit[data-key='{key}']", timeout=5_000)
        assert len(asked) == 1  # asked once, kept
        page.close()
    finally:
        server.stop()
