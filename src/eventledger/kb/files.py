"""The knowledge base's data files, read through :mod:`eventledger.datafiles`; any fault in them is
one :class:`~eventledger.errors.KnowledgeBaseError` that names the file and what was wrong."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from eventledger.datafiles import load_yaml
from eventledger.errors import KnowledgeBaseError

KB_PACKAGE = "eventledger.kb"  # the package whose data/ folder holds the KB's files


def source_files() -> list[Path]:
    """The files the knowledge base is built from: the kb package's code and data, in name order."""
    package = Path(__file__).resolve().parent
    return sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@cache
def source_digest() -> bytes:
    """A digest of :func:`source_files` (each file's path in the package and its contents): what
    the fingerprints of things built from the KB (its cached pickle, the KB pattern table) start
    from. Read once a process: the files are ~6 MB."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for path in source_files():
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def read_data(name: str) -> Any:
    """``kb/data/<name>`` parsed (cached by the loader: read-only)."""
    try:
        return load_yaml(KB_PACKAGE, name)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(
            f"knowledge base file kb/data/{name} cannot be read ({exc}); restore it or reinstall eventledger"
        ) from exc


@contextmanager
def reading(*names: str) -> Iterator[None]:
    """Turn a missing key or a value of the wrong type met while building from the files ``names``
    into a KnowledgeBaseError (a fix of those files, or a reinstall, is what the user needs)."""
    try:
        yield
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        problem = f"missing key {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        files = " or ".join(f"kb/data/{name}" for name in names)
        raise KnowledgeBaseError(f"knowledge base file {files} is malformed ({problem}); fix it or reinstall") from exc
