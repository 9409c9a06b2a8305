"""Service settings: `EXTRACTOR_<FIELD>` environment variables, read once (pydantic-settings).

An empty variable counts as unset. `Settings(**fields)` overrides the environment (tests).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from extractor import limits


def default_workers() -> int:
    """Worker processes when EXTRACTOR_WORKERS is not set: one per core, at least two
    (one of them keeps to small documents) and at most four (each loads the pipelines)."""
    return max(2, min(4, os.cpu_count() or 1))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXTRACTOR_", env_ignore_empty=True,
                                      frozen=True, extra="ignore")

    # storage
    data_dir: Path = Path("data")
    database_url: str | None = None  # default: sqlite under data_dir
    # limits
    max_upload_bytes: int = limits.MAX_BYTES
    max_pages: int = limits.MAX_PAGES
    time_budget_s: float = limits.TIME_BUDGET_S
    # a JSON text upload holds at most this many characters (what the extractor reads)
    max_text_chars: int = limits.MAX_TEXT_CHARS
    # ?wait=true: only for documents up to this size, and at most this long
    wait_max_bytes: int = 2 * 1024 * 1024
    wait_timeout_s: float = 60.0
    # jobs
    embedded_worker: bool = True  # run worker threads inside the API process
    workers: int = Field(default_factory=lambda: default_workers())
    # with two workers or more, worker 0 takes only documents up to this size, so a
    # small document never waits behind big ones (0: every worker takes any job)
    small_job_bytes: int = 2 * 1024 * 1024
    # a worker process gets this long past the time budget to report it before it is killed
    kill_grace_s: float = 10.0
    executor: Literal["process", "inline"] = "process"
    poll_interval_s: float = 0.5
    heartbeat_s: float = 2.0
    stale_after_s: float = 30.0
    max_attempts: int = 3
    extract_fn: str = "extractor.core:extract"  # dotted path; tests swap in fakes
    # the queue: uploads are refused (503 queue_full) while this many jobs wait
    max_queue: int = 1000
    # auth: the API key opens everything; the read key opens reads only
    api_key: str | None = Field(default=None, repr=False)
    read_api_key: str | None = Field(default=None, repr=False)
    # per client (API key, else IP address), requests per minute; 0 = no limit
    rate_limit_per_minute: int = 600
    upload_rate_limit_per_minute: int = 60
    # the extractor version stored results are compared with (default: this extractor's)
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
        return self.model_copy(update=changes)

    @classmethod
    def from_env(cls) -> Settings:
        return cls()
