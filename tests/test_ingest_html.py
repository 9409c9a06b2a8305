"""HTML input: gov.cn pages (metadata table and body), encodings, furniture, bad pages.

The expected headers below were read from each page's metadata table (标题, 发文字号,
发文机关, 成文日期, 发布日期), by hand, not copied from extractor output. The eight
gov.cn pages of the issue-10 blind slice (gc_05, 13, 21, 29, 37, 45, 53, 59) joined the
table after that slice was scored once (2026-12-05): all 30 pages are checked.
"""

from __future__ import annotations

from functools import lru_cache

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import SHARED, need_shared

from extractor import extract
from extractor.errors import ExtractorError, NoContent, TooLarge
from extractor.grammars.doc_number import parse as parse_number
from extractor.ingest import ingest, sniff
from extractor.ingest.html import decode_html

GOVCN_DIR = SHARED / "corpus" / "govcn"

# page, 标题, 发文字号, 发文机关 (、-separated), 成文日期, 发布日期 — as the metadata tables state them
GOVCN = [
    ("gc_01", "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见", "国发〔2019〕5号", "国务院", "2019-01-27", "2019-02-15"),
    ("gc_03", "国务院关于印发国家职业教育改革实施方案的通知", "国发〔2019〕4号", "国务院", "2019-01-24", "2019-02-13"),
    ("gc_07", "国务院办公厅关于印发“无废城市”建设试点工作方案的通知", "国办发〔2018〕128号", "国务院办公厅", "2018-12-29", "2019-01-21"),
    ("gc_09", "国务院办公厅关于深入开展消费扶贫助力打赢脱贫攻坚战的指导意见", "国办发〔2018〕129号", "国务院办公厅", "2018-12-30", "2019-01-14"),
    ("gc_11", "国务院关于2018年度国家科学技术奖励的决定", "国发〔2018〕44号", "国务院", "2018-12-28", "2019-01-08"),
    ("gc_15", "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "国发〔2018〕42号", "国务院", "2018-12-21", "2018-12-29"),
    ("gc_17", "国务院办公厅关于推进政务新媒体健康有序发展的意见", "国办发〔2018〕123号", "国务院办公厅", "2018-12-07", "2018-12-27"),
    ("gc_19", "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知", "国办发〔1996〕25号", "国务院办公厅、中央军委办公厅", "1996-06-29", "2018-12-24"),
    ("gc_23", "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函", "国办函〔2004〕80号", "国务院办公厅", "2004-11-04", "2018-12-24"),
    ("gc_25", "国务院办公厅关于科技节水建议的复函", "国办函〔2005〕21号", "国务院办公厅", "2005-03-03", "2018-12-24"),
    ("gc_27", "国务院办公厅对十届全国人大四次会议第7240号建议的答复", "国办函〔2006〕71号", "国务院办公厅", "2006-09-07", "2018-12-24"),
    ("gc_31", "国务院办公厅关于同意以深圳市名义申办2011年第26届世界大学生夏季运动会的复函", "国办函〔2004〕88号", "国务院办公厅", "2004-12-17", "2018-12-24"),
    ("gc_33", "中华人民共和国个人所得税法实施条例", "国令第707号", "国务院", "2018-12-18", "2018-12-22"),
    ("gc_35", "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见", "国办发〔2018〕115号", "国务院办公厅", "2018-12-04", "2018-12-20"),
    ("gc_39", "国务院关于做好当前和今后一个时期促进就业工作的若干意见", "国发〔2018〕39号", "国务院", "2018-11-16", "2018-12-05"),
    ("gc_41", "国务院办公厅关于印发国家粮食应急预案的函", "国办函〔2005〕57号", "国务院办公厅", "2005-06-11", "2018-12-03"),
    ("gc_43", "国务院办公厅关于广东与香港、澳门合建自动气象站网有关问题的复函", "国办函〔1996〕14号", "国务院办公厅", "1996-02-06", "2018-12-03"),
    ("gc_47", "国务院关于印发《国务院工作规则》的通知", "国发〔2004〕18号", "国务院", "2004-06-26", "2018-12-03"),
    ("gc_49", "国务院办公厅关于山西、安徽省四起特大煤矿瓦斯爆炸事故调查处理情况的通报", "国办发〔2004〕7号", "国务院办公厅", "2004-01-16", "2018-12-02"),
    ("gc_51", "国务院办公厅转发国家地震局关于1997年地震趋势和加强防震减灾工作意见报告的通知", "国办发〔1997〕2号", "国务院办公厅", "1997-02-04", "2018-12-02"),
    ("gc_55", "国务院关于同意建立国务院职业教育工作部际联席会议制度的批复", "国函〔2018〕144号", "国务院", "2018-11-20", "2018-11-27"),
    ("gc_57", "国务院关于支持自由贸易试验区深化改革创新若干措施的通知", "国发〔2018〕38号", "国务院", "2018-11-07", "2018-11-23"),
    # the blind slice of issue 10, added after its one scoring (2026-12-05); values from
    # each page's metadata table, as for the rows above
    ("gc_05", "国务院关于促进综合保税区高水平开放高质量发展的若干意见", "国发〔2019〕3号", "国务院", "2019-01-12", "2019-01-25"),
    ("gc_13", "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见", "国办发〔2018〕118号", "国务院办公厅", "2018-12-05", "2019-01-03"),
    ("gc_21", "国务院办公厅关于辽宁省在曾培炎副总理考察工作时所提问题和建议办理情况的函", "国办函〔2004〕57号", "国务院办公厅", "2004-08-12", "2018-12-24"),
    ("gc_29", "国务院办公厅对十届全国人大四次会议第7264号建议的答复", "国办函〔2006〕69号", "国务院办公厅", "2006-09-07", "2018-12-24"),
    ("gc_37", "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知", "国办发〔2018〕117号", "国务院办公厅", "2018-12-06", "2018-12-10"),
    ("gc_45", "国务院、中央军委关于同意武警总部后勤部机关等迁址新建的批复", "国函〔1996〕95号", "国务院、中央军委", "1996-11-05", "2018-12-03"),
    ("gc_53", "国务院关于同意乌鲁木齐、昌吉、石河子高新技术产业开发区建设国家自主创新示范区的批复", "国函〔2018〕145号", "国务院", "2018-11-23", "2018-11-28"),
    ("gc_59", "国务院办公厅关于调整国务院第二次全国污染源普查领导小组组成人员的通知", "国办函〔2018〕74号", "国务院办公厅", "2018-11-05", "2018-11-12"),
]
# canonical names of the issuers as the gazetteer spells them
CANONICAL = {"国务院": "国务院", "国务院办公厅": "国务院办公厅", "中央军委办公厅": "中央军事委员会办公厅",
             "中央军委": "中央军事委员会"}

# Pages whose body alone does not yet give a field right (measured on this branch; the
# pipeline, not ingestion, decides these — see the README). strict: a fix makes them fail.
BODY_MISSES: dict[tuple[str, str], str] = {
    # none: the 国务院令 page (gc_33) takes the regulation's name as its title and the date
    # under the premier's signature (总理 李克强) as its written date from the body alone
}


def _page_bytes(name: str) -> bytes:
    return (need_shared(GOVCN_DIR) / f"{name}.html").read_bytes()


def without_metadata(data: bytes) -> bytes:
    """The page with its metadata tables (the cells 索引号 … 主题词) removed."""
    root = lxml.html.document_fromstring(data.decode("utf-8"))
    cells = "contains(normalize-space(.), '发文字号') or contains(normalize-space(.), '主 题 词')"
    for table in root.xpath(f"//table[.//td[{cells}]]"):
        if table.find(".//table") is None:
            table.getparent().remove(table)
    return lxml.html.tostring(root, encoding="utf-8")


@lru_cache(maxsize=None)
def read_page(name: str, *, with_metadata: bool = True):
    data = _page_bytes(name)
    if not with_metadata:
        data = without_metadata(data)
    return extract(data, filename=f"{name}.html")


def same_number(got: str | None, expected: str) -> bool:
    """Gold-side equivalence: the same number, or the same family, year and serial with
    one organ an abbreviation of the other (国令第707号, 中华人民共和国国务院令第707号)."""
    if got is None:
        return False
    a, b = parse_number(got), parse_number(expected)
    if got == expected or a is None or b is None:
        return got == expected
    short, long_ = sorted((a.organ_code or "", b.organ_code or ""), key=len)
    it = iter(long_)
    return (a.family, a.year, a.serial) == (b.family, b.year, b.serial) and all(c in it for c in short)


def header_of(result) -> dict:
    self_numbers = [d for d in result.doc_numbers if d.role == "self"]
    written = [d for d in result.dates if d.role == "written"]
    published = [d for d in result.dates if d.role == "published"]
    return {
        "title": result.title.text if result.title else None,
        "doc_number": self_numbers[0].normalized if self_numbers else None,
        "issuers": sorted(a.canonical or a.name for a in result.issuing_agencies),
        "written": written[0].value if written else None,
        "published": published[0].value if published else None,
    }


def expected_header(row, mode: str) -> dict:
    _name, title, number, issuers, written, published = row
    parsed = parse_number(number)
    exp = {
        "title": title,
        "doc_number": parsed.normalized if parsed else number,
        "issuers": sorted(CANONICAL[i] for i in issuers.split("、")),
        "written": written,
    }
    if mode == "metadata":
        exp["published"] = published  # the body does not state the publication date
    return exp


IDS = [r[0] for r in GOVCN]


@pytest.mark.parametrize("row", GOVCN, ids=IDS)
def test_metadata_table_gives_the_header(row):
    result = read_page(row[0])
    got, exp = header_of(result), expected_header(row, "metadata")
    assert same_number(got.pop("doc_number"), exp.pop("doc_number"))
    assert got == exp
    assert result.title.source == "metadata"
    assert [d.source for d in result.doc_numbers if d.role == "self"] == ["metadata"]
    assert {a.source for a in result.issuing_agencies} == {"metadata"}
    # every metadata value is evidence into the returned text, located on its table row
    items = (result.title, *result.doc_numbers, *result.issuing_agencies, *result.dates)
    for item in (i for i in items if i.source == "metadata"):
        ev = item.evidence
        surface = getattr(item, "text", None) or item.name
        assert result.text[ev.start : ev.end] == surface
        assert ev.css_path.startswith("html > body > div > table:nth-of-type(1)")
    assert result.index_number.text.startswith("000014349/")
    assert result.subject_category.text


@pytest.mark.parametrize("row", GOVCN, ids=IDS)
def test_body_alone_gives_the_same_header(row):
    got = header_of(read_page(row[0], with_metadata=False))
    exp = expected_header(row, "body")
    got["doc_number"] = exp["doc_number"] if same_number(got["doc_number"], exp["doc_number"]) else got["doc_number"]
    for key in exp:
        if (row[0], key) in BODY_MISSES:  # known misses: a fix must update the table
            assert got[key] != exp[key], f"{key} is right now: remove it from BODY_MISSES"
        else:
            assert got[key] == exp[key], key


@pytest.mark.parametrize("row", GOVCN, ids=IDS)
def test_one_fact_one_item_with_both_mentions(row):
    """Where the body states a metadata fact, the item carries both mentions."""
    full = read_page(row[0])
    body = header_of(read_page(row[0], with_metadata=False))
    meta_end = full.text.index("\n", full.title.evidence.end)
    if body["title"] == row[1]:
        assert len(full.title.mentions) == 2
        assert full.title.mentions[0] == full.title.evidence
        assert full.title.mentions[1].css_path.startswith("td#UCAP-CONTENT")
    self_numbers = [d for d in full.doc_numbers if d.role == "self"]
    assert len(self_numbers) == 1
    if same_number(body["doc_number"], expected_header(row, "body")["doc_number"]):
        assert len(self_numbers[0].mentions) >= 2
        assert self_numbers[0].mentions[1].start > meta_end
    # (attachments and forwarded reports carry their own signature dates: other items)
    written = [d for d in full.dates if d.value == row[4] and d.role == "written"]
    assert len(written) == 1
    if body["written"] == row[4]:
        assert len(written[0].mentions) == 2


def test_an_abbreviated_metadata_number_takes_the_body_s_full_form():
    # gc_33's table says 国令第707号, its body 中华人民共和国国务院令 / 第707号 (the order's heading)
    # and again in the revision history (根据…中华人民共和国国务院令第707号第四次修订): one item
    page = read_page("gc_33")
    (number,) = [d for d in page.doc_numbers if d.role == "self"]
    assert (number.text, number.normalized, number.source) == (
        "国令第707号", "中华人民共和国国务院令第707号", "metadata"
    )
    said = [page.text[m.start : m.end].replace("\n", "") for m in number.mentions]
    assert said == ["国令第707号", "中华人民共和国国务院令第707号", "中华人民共和国国务院令第707号"]


def test_dates_the_table_contradicts_are_not_the_page_s_written_date():
    # gc_23 forwards two attachments signed 二〇〇四年十月十日 (国土资源部) and 二〇〇四年九月二十三日
    # (the experts' group); the page's 成文日期 is 2004年11月04日
    dates = read_page("gc_23").dates
    assert [(d.value, d.source) for d in dates if d.role == "written"] == [("2004-11-04", "metadata")]
    assert {d.value: d.role for d in dates if d.value in ("2004-10-10", "2004-09-23")} == {
        "2004-10-10": "other", "2004-09-23": "other"
    }


def test_metadata_text_stays_in_the_text_but_is_read_once():
    result = read_page("gc_01")
    assert result.text.startswith("索引号：\t000014349/2019-00007")
    # the table's title and the body's title are one item, not two readings
    assert result.title.mentions[0].start < result.title.mentions[1].start
    assert len([d for d in result.dates if d.value == "2019-01-27"]) == 1


def test_blocks_become_labelled_lines():
    doc = ingest(_page_bytes("gc_01"), filename="gc_01.html")
    labels = [ln.label for ln in doc.lines]
    assert labels[:4] == ["metadata"] * 4
    titles = [ln for ln in doc.lines if ln.label == "title"]
    # a title broken by <br> is one title, its parts joined with no break
    assert [t.text for t in titles] == ["国务院关于在市场监管领域全面推行", "部门联合“双随机、一公开”监管的意见"]
    assert titles[0].joins_next is True and titles[-1].joins_next is False
    assert "heading" in labels and "paragraph" in labels
    assert all(ln.joins_next is not None for ln in doc.lines)
    assert [f.text for f in doc.furniture] == ["扫一扫在手机打开当前页"]
    assert [f.kind for f in doc.furniture] == ["navigation"]


# --- synthetic pages -------------------------------------------------------------------

BODY = (
    "<h1>关于加强稀土行业管理的通知</h1><p>工信部原〔2024〕12号</p>"
    "<p>各省、自治区、直辖市工业和信息化主管部门：</p>"
    "<p>为规范稀土开采和冶炼分离秩序，现就有关事项通知如下。到2025年，稀土冶炼分离产能控制在30万吨以内。</p>"
    "<p>工业和信息化部</p><p>2024年5月6日</p>"
)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>稀土 - 门户网站</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "charset,encoding",
    [("gb2312", "gb2312"), ("GBK", "gbk"), ("gb18030", "gb18030"), ("utf-8", "utf-8")],
)
def test_meta_charset_decides_the_encoding(charset, encoding):
    html = page(BODY, head=f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    result = extract(html.encode(encoding), filename="p.html")
    assert result.title.text == "关于加强稀土行业管理的通知"
    assert result.source.media_type == "text/html"
    assert "〔2024〕" in result.text


def test_gbk_without_declaration_is_read_by_content():
    text, enc, _ = decode_html(page(BODY).encode("gbk"))
    assert enc == "gb18030" and "稀土冶炼分离产能" in text


def test_html5_meta_charset_and_a_wrong_declaration():
    assert decode_html(page(BODY, '<meta charset="gbk">').encode("gbk"))[1] == "gb18030"
    text, enc, warnings = decode_html(page(BODY, '<meta charset="utf-8">').encode("gbk"))
    assert "稀土" in text and warnings  # declared UTF-8, is GBK: read by content, said so


def test_sniffing_without_a_filename():
    assert sniff(page(BODY).encode()) == "text/html"
    assert sniff("<div class='wrap'><table><tr><td>索引号：</td></tr></table></div>".encode()) == "text/html"
    assert sniff("关于加强稀土行业管理的通知\n<正文>".encode()) == "text/plain"


def test_scripts_styles_navigation_and_hidden_blocks_are_furniture():
    body = (
        "<nav><a href='/'>首页</a><a href='/a'>政策</a><a href='/b'>新闻</a></nav>"
        "<div class='breadcrumb'>当前位置：首页 > 政策</div>"
        "<script>var x = '不是正文';</script><style>p{color:red}</style>"
        f"<div class='article'>{BODY}</div>"
        "<div style='display:none'>隐藏的统计代码</div>"
        "<footer>版权所有 网站标识码</footer>"
    )
    result = extract(page(body).encode(), filename="p.html")
    assert "不是正文" not in result.text and "首页" not in result.text
    assert "版权所有" not in result.text and "隐藏" not in result.text
    kinds = {f.kind for f in result.furniture}
    assert kinds == {"navigation", "script", "hidden", "page_title"}
    assert result.title.text == "关于加强稀土行业管理的通知"
    assert result.title.evidence.css_path == "html > body > div:nth-of-type(2) > h1"
    assert [d.normalized for d in result.doc_numbers] == ["工信部原〔2024〕12号"]
    assert [a.canonical for a in result.issuing_agencies] == ["工业和信息化部"]


def test_desktop_and_mobile_copies_give_the_content_once():
    more = "<p>各地要严格执行总量控制指标，不得超指标开采和生产，严禁收购、加工、销售、出口非法开采或非法冶炼分离的稀土矿产品。</p>" * 2
    body = f"<div class='pc'>{BODY}{more}</div><div class='mobile'>{BODY}{more}</div>"
    result = extract(page(body).encode(), filename="p.html")
    assert result.text.count("稀土冶炼分离产能") == 1
    assert [f.kind for f in result.furniture if f.kind == "duplicate"] == ["duplicate"]


def test_data_tables_are_tables():
    body = (
        "<p>表1 2024年稀土开采总量控制指标</p>"
        "<table><tr><th>企业</th><th>岩矿型稀土（吨）</th><th>离子型稀土（吨）</th></tr>"
        "<tr><td>中国稀土集团</td><td>38250</td><td>13000</td></tr>"
        "<tr><td>北方稀土集团</td><td>100000</td><td>0</td></tr></table>"
        "<p>合计135000吨。</p>"
    )
    doc = ingest(page(body).encode(), filename="q.html")
    assert [ln.label for ln in doc.lines] == ["paragraph", "table", "table", "table", "paragraph"]
    assert doc.lines[2].text == "中国稀土集团\t38250\t13000"
    assert doc.tables[0].rows[1] == ["中国稀土集团", "38250", "13000"]
    assert doc.lines[2].css_path == "html > body > table > tbody > tr:nth-of-type(2)"


def test_ministry_metadata_given_as_lines():
    body = (
        "<ul class='xxgk'><li>发布机构：工业和信息化部</li><li>生成日期：2024-05-06</li>"
        "<li>文号：工信部原〔2024〕12号</li><li>名称：关于加强稀土行业管理的通知</li></ul>"
        + BODY
    )
    result = extract(page(body).encode(), filename="m.html")
    assert result.title.source == "metadata" and len(result.title.mentions) == 2
    assert [(d.normalized, d.source, len(d.mentions)) for d in result.doc_numbers] == [
        ("工信部原〔2024〕12号", "metadata", 2)
    ]
    written = [d for d in result.dates if d.role == "written"]
    assert [(d.value, d.source, len(d.mentions)) for d in written] == [("2024-05-06", "metadata", 2)]


def test_label_value_lines_in_the_body_are_not_page_metadata():
    lines = "".join(f"<p>{t}</p>" for t in ["名称：赣州稀土集团", "文号：赣市府〔2024〕3号", "发布日期：2024-01-02"])
    filler = "".join(f"<p>第{i}段正文，稀土开采管理。</p>" for i in range(40))
    doc = ingest(page(BODY + filler + lines).encode(), filename="b.html")
    assert doc.metadata == [] and "metadata" not in {ln.label for ln in doc.lines}


# --- bad pages: a typed error or a result, never a traceback ------------------------------


def test_a_page_of_only_navigation_is_no_content():
    body = "<nav><a href='/'>首页</a><a href='/a'>政策</a><a href='/b'>新闻</a></nav><script>x()</script>"
    with pytest.raises(NoContent):
        extract(page(body).encode(), filename="nav.html")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><div><p>关于加强稀土行业管理的通知<table><tr><td>稀土<td>30万吨",
        "<html><body></body></html>",
        "<p><<<>>></p><p>",
        "<div><!-- 未闭合的注释 <p>正文</p>",
        "<html><body>" + "<div>" * 5000 + "深层嵌套的正文" + "</div>" * 10 + "</body></html>",
        "<?xml version='1.0' encoding='gbk'?><html><body><p>正文</p></body></html>",
    ],
)
def test_malformed_html_gives_a_result_or_a_typed_error(html):
    try:
        result = extract(html.encode("utf-8"), filename="bad.html")
    except ExtractorError as exc:
        assert exc.code in ("no_content", "empty_input")
    else:
        assert result.text


def test_a_50_mb_page():
    # 50 MB of markup and scripts around one notice: read within the limits
    filler = "<script>" + "x" * 1024 + "</script>"
    n = (50 * 1000 * 1000) // len(filler)
    data = page(filler * n + BODY).encode()
    assert 49_000_000 < len(data) <= 50 * 1024 * 1024
    result = extract(data, filename="big.html")
    assert result.title.text == "关于加强稀土行业管理的通知"
    # 50 MB of text: over the text limit, a typed error
    text = page("<p>" + "稀土" * (16 * 1000 * 1000 // 2) + "</p>").encode()
    with pytest.raises(TooLarge):
        extract(text, filename="big-text.html")


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<table>", "<tr>", "<td>",
                         "<h1>", "<script>", "<!--", "-->", "<b>", "<", ">", "&nbsp;", "&#0;",
                         "发文字号：", "关于稀土的通知", "\x00", "\u3000"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TAGS, st.text(max_size=20)), max_size=40))
def test_any_markup_gives_lines_or_a_typed_error(parts):
    data = ("<html><body>" + "".join(parts)).encode("utf-8", errors="surrogatepass")
    try:
        doc = ingest(data, filename="fuzz.html")
    except ExtractorError:
        return
    assert doc.lines and all(ln.label for ln in doc.lines)
