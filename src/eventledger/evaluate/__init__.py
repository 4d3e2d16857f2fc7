"""Evaluation: score a run against a gold file (shared/eval/FORMAT.md).

``evaluate(gold_path, db=..., settings=..., limit=...)`` returns the JSON object of FORMAT.md;
``render(result)`` is its human view. The metric arithmetic is in :mod:`.metrics`, gold readers
in :mod:`.gold`, article-gold scoring in :mod:`.articles`, record-gold scoring in :mod:`.records`.
"""

from eventledger.evaluate.render import render
from eventledger.evaluate.runner import evaluate

__all__ = ["evaluate", "render"]
