"""eventledger: news articles about political violence in, a sourced, deduplicated event dataset out."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import types
from typing import Any

__version__ = "0.1.0"


def _defer_spacy_command_line() -> None:
    """Let ``import spacy`` leave out spaCy's command line until something asks for it.

    spaCy's ``__init__`` imports ``spacy.cli.info`` (for ``spacy.info()``), which imports the
    whole ``spacy.cli`` package: every command (download with requests, init-config with its
    templates, the project commands with weasel), 0.15 to 0.3 CPU s of a process's start-up
    (more in a pool worker, which has loaded no command-line library of its own). eventledger
    never runs a spaCy command. Before spaCy is first imported, ``spacy.cli`` and
    ``spacy.cli.info`` are put in ``sys.modules`` as stand-ins that load the real ones on first
    use: an attribute of either (``spacy.cli.download``, ``spacy.info()``) imports the real
    package and answers from it, so a caller that wants the command line still gets it.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return
    found = importlib.util.find_spec("spacy")  # a top-level package: found without importing it
    if found is None or not found.submodule_search_locations:
        return
    cli_spec = importlib.machinery.PathFinder.find_spec("spacy.cli", list(found.submodule_search_locations))
    if cli_spec is None:
        return
    package = importlib.util.module_from_spec(cli_spec)  # spacy/cli with its real path, not run
    info = types.ModuleType("spacy.cli.info")
    info.__package__ = "spacy.cli"

    def real(name: str) -> Any:
        for stand_in, module in (("spacy.cli.info", info), ("spacy.cli", package)):
            if sys.modules.get(stand_in) is module:
                del sys.modules[stand_in]
        return importlib.import_module(name)

    def spacy_info(*args: Any, **kwargs: Any) -> Any:
        return real("spacy.cli.info").info(*args, **kwargs)

    def attribute_of(name: str) -> Any:
        def attribute(attribute: str) -> Any:
            if attribute.startswith("__"):  # the import system asks for __path__ and the like
                raise AttributeError(attribute)
            return getattr(real(name), attribute)

        return attribute

    vars(package)["__getattr__"] = attribute_of("spacy.cli")  # a module-level __getattr__ (PEP 562)
    vars(info)["__getattr__"] = attribute_of("spacy.cli.info")
    info.info = spacy_info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = info


_defer_spacy_command_line()
