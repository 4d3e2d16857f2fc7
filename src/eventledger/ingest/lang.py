"""A small language guess for ``Article.lang``: the script first, then common function words.

Enough to tell the English articles the pipeline's model reads from Arabic, French, German,
Spanish or Turkish ones it should not, without a model download.
"""

from __future__ import annotations

import re
from collections import Counter

# Scripts that settle the question on their own (share of letters in that script).
SCRIPTS: dict[str, str] = {
    "ar": r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]",
    "fa": r"[\u067e\u0686\u0698\u06af\u06cc]",  # letters Persian adds to the Arabic script
    "ru": r"[\u0400-\u04ff]",
    "he": r"[\u0590-\u05ff]",
}

# Frequent function words, ten or so per language, lower case.
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("the", "and", "of", "to", "in", "that", "was", "is", "for", "on", "with", "said"),
    "fr": ("le", "la", "les", "et", "des", "une", "est", "dans", "que", "pour", "sur", "par"),
    "de": ("der", "die", "und", "das", "den", "ist", "nicht", "mit", "ein", "eine", "auf", "dem"),
    "es": ("el", "los", "las", "y", "una", "que", "por", "con", "para", "del", "es", "según"),
    "tr": ("ve", "bir", "bu", "için", "ile", "olarak", "da", "de", "çok", "daha", "gibi", "olan"),
}

_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = {code: re.compile(pattern) for code, pattern in SCRIPTS.items()}
_WORDS = {code: frozenset(words) for code, words in FUNCTION_WORDS.items()}


def guess_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the language ``text`` is most likely in; ``default`` when unsure."""
    sample = text[:3000]
    if not sample.isascii():  # scripts other than Latin only matter when there is non-ASCII text
        letters = len(_LETTER.findall(sample))
        arabic_script = len(_SCRIPTS["ar"].findall(sample))
        if letters and arabic_script / letters > 0.3:
            return "fa" if len(_SCRIPTS["fa"].findall(sample)) / arabic_script > 0.02 else "ar"
        for code in ("ru", "he"):
            if letters and len(_SCRIPTS[code].findall(sample)) / letters > 0.3:
                return code
    # str.split and Counter run in C; function words seldom carry punctuation.
    words = Counter(sample.casefold().split())
    scores = {code: sum(words[w] for w in vocabulary) for code, vocabulary in _WORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    # Too few function words to tell (a headline, a list of place names): keep the default.
    return best if scores[best] >= 3 and scores[best] > scores.get(default, 0) else default
