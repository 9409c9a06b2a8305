"""Label Studio round trip: UTF-16 offsets (Label Studio) vs code points (Python),
with characters outside the BMP before an entity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor import labelstudio as ls

ASTRAL = "𠮷"  # U+20BB7: one code point, two UTF-16 code units
TEXT = f"{ASTRAL}{ASTRAL}野家关于下达稀土指标的通知\n工信部联原〔2025〕21号\n自然资源部牵头，财政部参加。"


def _utf16_slice(text: str, s16: int, e16: int) -> str:
    """What JavaScript's text.slice(s16, e16) returns."""
    return text.encode("utf-16-le")[2 * s16 : 2 * e16].decode("utf-16-le")


def test_offsets_after_an_astral_character():
    i = TEXT.index("工信部")
    assert ls.to_utf16(TEXT, i) == i + 2
    assert ls.from_utf16(TEXT, i + 2) == i
    om = ls.OffsetMap(TEXT)
    assert om.to_utf16(i) == i + 2 and om.from_utf16(i + 2) == i
    assert om.to_utf16(0) == 0 and om.to_utf16(1) == 2


text_with_astral = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("工信部〔〕号\n 的")),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),
        st.characters(max_codepoint=0xD7FF),
    ),
    max_size=40,
)


@given(text_with_astral, st.data())
def test_offset_conversion_round_trips(text, data):
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    om = ls.OffsetMap(text)
    j = om.to_utf16(i)
    assert j == len(text[:i].encode("utf-16-le")) // 2 == ls.to_utf16(text, i)
    assert om.from_utf16(j) == i


@given(text_with_astral, st.data())
def test_spans_spell_the_same_surface_in_both_units(text, data):
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    k = data.draw(st.integers(min_value=i, max_value=len(text)))
    om = ls.OffsetMap(text)
    assert _utf16_slice(text, om.to_utf16(i), om.to_utf16(k)) == text[i:k]


def _prediction():
    """A prediction over a normalised text that differs from the source (no astral prefix)."""
    norm = TEXT.replace(ASTRAL, "")
    dn = norm.index("工信部联原")
    lead = norm.index("自然资源部")
    part = norm.index("财政部")
    clause = (lead, norm.index("参加") + 2)
    return {
        "text": norm,
        "extractor_version": "test",
        "title": {"text": "野家关于下达稀土指标的通知", "evidence": {"start": 0, "end": 13}},
        "doc_numbers": [{"text": "工信部联原〔2025〕21号", "normalized": "工信部联原〔2025〕21号", "role": "self",
                         "organ_code": "工信部联原", "evidence": {"start": dn, "end": dn + 14}}],
        "responsibilities": [{
            "task": "1", "all_departments": False,
            "evidence": {"start": clause[0], "end": clause[1]},
            "lead": [{"name": "自然资源部", "canonical": "自然资源部",
                      "evidence": {"start": lead, "end": lead + 5}}],
            "participants": [{"name": "财政部", "canonical": "财政部",
                              "evidence": {"start": part, "end": part + 3}}],
            "shared": [],
        }],
    }


def test_export_regions_use_utf16_offsets_into_the_source():
    task = ls.make_task("t1", TEXT, _prediction())
    results = task["predictions"][0]["result"]
    labels = [r for r in results if r["type"] == "labels"]
    assert {r["value"]["labels"][0] for r in labels} >= {"title", "doc_number", "responsibility",
                                                         "resp_lead", "resp_participant"}
    for r in results:
        v = r["value"]
        s, e = ls.from_utf16(TEXT, v["start"]), ls.from_utf16(TEXT, v["end"])
        assert _utf16_slice(TEXT, v["start"], v["end"]) == TEXT[s:e]
        if r["type"] == "labels":
            assert v["text"] == TEXT[s:e]
    dn = next(r for r in labels if r["value"]["labels"] == ["doc_number"])
    assert dn["value"]["start"] == TEXT.index("工信部联原") + 2


def test_round_trip_export_then_import_gives_code_point_gold():
    task = ls.make_task("t1", TEXT, _prediction(), {"doc_id": "t1", "kind": "policy_notice"})
    # an annotator accepts the predictions: they become the annotation
    task["annotations"] = [{"result": task["predictions"][0]["result"]}]
    gold = ls.task_to_gold(task)
    from extractor import evaluate as ev

    ev.Gold.model_validate(gold)
    d = gold["doc_numbers"][0]
    assert (d["evidence"]["start"], d["normalized"]) == (TEXT.index("工信部联原"), "工信部联原〔2025〕21号")
    assert "organ_code" not in d  # pruned to the gold schema
    r = gold["responsibilities"][0]
    assert [a["name"] for a in r["lead"]] == ["自然资源部"]
    assert [a["name"] for a in r["participants"]] == ["财政部"]
    for item in [gold["title"], d, r, *r["lead"], *r["participants"]]:
        e = item["evidence"]
        assert TEXT[e["start"]:e["end"]] == e["text"]


def test_corrected_annotation_wins_over_prediction():
    task = ls.make_task("t1", TEXT, _prediction(), {"doc_id": "t1", "kind": "policy_notice"})
    s = TEXT.index("财政部")
    om = ls.OffsetMap(TEXT)
    task["annotations"] = [{"result": [{
        "id": "a1", "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": om.to_utf16(s), "end": om.to_utf16(s + 3), "text": "财政部",
                  "labels": ["agency"]},
    }, {
        "id": "a1", "from_name": "value", "to_name": "text", "type": "textarea",
        "value": {"start": om.to_utf16(s), "end": om.to_utf16(s + 3),
                  "text": ['{"canonical": "财政部"}']},
    }]}]
    gold = ls.task_to_gold(task)
    assert gold["fields"] == ["issuing_agencies"]
    assert gold["issuing_agencies"][0] == {
        "name": "财政部", "canonical": "财政部", "evidence": {"start": s, "end": s + 3, "text": "财政部"}}


def test_anchor_tolerates_line_breaks_removed_by_normalisation():
    src = "（工业和信息化部牵头，自\n\n然资源部参加）"
    assert ls.anchor(src, "自然资源部") == (src.index("自"), src.index("部参") + 1)
    assert ls.anchor(src, "海关总署") is None


def test_label_config_names_every_label():
    cfg = ls.label_config()
    for label in [*ls.LABELS.values(), *ls.ROLE_LABELS.values()]:
        assert f'value="{label}"' in cfg


def test_cli_export_then_import_round_trip(tmp_path):
    """`extractor labelstudio export` then `import` on a one-document corpus with a
    BOM-less source containing an astral character; the imported gold validates."""
    import hashlib
    import json
    import shutil

    from extractor import evaluate as ev
    from extractor.cli import main

    doc = tmp_path / "corpus" / "synthetic" / "d1"
    doc.mkdir(parents=True)
    (doc / "source.txt").write_text(TEXT, encoding="utf-8")
    meta = {"doc_id": "d1", "set": "synthetic", "kind": "policy_notice",
            "source": {"file": "source.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()},
            "origin": "test", "licence": "test"}
    (doc / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    empty = {"doc_id": "d1", "kind": "policy_notice", "fields": []}
    (doc / "gold.json").write_text(json.dumps(empty), encoding="utf-8")
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "d1.json").write_text(json.dumps(_prediction(), ensure_ascii=False), encoding="utf-8")

    tasks, cfg = tmp_path / "tasks.json", tmp_path / "config.xml"
    assert main(["labelstudio", "export", str(tmp_path / "corpus"), "--pred", str(pred),
                 "-o", str(tasks), "--config", str(cfg)]) == 0
    assert "<Labels" in cfg.read_text(encoding="utf-8")
    exported = json.loads(tasks.read_text(encoding="utf-8"))
    for t in exported:  # the annotator accepts every prediction
        t["annotations"] = [{"result": t["predictions"][0]["result"]}]
    tasks.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")

    out = tmp_path / "imported"
    assert main(["labelstudio", "import", str(tasks), "-o", str(out)]) == 0
    shutil.copy(doc / "source.txt", out / "d1" / "source.txt")
    [imported] = ev.load_corpus(out)
    assert ev.validate_doc(imported) == []
    assert imported.gold.doc_numbers[0].normalized == "工信部联原〔2025〕21号"


def test_anchor_finds_full_width_digits_the_extractor_made_half_width():
    src = "发改办环资〔２０２５〕３０８号"
    assert ls.anchor(src, "发改办环资〔2025〕308号") == (0, len(src))


def test_import_takes_as_written_values_from_the_span():
    src = "发改办环资〔２０２５〕３０８号"
    om = ls.OffsetMap(src)
    task = {"data": {"text": src, "doc_id": "t"}, "annotations": [{"result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": om.to_utf16(len(src)), "labels": ["doc_number"]}},
        {"id": "a", "from_name": "value", "to_name": "text", "type": "textarea",
         "value": {"start": 0, "end": om.to_utf16(len(src)),
                   "text": ['{"text": "发改办环资〔2025〕308号", "normalized": "发改办环资〔2025〕308号",'
                            ' "role": "self"}']}},
    ]}]}
    d = ls.task_to_gold(task)["doc_numbers"][0]
    assert d["text"] == src and d["normalized"] == "发改办环资〔2025〕308号"


def test_institutions_round_trip_through_their_registry_label():
    src = "华鑫期货研究所认为，据SMM统计铜库存下降。"
    pred = {"text": src, "institutions": [
        {"name": "华鑫期货", "canonical": "华鑫期货", "source": "header", "role": "publisher",
         "evidence": {"start": 0, "end": 4}},
        {"name": "SMM", "canonical": "上海有色网", "source": "body", "role": "quoted",
         "evidence": {"start": src.index("SMM"), "end": src.index("SMM") + 3}},
    ]}
    task = ls.make_task("t", src, pred, {"doc_id": "t", "kind": "research_report"})
    assert 'value="institution"' in ls.label_config()
    task["annotations"] = [{"result": task["predictions"][0]["result"]}]
    gold = ls.task_to_gold(task)
    from extractor import evaluate as ev

    ev.Gold.model_validate(gold)
    assert gold["fields"] == ["institutions"]
    assert [(i["name"], i["role"]) for i in gold["institutions"]] == [
        ("华鑫期货", "publisher"), ("SMM", "quoted")]
    assert "source" not in gold["institutions"][0]  # pruned: gold does not carry it
