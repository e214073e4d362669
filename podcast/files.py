"""Writing files so that a reader never sees half of one: write beside, then rename over."""

from __future__ import annotations

import os
import re
import socket
import tempfile
from pathlib import Path

from .errors import OutputError

WRITE_HINT = "free some disk space or choose another --out folder"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes files only their owner can read; published files must be readable by the web
# server and the listener's tools, as any file written with open() would be.
FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write data to path atomically; the old file stays whole until the new one is complete."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path.parent}: cannot write here ({exc.strerror})",
                          hint="choose another --out folder or fix its permissions") from exc
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror})",
                          hint=WRITE_HINT) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_replace(tmp: Path, path: Path) -> Path:
    """Move a finished temporary file (made in the same folder) over its final name."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})",
                          hint=WRITE_HINT) from exc
    return path


def temp_path_beside(path: Path) -> Path:
    """A fresh temporary name in the folder of path, for tools that write files themselves."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=path.parent)
    os.fchmod(fd, FILE_MODE)
    os.close(fd)
    return Path(tmp)


# --- leftovers of dead processes (staging folders, render scratch) --------------------------
# A leftover names its host and pid. Only on this host can a pid say the owner is gone; OUT may
# be shared between machines, so another host's leftover goes only when a day old.
FOREIGN_MAX_AGE_S = 24 * 3600


def _safe_host(name: str) -> str:
    """The host name as a file-name part: letters, digits and hyphens only."""
    return re.sub(r"[^A-Za-z0-9-]+", "-", name).strip("-")[:40] or "host"


HOST = _safe_host(socket.gethostname())


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's live process
        return True
    return True
