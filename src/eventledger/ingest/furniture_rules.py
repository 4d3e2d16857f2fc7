"""Page furniture: the lines of a web page that are not the article (data, read by furniture.py).

Each table holds case-insensitive regular expressions matched against one whole line (after
trimming). What the tables mean:

- ``DROP_LINES``: the line is furniture wherever it is (share widgets, font-size controls).
- ``INLINE_PREFIX`` / ``INLINE_SUFFIX``: furniture glued to the start or the end of a line of
  article text; the match is cut off.
- ``DROP_WITH_NEXT``: the line and the next non-blank line go (a "Previous Article" label is
  followed by another story's headline).
- ``DROP_BLOCK``: the line and the short lines after it go, up to the next paragraph of prose
  (a "Related Posts" heading followed by a list of other stories' headlines).
- ``CUT_TAIL``: once the article has started, this line and everything after it go (a comment
  form, "Post navigation").
"""

from __future__ import annotations

SHARE_NETWORKS = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|messenger|viber|tumblr|vk|print|copy link|pocket|skype)"

DROP_LINES: tuple[str, ...] = (
    r"spread the love",
    r"total\s*\d*\s*(?:shares?)?",
    r"\d+\s*(?:shares?|views?|comments?)",
    r"shares?",
    r"share(?: this)?(?: article| story| post)?\s*:?",
    r"(?:share|post|send|click to share) (?:on|to|via) " + SHARE_NETWORKS + r"(?: \(opens in new window\))?",
    SHARE_NETWORKS,
    r"tweet",
    r"pin it",
    r"like this:?",
    r"loading\.{0,3}",
    r"a\s*-\s*a\s*a\s*\+",  # font-size control "A- A A +"
    r"a\s*\+\s*a\s*a\s*-",
    r"font size\s*:?.{0,12}",
    r"text size\s*:?.{0,12}",
    r"print(?: this)?(?: article| page)?",
    r"advertisement",
    r"sponsored(?: content)?",
    r"scroll (?:down )?to continue(?: reading)?",
    r"(?:read|see) (?:more|also)\s*:?",
    r"follow us(?: on .{0,40})?",
    r"subscribe(?: to our newsletter| now)?\.?",
    r"sign up for our newsletter.{0,80}",
    r"(?:google|twitter|facebook|wordpress\.com) (?:photo|picture)",
    r"you are commenting using your(?: \w+(?:\.com)?)? account\..{0,40}",
    r"log out\s*/\s*change\s*\)?",
    r"connecting to %s",
    r"notify me of (?:new|follow-up) (?:posts|comments)(?: via email| by email)?\.?",
    r"fill in your details below\b.{0,80}",  # the login prompt of a comment form
    r"(?:cancel|post) (?:reply|comment)",
    r"save my name, email, and website in this browser.{0,80}",
    r"your email address will not be published\..{0,80}",
    r"required fields are marked \*?",
    r"tags?\s*:.{0,200}",
    r"filed under\s*:?.{0,200}",
    r"(?:photo|image) credit\s*:.{0,200}",
    r"all rights reserved\.?.{0,120}",
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}).{0,120}",
    r"skip to (?:main )?content",
    r"toggle navigation",
    r"search for\s*:?",
    r"home\s*[»>/|].{0,200}",  # breadcrumbs
    # Blog platforms (Blogger, WordPress) around a post.
    r"posted by .{1,60}? (?:at|on) .{1,40}",
    r"labels?\s*:.{0,200}",
    r"newer posts?\s*older posts?(?:\s*home)?",
    r"subscribe to\s*:\s*post comments.{0,20}",
    r"email this\s*blogthis!?.{0,120}",
    r"(?:share to (?:twitter|facebook|pinterest)\s*){1,3}",
    # News sites: app, channel and social prompts; short photo credits.
    r"(?:download|get) (?:our|the) app.{0,60}",
    r"join our (?:telegram|whatsapp) channel.{0,60}",
    r"(?:photo|image|picture)\s*(?:credit)?\s*:\s*\S+(?:\s+\S+){0,5}",
    r"click here (?:to|for) .{0,60}",
)

INLINE_PREFIX: tuple[str, ...] = (
    r"spread the love\s*",
    r"a\s*-\s*a\s*a\s*\+\s*",
)

INLINE_SUFFIX: tuple[str, ...] = (
    r"\s*total\s+\d+\s+shares?\s*",
    r"\s*(?:share on (?:facebook|twitter|whatsapp)\s*)+",
)

DROP_WITH_NEXT: tuple[str, ...] = (
    r"previous (?:article|post|story)\s*:?",
    r"next (?:article|post|story)\s*:?",
    r"(?:read|see) (?:more|also)\s*:?",
    r"recommended(?: for you)?\s*:?",
    r"(?:«|‹|<)\s*(?:previous|older)(?: post| article)?",
    r"(?:newer|next)(?: post| article)?\s*(?:»|›|>)",
)

DROP_BLOCK: tuple[str, ...] = (
    r"related(?: posts| articles| stories| news| coverage)?\s*:?",
    r"you (?:may|might) also (?:like|be interested in)\s*:?",
    r"more (?:from|in|on) .{0,60}",
    r"more stories\s*:?",
    r"(?:most )?(?:popular|trending|most read|latest)(?: news| posts| stories| articles)?\s*:?",
    r"in (?:other|related) news\s*:?",
    r"recent posts\s*:?",
    r"categories\s*:?",
)

CUT_TAIL: tuple[str, ...] = (
    r"leave a (?:reply|comment)\s*:?",
    r"\d*\s*(?:comments?|responses?|replies)(?: to .{0,200})?\s*:?",
    r"comments are closed\.?",
    r"post navigation",
    r"about the author\s*:?",
    r"share this\s*:",
    r"join the discussion.{0,40}",
    r"add (?:a )?comment\s*:?",
    r"no comments\s*:?",
    r"post a comment",
)

# A line at least this long, or ending like a sentence with this many words, is prose: it ends a
# DROP_BLOCK and it counts as "the article has started" for CUT_TAIL.
PROSE_MIN_CHARS = 160
PROSE_MIN_WORDS = 12
