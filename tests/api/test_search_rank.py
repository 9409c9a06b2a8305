"""The search ranking: BM25 over the statistics stored at indexing time, checked against
numbers worked out by hand on three tiny documents, on SQLite and PostgreSQL; and
migration 0006 writing the statistics of documents indexed before it."""

from __future__ import annotations

import math

import pytest
from apifixtures import BACKENDS, database_url
from sqlalchemy import text
from test_api_migrations import database_at

from api import kb, search
from api.db import Database

# three documents, already segmented (space-separated terms, as `index_text` gives them):
#   A  title 铝 产业   body 铝 铝 铜         length 5
#   B  title 铜        body 铝 锂 锂 锂 锂   length 6
#   C  title 锂        body 锌               length 2
# N = 3, avgdl = 13/3; k1 = 1.2, b = 0.75, f = 10 * tf_title + tf_body.
DOCS = {"a" * 32: ("铝 产业", "铝 铝 铜"), "b" * 32: ("铜", "铝 锂 锂 锂 锂"), "c" * 32: ("锂", "锌")}
# Every term here is in 2 of the 3 documents: idf = ln(1 + (3 - 2 + 0.5) / (2 + 0.5)) = ln 1.6.
# k1 * (1 - b + b * |D| / avgdl) = 1.2 * (1/4 + 3/4 * 3|D|/13):
#   A (|D| = 5): 87/65    B (|D| = 6): 201/130    C (|D| = 2): 93/130
# term score = idf * f * 2.2 / (f + that):
IDF = math.log(1.6)
EXPECTED = {
    # 铝: A f = 10 + 2 = 12 -> 26.4 / (12 + 87/65) = 572/289; B f = 1 -> 2.2 / (1 + 201/130) = 286/331
    "铝": [("a" * 32, IDF * 572 / 289), ("b" * 32, IDF * 286 / 331)],
    # 锂: C f = 10 (title) -> 22 / (10 + 93/130) = 2860/1393; B f = 4 -> 8.8 / (4 + 201/130) = 1144/721
    # (one title occurrence in a short document outranks four in the body of a longer one)
    "锂": [("c" * 32, IDF * 2860 / 1393), ("b" * 32, IDF * 1144 / 721)],
    # 锂 铜: only B holds both: 1144/721 + 铜 f = 10 -> 22 / (10 + 201/130) = 2860/1501
    "锂 铜": [("b" * 32, IDF * (1144 / 721 + 2860 / 1501))],
}


def test_hand_computed_numbers_are_the_python_formula():
    assert search.bm25(1, 2, 5, 3, 13 / 3, 2) == pytest.approx(IDF * 572 / 289, rel=1e-12)
    assert search.bm25(0, 4, 6, 3, 13 / 3, 2) == pytest.approx(IDF * 1144 / 721, rel=1e-12)
    assert IDF * 572 / 289 == pytest.approx(0.930250, abs=1e-6)  # the arithmetic, by hand


def _insert_document(s, doc_id: str, title: str, body: str, date: str = "2025-01-01") -> None:
    s.execute(text(
        "INSERT INTO documents (id, sha256, media_type, size_bytes, status, created_at, "
        "updated_at, text, title, written_date) VALUES (:d, :sha, 'text/plain', 1, 'done', "
        "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, :t, :title, :w)"),
        {"d": doc_id, "sha": doc_id * 2, "t": title + "\n" + body, "title": title, "w": date})


@pytest.fixture(params=BACKENDS)
def db(request, tmp_path):
    """A migrated database holding DOCS, on each backend."""
    (tmp_path / "db").mkdir(exist_ok=True)
    db = Database(database_url(request.param, tmp_path))
    try:
        db.migrate()
        with db.write() as s:
            for doc_id, (title, body) in DOCS.items():
                _insert_document(s, doc_id, title, body)
                search.store(s, doc_id, search.Terms(title, body))
            s.commit()
        yield db
    finally:
        db.dispose()


@pytest.mark.parametrize("q", list(EXPECTED))
def test_bm25_scores_match_the_hand_computed_example(db, q):
    _, hits, total = search.search_documents(db, q, kb.DocFilters(), 10, 0)
    got = [(h.document.id, h.score) for h in hits]
    assert total == len(EXPECTED[q])
    assert [d for d, _ in got] == [d for d, _ in EXPECTED[q]]
    for (_, score), (_, want) in zip(got, EXPECTED[q]):
        assert score == pytest.approx(want, abs=1e-9)  # rounded to 9 decimals


def test_equal_scores_go_by_date_then_id(db):
    """Two documents with the same statistics tie; the newer comes first, then the id."""
    with db.write() as s:
        for doc_id, date in (("e" * 32, "2024-01-01"), ("d" * 32, "2024-01-01"),
                             ("f" * 32, "2026-01-01")):
            _insert_document(s, doc_id, "钴", "", date)
            search.store(s, doc_id, search.Terms("钴", ""))
        s.commit()
    _, hits, _ = search.search_documents(db, "钴", kb.DocFilters(), 10, 0)
    assert [h.document.id for h in hits] == ["f" * 32, "d" * 32, "e" * 32]
    assert len({h.score for h in hits}) == 1


def test_deleting_a_document_removes_its_statistics(db):
    with db.write() as s:
        search.delete(s, "a" * 32)
        s.commit()
    with db.engine.connect() as conn:
        assert conn.execute(text(
            f"SELECT count(*) FROM {search.POSTINGS} WHERE document_id = :d"),
            {"d": "a" * 32}).scalar() == 0
        assert conn.execute(text(f"SELECT count(*) FROM {search.DOCLEN}")).scalar() == 2
    _, hits, _ = search.search_documents(db, "铝", kb.DocFilters(), 10, 0)
    assert [h.document.id for h in hits] == ["b" * 32]


@pytest.mark.parametrize("backend", BACKENDS)
def test_0006_writes_the_statistics_of_documents_indexed_before(backend, tmp_path):
    """A database at 0005 (full-text rows, no statistics tables): 0006 creates them and
    fills them from the stored segmented text; the ranking is then the hand-computed one.
    Downgrading drops them and leaves the full-text index."""
    from alembic import command

    from api.db import alembic_config

    db = database_at(backend, tmp_path, "0005")
    try:
        with db.engine.begin() as conn:
            search.drop_rank_tables(conn)  # as a database made before 0006 was written
            for doc_id, (title, body) in DOCS.items():
                _insert_document(conn, doc_id, title, body)
                if backend == "sqlite":
                    conn.execute(text("INSERT INTO search_index_ids (document_id) VALUES (:d)"),
                                 {"d": doc_id})
                    conn.execute(text(
                        "INSERT INTO search_index (rowid, title, body) VALUES ((SELECT id FROM "
                        "search_index_ids WHERE document_id = :d), :t, :b)"),
                        {"d": doc_id, "t": title, "b": body})
                else:
                    conn.execute(text("INSERT INTO search_index (document_id, title, body) "
                                      "VALUES (:d, :t, :b)"), {"d": doc_id, "t": title, "b": body})
        with db.engine.begin() as conn:  # what 0006 does, in batches of two documents
            search.create_rank_tables(conn)
            assert search.backfill_statistics(conn, batch=2) == 3
            search.drop_rank_tables(conn)
        db.migrate()
        with db.engine.connect() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {search.DOCLEN}")).scalar() == 3
            assert conn.execute(text(
                f"SELECT tf_title, tf_body FROM {search.POSTINGS} "
                "WHERE term = '铝' AND document_id = :d"), {"d": "a" * 32}).one() == (1, 2)
        _, hits, _ = search.search_documents(db, "铝", kb.DocFilters(), 10, 0)
        assert [(h.document.id, h.score) for h in hits] == [
            (d, pytest.approx(w, abs=1e-9)) for d, w in EXPECTED["铝"]]
        with db.engine.connect() as conn:
            command.downgrade(alembic_config(conn), "0005")
            conn.commit()
            names = set(conn.dialect.get_table_names(conn))
            assert search.POSTINGS not in names and search.DOCLEN not in names
            assert "search_index" in names
    finally:
        db.dispose()
