"""Full-text search over titles and texts, the same on SQLite and PostgreSQL.

Both back ends are fed the same terms: `extractor.search_terms.index_text` (jieba
`cut_for_search` with the gazetteer names in its dictionary, terms joined by spaces).

- SQLite: an FTS5 virtual table `search_index(title, body)` (tokenizer unicode61: the
  spaces are the only separators left) whose rowids `search_index_ids` maps to document
  ids (a query never reads the stored text back).
- PostgreSQL: a table `search_index` with a stored `tsvector` column,
  `setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'D')`,
  under a GIN index (`fastupdate = off`).

These find the matches (every query term, AND). The ranking is ours, the same on both
databases: BM25 (`bm25_sql`) over statistics written beside the index at indexing time,
from the same term lists, in two plain tables:

- `search_index_postings(term, document_id, tf_title, tf_body)`: how often each distinct
  term occurs in the title and in the body of a document;
- `search_index_doclen(document_id, length)`: the document's number of terms (title and
  body).

N (documents indexed) and the average length are aggregates over `search_index_doclen`,
the document frequency of a query term a count over its postings, all in the search's
one statement; nothing reads a stored tsvector or the text. The formula:

    score(D, Q) = sum over distinct t in Q of
        idf(t) * f(t, D) * (k1 + 1) / (f(t, D) + k1 * (1 - b + b * |D| / avgdl))
    f(t, D)   = TITLE_WEIGHT * tf_title + BODY_WEIGHT * tf_body        (10 : 1)
    idf(t)    = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))                (always > 0)
    k1 = 1.2, b = 0.75

(the title weighting of the former bm25(search_index, 10.0, 1.0) on SQLite and of
`ts_rank`'s A/D weights 1.0/0.1 on PostgreSQL; the idf is Lucene's, which stays positive
for a term in most documents, where FTS5's clamps to 1e-6). The score is rounded to 9
decimals so that sums added in another order on the other database compare equal; ties
go by written date (newest first), then document id.

A query is cut with the same tokenizer (`query_terms`). Snippets and highlights are
computed here from the stored text, so they are the same on both back ends. The body
indexed is capped at `MAX_INDEXED_CHARS` (a PostgreSQL tsvector holds at most 1 MB).
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Float, String, bindparam, column, text

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
# ranking statistics (the FTS5 shadow tables are search_index_data/_idx/_content/
# _docsize/_config: these names stay clear of them)
POSTINGS = SEARCH_TABLE + "_postings"
DOCLEN = SEARCH_TABLE + "_doclen"
# a longer term (a run of letters or digits without a break) is matched but not ranked:
# it would not fit a PostgreSQL btree entry (to_tsvector drops words over 2 kB too)
MAX_RANKED_TERM_CHARS = 100
K1 = 1.2
B = 0.75
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
SCORE_DECIMALS = 9


# --- schema -----------------------------------------------------------------


def create_index(conn) -> None:
    """The full-text index and its ranking statistics (every statement idempotent)."""
    create_rank_tables(conn)
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


def create_rank_tables(conn) -> None:
    """The BM25 statistics: postings (term frequencies per field) and document lengths.

    A query term's postings are one range of a key that leads with the term and holds
    the frequencies: on SQLite the table itself (WITHOUT ROWID, clustered on its key),
    on PostgreSQL the primary key with the frequencies INCLUDEd, so that a term in every
    document is an index-only scan of a few pages instead of one heap page per document
    (the rows of a term are spread over the heap, one document's terms per insert). The
    lengths likewise (the average length is an index-only aggregate). A second index on
    the document serves deletes."""
    if conn.dialect.name == "sqlite":
        rowid, pk_doclen, pk_postings = " WITHOUT ROWID", "", ""
    else:
        rowid, pk_doclen, pk_postings = "", " INCLUDE (length)", " INCLUDE (tf_title, tf_body)"
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {DOCLEN} ("
        "document_id VARCHAR(32) NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
        f"length INTEGER NOT NULL, PRIMARY KEY (document_id){pk_doclen}){rowid}"
    )
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {POSTINGS} ("
        "term VARCHAR(100) NOT NULL, "
        "document_id VARCHAR(32) NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
        "tf_title INTEGER NOT NULL, tf_body INTEGER NOT NULL, "
        f"PRIMARY KEY (term, document_id){pk_postings}){rowid}"
    )
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS ix_{POSTINGS}_document_id ON {POSTINGS} (document_id)"
    )


def drop_rank_tables(conn) -> None:
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {POSTINGS}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {DOCLEN}")


def drop_index(conn) -> None:
    drop_rank_tables(conn)
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_TABLE}")
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SEARCH_IDS}")


def backfill_statistics(conn, batch: int = 200) -> int:
    """Write the ranking statistics of every indexed document that has none, from the
    segmented title and body the index stores (no re-segmentation; `batch` documents'
    text in memory at a time); migration 0006."""
    if conn.dialect.name == "sqlite":
        ids_sql = (f"SELECT document_id FROM {SEARCH_IDS} "
                   f"WHERE document_id NOT IN (SELECT document_id FROM {DOCLEN})")
        rows_sql = (f"SELECT m.document_id, s.title, s.body FROM {SEARCH_TABLE} AS s "
                    f"JOIN {SEARCH_IDS} AS m ON m.id = s.rowid WHERE m.document_id IN :ids")
    else:
        ids_sql = (f"SELECT document_id FROM {SEARCH_TABLE} "
                   f"WHERE document_id NOT IN (SELECT document_id FROM {DOCLEN})")
        rows_sql = (f"SELECT document_id, title, body FROM {SEARCH_TABLE} "
                    "WHERE document_id IN :ids")
    ids = [r[0] for r in conn.execute(text(ids_sql))]
    rows = text(rows_sql).bindparams(bindparam("ids", expanding=True))
    for i in range(0, len(ids), batch):
        for doc_id, title, body in conn.execute(rows, {"ids": ids[i:i + batch]}).all():
            _store_statistics(conn, doc_id, Terms(title or "", body or ""))
    return len(ids)


# --- writing ----------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The segmented title and body of one document (computed outside a transaction)."""

    title: str
    body: str

    def statistics(self) -> tuple[int, list[dict]]:
        """(document length in terms, postings rows {term, tf_title, tf_body})."""
        title, body = self.title.split(), self.body.split()
        tf_title, tf_body = Counter(title), Counter(body)
        rows = [{"term": t, "tf_title": tf_title.get(t, 0), "tf_body": tf_body.get(t, 0)}
                for t in sorted(tf_title.keys() | tf_body.keys())
                if len(t) <= MAX_RANKED_TERM_CHARS]
        return len(title) + len(body), rows


def terms_for(title: str | None, body: str | None) -> Terms:
    return Terms(index_text(title or ""), index_text((body or "")[:MAX_INDEXED_CHARS]))


def _sqlite(s) -> bool:
    return s.get_bind().dialect.name == "sqlite"


def _store_statistics(s, doc_id: str, terms: Terms) -> None:
    length, postings = terms.statistics()
    s.execute(text(f"INSERT INTO {DOCLEN} (document_id, length) VALUES (:d, :n)"),
              {"d": doc_id, "n": length})
    if postings:
        s.execute(text(f"INSERT INTO {POSTINGS} (term, document_id, tf_title, tf_body) "
                       "VALUES (:term, :d, :tf_title, :tf_body)"),
                  [{**p, "d": doc_id} for p in postings])


def delete(s, doc_id: str) -> None:
    s.execute(text(f"DELETE FROM {POSTINGS} WHERE document_id = :d"), {"d": doc_id})
    s.execute(text(f"DELETE FROM {DOCLEN} WHERE document_id = :d"), {"d": doc_id})
    if _sqlite(s):
        s.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid IN "
                       f"(SELECT id FROM {SEARCH_IDS} WHERE document_id = :d)"), {"d": doc_id})
        s.execute(text(f"DELETE FROM {SEARCH_IDS} WHERE document_id = :d"), {"d": doc_id})
        return
    s.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE document_id = :d"), {"d": doc_id})


def store(s, doc_id: str, terms: Terms) -> None:
    delete(s, doc_id)
    params = {"d": doc_id, "t": terms.title, "b": terms.body}
    _store_statistics(s, doc_id, terms)
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


def matches_sql(dialect: str, terms: list[str]) -> tuple[str, dict]:
    """The documents holding every term, by the full-text index (FTS5 / GIN)."""
    if dialect == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        return (f"SELECT m.document_id AS document_id FROM {SEARCH_TABLE} "
                f"CROSS JOIN {SEARCH_IDS} AS m ON m.id = {SEARCH_TABLE}.rowid "
                f"WHERE {SEARCH_TABLE} MATCH :match", {"match": match})
    return (f"SELECT document_id FROM {SEARCH_TABLE} "
            "WHERE tsv @@ plainto_tsquery('simple', :match)", {"match": " ".join(terms)})


# f(t, D), idf(t) and the BM25 term score, over the aliases of `bm25_sql`; every number
# is a double on both databases (bound floats, counts cast), so both compute alike
_F = "(:w_title * p.tf_title + :w_body * p.tf_body)"
_IDF = "ln(1.0 + (s.n - f.df + 0.5) / (f.df + 0.5))"
_TERM_SCORE = (f"{_IDF} * {_F} * (:k1 + 1.0) / "
               f"({_F} + :k1 * (1.0 - :b + :b * l.length / s.avgdl))")


def bm25_sql(dialect: str, terms: list[str]) -> tuple[str, dict]:
    """SELECT (document_id, score) of the matches, ranked by BM25 over the stored
    statistics (see the module docstring); a match without statistics scores 0."""
    matches, params = matches_sql(dialect, terms)
    ranked = sorted({t for t in terms if len(t) <= MAX_RANKED_TERM_CHARS})
    names = [f"t{i}" for i in range(len(ranked))]
    in_list = ", ".join(f":{n}" for n in names) or "NULL"
    total = f"COALESCE(SUM({_TERM_SCORE}), 0.0)"
    if dialect == "sqlite":
        score = f"round({total}, {SCORE_DECIMALS})"
    else:
        score = (f"CAST(round(CAST({total} AS NUMERIC), {SCORE_DECIMALS}) "
                 "AS DOUBLE PRECISION)")
    sql = (
        f"SELECT m.document_id AS document_id, {score} AS score "
        f"FROM ({matches}) AS m "
        f"CROSS JOIN (SELECT CAST(count(*) AS DOUBLE PRECISION) AS n, "
        f"CAST(sum(length) AS DOUBLE PRECISION) / NULLIF(count(*), 0) AS avgdl "
        f"FROM {DOCLEN}) AS s "
        f"LEFT JOIN {DOCLEN} AS l ON l.document_id = m.document_id "
        f"LEFT JOIN {POSTINGS} AS p ON p.document_id = m.document_id AND p.term IN ({in_list}) "
        f"LEFT JOIN (SELECT term, CAST(count(*) AS DOUBLE PRECISION) AS df FROM {POSTINGS} "
        f"WHERE term IN ({in_list}) GROUP BY term) AS f ON f.term = p.term "
        "GROUP BY m.document_id"
    )
    params = {**params, **dict(zip(names, ranked)), "k1": K1, "b": B,
              "w_title": TITLE_WEIGHT, "w_body": BODY_WEIGHT}
    return sql, params


def bm25(tf_title: int, tf_body: int, length: int, n: int, avgdl: float, df: int) -> float:
    """The score one term adds, in Python (the SQL's formula; for tests and readers)."""
    f = TITLE_WEIGHT * tf_title + BODY_WEIGHT * tf_body
    idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
    return idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * length / avgdl))


def hits_subquery(dialect: str, terms: list[str]):
    """A subquery (document_id, score) of the documents holding every term; higher is better."""
    sql, params = bm25_sql(dialect, terms)
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
    # the matches the filters keep: the page and, past its end, the count read the same
    kept = (Document.status == "done", kb.primary_document(), *kb.document_conditions(filters))
    order = (hits.c.score.desc(), Document.written_date.desc().nulls_last(), Document.id)
    ranked = (select(hits.c.document_id, hits.c.score, func.count().over().label("total"),
                     func.row_number().over(order_by=order).label("n"))
              .join(Document, hits.c.document_id == Document.id)
              .where(*kept)
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
                       .where(*kept).subquery())
            total = s.scalar(select(func.count()).select_from(counted))
    out = [Hit(doc, float(score), snippet(doc.text or "", terms)) for doc, score, _ in page]
    return terms, out, int(total or 0)
