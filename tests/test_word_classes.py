"""data/word_classes.tsv: the one home of a word class that several modules read
(gazetteers.word_class), and its readers, which take the members from there."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.gazetteers import DATA_DIR, read_tsv, word_class

CLASSES = {"speech_verb", "forecast_verb", "time_word", "connective"}


# --- the loader ---------------------------------------------------------------------


def test_every_row_has_a_documented_class_and_no_duplicates():
    rows = read_tsv("word_classes.tsv")
    assert rows and {r["class"] for r in rows} == CLASSES
    pairs = [(r["term"], r["class"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    assert all(r["term"] and r["term"].strip() == r["term"] for r in rows)
    header = (DATA_DIR / "word_classes.tsv").read_text(encoding="utf-8")
    for name in CLASSES:  # the header says what each class is and who reads it
        assert f"# class {name}:" in header


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_word_class_is_the_file_longest_first(name):
    words = word_class(name)
    assert set(words) == {r["term"] for r in read_tsv("word_classes.tsv") if r["class"] == name}
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)


def test_unknown_class_is_an_error():
    with pytest.raises(KeyError):
        word_class("no_such_class")


def test_members():
    assert {"表示", "指出", "认为", "称", "说"} <= set(word_class("speech_verb"))
    assert set(word_class("forecast_verb")) == {"预计", "预期", "估计", "预测"}
    assert {"今天", "近日", "本月", "今年", "此前"} <= set(word_class("time_word"))
    assert {"但是", "此外", "根据", "据悉"} <= set(word_class("connective"))


# --- no reader restates a member -----------------------------------------------------


@pytest.mark.parametrize("file,column,key,kinds,name", [
    ("minerals.tsv", "term", "row_type", {"name_follow"}, "speech_verb"),
    ("institution_cues.tsv", "cue", "kind", {"inst_verb"}, "speech_verb"),
    ("institution_cues.tsv", "cue", "kind", {"inst_verb"}, "forecast_verb"),
    ("report_cues.tsv", "cue", "kind", {"projection", "projection_sentence"}, "forecast_verb"),
    ("clause_leads.tsv", "word", "class", {"verb", "conjunction", "preposition", "preposition1"}, "speech_verb"),
    ("clause_leads.tsv", "word", "class", {"verb", "conjunction", "preposition", "preposition1"}, "time_word"),
    ("institution_cues.tsv", "cue", "kind", {"inst_trim"}, "time_word"),
    ("institution_cues.tsv", "cue", "kind", {"inst_trim"}, "connective"),
    ("clause_leads.tsv", "word", "class", {"verb", "preposition1"}, "connective"),
    ("forecast_cues.tsv", "cue", "kind", {"np_stop", "np_word", "suffix", "qualifier"}, "time_word"),
])
def test_readers_keep_only_their_difference(file, column, key, kinds, name):
    own = {r[column] for r in read_tsv(file) if r[key] in kinds}
    assert own, (file, kinds)
    assert not own & set(word_class(name))


_ALT = re.compile(r"预计\|预期\|估计\|预测|认为\|表示\|指出|表示\|认为\|指出")


def test_no_grammar_writes_the_classes_out():
    root = Path(__file__).resolve().parent.parent / "extractor"
    written = [str(p) for p in root.rglob("*.py") if _ALT.search(p.read_text(encoding="utf-8"))]
    assert not written


# --- every reader takes its members from the file: a probe word reaches all of them ----

_READERS = r"""
import json, re, sys
from pathlib import Path
import extractor.gazetteers as g
g.DATA_DIR = Path(sys.argv[1])
from extractor import agency_gazetteer, minerals
from extractor.grammars import forecast_clause, forecast_market, forecast_subject, institutions, projection
from extractor.pipelines.components import forecasts
speech, forecast, time, connective = sys.argv[2:6]
verb = institutions._patterns()["verb"]
print(json.dumps({
    "minerals name_follow": speech in minerals.name_follow_words(),
    "minerals in_person_name": minerals.in_person_name("，王铁" + speech, 2, 3),
    "institutions verb (speech)": bool(verb.fullmatch(speech)),
    "institutions verb (forecast)": bool(verb.fullmatch(forecast)),
    "institutions _PHRASE": bool(institutions._PHRASE.search(speech)),
    "forecast_subject SPEAKER_VERB (speech)": bool(forecast_subject.SPEAKER_VERB.fullmatch("分析师" + speech)),
    "forecast_subject SPEAKER_VERB (forecast)": bool(forecast_subject.SPEAKER_VERB.fullmatch("我们" + forecast)),
    "forecast_subject _SPEAKER_END": bool(forecast_subject._SPEAKER_END.search("分析师" + speech)),
    "forecasts _SPEAKER_LEAD": bool(forecasts._SPEAKER_LEAD.match("分析师" + speech + "铜价")),
    "forecast_clause FORECAST_VERB": bool(forecast_clause.FORECAST_VERB.search("我们" + forecast)),
    "forecast_clause _GOVERNING": bool(forecast_clause._GOVERNING.search("，" + forecast)),
    "forecast_clause CANDIDATE": bool(forecast_clause.CANDIDATE.search(forecast)),
    "forecast_clause _TIME_TOPIC": bool(forecast_clause._TIME_TOPIC.match(forecast + "明年")),
    "projection cue": bool(projection._cue_re().search(forecast)),
    "projection sentence": bool(projection._sentence_re().search(forecast)),
    "agency_gazetteer clause_leads (speech)": speech in agency_gazetteer.clause_leads(),
    "agency_gazetteer clause_leads (time)": time in agency_gazetteer.clause_leads(),
    "institutions trim (time)": bool(institutions._patterns()["trim"].fullmatch(time)),
    "institutions trim (connective)": bool(institutions._patterns()["trim"].fullmatch(connective)),
    "agency_gazetteer clause_leads (connective)": connective in agency_gazetteer.clause_leads(),
    "forecast_market TIME_ADVERB": bool(re.fullmatch(forecast_market.TIME_ADVERB, time)),
    "forecast_market noun-phrase stop": bool(forecast_market._grammar()[2].search("铜" + time)),
    "forecast_clause CONDITION": bool(forecast_clause.CONDITION.match(time + "若")),
}))
"""

SPEECH_PROBE, FORECAST_PROBE, TIME_PROBE, CONNECTIVE_PROBE = "嘟囔", "揣度", "晌午", "鉴于"  # words of no class and no data file


def _readers(data_dir: Path) -> dict[str, bool]:
    out = subprocess.run(
        [sys.executable, "-c", _READERS, str(data_dir), SPEECH_PROBE, FORECAST_PROBE, TIME_PROBE,
         CONNECTIVE_PROBE],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_probe_word_added_to_the_classes_reaches_every_reader(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    before = _readers(data)
    assert not any(before.values()), before  # the probes are in no list yet
    with (data / "word_classes.tsv").open("a", encoding="utf-8") as fh:
        fh.write(f"{SPEECH_PROBE}\tspeech_verb\tprobe\n{FORECAST_PROBE}\tforecast_verb\tprobe\n"
                 f"{TIME_PROBE}\ttime_word\tprobe\n{CONNECTIVE_PROBE}\tconnective\tprobe\n")
    after = _readers(data)
    assert all(after.values()), [k for k, v in after.items() if not v]
