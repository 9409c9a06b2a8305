"""Portal chrome: the lines a web page wraps around a document when it is saved as text.

A page saved from a government portal or a news site carries lines that belong to the
page, not to the document: view counters (浏览量：1234, 阅读次数), font-size switches
(【字号：大 中 小】), print/close links (打印 关闭), the QR-code line (扫一扫在手机打开当前页),
sharing (分享到), the editor (责任编辑：张三), the lead (导读：…) and the source/time line
(时间：2019-02-15 来源：中国政府网). `is_chrome(line)` says whether a line is such a line;
the header components read around them: a chrome line is never a title, and its date is
the page's posting time (see components/dates.py for when that is also the document's).

A plain dateline of a news page (发布时间：2011-05-13 on a line of its own) is not chrome:
it is the story's own date.
"""

from __future__ import annotations

import re

_S = r"[ \t\u3000]*"
CHROME = re.compile(
    rf"(?:浏览量|浏览次数|阅读量|阅读次数|访问量|点击数|点击量|点击率){_S}[：:]"
    rf"|字号{_S}[：:]?{_S}[【\[（(]?{_S}大{_S}中{_S}小"
    rf"|[【\[]{_S}大{_S}中{_S}小{_S}[】\]]"
    r"|扫一扫|在手机打开|手机扫描二维码|分享到"
    rf"|(?:责任编辑|编辑|审核|校对){_S}[：:]"
    rf"|^{_S}导读{_S}[：:]"
    rf"|(?:^|[ \t\u3000（(])(?:文章|信息|稿件)?来源{_S}[：:]"
    rf"|^{_S}[【\[]?{_S}(?:打印|关闭|打印本页|关闭窗口|收藏|纠错|返回顶部)(?:{_S}[】\]])?"
    rf"(?:{_S}[|｜/]?{_S}[【\[]?{_S}(?:打印|关闭|打印本页|关闭窗口|收藏|纠错|返回顶部|分享)(?:{_S}[】\]])?)*{_S}$"
)

EXAMPLES: list[tuple[str, bool]] = [
    ("时间：2019-02-15 来源：中国政府网 浏览量：1234", True),
    ("【字号：大 中 小】 打印 关闭", True),
    ("字号：大 中 小", True),
    ("扫一扫在手机打开当前页", True),
    ("责任编辑：张三", True),
    ("导读：国家发展改革委等八部门近日联合印发指导意见。", True),
    ("打印 关闭", True),
    ("【打印】【关闭】", True),
    ("发布时间：2020-03-05  来源：中国煤炭网  浏览量：356", True),
    # not chrome: a news dateline, the document's own lines
    ("发布时间：2011-05-13", False),
    ("国务院办公厅关于印发《某某工作方案》的通知", False),
    ("各省、自治区、直辖市人民政府：", False),
    ("（二）加强数据来源管理，确保数据真实。", False),
    ("3.数据来源:进口数据来源于海关总署,其中2023年数据为初步统计数。", False),
    ("(文章来源:生意社)", True),
    ("关闭退出落后产能，打印行业加快整合。", False),
]


def is_chrome(line: str) -> bool:
    """True when `line` is a line of the page around the document, not of the document."""
    return len(line) <= 120 and CHROME.search(line) is not None
