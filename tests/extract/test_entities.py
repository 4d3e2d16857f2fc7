"""Entities of long texts: read in pieces, at the right offsets, with nothing lost at the cuts."""

from __future__ import annotations

from eventledger.extract.entities import PIECE, find_entities, pieces

FILLER = "The committee met again to discuss the annual budget and the hours of the town library.\n"


def test_pieces_cover_the_text_end_to_end_and_cut_after_line_breaks():
    text = FILLER * 5000
    ranges = list(pieces(text, size=10_000))
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    assert all(0 < end - start <= 10_000 for start, end in ranges)
    assert all(text[end - 1] == "\n" for _, end in ranges)


def test_a_text_without_line_breaks_is_cut_after_spaces():
    text = "word " * 10_000
    assert all(text[end - 1] == " " for _, end in list(pieces(text, size=3_000))[:-1])


def test_a_text_past_spacys_max_length_has_its_entities_at_their_offsets():
    # 1.2 million characters: spaCy refuses a text past 1,000,000 (E088) in one piece
    head = "A bomb exploded in Kabul on Monday.\n"
    tail = "Police fired tear gas in Mogadishu on Tuesday.\n"
    text = head + FILLER * (1_200_000 // len(FILLER)) + tail
    assert len(text) > 1_000_000 > PIECE
    found = [(e.label, text[e.start:e.end]) for e in find_entities(text)]
    assert ("PLACE", "Kabul") in found
    assert ("PLACE", "Mogadishu") in found
