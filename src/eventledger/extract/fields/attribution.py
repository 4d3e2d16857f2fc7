"""Attribution: who an article reports from, the outlets it cites ("AP reported", "told MEE") and speakers.

``find_citations`` returns one :class:`~eventledger.models.Citation` per attribution of an
outlet, with the canonical outlet name from the knowledge base, the speaker when the same
sentence names one ("a senior commander ... told MEE") and the quoted words when there are any.
References back to an outlet ("the British website", "the site") resolve to the outlet cited
last. The article's own outlet is not a citation. Per sentence, :func:`find_speakers` reads who
is said to speak; per report, :func:`set_attribution` fills ``cites`` and ``speakers``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from eventledger.datafiles import load_yaml
from eventledger.extract.entities import Entity, get_kb, outlet
from eventledger.extract.fields.date_expressions import resolve_date
from eventledger.extract.fields.draft import Fields
from eventledger.extract.lexicon import compile_patterns, phrase_pattern
from eventledger.extract.segment import Sentence
from eventledger.models import Actor, Citation, Span

if TYPE_CHECKING:
    from eventledger.extract.analysis import SentenceInfo
    from eventledger.extract.clusters import Cluster
    from eventledger.kb import KnowledgeBase


@dataclass(frozen=True)
class Speaker:
    name: str
    start: int
    end: int


@cache
def _lexicon() -> dict[str, Any]:
    data = load_yaml("eventledger.extract.fields", "attribution.yaml")
    verbs = phrase_pattern(data["reporting_verbs"])
    nouns = phrase_pattern(data["outlet_nouns"])
    before = phrase_pattern(data["before_outlet"])
    speaker_nouns = phrase_pattern(data["speaker_nouns"])
    speaker_verbs = phrase_pattern(data["speaker_verbs"])
    determiner = r"(?:(?:an?|the|two|three|four|five|several|some|one|\d+|another)\s+)"
    modifier = r"(?:[\w'’-]+\s+){0,4}?"
    of_phrase = r"(?:\s+(?:of|in|from|close to)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?"
    noun_phrase = rf"{determiner}?{modifier}(?:{speaker_nouns})(?:\s+(?:of|in|from|close to)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)?"
    return {
        # 'X reported', 'X (MEE) reported', 'The British "X" website revealed', "X's correspondent said"
        "after": re.compile(rf"^[\"”’)]?(?:\s*\([A-Z]{{2,6}}\))?[\"”’]?\s*(?:(?:{nouns})\s+)?(?:has\s+|had\s+)?(?:{verbs})\b"),
        "before": re.compile(rf"(?:{before})\s*(?:the\s+)?[\"“‘]?$", re.I),
        "anaphora": re.compile(phrase_pattern(data["anaphora"]), re.I),
        "anaphora_context": re.compile(rf"(?:(?:{before})\s*$)|(?:^\s*(?:{verbs})\b)", re.I),
        "candidate": re.compile(rf"((?:[A-Z][\w'’-]*\s+){{0,4}}[A-Z][\w'’-]*)\s*(?:\([A-Z]{{2,6}}\)\s*)?(?:{verbs})\b"),
        "speaker_noun": re.compile(rf"\b(?:{speaker_nouns})\b", re.I),
        "of_phrase": re.compile(of_phrase, re.I),
        "speaker_tail": re.compile(rf"(?P<of>{of_phrase})?(?:,[^,]{{0,120}},)?\s+(?:{speaker_verbs})\b", re.I),
        "speaker_verb_before": re.compile(rf"\b(?:{speaker_verbs})\s+$", re.I),
        "speaker_before": re.compile(rf"(?P<np>{noun_phrase})(?:,[^,]{{0,120}},)?\s+(?:{speaker_verbs})\b", re.I),
        "speaker_after": re.compile(rf"\b(?:{speaker_verbs})\s+(?P<np>{noun_phrase})", re.I),
        "quote": re.compile(r"[“\"]([^”\"]{3,})[”\"]"),
    }


@cache
def _phrase_words() -> tuple[frozenset[str], frozenset[str]]:
    """(determiners, stops) of a speaker's noun phrase."""
    data = load_yaml("eventledger.extract.fields", "attribution.yaml")
    return frozenset(data["determiners"]), frozenset(data["phrase_stops"])


def _phrase_start(sentence: str, noun_start: int) -> int:
    """Where a speaker's noun phrase begins: back over at most four modifiers to a determiner."""
    words = list(re.finditer(r"[\w'’-]+|[^\w\s]", sentence[max(0, noun_start - 80):noun_start]))
    offset = max(0, noun_start - 80)
    start = noun_start
    determiners, stops = _phrase_words()
    for word in reversed(words[-5:]):
        text = word.group().lower()
        if not word.group()[0].isalnum() or text in stops:
            break
        start = offset + word.start()
        if text in determiners or text.isdigit():
            break
    return start


def find_speakers(sentence: str) -> list[Speaker]:
    """Speakers a sentence names: "a senior commander ... told MEE", "said Iraqi officials"."""
    lex = _lexicon()
    found: list[Speaker] = []
    # anchored on the speaker nouns: each is checked for a speaking verb after or before it
    for noun in lex["speaker_noun"].finditer(sentence):
        after = lex["speaker_tail"].match(sentence, noun.end())
        if after is not None:
            start = _phrase_start(sentence, noun.start())
            end = after.end("of") if after.group("of") else noun.end()
        else:
            start = _phrase_start(sentence, noun.start())
            if not lex["speaker_verb_before"].search(sentence[max(0, start - 20):start]):
                continue
            of = lex["of_phrase"].match(sentence, noun.end())
            end = of.end() if of else noun.end()
            if sentence[start:end].lower().startswith("the ") and len(sentence[start:end].split()) == 2:
                continue  # "said the police": too vague to be a speaker
        name = sentence[start:end].strip()
        if name and not any(start < f.end and f.start < end for f in found):
            found.append(Speaker(name, start, end))
    found.sort(key=lambda f: f.start)
    return found


def _quote(sentence: Sentence) -> str | None:
    match = _lexicon()["quote"].search(sentence.text)
    return match.group(1).strip(" ,.") if match else None


def _canonical(kb: KnowledgeBase, name: str) -> Actor | None:
    return outlet(name) if kb is get_kb() else kb.outlet(name)


def _is_attribution(text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
    lex = _lexicon()
    after = text[end:min(end + 40, line_end)]
    before = text[max(line_start, start - 30):start]
    if lex["after"].match(after) or lex["before"].search(before):
        return True
    # "(Al Aalem)" closing a paragraph, or a bibliography line: 'Al Arabiya, "Title," 12/23/20'
    if before.endswith("(") and after.startswith(")"):
        return True
    patterns = _patterns()
    if start == line_start and patterns["title_after"].match(after):
        return True
    return bool(patterns["date_after"].match(after))


def find_citations(
    text: str, sentences: list[Sentence], entities: list[Entity], kb: KnowledgeBase, own_outlet: str | None = None
) -> list[Citation]:
    """Every attribution of an outlet in ``text``, in text order."""
    lex = _lexicon()
    own = kb.outlet(own_outlet) if own_outlet else None
    candidates: list[tuple[int, int, str]] = [(e.start, e.end, e.text) for e in entities if e.label == "OUTLET"]
    for match in lex["candidate"].finditer(text):
        start, end = match.span(1)
        words = text[start:end].split()
        # try the longest tail of the capitalised run that names an outlet ("Islam News- Middel East Eye")
        for k in range(len(words)):
            name = " ".join(words[k:])
            s = text.index(name, start) if name in text[start:end] else start
            if any(s < ce and cs < s + len(name) for cs, ce, _ in candidates):
                break
            if _canonical(kb, name) is not None:
                candidates.append((s, s + len(name), name))
                break
    candidates.sort()
    citations: list[Citation] = []
    last_outlet: tuple[str, str | None] | None = None
    for sentence in sentences:
        line_start = text.rfind("\n", 0, sentence.start) + 1
        line_end = text.find("\n", sentence.end)
        line_end = len(text) if line_end < 0 else line_end
        inside = [c for c in candidates if sentence.start <= c[0] < sentence.end]
        speaker: str | None = None
        quote: str | None = None
        if inside or (last_outlet is not None and lex["anaphora"].search(sentence.text)):
            speakers = find_speakers(sentence.text)
            speaker = speakers[0].name if speakers else None
            quote = _quote(sentence)
        for start, end, name in inside:
            outlet = _canonical(kb, name)
            if outlet is None or (own is not None and outlet.id == own.id):
                continue
            if not _is_attribution(text, start, end, line_start, line_end):
                continue
            last_outlet = (outlet.name, outlet.id)
            citations.append(Citation(outlet.name, Span(start, end, text[start:end]), speaker, quote, outlet.id))
        if last_outlet is not None:
            for match in lex["anaphora"].finditer(sentence.text):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                before = text[max(sentence.start, start - 30):start]
                after = text[end:min(end + 20, sentence.end)]
                if lex["anaphora_context"].search(before) or lex["anaphora_context"].match(after):
                    citations.append(Citation(last_outlet[0], Span(start, end, text[start:end]), speaker, quote, last_outlet[1]))
    citations = _with_references(citations, find_references(text, kb, own))
    citations.sort(key=lambda c: c.span.start)
    return citations


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return compile_patterns(load_yaml("eventledger.extract.fields", "attribution.yaml")["patterns"])


def reference_lines(text: str) -> list[tuple[int, int]]:
    """Where the reference-list entries of ``text`` are (their dates are the cited works')."""
    return [m.span() for m in _patterns()["reference"].finditer(text)]


def _year(value: str, today: dt.date) -> int:
    year = int(value)
    if len(value) == 2:  # '20 -> 2020, '98 -> 1998
        year += 2000 if year <= today.year % 100 + 1 else 1900
    return year


def reference_date(value: str, day_first: bool = False, today: dt.date | None = None) -> dt.date | None:
    """The date a reference entry gives ("11/24/20", "2020-11-24", "November 24, 2020"), or None.

    Numeric dates are month first (the usual style of such lists) unless ``day_first``; a
    first number above 12 is a day whatever the style.
    """
    today = today or dt.date.today()
    try:
        if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value):
            a, b = int(m.group(1)), int(m.group(2))
            month, day = (b, a) if (day_first or a > 12) and b <= 12 else (a, b)
            return dt.date(_year(m.group(3), today), month, day)
    except ValueError:  # 2/30/20: not a date
        return None
    # "2020-11-24", "November 24, 2020", "24 Nov. 2020": the article date parser reads those
    resolved = resolve_date(value.replace(".", ""), None)
    return resolved.as_date() if resolved.precision == "day" else None


def _day_first(dates: list[str]) -> bool:
    """Whether a list's numeric dates are day first: some entry's first number cannot be a month."""
    firsts = [int(d.split("/")[0]) for d in dates if "/" in d]
    seconds = [int(d.split("/")[1]) for d in dates if "/" in d]
    return any(a > 12 for a in firsts) and not any(b > 12 for b in seconds)


def find_references(text: str, kb: KnowledgeBase, own: Actor | None = None) -> list[Citation]:
    """Reference-list entries of ``text``: each as a citation with the work's title and date.

    The outlet is the one the line names outside the title; a line that names none ("- "Title"
    11/22/20") continues the entry above it. Entries whose outlet is the article's own are kept
    (an article listing its own earlier reports still dates them).
    """
    matches = list(_patterns()["reference"].finditer(text))
    if not matches:
        return []
    day_first = _day_first([m.group("date") for m in matches])
    found: list[Citation] = []
    previous: tuple[str | None, str | None] | None = None
    previous_end = -1
    for m in matches:
        published = reference_date(m.group("date"), day_first)
        if published is None:
            continue
        title = m.group("title").strip(" ,.")
        name, outlet_id, span = None, None, Span(m.start("title"), m.end("title"), text[m.start("title"):m.end("title")])
        for part in ("after", "before"):
            for piece in re.finditer(r"[^,;()\-–—]+", m.group(part)):
                candidate = piece.group().strip()
                known = _canonical(kb, candidate) if len(candidate) > 1 else None
                if known is not None:
                    start = m.start(part) + piece.start() + piece.group().index(candidate)
                    name, outlet_id, span = known.name, known.id, Span(start, start + len(candidate), candidate)
                    break
            if name:
                break
        continues = m.group("before").strip() in ("", "-", "–", "—", "•", "*")
        if name is None and continues and previous is not None and _only_blank_between(text, previous_end, m.start()):
            name, outlet_id = previous
        previous, previous_end = (name, outlet_id), m.end()
        found.append(Citation(name, span, None, None, outlet_id, title=title, published=published))
    return found


def _only_blank_between(text: str, end: int, start: int) -> bool:
    return end >= 0 and not text[end:start].strip()


def _with_references(citations: list[Citation], references: list[Citation]) -> list[Citation]:
    """Citations with reference entries folded in: an outlet cited on an entry's line takes its title and date."""
    if not references:
        return citations
    out = list(citations)
    for ref in references:
        same = [
            i for i, c in enumerate(out)
            if c.title is None and c.outlet_id == ref.outlet_id and c.outlet_id is not None and c.span == ref.span
        ]
        if same:
            out[same[0]] = replace(out[same[0]], title=ref.title, published=ref.published)
        else:
            out.append(ref)
    return out


# --- one report -----------------------------------------------------------------------------


def set_attribution(fields: Fields, cluster: Cluster, infos: list[SentenceInfo], citations: list[Citation]) -> None:
    """Whom a report cites (the outlets attributed in or right beside its sentences, else the
    article's) and the speakers its sentences name."""
    indexes = {info.sentence.index for info in cluster.infos}
    near = {i + d for i in indexes for d in (-1, 0, 1)}
    ranges = [(infos[i].sentence.start, infos[i].sentence.end) for i in near if 0 <= i < len(infos)]
    local = [c for c in citations if any(s <= c.span.start < e for s, e in ranges)]
    chosen = local or citations
    outlets = tuple(dict.fromkeys(c.outlet for c in chosen if c.outlet))
    fields.set("cites", outlets, [c.span for c in chosen if c.outlet])
    speakers: list[str] = []
    spans: list[Span] = []
    for info in cluster.infos:
        for speaker in info.speakers:
            if speaker.name not in speakers:
                speakers.append(speaker.name)
                spans.append(Span(info.sentence.start + speaker.start, info.sentence.start + speaker.end, speaker.name))
    fields.set("speakers", tuple(speakers), spans)
