"""Service settings, read once from the environment (EXTRACTOR_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from extractor import limits


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _int(name: str, default: int) -> int:
    return int(_env(name, str(default)))  # type: ignore[arg-type]


def _float(name: str, default: float) -> float:
    return float(_env(name, str(default)))  # type: ignore[arg-type]


def default_workers() -> int:
    """Worker processes when EXTRACTOR_WORKERS is not set: one per core, at least two
    (one of them keeps to small documents) and at most four (each loads the pipelines)."""
    return max(2, min(4, os.cpu_count() or 1))


def _bool(name: str, default: bool) -> bool:
    return (_env(name, "1" if default else "0") or "").lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Settings:
    # storage
    data_dir: Path = Path("data")
    database_url: str | None = None  # default: sqlite under data_dir
    # limits
    max_upload_bytes: int = limits.MAX_BYTES
    max_pages: int = limits.MAX_PAGES
    time_budget_s: float = limits.TIME_BUDGET_S
    # ?wait=true: only for documents up to this size, and at most this long
    wait_max_bytes: int = 2 * 1024 * 1024
    wait_timeout_s: float = 60.0
    # jobs
    embedded_worker: bool = True  # run worker threads inside the API process
    workers: int = field(default_factory=default_workers)
    # with two workers or more, worker 0 takes only documents up to this size, so a
    # small document never waits behind big ones (0: every worker takes any job)
    small_job_bytes: int = 2 * 1024 * 1024
    # a worker process gets this long past the time budget to report it before it is killed
    kill_grace_s: float = 10.0
    executor: str = "process"  # "process": one child process per worker; "inline": same process
    poll_interval_s: float = 0.5
    heartbeat_s: float = 2.0
    stale_after_s: float = 30.0
    max_attempts: int = 3
    extract_fn: str = "extractor.core:extract"  # dotted path; tests swap in fakes
    # the queue: uploads are refused (503 queue_full) while this many jobs wait
    max_queue: int = 1000
    # a JSON text upload holds at most this many characters
    max_text_chars: int = 20_000_000
    # auth: the API key opens everything; the read key opens reads only
    api_key: str | None = field(default=None, repr=False)
    read_api_key: str | None = field(default=None, repr=False)
    # per client (API key, else IP address), requests per minute; 0 = no limit
    rate_limit_per_minute: int = 600
    upload_rate_limit_per_minute: int = 60
    # the extractor version stored results are compared with (re-extraction)
    extractor_version: str | None = None

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'extractor.db').resolve()}"

    @property
    def current_version(self) -> str:
        if self.extractor_version:
            return self.extractor_version
        from extractor.core import __version__

        return __version__

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def with_(self, **changes) -> Settings:
        return replace(self, **changes)

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            data_dir=Path(_env("EXTRACTOR_DATA_DIR", "data")),  # type: ignore[arg-type]
            database_url=_env("EXTRACTOR_DATABASE_URL"),
            max_upload_bytes=_int("EXTRACTOR_MAX_UPLOAD_BYTES", limits.MAX_BYTES),
            max_pages=_int("EXTRACTOR_MAX_PAGES", limits.MAX_PAGES),
            time_budget_s=_float("EXTRACTOR_TIME_BUDGET_S", limits.TIME_BUDGET_S),
            wait_max_bytes=_int("EXTRACTOR_WAIT_MAX_BYTES", 2 * 1024 * 1024),
            wait_timeout_s=_float("EXTRACTOR_WAIT_TIMEOUT_S", 60.0),
            embedded_worker=_bool("EXTRACTOR_EMBEDDED_WORKER", True),
            workers=_int("EXTRACTOR_WORKERS", default_workers()),
            small_job_bytes=_int("EXTRACTOR_SMALL_JOB_BYTES", 2 * 1024 * 1024),
            kill_grace_s=_float("EXTRACTOR_KILL_GRACE_S", 10.0),
            executor=_env("EXTRACTOR_EXECUTOR", "process"),  # type: ignore[arg-type]
            poll_interval_s=_float("EXTRACTOR_POLL_INTERVAL_S", 0.5),
            heartbeat_s=_float("EXTRACTOR_HEARTBEAT_S", 2.0),
            stale_after_s=_float("EXTRACTOR_STALE_AFTER_S", 30.0),
            max_attempts=_int("EXTRACTOR_MAX_ATTEMPTS", 3),
            extract_fn=_env("EXTRACTOR_EXTRACT_FN", "extractor.core:extract"),  # type: ignore[arg-type]
            max_queue=_int("EXTRACTOR_MAX_QUEUE", 1000),
            max_text_chars=_int("EXTRACTOR_MAX_TEXT_CHARS", 20_000_000),
            api_key=_env("EXTRACTOR_API_KEY"),
            read_api_key=_env("EXTRACTOR_READ_API_KEY"),
            rate_limit_per_minute=_int("EXTRACTOR_RATE_LIMIT", 600),
            upload_rate_limit_per_minute=_int("EXTRACTOR_UPLOAD_RATE_LIMIT", 60),
        )
