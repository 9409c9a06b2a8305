"""`ex_responsibilities`: task responsibility clauses -> doc.spans["responsibilities"].

One span per clause (models.Responsibility): the parenthesis, brackets included,
or a prose clause that opens a sentence (由X牵头，Y参加… / 牵头单位：X；配合单位：Y /
各地区、各有关部门要按照职责分工…; not inside law articles). 省…/市… references
(省工业和信息化厅, 市工信局; in autonomous regions 自治区发展改革委, 盟工信局) resolve
to the place of the document's issuing agency.
The clause grammar is `extractor.grammars.responsibility`; the task is the
innermost heading (`extractor.grammars.sections`) that contains the clause:
`task` is its number ("5") when that number is unique among headings of its
kind in the document, else its path ("二.（三）.5"); `task_title` its title.
lead / participants / shared are AgencyRef dicts: `name` is the surface without
line breaks, `canonical` from the gazetteer, `evidence` a `Loc` of the name.

Laws and regulations (documents whose headings are articles, 第X条) state duties in prose:
`extractor.grammars.duties` reads the organ mentions (`agency_mentions` and the generic /
functional `organ_mentions`) of each article and gives one item per article that makes an
organ act, `task` = the article number (五 for 第五条), generic organs with canonical None.
Rows of a task-division table (序号 | 任务 | 牵头单位 | 配合单位, `extractor.grammars.task_table`)
are one item each, task = the row's 序号: tables of the text (one row a line, or one cell a line)
and the PDF's tables (`doc._.layout.tables`), cells wrapped over lines joined.
In policy documents the same grammar reads directives (`directive=True`): in a task heading
(role task, or under a heading titled 任务 / 措施 / 分工) an organ that opens a sentence with
X要… / X牵头 / X发挥牵头作用 / 由X负责 (…，Y配合) / X会同Y… is the task's lead, outside the
clauses above and outside brackets.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extractor.agencies import AgencyMatch, find_agencies_in, home_places
from extractor.grammars.duties import Article, Duty, Mention, find_duties
from extractor.grammars.responsibility import OPEN, find_clauses
from extractor.grammars.sections import TASK_PARENT, SectionTree
from extractor.grammars.task_table import find_task_rows
from extractor.normalize import normalize_char
from extractor.pipelines.base import Loc, add_span, families, records, spans

KEY = "responsibilities"
LAW_KINDS = ("article", "chapter", "section")
TASK_KINDS = ("cn", "paren_cn", "arabic", "paren_arabic", "box_item")


class _Issuer(NamedTuple):
    canonical: str
    level: str | None


def _issuers(doc: Doc) -> list[_Issuer]:
    """The issuing agencies (ex_agencies) for 省…/市… references."""
    return [
        _Issuer((sp._.fields or {}).get("canonical") or sp.text, (sp._.fields or {}).get("level"))
        for sp in spans(doc, "issuing_agencies")
    ]


def _pdf_tables(doc: Doc) -> list[list[list[str]]]:
    """The PDF's tables (`TableInfo` rows) with their cells normalised as the text is."""
    return [[["".join(map(normalize_char, c)) for c in row] for row in t.rows]
            for t in doc._.layout.tables]


def _mention(a: AgencyMatch, offset: int = 0) -> Mention:
    """An agency match as a duty-grammar mention: the name without line breaks,
    canonical None for a generic reference (有关部门, 各州、市人民政府); `offset` shifts
    a match found in a piece of the text."""
    return Mention(a.start + offset, a.end + offset, a.surface.replace("\r", "").replace("\n", ""),
                   a.canonical or None)


def _ref(m: Mention) -> dict:
    return {"name": m.name, "canonical": m.canonical, "evidence": Loc(m.start, m.end)}


def _record(task: str, title: str | None, lead, participants, shared, all_departments: bool) -> dict:
    """The fields of one responsibility span (models.Responsibility); the roles are Mentions."""
    return {
        "task": task,
        "task_title": title,
        "lead": [_ref(m) for m in lead],
        "participants": [_ref(m) for m in participants],
        "shared": [_ref(m) for m in shared],
        "all_departments": all_departments,
    }


def _in_law(sections: list, sec) -> bool:
    """Is `sec` an article, chapter or section of a law, or an item inside one?"""
    while sec is not None:
        if sec.kind in LAW_KINDS:
            return True
        sec = sections[sec.parent] if sec.parent is not None else None
    return False


def _task_key(counts: Counter, sec) -> str:
    """The task of an item: the heading's number when unique among its kind, else its path."""
    return sec.number if counts[(sec.kind, sec.number)] == 1 else sec.path


def _tasks(sections: list) -> list:
    """Leaf headings that are tasks: role task, or under a heading titled 任务 / 措施 / 分工."""
    out = []
    for sec in sections:
        if sec.children or sec.kind not in TASK_KINDS:
            continue
        anc, p = [], sec.parent
        while p is not None:
            anc.append(sections[p])
            p = sections[p].parent
        if sec.role == "task" or any(TASK_PARENT.search(a.title or "") for a in anc):
            out.append(sec)
    return out


def _directives(doc: Doc, sections: list, clauses: list[tuple[int, int]], home: dict[str, str]) -> None:
    """Policy tasks: organs that open a sentence of a task with a directive (X要…, X牵头…,
    X发挥牵头作用, X会同Y…), outside the clauses `find_clauses` read. 省X厅 / 市X局 without a
    place name are the issuer's (`home`): the mention layer, which runs before the issuer is
    known, cannot name them, so the task texts are matched with `home` here, as the clause
    grammar matches its clauses."""
    tasks = {s.start: s for s in _tasks(sections)}
    if not tasks:
        return
    counts = Counter((s.kind, s.number) for s in sections)
    articles = [Article(str(s.start), s.start, s.scope_end) for s in tasks.values()]
    mentions = _mentions(doc)
    if home:
        text = doc._.text
        found = find_agencies_in([text[a.start : a.end] for a in articles], home=home)
        mentions += [_mention(a, art.start) for art, ags in zip(articles, found, strict=True)
                     for a in ags]
    for d in find_duties(doc._.text, articles, mentions, directive=True, skip=clauses):
        sec = tasks[int(d.task)]
        # generic sharers add nothing here (as in the clause grammar); laws keep them
        _add_duty(doc, d, _task_key(counts, sec), sec.title or None, generic_shared=False)


def _mentions(doc: Doc) -> list[Mention]:
    """Gazetteer agencies and generic / functional organs of the mention layer."""
    out = [_mention(a) for a in records(doc, "agency_mentions")]
    out += [
        Mention(o.start, o.end, o.name.replace("\r", "").replace("\n", ""), None)
        for o in records(doc, "organ_mentions")
    ]
    return out


def _add_duty(doc: Doc, d: Duty, task: str, title: str | None, *, generic_shared: bool) -> None:
    add_span(
        doc, KEY, d.start, d.end, "responsibility",
        _record(task, title, d.lead, d.participants,
                [m for m in d.shared if generic_shared or m.canonical], False),
    )


def _law_duties(doc: Doc, sections: list) -> None:
    articles = [Article(s.number, s.start, s.scope_end) for s in sections if s.kind == "article"]
    for d in find_duties(doc._.text, articles, _mentions(doc)):
        _add_duty(doc, d, d.task, None, generic_shared=True)


@Language.factory(
    "ex_responsibilities",
    assigns=families(KEY),
    requires=families("issuing_agencies", "sections", "agency_mentions", "organ_mentions"),
)
def make_responsibilities(nlp: Language, name: str) -> "Responsibilities":
    return Responsibilities()


class Responsibilities:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        home = home_places(_issuers(doc))
        sections = [s for s in records(doc, "sections") if s is not None]
        if any(s.kind == "article" for s in sections):
            _law_duties(doc, sections)
        clauses = find_clauses(text, home=home, prose=True)
        self._clauses(doc, sections, clauses)
        self._table_rows(doc, find_task_rows(text, home=home, tables=_pdf_tables(doc)), clauses)
        if not any(s.kind == "article" for s in sections):
            _directives(doc, sections, [(c.start, c.end) for c in clauses], home)
        return doc

    @staticmethod
    def _table_rows(doc: Doc, rows: list, clauses: list) -> None:
        """Rows of a task-division table (`grammars/task_table`): task = the row's 序号."""
        for r in rows:
            c = r.clause
            if any(k.start < c.end and c.start < k.end for k in clauses):
                continue  # a bracketed clause inside a cell was read already
            add_span(
                doc, KEY, c.start, c.end, "responsibility",
                _record(r.task, r.title, *(map(_mention, x) for x in (c.lead, c.participants, c.shared)),
                        c.all_departments),
            )

    @staticmethod
    def _clauses(doc: Doc, sections: list, clauses: list) -> None:
        if not clauses:
            return
        text = doc._.text
        tree = SectionTree(sections)
        counts = Counter((s.kind, s.number) for s in sections)
        for c in clauses:
            sec = tree.innermost(c.start)
            prose = text[c.start] not in OPEN
            if prose and _in_law(sections, sec):
                continue  # 其他相关部门依照各自职责做好… in an article is a rule, not a task
            task, title = ("", None) if sec is None else (_task_key(counts, sec), sec.title or None)
            add_span(
                doc, KEY, c.start, c.end, "responsibility",
                _record(task, title, *(map(_mention, r) for r in (c.lead, c.participants, c.shared)),
                        c.all_departments),
            )
