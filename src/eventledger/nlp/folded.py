"""A spaCy component that finds KB names written in spellings the ruler's patterns do not list.

The entity ruler matches the aliases as written ("Esmail Ghaani"); newspapers invent new
transliterations every week ("Esmaeil Qaani", "Qassem Suleimany"). This component looks at runs
of capitalised words, folds each run and its sub-runs with ``normalize_name`` and adds an entity
where the folded spelling is a KB name and is longer than any entity it overlaps ("Kata'ib
Hizbullah" replaces the ruler's "Hizbullah"). Only capitalised runs are tried, so the cost
stays a few dozen lookups per article.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventledger.kb import load_kb
from eventledger.kb.normalize import normalize_name

FACTORY = "kb_folded_matcher"
MAX_WORDS = 5  # longest name tried, in tokens
# words that may sit inside a name without a capital: "Abu Mahdi al-Muhandis", "Asaib Ahl al-Haq"
_JOINERS = {"al", "el", "ul", "-", "bin", "ibn", "bint", "of", "the", "'", "’", "ad", "ash", "as", "an", "ar", "at"}


def _can_start(token: Any) -> bool:
    # "Kata'ib" is one token with an apostrophe in it: capitalised and not punctuation is enough
    return token.text[:1].isupper() and not token.is_punct


class FoldedMatcher:
    """Adds ACTOR/OUTLET/PLACE entities for folded-spelling matches, where no entity is yet."""

    def __init__(self, names: dict[str, tuple[str, str, bool]], stop: frozenset[str]):
        self.names = names
        self.stop = stop

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        found: list[Span] = []
        i = 0
        n = len(doc)
        while i < n:
            if not _can_start(doc[i]):
                i += 1
                continue
            # the run: capitalised words and the joiners names hold ("al-", "bin", "of")
            j = i
            while j < n and (_can_start(doc[j]) or doc[j].lower_ in _JOINERS) and j - i < 8:
                j += 1
            found.extend(self._match_run(doc, i, j))
            i = j
        added = False
        for span in found:
            overlapping = [e for e in ents if e.start < span.end and span.start < e.end]
            # longest match wins, as in the ruler: "Kata'ib Hizbullah" over its "Hizbullah"
            if all(len(e) < len(span) for e in overlapping):
                ents = [e for e in ents if e not in overlapping] + [span]
                added = True
        if added:
            doc.ents = filter_spans(ents)
        return doc

    def _match_run(self, doc: Doc, start: int, end: int) -> list[Span]:
        spans: list[Span] = []
        i = start
        while i < end:
            hit = None
            for j in range(min(end, i + MAX_WORDS), i, -1):
                if not (_can_start(doc[i]) and _can_start(doc[j - 1])):
                    continue
                text = doc[i:j].text
                single = j - i == 1
                if single and (len(text) < 4 or text.lower() in self.stop or doc[i].is_sent_start):
                    continue  # a capitalised first word of a sentence is no evidence of a name
                entry = self.names.get(normalize_name(text))
                if entry is not None and (entry[2] or not single):
                    hit = Span(doc, i, j, label=entry[0], span_id=entry[1])
                    break
            if hit is not None:
                spans.append(hit)
                i = hit.end
            else:
                i += 1
        return spans


@Language.factory(FACTORY)
def make_folded_matcher(nlp: Language, name: str) -> FoldedMatcher:
    """The component, with the names of the process's knowledge base."""
    kb = load_kb()
    return FoldedMatcher(kb.folded_names(), frozenset(STOP_WORDS) | kb.common_words)
