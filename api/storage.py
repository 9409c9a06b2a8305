"""Content-addressed file store: data/blobs/<aa>/<bb>/<sha256>.

The path depends only on the sha256 of the bytes, so no client-supplied name
ever reaches the filesystem.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from api.liveness import pid_alive

_SHA = re.compile(r"^[0-9a-f]{64}$")


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.tmp = self.root / "tmp"

    def ensure(self) -> None:
        self.tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def spool(self) -> SpoolFile:
        """A temporary file that hashes what is written and is then committed."""
        return SpoolFile(self)

    def put_bytes(self, data: bytes) -> str:
        with self.spool() as sp:
            sp.write(data)
            return sp.commit()

    def clean_tmp(self, older_than_s: float = 3600.0) -> int:
        """Remove upload files left half-written by a process that died (its pid, in
        the name, no longer runs), and unnamed leftovers older than `older_than_s`."""
        import time

        removed = 0
        for f in self.tmp.glob("up-*") if self.tmp.is_dir() else ():
            pid = _spool_pid(f.name)
            try:
                if pid is not None:
                    if pid == os.getpid() or pid_alive(pid):
                        continue
                elif time.time() - f.stat().st_mtime < older_than_s:
                    continue
                f.unlink()
                removed += 1
            except FileNotFoundError:
                continue
        return removed

    def delete(self, sha256: str) -> None:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            pass


def _spool_pid(name: str) -> int | None:
    """The writer's pid in a spool file name `up-<pid>-<random>`, or None."""
    parts = name.split("-", 2)
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


class SpoolFile:
    def __init__(self, store: BlobStore) -> None:
        self.store = store
        store.ensure()
        fd, name = tempfile.mkstemp(dir=store.tmp, prefix=f"up-{os.getpid()}-")
        self._f = os.fdopen(fd, "wb")
        self._name = name
        self._h = hashlib.sha256()
        self.size = 0
        self._committed = False
        self.head = b""

    def write(self, chunk: bytes) -> None:
        if len(self.head) < 4096:
            self.head += chunk[: 4096 - len(self.head)]
        self._h.update(chunk)
        self.size += len(chunk)
        self._f.write(chunk)

    @property
    def sha256(self) -> str:
        return self._h.hexdigest()

    def commit(self) -> str:
        self._f.close()
        sha = self.sha256
        dest = self.store.path(sha)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._name, dest)  # atomic; identical bytes if it already existed
        self._committed = True
        return sha

    def discard(self) -> None:
        if not self._f.closed:
            self._f.close()
        if not self._committed:
            try:
                os.unlink(self._name)
            except FileNotFoundError:
                pass

    def __enter__(self) -> SpoolFile:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()
