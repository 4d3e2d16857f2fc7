"""Name normalisation: fold transliteration variants of one name onto one key.

``normalize_name("Esmail Ghaani") == normalize_name("Ismail Qa'ani")``. The key is only for
comparison (lookup tables, fuzzy matching, stable ids of unknown names); it is not meant to be
read. The folding rules are data (``data/folding.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from unidecode import unidecode

from eventledger.datafiles import load_yaml

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([b-z])\1+")  # every doubled letter but "aa" (Qaani is not Ghani)
_VOWELS = "aeiou"
_NO_VOWELS = str.maketrans("", "", _VOWELS)


def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = load_yaml("eventledger.kb", "folding.yaml")
    return rules


@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[int, None], re.Pattern[str], dict[str, str], frozenset[str], dict[str, str]]:
    rules = _rules()
    drop = {ord(c): None for c in rules["drop_chars"]}
    pairs = dict((old, new) for old, new in rules["replacements"])
    # one left-to-right pass, longest spelling first, does what the ordered list describes
    alternation = re.compile("|".join(sorted(map(re.escape, pairs), key=len, reverse=True)))
    return drop, alternation, pairs, frozenset(rules["articles"]), dict(rules["sun_articles"])


def simplify(text: str) -> str:
    """ASCII, lower case, apostrophes dropped, every other non-alphanumeric run made one space."""
    drop = _compiled()[0]
    text = unidecode(text.translate(drop).casefold()).lower()
    # unidecode renders some ayn/hamza marks as apostrophes or backticks: drop those too
    text = text.replace("'", "").replace("`", "")
    return _NON_WORD.sub(" ", text).strip()


_HYPHENS = re.compile(r"[-\u2010-\u2015]")
_NON_WORD_OR_HYPHEN = re.compile(r"[^a-z0-9-]+")


def _split_articles(text: str) -> list[str]:
    """Tokens with Arabic article prefixes removed ("al-Kadhimi" -> "kadhimi")."""
    _, _, _, articles, sun = _compiled()
    drop = _compiled()[0]
    text = _HYPHENS.sub("-", text.translate(drop))
    # casefold before transliterating: "µ" and its capital "Μ" must give one letter
    folded = unidecode(text.casefold()).lower().replace("'", "").replace("`", "")
    # a hyphen joins an article to its noun; keep it as a token until articles are handled
    raw = _NON_WORD_OR_HYPHEN.sub(" ", folded.replace("-", " - ")).split()
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        token = raw[i]
        if token == "-":
            i += 1
            continue
        hyphenated = i + 1 < len(raw) and raw[i + 1] == "-"
        j = i + 2 if hyphenated else i + 1
        following = raw[j] if j < len(raw) and raw[j] != "-" else None
        # "an", "as", "at" are English words too, so an unjoined one is only taken for the article
        # before its own letter ("an Najaf", "as Samawah"); "at Tikrit" folds too, harmlessly
        sun_form = token in sun
        if following is not None and (token in articles or (sun_form and following.startswith(sun[token]))):
            i = j
            continue
        tokens.append(token)
        i += 1
    return tokens


def fold_token(token: str) -> str:
    """Fold one simplified token: digraphs and vowels unified, doubled consonants collapsed."""
    _, alternation, pairs, _, _ = _compiled()
    for _ in range(4):  # until nothing changes: "cq" -> "ck" -> "k"
        before = token
        token = _DOUBLED.sub(r"\1", alternation.sub(lambda m: pairs[m.group(0)], token))
        if token == before:
            break
    if len(token) > 2 and token.endswith("h") and token[-2] in _VOWELS and _rules().get("drop_final_h_after_vowel"):
        token = token[:-1]
    return token


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The comparison key of a name: transliteration, case, punctuation and articles folded.

    >>> normalize_name("Esmail Ghaani") == normalize_name("Ismail Qa'ani")
    True
    >>> normalize_name("Mustafa al-Kadhimi") == normalize_name("Mustafa Al-Kazemi")
    True
    """
    key = _normalize_once(name)
    _, _, _, articles, sun = _compiled()
    for _ in range(3):  # folding can make an article out of a word ("ool" -> "ul"): settle it
        if not any(t in articles or t in sun for t in key.split()[:-1]):
            break
        again = _normalize_once(key)
        if again == key:
            break
        key = again
    return key


def _normalize_once(name: str) -> str:
    tokens = [fold_token(t) for t in _split_articles(name)]
    return " ".join(t for t in tokens if t)



def skeleton(key: str) -> str:
    """A folded key with its vowels left out, each word's first letter kept: "bidama" -> "bdm"."""
    # (str.translate: the first lookup indexes every town in the world, some 170k names)
    return " ".join(word[0] + word[1:].translate(_NO_VOWELS) for word in key.split())


def vowel_variant(a: str, b: str) -> bool:
    """Whether two folded keys differ only by vowels one writes and the other leaves out
    ("bidama" and "bdama"), within the limits of ``data/folding.yaml``'s ``vowel_variants``."""
    limits = _rules()["vowel_variants"]
    shorter, longer = sorted((a, b), key=len)
    if shorter == longer or len(shorter) < int(limits["min_length"]) or len(longer) - len(shorter) > int(limits["max_vowels"]):
        return False
    if skeleton(shorter) != skeleton(longer):
        return False
    # the letters of the shorter key in order in the longer one; the rest (vowels, by the
    # skeletons being equal) must each stand between consonants: a short vowel written or not
    # ("b_dama"), not a vowel joined to another ("kirsi" is not "kiarsi"), and never a word's
    # first or last letter
    put_in, k = [], 0
    for i, c in enumerate(longer):
        if k < len(shorter) and shorter[k] == c:
            k += 1
        else:
            put_in.append(i)
    if k < len(shorter):
        return False
    # (inside a word: a vowel ending a name is an ending, "Kabula" is not "Kabul")
    return all(0 < i < len(longer) - 1 and _consonant(longer[i - 1]) and _consonant(longer[i + 1]) for i in put_in)


def _consonant(letter: str) -> bool:
    return letter.isalpha() and letter not in _VOWELS
