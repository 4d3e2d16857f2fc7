"""The language guess that fills Article.lang."""

from __future__ import annotations

import pytest

from eventledger.ingest import read_source
from eventledger.ingest.lang import guess_language
from eventledger.ingest.sources import Source

from .corpus import CONVOY_BODY, ROCKET_BODY, paragraphs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (paragraphs(ROCKET_BODY), "en"),
        ("Trois roquettes sont tombées près de la base lundi soir, et la police a bouclé le périmètre pour la nuit.", "fr"),
        ("Drei Raketen schlugen in der Nacht in der Nähe des Flughafens ein, und die Polizei sperrte die Straße ab.", "de"),
        ("Tres cohetes cayeron cerca de la base el lunes, según la policía, y los vecinos salieron de las casas.", "es"),
        ("Üç roket pazartesi gecesi üsse yakın bir yere düştü ve polis bölgeyi kapattı, bu da çok endişe yarattı.", "tr"),
        ("سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين ولم تسجل اي اصابات.", "ar"),
        ("سه موشک نزدیک پایگاه هوایی فرود آمد و پلیس گفت که هیچ کس زخمی نشد.", "fa"),
        ("Три ракеты упали возле базы в понедельник вечером.", "ru"),
        ("Rockets – Anbar airbase\nMortar – Kirkuk outskirts", "en"),
        ("", "en"),
    ],
)
def test_guess_language(text: str, expected: str) -> None:
    assert guess_language(text) == expected


def test_articles_carry_the_guess() -> None:
    arabic = "سقطت ثلاثة صواريخ قرب القاعدة الجوية مساء الاثنين ولم تسجل اي اصابات بين الجنود او السكان."
    results = [next(read_source(Source(location=str(i), kind="bytes", data=t.encode()), fetcher=None))
               for i, t in enumerate([paragraphs(CONVOY_BODY), arabic])]
    assert [r.lang for r in results] == ["en", "ar"]
