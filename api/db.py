"""Database: SQLAlchemy 2 tables, engine set-up (SQLite or PostgreSQL), migrations.

One code path for both back ends. SQLite gets WAL, a busy timeout, foreign keys
and `BEGIN IMMEDIATE` for write transactions (no lock-upgrade deadlocks).
"""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Naive UTC (the same on SQLite and PostgreSQL `timestamp without time zone`)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


FK_DOC = {"ondelete": "CASCADE"}


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str | None] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(32), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int | None] = mapped_column(Integer)
    written_date: Mapped[str | None] = mapped_column(String(10), index=True)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # the kind the client asked for (JSON/multipart `kind`), passed to the extractor
    requested_kind: Mapped[str | None] = mapped_column(String(32))
    # sha256 of the normalised result text: uploads of one work (PDF, text, JSON) share it
    text_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    institution: Mapped[str | None] = mapped_column(String(255), index=True)
    # the title compared with the titles other documents cite (no 《》, quotes or spaces)
    title_key: Mapped[str | None] = mapped_column(String(255), index=True)


class Result(Base):
    """The full extraction result, as published (ExtractionResult JSON)."""

    __tablename__ = "results"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", **FK_DOC), primary_key=True
    )
    schema_version: Mapped[str] = mapped_column(String(16))
    result_json: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime | None] = mapped_column(DateTime, default=utcnow)


class Correction(Base):
    """A reviewer's verdict on one extracted value (the review page): `wrong`, `correct`,
    or `edit` with the corrected item as JSON. The newest row per (field, item) wins."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    field: Mapped[str] = mapped_column(String(40))
    item_index: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))
    value_json: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    status: Mapped[str] = mapped_column(String(16))  # queued | running | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    worker_id: Mapped[str | None] = mapped_column(String(64))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    error_detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # extract (a new upload) | reprocess (a stored result re-extracted; it stays readable)
    purpose: Mapped[str] = mapped_column(String(16), default="extract", server_default="extract")
    # pages whose text is read, of how many (reported by ingestion while the job runs)
    pages_done: Mapped[int | None] = mapped_column(Integer)
    pages_total: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_jobs_status_id", "status", "id"),)


class DocAgency(Base):
    """An agency named by a document, with its role: issuer | lead | participant | shared."""

    __tablename__ = "doc_agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(255), index=True)
    canonical: Mapped[str | None] = mapped_column(String(255), index=True)
    level: Mapped[str | None] = mapped_column(String(16))
    task: Mapped[str | None] = mapped_column(String(64))
    task_title: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class DocMineral(Base):
    __tablename__ = "doc_minerals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    canonical: Mapped[str] = mapped_column(String(255), index=True)
    parent: Mapped[str | None] = mapped_column(String(255), index=True)
    mineral_group: Mapped[str | None] = mapped_column(String(16))
    strategic: Mapped[bool] = mapped_column(Boolean, default=False)
    mentions: Mapped[int] = mapped_column(Integer, default=0)


class DocTarget(Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in result.targets
    text: Mapped[str] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(String(255), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(64))
    comparator: Mapped[str | None] = mapped_column(String(32))
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    normalized_value: Mapped[float | None] = mapped_column(Float)
    normalized_value_max: Mapped[float | None] = mapped_column(Float)
    normalized_unit: Mapped[str | None] = mapped_column(String(64))
    minerals: Mapped[str] = mapped_column(Text, default="")  # "|canonical|name|...|" for LIKE
    evidence_json: Mapped[str] = mapped_column(Text)


class DocNumberRow(Base):
    __tablename__ = "doc_numbers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    text: Mapped[str] = mapped_column(String(255))
    normalized: Mapped[str] = mapped_column(String(255), index=True)
    organ_code: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    serial: Mapped[int | None] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))


class DocDate(Base):
    __tablename__ = "doc_dates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    value: Mapped[str] = mapped_column(String(10), index=True)
    value_end: Mapped[str | None] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(255))


class DocInstitution(Base):
    """A research institution named by a document (publisher or quoted)."""

    __tablename__ = "doc_institutions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    name: Mapped[str] = mapped_column(String(255), index=True)
    canonical: Mapped[str | None] = mapped_column(String(255), index=True)
    role: Mapped[str] = mapped_column(String(16))


class DocEvent(Base):
    """A policy event a document reports (research reports: who did what, when)."""

    __tablename__ = "doc_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    position: Mapped[int] = mapped_column(Integer)  # index in result.policy_events
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    agency: Mapped[str | None] = mapped_column(String(255))
    agency_canonical: Mapped[str | None] = mapped_column(String(255))
    action: Mapped[str | None] = mapped_column(String(255))
    minerals: Mapped[str] = mapped_column(Text, default="")  # "|canonical|...|" for LIKE
    evidence_json: Mapped[str] = mapped_column(Text)


class DocReference(Base):
    """A document cited (or attached) by a document: title and normalised number."""

    __tablename__ = "doc_references"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    title_key: Mapped[str | None] = mapped_column(String(255), index=True)
    doc_number: Mapped[str | None] = mapped_column(String(255), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class DocumentName(Base):
    """Every filename a document was uploaded under (the same bytes, a new name)."""

    __tablename__ = "document_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", **FK_DOC), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


INDEX_TABLES = (DocAgency, DocMineral, DocTarget, DocNumberRow, DocDate, DocInstitution,
                DocEvent, DocReference)
# tables the migrations create outside the ORM (full-text index: an FTS5 virtual table with
# its shadow tables on SQLite, a table with a tsvector column on PostgreSQL)
SEARCH_TABLE = "search_index"


def orm_managed(name: str | None) -> bool:
    """False for the full-text tables (schema comparison leaves them alone)."""
    return not (name or "").startswith(SEARCH_TABLE)


# --- engine -----------------------------------------------------------------


def _ln(x: float | None) -> float | None:
    """ln for an SQLite built without its math functions (as SQL's: NULL below 0+)."""
    return None if x is None or x <= 0 else math.log(x)


def make_engine(url: str, *, search: bool = False) -> Engine:
    """The engine for `url`. `search=True` (PostgreSQL): the full-text search's own small
    pool of read-only autocommit connections that prefer indexes (see `Database.search`)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # pragma: no cover - trivial
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            try:  # SQLite's math functions are a compile-time option; search ranking needs ln
                cur.execute("SELECT ln(1.0)")
            except sqlite3.OperationalError:
                dbapi_conn.create_function("ln", 1, _ln, deterministic=True)
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # pragma: no cover - trivial
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if search:
        return create_engine(
            url, pool_pre_ping=True, pool_size=5, max_overflow=10,
            isolation_level="AUTOCOMMIT",
            # jit off: with seqscan priced out, any scan left in a plan looks costly enough
            # to trigger JIT compilation (~600 ms a search, measured); no search needs it
            connect_args={"options": "-c enable_seqscan=off -c jit=off -c default_transaction_read_only=on",
                          "prepare_threshold": None},
        )
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


class Database:
    """Engine plus session factories: `read()`, `write()` and `search()`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(write_engine, expire_on_commit=False)
        # connects on first use only
        self._search_engine = None if self.is_sqlite else make_engine(url, search=True)
        self._search = (self._read if self._search_engine is None
                        else sessionmaker(self._search_engine, expire_on_commit=False))

    def read(self):
        return self._read()

    def search(self):
        """A session for one full-text search (a single statement). On PostgreSQL its own
        pool: autocommit (no BEGIN/ROLLBACK round trips) and `enable_seqscan = off`, since
        the planner prices a scan of the small heap but not the detoasting of every
        tsvector it implies (the GIN index is the fast path, for rare and common terms);
        elsewhere a read session."""
        return self._search()

    def write(self):
        return self._write()

    def migrate(self) -> None:
        if self.is_sqlite and self.url.startswith("sqlite:///") and ":memory:" not in self.url:
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        migrate(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
        if self._search_engine is not None:
            self._search_engine.dispose()


# --- migrations -------------------------------------------------------------

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to head. Serialised across processes on PostgreSQL."""
    from alembic import command

    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(727274)"))
            conn.commit()
        try:
            command.upgrade(alembic_config(conn), "head")
            conn.commit()
        finally:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(727274)"))
                conn.commit()
