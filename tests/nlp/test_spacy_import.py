"""spaCy's command line is left out of ``import spacy`` and loaded when something asks for it."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    # a fresh interpreter: in this one spaCy is long imported
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_importing_spacy_after_eventledger_leaves_its_command_line_out():
    out = _run(
        "import sys\n"
        "import eventledger.nlp\n"
        "from eventledger.nlp import fast_pipeline\n"
        "doc = fast_pipeline()('Rockets struck near Baghdad airport on Tuesday.')\n"
        "print(sorted(m for m in sys.modules if m.startswith('spacy.cli')), 'requests' in sys.modules)\n"
    )
    assert out == "['spacy.cli', 'spacy.cli.info'] False"


def test_spacy_commands_and_info_still_load_when_asked_for():
    out = _run(
        "import sys\n"
        "import eventledger\n"
        "import spacy\n"
        "from spacy.cli import download\n"
        "info_module = sys.modules['spacy.cli.info']\n"
        "print(callable(download), download.__module__, callable(info_module.info_cli), type(spacy.info(silent=True)).__name__)\n"
    )
    assert out == "True spacy.cli.download True dict"
