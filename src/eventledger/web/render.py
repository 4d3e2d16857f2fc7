"""Pure functions that turn records into safe HTML fragments: highlighted text and SVG charts.

Every string that comes from an article (text, titles, outlets, actor names, places) passes
through ``markupsafe.escape`` here before it is joined with markup; the result is ``Markup`` so
that Jinja2's autoescaping leaves it alone and escapes everything else.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from eventledger.analyze.actors import name_in_event
from eventledger.kb import load_actors
from eventledger.web.axis import MIN_PAD_MONTHS, dense_range, month_number

# Colours for the stacked series, in order (colour-blind friendly, Okabe-Ito).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#d55e00", "#cc79a7", "#56b4e9", "#f0e442", "#999999")


@dataclass(frozen=True)
class Highlight:
    """A labelled range of characters to mark: ``text[start:end]`` gets the CSS classes of ``label``."""

    start: int
    end: int
    label: str
    title: str = ""


def highlight(text: str, highlights: Iterable[Highlight]) -> Markup:
    """``text`` escaped, with each highlighted range wrapped in ``<mark>``.

    Overlapping ranges are cut at every boundary so that each piece of text is marked with all the
    labels that cover it; ranges outside the text are clipped and empty ones dropped.
    """
    marks = [h for h in highlights if 0 <= h.start < h.end and h.start < len(text)]
    cuts = sorted({0, len(text), *(h.start for h in marks), *(min(h.end, len(text)) for h in marks)})
    out: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[start:end])
        covering = [h for h in marks if h.start <= start and end <= h.end]
        if not covering:
            out.append(piece)
            continue
        labels = sorted({h.label for h in covering})
        titles = "; ".join(dict.fromkeys(h.title or h.label for h in covering))
        classes = " ".join(f"hl-{_css_name(label)}" for label in labels)
        out.append(f'<mark class="{classes}" title="{escape(titles)}">{piece}</mark>')
    return Markup("".join(out))


def _css_name(label: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in label.lower()) or "x"


def window(text: str, start: int, end: int, pad: int = 160) -> tuple[int, int]:
    """Widen ``[start, end)`` to the sentence boundaries around it, at most ``pad`` characters each way."""
    lo = max(0, start - pad)
    stop = text.rfind(". ", lo, start)
    lo = stop + 2 if stop >= 0 else lo
    hi = min(len(text), end + pad)
    stop = text.find(". ", end, hi)
    hi = stop + 1 if stop >= 0 else hi
    return lo, hi


def excerpt(text: str, highlights: Sequence[Highlight], start: int, end: int) -> Markup:
    """``text[start:end]`` highlighted, with ellipses where it is cut from a longer text."""
    shifted = [Highlight(h.start - start, h.end - start, h.label, h.title) for h in highlights if h.end > start and h.start < end]
    body = highlight(text[start:end], [Highlight(max(0, h.start), h.end, h.label, h.title) for h in shifted])
    return Markup("{}{}{}").format(Markup("… ") if start > 0 else "", body, Markup(" …") if end < len(text) else "")


def actor_label(actor_id: str, names: dict[str, str] | None = None, country: str | None = None) -> str:
    """A readable name for an actor id: the known name, else the id without its prefix; in an
    event in ``country``, a generic actor named after it ("Civilians (Myanmar)")."""
    if names and actor_id in names:
        name = names[actor_id]
    else:
        tail = actor_id.split(":", 1)[-1]
        name = tail.replace("_", " ").replace("-", " ").strip() or actor_id
    return name_in_event(actor_id, name, load_actors(), country) if country else name


# -- charts -----------------------------------------------------------------------------------


def stacked_bars(
    rows: Sequence[tuple[str, str, int]],
    *,
    width: int = 880,
    height: int = 260,
    max_series: int = 7,
    title: str = "Events per month",
) -> Markup:
    """An SVG bar chart of ``(x, series, value)`` rows, stacked by series, with axis and legend.

    Series beyond the ``max_series`` largest are summed into "other" so the legend stays legible.
    """
    if not rows:
        return Markup('<p class="empty">No dated events yet.</p>')
    rows, outside = _drop_outlying_months(rows)
    totals: dict[str, int] = {}
    for _, series, value in rows:
        totals[series] = totals.get(series, 0) + value
    ranked = sorted(totals, key=lambda s: (-totals[s], s))
    keep = ranked[:max_series] if len(ranked) > max_series + 1 else ranked
    names = keep + (["other"] if len(keep) < len(ranked) else [])
    xs = _fill_months(sorted({x for x, _, _ in rows}))
    stack: dict[str, dict[str, int]] = {x: {} for x in xs}
    for x, series, value in rows:
        name = series if series in keep else "other"
        stack[x][name] = stack[x].get(name, 0) + value
    peak = max(sum(v.values()) for v in stack.values()) or 1
    step = _nice_step(peak)
    top = step * math.ceil(peak / step)
    left, right, upper, lower = 44, 10, 12, 34
    plot_w, plot_h = width - left - right, height - upper - lower
    bar_w = plot_w / len(xs)
    gap = min(2.0, bar_w / 4)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 22 * math.ceil(len(names) / 3)}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(0, top + 1, step):
        y = upper + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{tick}</text>')
    label_every = max(1, math.ceil(len(xs) / 12))
    for i, x in enumerate(xs):
        base = 0
        x0 = left + i * bar_w
        for j, name in enumerate(names):
            value = stack[x].get(name, 0)
            if not value:
                continue
            h = plot_h * value / top
            y = upper + plot_h - plot_h * (base + value) / top
            parts.append(
                f'<rect x="{x0 + gap / 2:.1f}" y="{y:.1f}" width="{max(bar_w - gap, 0.5):.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(x)} · {escape(name)}: {value}</title></rect>'
            )
            base += value
        if i % label_every == 0:
            parts.append(
                f'<text x="{x0 + bar_w / 2:.1f}" y="{height - lower + 16}" class="tick" text-anchor="middle">{escape(x)}</text>'
            )
    for j, name in enumerate(names):
        lx = left + (j % 3) * (plot_w / 3)
        ly = height + 6 + 22 * (j // 3)
        parts.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>')
        parts.append(
            f'<text x="{lx + 18:.1f}" y="{ly + 11}" class="legend">{escape(_short(name, 38))} ({totals.get(name, sum(totals[s] for s in ranked if s not in keep))})'
            f"<title>{escape(name)}</title></text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts)) + _outside_note(outside)


def _drop_outlying_months(rows: Sequence[tuple[str, str, int]]) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """The rows in the dense range of months (weighted by value), and the events of each month left out.

    One event dated a year off (a misread year) would otherwise stretch the axis by a year of
    empty months; it is named under the chart instead. Rows whose x is not a month are all kept.
    """
    numbers = [month_number(x) for x, _, _ in rows]
    months = sorted({(n, x) for n, (x, _, _) in zip(numbers, rows, strict=True) if n is not None})
    if len(months) != len({x for x, _, _ in rows}) or not months:
        return list(rows), {}
    weight = {x: 0 for _, x in months}
    for x, _, value in rows:
        weight[x] += max(value, 0)
    found = dense_range([n for n, _ in months], [weight[x] for _, x in months], min_pad=MIN_PAD_MONTHS)
    left_out = {months[i][1] for i in found.outliers}
    outside: dict[str, int] = {}
    for x, _, value in rows:
        if x in left_out:
            outside[x] = outside.get(x, 0) + value
    return [r for r in rows if r[0] not in left_out], dict(sorted(outside.items()))


def _outside_note(outside: dict[str, int]) -> Markup:
    if not outside:
        return Markup()
    total = sum(outside.values())
    months = ", ".join(f"{escape(m)} ({n})" for m, n in outside.items())
    noun = "event" if total == 1 else "events"
    return Markup(f'<p class="outliers muted">{total} {noun} outside the axis, dated far from the rest: {months}</p>')


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fill_months(xs: list[str]) -> list[str]:
    """Every month from the first to the last when ``xs`` are YYYY-MM (a time axis has no gaps)."""
    if not xs or not all(len(x) == 7 and x[4] == "-" and x[:4].isdigit() and x[5:].isdigit() for x in xs):
        return xs
    year, month = int(xs[0][:4]), int(xs[0][5:])
    months: list[str] = []
    while f"{year:04d}-{month:02d}" <= xs[-1] and len(months) < 1200:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _nice_step(peak: int, ticks: int = 5) -> int:
    raw = max(1, peak / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def hbars(rows: Sequence[tuple[str, str, int]], *, width: int = 420) -> Markup:
    """Horizontal bars of ``(label, href, value)`` rows as an SVG list (labels are links)."""
    if not rows:
        return Markup('<p class="empty">None yet.</p>')
    peak = max(v for _, _, v in rows) or 1
    line = 24
    parts = [f'<svg class="hbars" viewBox="0 0 {width} {line * len(rows)}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, href, value) in enumerate(rows):
        y = i * line
        w = (width - 210) * value / peak
        parts.append(
            f'<a href="{escape(href)}"><text x="0" y="{y + 16}" class="legend">{escape(_short(label, 26))}<title>{escape(label)}</title></text></a>'
            f'<rect x="180" y="{y + 5}" width="{w:.1f}" height="14" fill="{PALETTE[0]}"/>'
            f'<text x="{184 + w:.1f}" y="{y + 16}" class="tick">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def citation_graph(event_label: str, reports: Sequence[tuple[str, str, Sequence[str]]]) -> Markup:
    """An SVG of who cites whom: cited sources → the reporting outlets → the event.

    ``reports`` holds ``(outlet, href, cited sources)`` per report; an outlet that appears twice
    is drawn once. The graph reads left to right, the direction information travelled.
    """
    outlets: dict[str, str] = {}
    edges: set[tuple[str, str]] = set()
    for outlet, href, cites in reports:
        outlets.setdefault(outlet, href)
        for source in cites:
            if source and source != outlet:
                edges.add((source, outlet))
    sources = sorted({s for s, _ in edges})
    rows = max(len(outlets), len(sources), 1)
    gap, width = 34, 640
    height = rows * gap + 20
    col_x = (85, 320, 555)

    def ys(n: int) -> list[float]:
        top = (height - (n - 1) * gap) / 2
        return [top + i * gap for i in range(n)]

    source_y = dict(zip(sources, ys(len(sources)), strict=False))
    outlet_y = dict(zip(outlets, ys(len(outlets)), strict=False))
    event_y = height / 2
    parts = [
        f'<svg class="graph" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="citation chain">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#667"/></marker></defs>',
    ]
    for source, outlet in sorted(edges):
        parts.append(
            f'<line x1="{col_x[0] + NODE}" y1="{source_y[source]:.1f}" x2="{col_x[1] - NODE - 2}" y2="{outlet_y[outlet]:.1f}" '
            f'class="edge" marker-end="url(#arrow)"/>'
        )
    for outlet in outlets:
        parts.append(
            f'<line x1="{col_x[1] + NODE}" y1="{outlet_y[outlet]:.1f}" x2="{col_x[2] - NODE - 2}" y2="{event_y:.1f}" '
            f'class="edge" marker-end="url(#arrow)"/>'
        )
    for source in sources:
        parts.append(_node(col_x[0], source_y[source], source, "", "cited"))
    for outlet, href in outlets.items():
        parts.append(_node(col_x[1], outlet_y[outlet], outlet, href, "outlet"))
    parts.append(_node(col_x[2], event_y, event_label, "", "event"))
    parts.append("</svg>")
    return Markup("".join(parts))


NODE = 75  # half the width of a node box


def _node(x: float, y: float, label: str, href: str, kind: str) -> str:
    text = escape(_short(label, 21))
    box = (
        f'<rect x="{x - NODE}" y="{y - 12:.1f}" width="{2 * NODE}" height="24" rx="5" class="node node-{kind}"/>'
        f'<text x="{x}" y="{y + 4:.1f}" text-anchor="middle" class="node-label"><title>{escape(label)}</title>{text}</text>'
    )
    return f'<a href="{escape(href)}">{box}</a>' if href else box
