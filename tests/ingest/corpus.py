"""Articles written for these tests (invented wording; no text copied from any outlet)."""

from __future__ import annotations

ROCKET_BODY = [
    "Four rockets fell near the perimeter of an airbase west of the capital late on Monday, two security officials said, adding that nobody was hurt.",
    "One of the officials said the launch rails had been hidden in the back of a vegetable truck that was later found abandoned beside a canal road.",
    "Police cordoned off the area for several hours while an engineering team checked the orchards nearby for devices that had not fired.",
    "No group had claimed the strike by Tuesday morning, though a little-known faction posted a photograph of a burning vehicle on a messaging channel.",
    "The provincial council called on the federal government to move checkpoints further out from the base and to pay for new lighting along the road.",
    "Residents of two villages said they had heard a string of loud bangs shortly after sunset and had kept their children indoors for the rest of the night.",
]

CONVOY_BODY = [
    "A roadside bomb struck a convoy of supply trucks on the southern highway on Thursday, damaging one vehicle, according to a statement from the border police.",
    "The trucks were carrying building material and food for a logistics contractor, a driver told reporters by telephone from a hospital in the nearby town.",
    "The driver said he had seen a flash in a ditch before the blast lifted the front of his cab and shattered the windscreen.",
    "Engineers later defused a second charge buried about fifty metres further along the same stretch of asphalt, the statement said.",
    "Local officials complained that the highway has seen a dozen similar blasts this year and that repairs to its lighting have stalled.",
]

MARKET_BODY = [
    "Traders in the old market reopened their stalls on Sunday after a week of closures caused by a dispute over rent increases imposed by the municipality.",
    "The mayor said a committee would review the new charges and promised that nobody would be evicted while the review was under way.",
    "Shoppers returned slowly, and several stall holders said they had lost much of their stock of fresh fruit during the shutdown.",
    "A spokesman for the traders' union welcomed the decision but warned that its members would strike again if the committee failed to report within a month.",
]


def paragraphs(body: list[str]) -> str:
    """Paragraphs separated by blank lines, as text dumps write them."""
    return "\n\n".join(body)


def html_page(title: str, body: list[str], *, site: str | None = "Example Gazette", published: str | None = "2020-11-03",
              extra_article_html: str = "", after_article_html: str = "") -> str:
    """A news page with a head, navigation, the article and optional furniture around it."""
    meta = ""
    if site:
        meta += f'<meta property="og:site_name" content="{site}">'
    if published:
        meta += f'<meta property="article:published_time" content="{published}T09:30:00+00:00">'
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>{meta}</head><body>"
        "<header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>"
        f"<main><article><h1>{title}</h1>{paras}{extra_article_html}</article></main>"
        f"{after_article_html}<footer><p>Copyright 2020 Example Media</p></footer></body></html>"
    )
