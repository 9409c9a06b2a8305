"""Full-text search over titles and texts, the same on SQLite and PostgreSQL.

Both back ends are fed the same terms: `extractor.search_terms.index_text` (jieba
`cut_for_search` with the gazetteer names in its dictionary, terms joined by spaces).

- SQLite: an FTS5 virtual table `search_index(title, body)` (tokenizer unicode61: the
  spaces are the only separators left) whose rowids `search_index_ids` maps to document
  ids (a query never reads the stored text back); ranked by bm25, title weighted 10:1.
- PostgreSQL: a table `search_index` with a stored `tsvector` column,
  `setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'D')`,
  under a GIN index (`fastupdate = off`); ranked by `ts_rank`.

A query is cut with the same tokenizer (`query_terms`) and every term must match
(AND). Snippets and highlights are computed here from the stored text, so they are
the same on both back ends. The body indexed is capped at `MAX_INDEXED_CHARS`
(a PostgreSQL tsvector holds at most 1 MB).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sqlalchemy import Float, String, column, text

from api.db import SEARCH_TABLE
from extractor.search_terms import index_text, query_terms

MAX_INDEXED_CHARS = 200_000
MAX_QUERY_TERMS = 32
SNIPPET_CHARS = 120
SEARCH_IDS = SEARCH_TABLE + "_ids"  # SQLite: FTS5 rowid -> document id
# PostgreSQL: the GIN index over the tsvector, without a pending list (`fastupdate = off`):
# with one, every query also scans the entries not yet merged (up to 4 MB), and the
# planner, pricing that, leaves the index for a scan that detoasts every tsvector
GIN_INDEX = f"ix_{SEARCH_TABLE}_tsv"


# --- schema -----------------------------------------------------------------


def create_index(conn) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
            "title, body, tokenize='unicode61 remove_diacritics 0')"
        )
        conn.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {SEARCH_IDS} (id INTEGER PRIMARY KEY, "
            "document_id VARCHAR(32) NOT NULL UNIQUE)"
        )
        return
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} ("
        "document_id VARCHAR(32) PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE, "
        "title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '', "
        "tsv tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', title), 'A') || "
        "setweight(to_tsvector('simple', body), 'D')) STORED)"
    )
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {SEARCH_TABLE} USING GIN (tsv) "
        "WITH (fastupdate = off)"
    )


def drop_index(conn) -> None:
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_IDS}")


# --- writing ----------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The segmented title and body of one document (computed outside a transaction)."""

    title: str
    body: str


def terms_for(title: str | None, body: str | None) -> Terms:
    return Terms(index_text(title or ""), index_text((body or "")[:MAX_INDEXED_CHARS]))


def _sqlite(s) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def delete(s, doc_id: str) -> None:
    if _sqlite(s):
        s.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN "
                       f"(SELECT id FROM {SEARCH_IDS} WHERE document_id = :d)"), {"d": doc_id})
        s.execute(text(f"DELETE FROM {SEARCH_IDS} WHERE document_id = :d"), {"d": doc_id})
        return
    s.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE document_id = :d"), {"d": doc_id})


def store(s, doc_id: str, terms: Terms) -> None:
    delete(s, doc_id)
    params = {"d": doc_id, "t": terms.title, "b": terms.body}
    if _sqlite(s):
        s.execute(text(f"INSERT INTO {SEARCH_IDS} (document_id) VALUES (:d)"), params)
        s.execute(text(f"INSERT INTO {SEARCH_TABLE} (rowid, title, body) VALUES "
                       f"((SELECT id FROM {SEARCH_IDS} WHERE document_id = :d), :t, :b)"), params)
        return
    s.execute(text(f"INSERT INTO {SEARCH_TABLE} (document_id, title, body) "
                   "VALUES (:d, :t, :b)"), params)


# --- querying ---------------------------------------------------------------


def terms_of_query(q: str) -> list[str]:
    return query_terms(q)[:MAX_QUERY_TERMS]


def hits_subquery(dialect: str, terms: list[str]):
    """A subquery (document_id, score) of the documents holding every term; higher is better."""
    if dialect == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = (f"SELECT m.document_id AS document_id, -bm25({SEARCH_TABLE}, 10.0, 1.0) AS score "
               f"FROM {SEARCH_TABLE} CROSS JOIN {SEARCH_IDS} AS m ON m.id = {SEARCH_TABLE}.rowid "
               f"WHERE {SEARCH_TABLE} MATCH :match")
        params = {"match": match}
    else:
        sql = (f"SELECT document_id, ts_rank(tsv, query) AS score "
               f"FROM {SEARCH_TABLE}, plainto_tsquery('simple', :match) AS query "
               "WHERE tsv @@ query")
        params = {"match": " ".join(terms)}
    return (text(sql).bindparams(**params)
            .columns(column("document_id", String), column("score", Float))
            .subquery("hits"))


@dataclass(frozen=True)
class Snippet:
    text: str  # HTML-escaped, matches wrapped in <mark>
    highlights: list[tuple[int, int]]  # offsets into the document text


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def snippet(doc_text: str, terms: list[str], width: int = SNIPPET_CHARS) -> Snippet | None:
    """The window of `doc_text` with the most distinct query terms, matches marked."""
    rx = _pattern(terms)
    if rx is None or not doc_text:
        return None
    matches = []
    for m in rx.finditer(doc_text):
        matches.append((m.start(), m.end(), m.group(0).lower()))
        if len(matches) >= 300:
            break
    if not matches:
        return None
    best = _best_window(matches, width)
    start = max(0, matches[best][0] - width // 4)
    end = min(len(doc_text), start + width)
    inside: list[tuple[int, int]] = []
    for a, b, _ in matches:
        if a >= start and b <= end:
            if inside and inside[-1][1] == a:  # adjacent terms: one mark
                inside[-1] = (inside[-1][0], b)
            else:
                inside.append((a, b))
    parts, pos = [], start
    for a, b in inside:
        parts.append(html.escape(doc_text[pos:a]))
        parts.append("<mark>" + html.escape(doc_text[a:b]) + "</mark>")
        pos = b
    parts.append(html.escape(doc_text[pos:end]))
    body = "".join(parts).replace("\n", " ")
    return Snippet(("…" if start > 0 else "") + body + ("…" if end < len(doc_text) else ""),
                   inside)


def _best_window(matches: list[tuple[int, int, str]], width: int) -> int:
    """Index of the match that starts the window (matches[i:k], every end within `width`
    of its start) with the most distinct terms, then the most matches; the first on ties.
    Matches are in text order and do not overlap, so their ends grow: each window is a
    run and one pass with two pointers finds the best (O(n), not O(n^2))."""
    best, best_score = 0, (-1, 0)
    counts: dict[str, int] = {}
    k = 0
    for i, (start, _, _) in enumerate(matches):
        if k < i:  # the previous window was empty
            k = i
        while k < len(matches) and matches[k][1] <= start + width:
            counts[matches[k][2]] = counts.get(matches[k][2], 0) + 1
            k += 1
        score = (len(counts), k - i)
        if score > best_score:
            best, best_score = i, score
        if k > i:  # matches[i] leaves the window
            term = matches[i][2]
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
    return best


# --- the query ------------------------------------------------------------------


@dataclass
class Hit:
    document: object  # api.db.Document
    score: float
    snippet: Snippet | None


def search_documents(db, q: str, filters, limit: int, offset: int) -> tuple[list[str], list[Hit], int]:
    """(query terms, hits on this page, total) for `q` under the document filters.

    One statement: the matches (the GIN index / FTS5) are ranked, counted (a window
    count) and cut to the page, and only the page's documents are joined back for the
    response and the snippets (computed here, for the page only)."""
    from sqlalchemy import func, select

    from api import kb
    from api.db import Document

    terms = terms_of_query(q)
    if not terms:
        return terms, [], 0
    hits = hits_subquery(db.engine.dialect.name, terms)
    order = (hits.c.score.desc(), Document.written_date.desc().nulls_last(), Document.id)
    ranked = (select(hits.c.document_id, hits.c.score, func.count().over().label("total"),
                     func.row_number().over(order_by=order).label("n"))
              .join(Document, hits.c.document_id == Document.id)
              .where(Document.status == "done", kb.primary_document(),
                     *kb.document_conditions(filters))
              .order_by(*order)
              .limit(limit).offset(offset)
              .subquery("ranked"))
    page_stmt = (select(Document, ranked.c.score, ranked.c.total)
                 .join(ranked, ranked.c.document_id == Document.id)
                 .order_by(ranked.c.n))
    with db.search() as s:
        page = s.execute(page_stmt).all()
        total = page[0].total if page else 0
        if not page and offset:  # past the end: count alone
            counted = (select(hits.c.document_id)
                       .join(Document, hits.c.document_id == Document.id)
                       .where(Document.status == "done", kb.primary_document(),
                              *kb.document_conditions(filters)).subquery())
            total = s.scalar(select(func.count()).select_from(counted))
    out = [Hit(doc, float(score), snippet(doc.text or "", terms)) for doc, score, _ in page]
    return terms, out, int(total or 0)
