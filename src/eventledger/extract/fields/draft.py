"""A report under construction: the values its fields decided, each with the spans that support it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventledger.models import Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo


@dataclass
class Fields:
    """A report under construction: values and their evidence."""

    values: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, list[Span]] = field(default_factory=dict)

    def set(self, name: str, value: Any, spans: list[Span]) -> None:
        """Set a field with its evidence; an empty value (None, "", ()) sets nothing."""
        if value is None or value == () or value == "":
            return
        self.values[name] = value
        self.evidence.setdefault(name, [])
        for span in spans:
            if span not in self.evidence[name]:
                self.evidence[name].append(span)


def span_of(text: str, start: int, end: int) -> Span:
    """The span of ``text[start:end]``."""
    return Span(start, end, text[start:end])


def sentence_span(info: SentenceInfo) -> Span:
    """The span of a whole sentence: the evidence of a field read from the article, not a phrase."""
    return Span(info.sentence.start, info.sentence.end, info.sentence.text)
