"""Heading grammar (extractor/grammars/sections.py) and the `ex_sections` component."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import normalized_text, pipeline
from extractor import models as m
from extractor.grammars.sections import EXAMPLES, innermost, parse_heading, parse_sections


@pytest.fixture(scope="session")
def notice(seeds_dir):
    return normalized_text(seeds_dir / "notice_003.txt")


@pytest.mark.parametrize("line,want", EXAMPLES, ids=[x[:14] for x, _ in EXAMPLES])
def test_heading_examples(line, want):
    h = parse_heading(line)
    got = None if h is None else (h.kind, h.label, h.number, h.title)
    assert got == want


@pytest.mark.parametrize("line,want", [x for x in EXAMPLES if x[1]], ids=[x[:14] for x, y in EXAMPLES if y])
def test_heading_label_offsets(line, want):
    h = parse_heading(line)
    assert line[h.label_start : h.label_end] == h.label
    assert not h.label.startswith("#")


def _by_number(secs, kind):
    return {s.number: s for s in secs if s.kind == kind}


def test_notice_003_hierarchy(notice):
    secs = parse_sections(notice)
    kinds = Counter(s.kind for s in secs)
    assert kinds == Counter({"arabic": 18, "paren_cn": 7, "cn": 3, "box": 3})
    tasks = _by_number(secs, "arabic")
    assert sorted(tasks, key=int) == [str(i) for i in range(1, 19)]
    assert all(t.role == "task" for t in tasks.values())
    t5 = tasks["5"]
    assert (t5.label, t5.title, t5.level, t5.path) == ("5.", "优化电解铝产能布局", 3, "二.（二）.5")
    assert notice[t5.start : t5.end] == "5. 优化电解铝产能布局"
    assert tasks["4"].label == "4."
    assert tasks["13"].path == "二.（六）.13"
    assert tasks["16"].path == "三.16" and tasks["16"].level == 2
    seven = _by_number(secs, "paren_cn")["七"]
    assert (seven.label, seven.title, seven.path, seven.level) == ("(七)", "深化对外开放合作", "二.（七）", 2)
    top = _by_number(secs, "cn")
    assert {k: v.title for k, v in top.items()} == {"一": "总体要求", "二": "重点任务", "三": "保障措施"}
    assert all(v.level == 1 and v.role == "body" for v in top.values())


def test_notice_003_boxes(notice):
    secs = parse_sections(notice)
    boxes = _by_number(secs, "box")
    assert {k: (v.title, v.role, v.path) for k, v in boxes.items()} == {
        "1": ("重点地区发展方向", "box", "二.（二）.专栏1"),
        "2": ("扩大铝消费重点方向", "box", "二.（三）.专栏2"),
        "3": ("铝产业链标准提升工程", "box", "二.（四）.专栏3"),
    }
    # 10. after 专栏3 continues the tasks of （四）; it is not inside the box
    ten = _by_number(secs, "arabic")["10"]
    assert (ten.path, ten.role) == ("二.（四）.10", "task")


def test_notice_003_markdown_marks_are_not_labels(notice):
    for s in parse_sections(notice):
        assert "#" not in s.label and "#" not in notice[s.start : s.end]
        assert notice[s.start : s.end].startswith(s.label)


def test_innermost(notice):
    secs = parse_sections(notice)
    pos = notice.index("（工业和信息化部、国家发展改革委牵头，生态环境部参加）")
    assert innermost(secs, pos).number == "5"
    assert innermost(secs, 0) is None


def test_component_spans_validate(notice):
    doc = pipeline("ex_sections")(notice)
    spans = list(doc.spans["sections"])
    assert len(spans) == 31
    for sp in spans:
        item = m.Section.model_validate(
            {**sp._.fields, "evidence": {"start": sp.start_char, "end": sp.end_char}}
        )
        assert sp.text.startswith(item.label)


def test_box_items_and_annex():
    text = (
        "一、重点任务\n（一）建设基地\n专栏 1\n油气战略保障基地\n1.鄂尔多斯盆地基地。推动…\n"
        "2.渤海湾盆地基地。推进…\n（二）完善管网\n1.加快建设。…\n附件：项目表\n备注：\n1.单位为万吨。\n"
    )
    secs = parse_sections(text)
    got = [(s.label, s.title, s.path, s.role, s.level) for s in secs]
    assert got == [
        ("一、", "重点任务", "一", "body", 1),
        ("（一）", "建设基地", "一.（一）", "body", 2),
        ("专栏 1", "油气战略保障基地", "一.（一）.专栏1", "box", 3),
        ("1.", "鄂尔多斯盆地基地", "一.（一）.专栏1.1", "box", 4),
        ("2.", "渤海湾盆地基地", "一.（一）.专栏1.2", "box", 4),
        ("（二）", "完善管网", "一.（二）", "body", 2),
        ("1.", "加快建设", "一.（二）.1", "task", 3),
        ("1.", "单位为万吨", "1", "body", 1),
    ]


def test_clause_makes_a_task_outside_task_headings():
    text = "一、总体要求\n(一)总体要求和主要预期目标。\n1.稳就业保民生。(国务院各部门分别负责,年内持续推进)\n"
    secs = parse_sections(text)
    assert [(s.path, s.role) for s in secs] == [("一", "body"), ("一.（一）", "body"), ("一.（一）.1", "task")]


# (file prefix, {kind: count}, [(path, title)])
CORPUS = [
    ("01", {"cn": 12}, [("十二", "强化任务实施和指导协调")]),
    ("03", {"cn": 4, "paren_cn": 10}, [("一.（一）", "分行业明确合理账期")]),
    ("04", {"cn": 9, "paren_cn": 24, "box": 4}, [("二.（三）.专栏1", "油气战略保障基地")]),
    ("09", {"chapter": 8, "article": 80}, [("第一章", "总则"), ("第八章", "附则")]),
    ("11", {"chapter": 6, "section": 3, "article": 50}, [("第三章.第一节", "两用物项出口许可")]),
    ("18", {"cn": 1, "paren_cn": 1, "arabic": 2}, [("一.（一）", "总体要求和主要预期目标")]),
    ("22", {}, []),
]


@pytest.mark.parametrize("prefix,kinds,paths", CORPUS, ids=[c[0] for c in CORPUS])
def test_corpus_sections(corpus_raw_dir, prefix, kinds, paths):
    [path] = sorted(corpus_raw_dir.glob(f"{prefix}_*.txt"))
    text = normalized_text(path)
    secs = parse_sections(text)
    got = Counter(s.kind for s in secs)
    for kind, n in kinds.items():
        assert got[kind] == n, (kind, got)
    if not kinds:
        assert not secs
    have = {(s.path, s.title) for s in secs}
    for p in paths:
        assert p in have
    for s in secs:
        assert text[s.start : s.end].startswith(s.label)
        assert s.start < s.end <= s.scope_end


def test_section_tree_agrees_with_innermost(seeds_dir, corpus_raw_dir):
    from extractor.grammars.sections import SectionTree, innermost, parse_sections

    for path in [seeds_dir / "notice_003.txt", *sorted(corpus_raw_dir.glob("*.txt"))]:
        text = path.read_text(encoding="utf-8")
        sections = parse_sections(text)
        tree = SectionTree(sections)
        for offset in range(0, len(text), 7):
            assert tree.innermost(offset) is innermost(sections, offset), (path.name, offset)
