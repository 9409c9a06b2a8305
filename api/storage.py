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

    def delete(self, sha256: str) -> None:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            pass


class SpoolFile:
    def __init__(self, store: BlobStore) -> None:
        self.store = store
        store.ensure()
        fd, name = tempfile.mkstemp(dir=store.tmp, prefix="up-")
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
