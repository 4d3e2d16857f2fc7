"""The one loader of the data files that ship inside the package (word lists, patterns, the KB).

Every stage keeps its data beside its code (``extract/data/``, ``kb/data/``, ...) and reads it
through :func:`load_yaml`, so parsing, caching and the choice of YAML loader live in one place.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it: about ten times faster on the KB files
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_text(package: str, name: str) -> str:
    """The text of ``name`` in ``package``'s ``data/`` folder (``package`` like ``"eventledger.kb"``)."""
    return resources.files(package).joinpath("data", name).read_text("utf-8")


@cache
def load_yaml(package: str, name: str) -> Any:
    """``package``'s ``data/<name>`` parsed as YAML, once per process (treat the result as read-only)."""
    return yaml.load(data_text(package, name), Loader=_LOADER)
