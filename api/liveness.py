"""Is a process of this machine still running? (for work a crashed process left behind)"""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    """True when a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to another user (EPERM)
        return True
    return True
