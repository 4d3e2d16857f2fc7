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
    (
        "blog teaser block with headlines that read like prose",
        f"{P1}\n{P2}\n\nPopular posts from this blog\n\nDam Talks Stall Again; ‘Water Is Our Red Line’ Says Minister; "
        "Farmers Warn Of Drought 'Before Summer'\n\n‘We will not retreat from the border. Both sides know the cost’: "
        "Retired General Sam Example\n\n5 smugglers among 9 detained at the cros",
        ["Popular posts", "Dam Talks Stall", "We will not retreat", "5 smugglers"], [P1, P2],
    ),
    (
        "teaser block with summaries cut short",
        f"{P1}\n{P2}\nYou May Also Like\nFloods close the northern highway\nHeavy rain cut the road between the two "
        "provinces for the third time this month, officials said…\nNew museum opens in the old quarter",
        ["You May Also Like", "Floods close", "Heavy rain cut", "New museum"], [P1, P2],
    ),
    ("more related news heading", f"{P1}\n{P2}\nMore Related News\nCouncil delays vote on the budget",
     ["More Related News", "Council delays"], [P1, P2]),
    ("highlights block of other stories", f"{P1}\n{P2}\n3,120 views\nHIGHLIGHTS\nWorld\n2 hours ago\n"
     "Storm season begins early as the coast braces for heavy wi", ["HIGHLIGHTS", "hours ago", "Storm season", "views"], [P1, P2]),
    ("read more line with another headline", f"{P1}\nRead more: Ten tips for cheaper groceries this winter\n{P2}\n"
     f"READ MORE:‘I tried every bakery in town’\n{P3}", ["Read more", "Ten tips", "READ MORE", "bakery"], [P1, P2, P3]),
    ("video player errors", f"{P1}\nWe apologise, but this video has failed to load.\ntap here to see other videos from "
     f"our team. Try refreshing your browser, or Rockets land near the base Back to video\n{P2}",
     ["failed to load", "other videos", "Back to video"], [P1, P2]),
    ("newsletter and consent notices", f"{P1}\nWe use your sign-up to provide content you asked for and to learn "
     f"what our readers like. Opt out whenever you wish. More info\n{P2}\nGet the day's top stories from the "
     "region – Sign up to our free morning newsletter", ["sign-up to provide", "morning newsletter"], [P1, P2]),
    ("share and comment widgets", f"Send a link to a friend  Share\n{P1}\n{P2}\nBe the first to comment on "
     "\"Rockets land near the base\"\nReplyForward", ["Send a link", "Be the first", "ReplyForward"], [P1, P2]),
    ("syndication notice and distributor blurb", f"{P1}\n{P2}\n© Desert Media Group — All Rights Reserved.\n"
     "This story must not be reproduced in whole or in part without written leave.\nDesert Media publishes hundreds of "
     "reports a day from partners across the region, representing a range of views on every topic.",
     ["All Rights Reserved", "must not be reproduced", "hundreds of reports"], [P1, P2]),
    ("copyright notice ends the article", f"{P1}\n{P2}\nCopyright © 2021 Tigris Wire. Distributed by Desert Media. To "
     "republish, contact the copyright holder.\nDesert Media carries reports from many outlets and institutions every day.",
     ["Copyright", "many outlets"], [P1, P2]),
    ("not edited notice", f"{P1}\n{P2}\n(This report has not been edited by the Desert Post newsroom; "
     "it reaches us through a partner agency.)", ["not been edited"], [P1, P2]),
    ("age and ai notices", f"This story is over 5 years old.\nThis is AI generated summarization, which may have errors. "
     f"For context, always refer to the full article.\n{P1}\n{P2}", ["years old", "AI generated"], [P1, P2]),
    ("print layout marker", f"{P1}\n[to top of second column]\n{P2}\n[Photo : Desert Post]", ["top of second", "[Photo"], [P1, P2]),
    ("advertisement dashes", f"{P1}\n- Advertisement -\nAdvertisment\n{P2}", ["Advertis"], [P1, P2]),
    ("call to action", f"{P1}\n{P2}\nNow, join the conversation about today's biggest stories on the Desert Post app.",
     ["join the conversation"], [P1, P2]),
    ("other stories' headlines end the text", f"{P1}\n{P2}\nCentral bank launches a new savings scheme for farmers\n"
     "Governor, 2 guards hurt in attack on convoy\nMinistry rejects request to delay the border case\nReplyForward",
     ["Central bank launches", "Governor, 2 guards", "Ministry rejects"], [P1, P2]),
    ("another story's headline and summary pasted inside", f"{P1}\n{P2}\nJury convicts landlord over flooded basement flats\n"
     f"Tenants wept in court as the verdict was read, a lawyer for several families told reporters outside the building.\n{P3}"
     f"\n{ROCKET_BODY[3]}\n{ROCKET_BODY[4]}\n{ROCKET_BODY[5]}", ["Jury convicts", "Tenants wept"], [P1, P2, P3, *ROCKET_BODY[3:]]),
    ("caption shown twice", f"{P1}\nGuards walk past the burnt truck near the base\nGuards walk past the burnt truck near the base"
     f"\nSam Example, AFP Via Getty Images\n{P2}", ["AFP Via", "Getty"], [P1, P2, "Guards walk past the burnt truck near the base"]),
    ("inbox and javascript prompts", f"{P1}\nGet the region's top stories delivered straight to your inbox every morning\n"
     f"Enter your email address\nThanks for signing up!\nPlease enable JavaScript to view this content\n{P2}",
     ["inbox", "email address", "Thanks for", "JavaScript"], [P1, P2]),
    ("advertising breaks", f"{P1}\nAdvertisement - Scroll to continue\nStory continues below advertisement\n"
     f"Continue reading the main story\nListen to this article - 4 min\n{P2}",
     ["Scroll to continue", "Story continues", "Continue reading", "Listen to this"], [P1, P2]),
    ("comment and share prompts", f"{P1}\nShare via:\nLink copied!\nView 12 comments\nSign in to comment\n"
     f"Email the reporter\n{P2}", ["Share via", "Link copied", "View 12", "Sign in", "Email the"], [P1, P2]),
    ("picture furniture", f"{P1}\nImage source, Getty Images\nImage caption, Guards stand beside the rockets at the gate\n"
     f"Getty Images\nMedia playback is unsupported on your device\n{P2}",
     ["Image source", "Image caption", "Getty", "Media playback"], [P1, P2, "Guards stand beside the rockets at the gate"]),
    ("wire credits at the foot", f"{P1}\n{P2}\nReporting by Sam Example in Basra; Editing by Jo Writer\n"
     "Our Standards: The Desert Trust Principles.\nDisclaimer: The views expressed are the author's own.",
     ["Reporting by", "Our Standards", "Disclaimer"], [P1, P2]),
    ("syndicated feed notice and reading time", f"Reading time: 3 minutes\n{P1}\n{P2}\n(This story was auto-generated from "
     "a syndicated feed.)\nTopics: security, rockets", ["Reading time", "syndicated feed", "Topics"], [P1, P2]),
    ("template tag", f"{P1}\n{{mosads}}{P2}", ["{mosads}"], [P1, P2]),
    ("trending now block", f"{P1}\n{P2}\nTrending Now\nFive things to know about the new tax rules",
     ["Trending Now", "Five things"], [P1, P2]),
    ("file picture captions", f"{P1}\nFILE - In this March 3, 2017, file photo, soldiers patrol the old market.\n"
     f"Soldiers at a checkpoint near the canal road. (File)\n{P2}", ["FILE -", "(File)", "patrol the old market"], [P1, P2]),
]

# (name, line, what the line becomes)
CREDITS = [
    ("bracketed credit", "Smoke rises over the depot after the strike. [Sam Example/AFP]", "Smoke rises over the depot after the strike."),
    ("copyright credit", "Rescuers search the rubble in the old quarter. © Sam Example", "Rescuers search the rubble in the old quarter."),
    ("agency after the caption", "Mourners carry a coffin through the square. Reuters", "Mourners carry a coffin through the square."),
    ("credit in front", "Sam Example, Reuters | Mourners gather at the gate of the base.", "Mourners gather at the gate of the base."),
    ("photo credit in brackets", "Guards stand at the gate (Photo: Sam Example)", "Guards stand at the gate"),
    ("a paragraph keeps the agency that wrote it", f"{P3} Reuters", f"{P3} Reuters"),
]


@pytest.mark.parametrize(("name", "line", "becomes"), CREDITS, ids=[c[0] for c in CREDITS])
def test_photo_credits_are_cut_and_captions_of_the_story_kept(name: str, line: str, becomes: str) -> None:
    assert strip_furniture(f"{P1}\n{line}\n{P2}") == f"{P1}\n{becomes}\n{P2}"


@pytest.mark.parametrize(
    "ending",
    [
        "Rockets – Anbar airbase\nRoadside bomb under a fuel tanker – Basra – 2 wounded\nMortar fire on the outskirts – Kirkuk",
        "Tigris Wire, “Rockets land near the base,” 10/22/20\nDesert Post, “Convoy hit on highway,” 10/23/20",
        "| 3 Oct | Rocket fired at an airbase near the city |\n| 5 Oct | Roadside bomb under a fuel tanker |",
        "Reuters",
        "• Rebels seized the airport road on Monday\n• Two bridges into the city were closed by the army",
    ],
    ids=["incident log", "reference list", "table rows", "agency signature", "bulleted list"],
)
def test_lists_that_end_an_article_and_are_its_own_are_kept(ending: str) -> None:
    text = f"{P1}\n{P2}\n{ending}"
    assert strip_furniture(text) == text


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
        "The group's newsletter, which police said urged supporters to subscribe, was banned last year.",
        "Follow the money, the prosecutor told the court on Tuesday, and you will find who paid the gunmen.",
        "Copyright lawyers for the broadcaster said the footage had been used without permission.",
        "Police Fire Tear Gas At Crowd Outside The Parliament Building In The Capital",
        "Reporting by the local radio station suggested that at least four guards had been wounded in the blast.",
        "Disclaimers aside, the governor said the province would pay for the repairs from its own budget.",
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


@pytest.mark.parametrize(
    "subheading",
    ["Launch rails hidden in a vegetable truck", "Villagers kept their children indoors after sunset"],
)
def test_a_subheading_that_shares_the_article_words_stays(subheading: str) -> None:
    text = "\n".join([*ROCKET_BODY[:3], subheading, *ROCKET_BODY[3:]])
    assert strip_furniture(text) == text


def test_a_short_text_is_too_short_to_call_a_line_another_story() -> None:
    text = f"{P1}\nJury convicts landlord over flooded basement flats\n{P2}"
    assert strip_furniture(text) == text
