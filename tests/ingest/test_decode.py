"""Encoding detection: legacy Western and Arabic code pages are read right; garbage is refused."""

from __future__ import annotations

import random

import pytest

from eventledger.errors import BinaryInputError, DecodeError
from eventledger.ingest.decode import decode_text

SAMPLES = {
    "french": "Trois roquettes sont tombées près de la base aérienne lundi soir; les sécurités ont bouclé le périmètre jusqu'à l'aube.",
    "german": "Drei Raketen schlugen am Montagabend nahe dem Flughafen ein; über Verletzte hieß es nichts.",
    "spanish": "Tres cohetes cayeron cerca de la base el lunes; según la policía, nadie resultó herido en el año.",
    "arabic short": "صواريخ قرب القاعدة",
    "arabic": "سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين، ولم تسجل اي اصابات.",
    "arabic with quotes": "وقال مصدر أمني «إن الهجوم فشل» وأضاف أن التحقيق مستمر؟",
}

def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


PAIRS = [(name, encoding) for name, text in SAMPLES.items() for encoding in ("utf-8", "cp1252", "latin-1", "cp1256")
         if _encodes(text, encoding)]


@pytest.mark.parametrize(("name", "encoding"), PAIRS, ids=[f"{n}-{e}" for n, e in PAIRS])
def test_text_in_a_legacy_encoding_round_trips(name: str, encoding: str) -> None:
    text, _ = decode_text(SAMPLES[name].encode(encoding))
    assert text == SAMPLES[name]


def test_declared_charset_is_preferred_when_it_decodes() -> None:
    text, encoding = decode_text(SAMPLES["arabic"].encode("cp1256"), declared="windows-1256")
    assert (text, encoding) == (SAMPLES["arabic"], "windows-1256")


def test_mixed_utf8_and_cp1256_lines() -> None:
    data = SAMPLES["french"].encode() + b"\n" + SAMPLES["arabic"].encode("cp1256") + b"\n" + SAMPLES["german"].encode()
    text, encoding = decode_text(data)
    assert encoding == "mixed" and text.split("\n") == [SAMPLES["french"], SAMPLES["arabic"], SAMPLES["german"]]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("alphabet", ["all bytes but NUL", "high bytes and spaces"])
def test_random_bytes_are_refused(seed: int, alphabet: str) -> None:
    rng = random.Random(seed)
    choices = list(range(1, 256)) if alphabet == "all bytes but NUL" else [32, *range(128, 256)]
    data = bytes(rng.choice(choices) for _ in range(2000))
    with pytest.raises((DecodeError, BinaryInputError), match="not text"):
        decode_text(data)
