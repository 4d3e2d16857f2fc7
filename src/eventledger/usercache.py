"""Files a process writes under the user's cache folder so that a later process can skip work:
a built artefact kept beside the fingerprint of what it was built from.

A file here is only ever a shortcut. It is *sealed*: a header names its format, the fingerprint
of its inputs (which the reader recomputes from the inputs it has now) and a checksum of its
contents. A file that is missing, unreadable, truncated, of another fingerprint or whose
checksum fails is treated as absent, and the caller builds the artefact again and writes it
back. Writes go to a temporary file in the same folder renamed over the old one, so a reader
sees a whole file or none, and a folder that cannot be written only costs the time saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

_MAGIC = b"EVLCACHE1\n"
STALE_DAYS = 7  # a file of another fingerprint not written for this long is removed (see sweep)
_DIGEST = 16  # bytes of blake2b, for the fingerprint and the checksum


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/eventledger`` (``~/.cache/eventledger`` when it is not set)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventledger"


def fingerprint(parts: Iterable[object] = (), files: Iterable[Path] = ()) -> str:
    """A hex digest of ``parts`` (their ``repr``), of the contents of ``files`` (in the order
    given) and of the Python build that reads the result."""
    digest = hashlib.blake2b(digest_size=_DIGEST)
    digest.update(repr((sys.version, sys.implementation.cache_tag, tuple(parts))).encode())
    for path in files:
        digest.update(str(path.name).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def package_version(name: str) -> str:
    """An installed distribution's version ("" when it is not installed), for a fingerprint."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _header(key: str) -> bytes:
    return _MAGIC + key.encode("ascii") + b"\n"


def read_sealed(path: Path, key: str) -> bytes | None:
    """The contents sealed in ``path`` under ``key``; None when there is no such sound file."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = _header(key)
    if not data.startswith(header) or len(data) < len(header) + _DIGEST:
        return None
    checksum, payload = data[len(header):len(header) + _DIGEST], data[len(header) + _DIGEST:]
    if hashlib.blake2b(payload, digest_size=_DIGEST).digest() != checksum:
        return None
    return payload


def write_sealed(path: Path, key: str, payload: bytes) -> bool:
    """Seal ``payload`` under ``key`` into ``path`` atomically; False when it could not be written."""
    checksum = hashlib.blake2b(payload, digest_size=_DIGEST).digest()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_header(key) + checksum)
            out.write(payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def keyed_path(folder: Path, stem: str, key: str, suffix: str) -> Path:
    """``folder/stem-KEY.suffix``: one file per fingerprint, so that two versions of the code run
    side by side (two checkouts, two virtual environments) do not overwrite each other's file."""
    return folder / f"{stem}-{key[:16]}{suffix}"


def sweep(kept: Path, days: float = STALE_DAYS) -> None:
    """Remove the files beside ``kept`` of its kind (``stem-*``) not written for ``days``: those
    of code versions no longer run, and temporary files a killed writer left."""
    stem = kept.name.split("-", 1)[0]
    cutoff = time.time() - days * 86_400
    for path in kept.parent.glob(f"{stem}-*"):
        with contextlib.suppress(OSError):
            if path != kept and path.stat().st_mtime < cutoff:
                path.unlink()
