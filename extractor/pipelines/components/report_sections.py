"""ex_report_sections: roles for the parts of a research report that are not analysis.

The disclaimer (免责声明 / 本文中的信息均来源于公开资料 … 不构成投资建议) and the company
blurb (…立足诚信和专业, 秉承…理念) are found by `extractor.grammars.text_units.excluded_sections`
(the same helper the statistics, forecasts and policy-event components use to skip them).
Here they become Section spans in `doc.spans["sections"]` with role `disclaimer` or
`company_profile`; a section span from `ex_sections` that lies inside one gets that role.
A 结论 / 总结 / 投资建议 heading gets role `conclusion` (a span is added when `ex_sections`
did not make one).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from extractor.grammars.text_units import excluded_sections, paragraphs
from extractor.pipelines.base import add_mentions, add_span, families, spans

CONCLUSION = re.compile(r"^\s*(结论|总结|结语|小结|投资建议|操作建议|策略建议|风险提示)\s*[：:]?\s*$")
TITLES = {"disclaimer": "免责声明", "company_profile": "公司简介"}


@Language.factory(
    "ex_report_sections", assigns=families("sections", "excluded_sections"), requires=families("sections")
)
def make_report_sections(nlp: Language, name: str) -> "ReportSections":
    return ReportSections()


class ReportSections:
    def __call__(self, doc: Doc) -> Doc:
        text = doc._.text
        existing = spans(doc, "sections")
        excluded = excluded_sections(text)
        add_mentions(doc, "excluded_sections", ((ex.start, ex.end, ex.role, ex) for ex in excluded))
        for ex in excluded:
            covered = False
            for sp in existing:
                if ex.start <= sp.start_char < ex.end:
                    fields = dict(sp._.fields or {})
                    fields["role"] = ex.role
                    sp._.fields = fields
                    covered = covered or sp.start_char == ex.start
            if not covered:
                title = ex.heading or TITLES[ex.role]
                add_span(
                    doc, "sections", ex.start, ex.end, ex.role,
                    {"label": ex.heading or "", "number": "", "level": 1, "title": title,
                     "path": ex.role, "role": ex.role},
                )
        for s, e in paragraphs(text):
            m = CONCLUSION.match(text[s:e])
            if not m:
                continue
            hit = [sp for sp in existing if sp.start_char == s]
            for sp in hit:
                fields = dict(sp._.fields or {})
                fields["role"] = "conclusion"
                sp._.fields = fields
            if not hit:
                word = m.group(1)
                add_span(doc, "sections", s + m.start(1), s + m.end(1), "conclusion",
                         {"label": word, "number": "", "level": 1, "title": word,
                          "path": "conclusion", "role": "conclusion"})
        return doc
