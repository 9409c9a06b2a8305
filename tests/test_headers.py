"""The header of a document read from its text alone (text input, or an HTML body):
title, own number, issuers, written and published dates, end to end through the
normaliser and the pipeline, on the shapes real pages take."""

from __future__ import annotations

import pytest

from extractor import extract
from extractor.grammars.portal import EXAMPLES as CHROME_EXAMPLES
from extractor.grammars.portal import is_chrome


@pytest.mark.parametrize("line,expected", CHROME_EXAMPLES, ids=[e[0] for e in CHROME_EXAMPLES])
def test_portal_chrome_lines(line, expected):
    assert is_chrome(line) is expected


PORTAL_PAGE = """首页 > 政策 > 最新
国务院办公厅关于印发某某工作方案的通知
时间：2019-02-15 来源：中国政府网 浏览量：1234
【字号：大 中 小】 打印 关闭
扫一扫在手机打开当前页
国务院办公厅关于印发
《某某工作方案》的通知
国办发〔2019〕5号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《某某工作方案》已经国务院同意，现印发给你们，请认真贯彻执行。
国务院办公厅
2019年1月27日
（此件公开发布）
责任编辑：张三
打印 关闭
"""

NEWS_WITH_NOTICE = """八部门发文推进煤矿智能化 力争2025年大型煤矿基本实现智能化
发布时间：2020-03-05  来源：中国煤炭网  浏览量：356
导读：国家发展改革委等八部门近日联合印发指导意见。
记者从国家发展改革委获悉，国家发展改革委、国家能源局等部门近日联合印发《关于加快煤矿智能化发展的指导意见》，全文如下：
国家发展改革委 国家能源局 应急部 工业和信息化部关于印发《关于加快煤矿智能化发展的指导意见》的通知
发改能源〔2020〕283号
各省、自治区、直辖市发展改革委、能源局：
现将《关于加快煤矿智能化发展的指导意见》印发给你们，请认真贯彻执行。
国家发展改革委
国家能源局
应急部
工业和信息化部
2020年2月25日
责任编辑：李四
"""

THREE_LINE_TITLE = """国家发展改革委 国家能源局
关于进一步完善煤炭市场价格形成机制
有关工作的通知
发改价格〔2022〕303号
各省、自治区、直辖市发展改革委、能源局：
为完善煤炭市场价格形成机制，现就有关事项通知如下。
国家发展改革委
国家能源局
2022年2月24日
"""

ORDER = """中华人民共和国国务院令
第707号
现公布修订后的《中华人民共和国个人所得税法实施条例》，自2019年1月1日起施行。
总理  李克强
2018年12月18日
中华人民共和国个人所得税法实施条例
（1994年1月28日中华人民共和国国务院令第142号发布 根据2018年12月18日中华人民共和国国务院令第707号第四次修订）
第一条 根据《中华人民共和国个人所得税法》（以下简称个人所得税法），制定本条例。
"""

LAW = """# 中华人民共和国可再生能源法
2005年2月28日 第十届全国人民代表大会常务委员会第十四次会议通过
<!-- INFO END -->
第一条 为了促进可再生能源的开发利用，增加能源供应，改善能源结构，制定本法。
"""

TRANSMITTAL = """国务院办公厅转发国家地震局关于1997年地震趋势和加强防震减灾工作意见报告的通知
国办发〔1997〕2号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
国家地震局《关于1997年地震趋势和加强防震减灾工作意见的报告》已经国务院同意，现转发给你们，请认真贯彻执行。
国务院办公厅
一九九七年二月四日
关于1997年地震趋势和加强防震减灾工作意见的报告
国务院：
我局于1997年1月7日至11日召开1997年度全国地震趋势会商会，现将有关情况报告如下。
国家地震局
一九九七年一月二十日
"""

# name -> (text, title, own numbers, issuers, written, published)
HEADERS = {
    "portal page: chrome skipped, the notice's own title under the page title": (
        PORTAL_PAGE, "国务院办公厅关于印发《某某工作方案》的通知", {"国办发〔2019〕5号"}, {"国务院办公厅"},
        {"2019-01-27"}, {"2019-02-15"}),
    "news story reproducing a notice: the notice's header, not the headline's date": (
        NEWS_WITH_NOTICE,
        "国家发展改革委 国家能源局 应急部 工业和信息化部关于印发《关于加快煤矿智能化发展的指导意见》的通知",
        {"发改能源〔2020〕283号"}, {"国家发展和改革委员会", "国家能源局", "应急管理部", "工业和信息化部"},
        {"2020-02-25"}, set()),
    "a title over three lines that begins with its issuers": (
        THREE_LINE_TITLE, "国家发展改革委 国家能源局关于进一步完善煤炭市场价格形成机制有关工作的通知",
        {"发改价格〔2022〕303号"}, {"国家发展和改革委员会", "国家能源局"}, {"2022-02-24"}, set()),
    "an order: the promulgated text's title, the order's number, issuer and date": (
        ORDER, "中华人民共和国个人所得税法实施条例", {"中华人民共和国国务院令第707号"}, {"国务院"},
        {"2018-12-18"}, set()),
    "a law: adopted by the NPC Standing Committee": (
        LAW, "中华人民共和国可再生能源法", set(), {"全国人民代表大会常务委员会"}, set(), set()),
    "a transmittal notice: its own date, not the forwarded report's": (
        TRANSMITTAL, "国务院办公厅转发国家地震局关于1997年地震趋势和加强防震减灾工作意见报告的通知",
        {"国办发〔1997〕2号"}, {"国务院办公厅"}, {"1997-02-04"}, set()),
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_from_the_text(name):
    text, title, numbers, issuers, written, published = HEADERS[name]
    r = extract(text.encode("utf-8"), filename="page.txt")
    assert r.title is not None and r.title.text == title
    assert {d.normalized for d in r.doc_numbers if d.role == "self"} == numbers
    assert {a.canonical for a in r.issuing_agencies} == issuers
    assert {d.value for d in r.dates if d.role == "written"} == written
    assert {d.value for d in r.dates if d.role == "published"} == published
    for d in [*r.doc_numbers, *r.dates]:  # one fact, one item, evidence first among its mentions
        assert d.mentions and d.mentions[0] == d.evidence
        assert all(r.text[m.start : m.end] == d.text or d.role != "self" for m in d.mentions[:1])


def test_the_forwarded_reports_signature_is_other():
    r = extract(TRANSMITTAL.encode("utf-8"), filename="page.txt")
    assert ("other", "1997-01-20") in {(d.role, d.value) for d in r.dates}
