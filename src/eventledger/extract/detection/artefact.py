"""Trained models as packaged artefacts: gzipped JSON with numpy arrays as base64 float16.

Inference needs only numpy, never pickle or scikit-learn, so an artefact loads whatever library
versions are installed. Shared by the sentence detector and the sub-event classifier.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eventledger.errors import ExtractError


def encode_array(array: np.ndarray) -> str:
    """``array`` as base64 of its bytes, stored as float16 (half the size; the models need no more)."""
    return base64.b64encode(np.ascontiguousarray(array.astype(np.float16)).tobytes()).decode("ascii")


def decode_array(text: str, shape: Sequence[int]) -> np.ndarray:
    """An array written by :func:`encode_array`, as float32 of ``shape``."""
    return np.frombuffer(base64.b64decode(text), dtype="float16").reshape(shape).astype(np.float32)


def write_artefact(payload: dict[str, Any], path: Path) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(payload, out, separators=(",", ":"))


def read_artefact(path: Path, what: str, script: str) -> dict[str, Any]:
    """The payload of an artefact; a missing or unreadable one says which script rebuilds it."""
    if not path.exists():
        raise ExtractError(f"{what} {path} is missing; build it with {script}")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload: dict[str, Any] = json.load(handle)
    except (OSError, ValueError) as exc:
        raise ExtractError(f"cannot read {what} {path}: {exc}; retrain it with {script}") from exc
    return payload
