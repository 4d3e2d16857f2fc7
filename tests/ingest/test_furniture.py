"""Page furniture never reaches article text; article paragraphs always do."""

from __future__ import annotations

import pytest

from eventledger.ingest.furniture import is_furniture_line, is_prose, strip_furniture

from .corpus import CONVOY_BODY, ROCKET_BODY

P1, P2, P3 = ROCKET_BODY[0], ROCKET_BODY[1], ROCKET_BODY[2]

# (name, text, strings that must go, strings that must stay)
CASES = [
    ("share widget stacked", f"{P1}\n\nTotal\n0\nShare\n\n{P2}", ["Total", "Share"], [P1, P2]),
    ("share widget one line", f"{P1}\nTotal 0 Share\n{P2}", ["Total 0 Share"], [P1, P2]),
    ("share buttons", f"Share on Facebook\nShare on Twitter\nShare on WhatsApp\n{P1}\n{P2}", ["Share on"], [P1, P2]),
    ("click to share", f"{P1}\nClick to share on Telegram (Opens in new window)\n{P2}", ["Click to share"], [P1, P2]),
    ("spread the love line", f"Spread the love\n\n{P1}\n\n{P2}", ["Spread the love"], [P1, P2]),
    ("spread the love glued", f"Spread the love {P1}\n{P2}", ["Spread the love"], [P1, P2]),
    ("font size control", f"A- A A +\n\n{P1}\n{P2}", ["A- A A +"], [P1, P2]),
    ("font size control spaced", f"A -  A  A +\n{P1}", ["A -"], [P1]),
    (
        "previous and next teasers",
        f"{P1}\n\n{P2}\n\nPrevious Article\n\nFarmers protest water cuts in the south\n\nNext Article\n\nCentral bank sets new exchange rate",
        ["Previous Article", "Farmers protest water cuts", "Next Article", "Central bank sets new exchange rate"],
        [P1, P2],
    ),
    (
        "teasers at the top",
        f"Previous Post\nMinister opens a new bridge\nNext Post\nFootball league resumes\n{P1}\n{P2}",
        ["Minister opens a new bridge", "Football league resumes"],
        [P1, P2],
    ),
    (
        "related posts list at the end",
        f"{P1}\n{P2}\nRelated Posts\nElection commission counts ballots\nHeatwave closes schools\nOil exports rise in October",
        ["Related Posts", "Election commission", "Heatwave closes schools", "Oil exports rise"],
        [P1, P2],
    ),
    (
        "related list in the middle",
        f"{P1}\nRelated Articles:\nCabinet meets on budget\nNew airport terminal opens\n{P2}\n{P3}",
        ["Related Articles", "Cabinet meets on budget", "New airport terminal opens"],
        [P1, P2, P3],
    ),
    (
        "you may also like",
        f"{P1}\n{P2}\nYou may also like\nA recipe for date cake\nTen places to visit in spring",
        ["You may also like", "date cake", "Ten places"],
        [P1, P2],
    ),
    (
        "wordpress comment form",
        f"{P1}\n\n{P2}\n\nLeave a Reply\n\nFill in your details below, then pick a sign-in method\n\n"
        "You are commenting using your account. (Sign out)\n\nGoogle photo\n\n"
        "You are commenting using your Google account. (Sign out)\n\nConnecting to %s\n\n"
        "Notify me of new comments via email.\n\nNotify me of new posts via email.",
        ["Leave a Reply", "You are commenting using your", "Connecting to", "Notify me of new"],
        [P1, P2],
    ),
    (
        "comment form lines alone",
        f"{P1}\nYou are commenting using your Twitter account. (Sign out)\nTwitter picture\n{P2}",
        ["You are commenting", "Twitter picture"],
        [P1, P2],
    ),
    (
        "leave a comment then reader comments",
        f"{P1}\n{P2}\nLeave a Comment\nGreat reporting, this is exactly what happened in our town last year and nobody cared.",
        ["Leave a Comment", "Great reporting"],
        [P1, P2],
    ),
    (
        "comments header",
        f"{P1}\n{P2}\n3 Comments\nThe author has clearly never visited the province and should go there before writing.",
        ["3 Comments", "never visited the province"],
        [P1, P2],
    ),
    ("post navigation", f"{P1}\n{P2}\nPost navigation\nOlder story about taxes", ["Post navigation", "Older story"], [P1, P2]),
    ("share this heading", f"{P1}\n{P2}\nShare this:\nTwitter\nFacebook\nLike this:\nLoading...", ["Share this", "Loading"], [P1, P2]),
    ("advertisement and print", f"{P1}\nAdvertisement\n{P2}\nPrint\nEmail", ["Advertisement", "Print", "Email"], [P1, P2]),
    ("tags and copyright", f"{P1}\n{P2}\nTags: security, rockets, airbase\n© 2020 Example Media. All rights reserved.",
     ["Tags:", "All rights reserved"], [P1, P2]),
    ("newsletter prompt", f"{P1}\nSign up for our newsletter to get the day's headlines every morning\n{P2}",
     ["Sign up for our newsletter"], [P1, P2]),
    ("breadcrumbs", f"Home » World » Middle East\n{P1}\n{P2}", ["Home »"], [P1, P2]),
    ("read more teaser", f"{P1}\nRead more:\nPrices of cooking gas go up again\n{P2}", ["Read more", "cooking gas"], [P1, P2]),
    ("skip to content", f"Skip to content\nToggle navigation\n{P1}", ["Skip to content", "Toggle navigation"], [P1]),
    (
        "blogger post footer",
        f"{P1}\n{P2}\nPosted by Sam Writer at 9:15 PM\nEmail This BlogThis! Share to Twitter Share to Facebook\n"
        "Labels: Iraq, rockets\nNo comments:\nPost a Comment\nNewer Post Older Post Home\nSubscribe to: Post Comments (Atom)",
        ["Posted by", "BlogThis", "Labels:", "No comments", "Post a Comment", "Newer Post", "Subscribe to"],
        [P1, P2],
    ),
    ("app and channel prompts", f"{P1}\nDownload our app for the latest updates\nJoin our Telegram channel now\n{P2}",
     ["Download our app", "Telegram channel"], [P1, P2]),
    ("photo credit", f"Photo: Tigris Wire archive\n{P1}\n{P2}", ["Photo:"], [P1, P2]),
]


@pytest.mark.parametrize(("name", "text", "gone", "kept"), CASES, ids=[case[0] for case in CASES])
def test_strip_furniture_removes_furniture_and_keeps_paragraphs(name: str, text: str, gone: list[str], kept: list[str]) -> None:
    cleaned = strip_furniture(text)
    for fragment in gone:
        assert fragment not in cleaned, f"{name}: {fragment!r} leaked"
    for paragraph in kept:
        assert paragraph in cleaned, f"{name}: lost {paragraph!r}"


@pytest.mark.parametrize(
    "line",
    [
        "The council said the vote on sharing revenues would be held next week.",
        "Officials said the share of the budget for the province had fallen.",
        "Related talks will resume in Erbil, a spokesman said on Monday afternoon.",
        "Rockets – Baghdad International Airport",
        "October Totals – 7",
        "Roadside bomb under a fuel tanker – Basra – 2 wounded",
        "Print shops in the market were closed for the holiday.",
        "Comments by the minister angered the opposition, which walked out of the session.",
        "Photo: the minister visits the damaged school in the north of the province, where pupils returned this week.",
        "Posted guards at the gate were changed after the attack on the base on Monday.",
    ],
)
def test_article_lines_that_mention_furniture_words_are_kept(line: str) -> None:
    text = f"{CONVOY_BODY[0]}\n{line}\n{CONVOY_BODY[1]}"
    assert line in strip_furniture(text)


def test_tail_markers_before_the_article_starts_do_not_cut_it() -> None:
    # A "Comments" label in the page header must not throw the whole article away.
    text = f"Comments\n{CONVOY_BODY[0]}\n{CONVOY_BODY[1]}"
    cleaned = strip_furniture(text)
    assert CONVOY_BODY[0] in cleaned and CONVOY_BODY[1] in cleaned


def test_cleaning_keeps_paragraph_order_and_collapses_blank_runs() -> None:
    text = f"{P1}\n\n\n\nShare\n\n\n\n{P2}\n\n{P3}"
    assert strip_furniture(text) == f"{P1}\n\n{P2}\n\n{P3}"


def test_cleaning_is_idempotent() -> None:
    text = "\n".join(case[1] for case in CASES)
    once = strip_furniture(text)
    assert strip_furniture(once) == once


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Total 0 Share", True), ("Spread the love", True), ("A- A A +", True), ("Share on Facebook", True),
     ("Rockets hit the airport", False), (P1, False), ("", False)],
)
def test_is_furniture_line(line: str, expected: bool) -> None:
    assert is_furniture_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [(P1, True), ("Rockets – Baghdad International Airport", False), ("Next Article", False),
     ("A short sentence that ends with a full stop.", False),
     ("Twelve words here make a sentence that is long enough to count as prose.", True)],
)
def test_is_prose(line: str, expected: bool) -> None:
    assert is_prose(line) is expected
