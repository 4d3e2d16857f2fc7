"""A spaCy component that finds KB names written in spellings the ruler's patterns do not list.

The entity ruler matches the aliases as written ("Esmail Ghaani"); newspapers invent new
transliterations every week ("Esmaeil Qaani", "Qassem Suleimany"). This component looks at runs
of capitalised words, folds each run and its sub-runs with ``normalize_name`` and adds an entity
where the folded spelling is a KB name and is longer than any entity it overlaps ("Kata'ib
Hizbullah" replaces the ruler's "Hizbullah"). Only capitalised runs are tried, so the cost
stays a few dozen lookups per article.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LOWER, SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.strings import hash_string  # type: ignore[attr-defined]  # (in the compiled module, not its stub)
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from eventledger.kb import load_kb
from eventledger.kb.normalize import normalize_name

FACTORY = "kb_folded_matcher"
MAX_WORDS = 5  # longest name tried, in tokens
# words that may sit inside a name without a capital: "Abu Mahdi al-Muhandis", "Asaib Ahl al-Haq"
_JOINERS = {"al", "el", "ul", "-", "bin", "ibn", "bint", "of", "the", "'", "’", "ad", "ash", "as", "an", "ar", "at"}


_JOINER_HASHES = frozenset(hash_string(word) for word in _JOINERS)


class _Tokens:
    """What the matcher asks of each token, read for the whole Doc at once (``Doc.to_array``):
    making a ``Token`` object for each question cost more than the matching."""

    def __init__(self, doc: Doc) -> None:
        text = doc.text
        rows = doc.to_array([IDX, IS_PUNCT, SENT_START]).astype(np.int64).tolist()
        # "Kata'ib" is one token with an apostrophe in it: capitalised and not punctuation is enough
        self.can_start = [text[idx : idx + 1].isupper() and not punct for idx, punct, _ in rows]
        self.sent_start = [start == 1 for _, _, start in rows]
        self.joiner = [lower in _JOINER_HASHES for lower in doc.to_array(LOWER).tolist()]


class FoldedMatcher:
    """Adds ACTOR/OUTLET/PLACE entities for folded-spelling matches, where no entity is yet."""

    def __init__(self, names: dict[str, tuple[str, str, bool]], stop: frozenset[str]):
        self.names = names
        self.stop = stop

    def __call__(self, doc: Doc) -> Doc:
        tokens = _Tokens(doc)
        can_start, joiner = tokens.can_start, tokens.joiner
        found: list[Span] = []
        i = 0
        n = len(doc)
        while i < n:
            if not can_start[i]:
                i += 1
                continue
            # the run: capitalised words and the joiners names hold ("al-", "bin", "of")
            j = i
            while j < n and (can_start[j] or joiner[j]) and j - i < 8:
                j += 1
            found.extend(self._match_run(doc, tokens, i, j))
            i = j
        if not found:
            return doc
        ents = list(doc.ents)
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

    def _match_run(self, doc: Doc, tokens: _Tokens, start: int, end: int) -> list[Span]:
        can_start = tokens.can_start
        spans: list[Span] = []
        i = start
        while i < end:
            hit = None
            for j in range(min(end, i + MAX_WORDS), i, -1):
                if not (can_start[i] and can_start[j - 1]):
                    continue
                text = doc[i:j].text
                single = j - i == 1
                if single and (len(text) < 4 or text.lower() in self.stop or tokens.sent_start[i]):
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
