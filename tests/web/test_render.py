"""The pure HTML builders: highlighting, excerpts, charts, the citation graph, URL safety."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from eventledger.web.render import (
    Highlight,
    actor_label,
    citation_graph,
    excerpt,
    hbars,
    highlight,
    stacked_bars,
    window,
)
from eventledger.web.templating import query_string, safe_url


def strip_tags(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("abc", [], "abc"),
        ("a<b>c", [], "a&lt;b&gt;c"),
        ("hello world", [Highlight(0, 5, "x")], '<mark class="hl-x" title="x">hello</mark> world'),
        ("hello world", [Highlight(6, 99, "x")], 'hello <mark class="hl-x" title="x">world</mark>'),
        ("hello", [Highlight(3, 3, "x"), Highlight(-1, 2, "y"), Highlight(9, 12, "z")], "hello"),
        (
            "abcdef",
            [Highlight(0, 4, "a"), Highlight(2, 6, "b")],
            '<mark class="hl-a" title="a">ab</mark><mark class="hl-a hl-b" title="a; b">cd</mark>'
            '<mark class="hl-b" title="b">ef</mark>',
        ),
        ("<i>", [Highlight(0, 3, 'we"ird label', 'ti"tle')], '<mark class="hl-we-ird-label" title="ti&#34;tle">&lt;i&gt;</mark>'),
    ],
)
def test_highlight(text, marks, expected):
    out = highlight(text, marks)
    assert isinstance(out, Markup)
    assert str(out) == expected


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70), st.sampled_from(["a", "b", "c"])), max_size=6),
)
def test_highlight_keeps_the_text_and_never_leaks_markup(text, ranges):
    out = str(highlight(text, [Highlight(s, e, label) for s, e, label in ranges]))
    assert strip_tags(out) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", out)


def test_window_stops_at_sentence_boundaries():
    text = "First sentence here. The bomb went off at noon. Last one follows."
    start = text.index("bomb")
    lo, hi = window(text, start, start + 4)
    assert text[lo:hi] == "The bomb went off at noon."


def test_excerpt_marks_and_ellipses():
    text = "Aaa aaa. The rocket hit the base. Bbb bbb."
    start = text.index("rocket")
    out = str(excerpt(text, [Highlight(start, start + 6, "weapon")], 9, 33))
    assert out.startswith("… ") and out.endswith(" …")
    assert '<mark class="hl-weapon" title="weapon">rocket</mark>' in out


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  http://example.org ", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("vbscript:x", None),
        ("//evil.example/x", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("actor_id", "names", "expected"),
    [("actor:kataib_hezbollah", {}, "kataib hezbollah"), ("x", {"x": "Named"}, "Named"), ("unk:abu-ali", None, "abu ali")],
)
def test_actor_label(actor_id, names, expected):
    assert actor_label(actor_id, names) == expected


def test_query_string_drops_empty_values_and_applies_changes():
    assert query_string({"a": "1", "b": "", "c": None}, page=2) == "a=1&page=2"
    assert query_string({"t": "a&b=c"}) == "t=a%26b%3Dc"


def test_stacked_bars_stack_per_month_and_lump_small_series():
    rows = [("2020-01", f"type{i}", 1) for i in range(10)] + [("2020-02", "type0", 5)]
    svg = str(stacked_bars(rows, max_series=3))
    bars = re.findall(r"<title>([^<]+): (\d+)</title></rect>", svg)
    assert ("2020-01 · other", "7") in bars
    assert ("2020-02 · type0", "5") in bars
    legend = re.findall(r'class="legend">([^<]+)<title>', svg)
    assert legend == ["type0 (6)", "type1 (1)", "type2 (1)", "other (7)"]


def test_stacked_bars_escape_labels_and_handle_empty():
    svg = str(stacked_bars([("<m>", "<s>", 2)]))
    assert "<m>" not in svg and "&lt;s&gt;" in svg
    assert "No dated events" in str(stacked_bars([]))


def test_hbars_scale_to_the_largest():
    svg = str(hbars([("A", "/actors/a", 10), ("B<", "/actors/b", 5)]))
    widths = [float(w) for w in re.findall(r'<rect x="180" y="[\d.]+" width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "B&lt;" in svg


def test_citation_graph_draws_each_outlet_once():
    svg = str(citation_graph("Nasiriyah", [("AP", "/articles/1", ["Reuters"]), ("AP", "/articles/2", ["Reuters", "AP"]), ("<x>", "", [])]))
    assert svg.count(">AP</text>") == 1 and svg.count(">Reuters</text>") == 1
    assert svg.count('class="edge"') == 3  # Reuters→AP, AP→event, <x>→event
    assert "&lt;x&gt;" in svg and "<x>" not in svg


def test_stacked_bars_leave_a_misread_year_off_the_axis_and_name_it():
    rows = [(f"2020-{m:02d}", "attack", 3) for m in range(1, 13)] + [("1921-06", "attack", 1)]
    html = str(stacked_bars(rows))
    assert "1921" not in html.split("</svg>", 1)[0]  # not a tick, not a bar
    assert html.count("<rect") - 1 == 12  # twelve bars (one legend swatch)
    assert "1 event outside the axis" in html and "1921-06 (1)" in html


def test_stacked_bars_keep_every_month_when_none_is_far():
    rows = [("2019-11", "protest", 1), ("2020-03", "attack", 1), ("2021-03", "attack", 2), ("2021-04", "attack", 1)]
    html = str(stacked_bars(rows))
    assert "outside the axis" not in html
    assert ">2019-11<" in html
