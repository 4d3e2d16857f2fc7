"""Page furniture: the lines of a web page that are not the article (data, read by furniture.py).

Each table holds case-insensitive regular expressions matched against one whole line (after
trimming). What the tables mean:

- ``DROP_LINES``: the line is furniture wherever it is (share widgets, font-size controls).
- ``INLINE_PREFIX`` / ``INLINE_SUFFIX``: furniture glued to the start or the end of a line of
  article text; the match is cut off.
- ``DROP_WITH_NEXT``: the line and the next non-blank line go (a "Previous Article" label is
  followed by another story's headline).
- ``DROP_BLOCK``: the line and the short lines after it go, up to the next paragraph of prose
  (a "Related Posts" heading followed by a list of other stories' headlines). Above the
  article's first paragraph only the heading goes (there it is the site's navigation).
- ``CUT_TAIL``: once the article has started, this line and everything after it go (a comment
  form, "Post navigation", a copyright or syndication notice).
- ``CAPTION_LINES``: a photo credit line ("Jane Doe, AP") or a file picture's caption ("FILE -
  In this ... photo", "... (File)"); matched case-sensitively.
- ``CREDIT_PREFIX`` / ``CREDIT_SUFFIX``: a photo credit glued to a caption; the credit is cut.

Beside the tables, furniture.py applies rules of shape: a line repeated at once (an image's alt
text and its caption), a run of headline-shaped lines that ends the text (other stories'
headlines), a headline inside the text that shares no word with it (another story's, pasted in),
teaser summaries cut with "…" inside a teaser block.
"""

from __future__ import annotations

SHARE_NETWORKS = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|messenger|viber|tumblr|vk|print|copy link|pocket|skype)"

DROP_LINES: tuple[str, ...] = (
    r"spread the love",
    r"total\s*\d*\s*(?:shares?)?",
    r"\d[\d,.]*\s*[km]?\s*(?:shares?|views?|comments?|reads?)",
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
    r"[-–—\s]*advertis(?:e)?ments?[-–—\s]*",  # "- Advertisement -", "Advertisment"
    r"article content",
    r"\d+\s*min(?:ute)?s?\s*read",
    r"\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?)\s+ago",
    r"sponsored(?: content)?",
    r"scroll (?:down )?to continue(?: reading)?",
    r"(?:read|see) (?:more|also)\s*:?",
    # "Read more: <another story's headline>", "ALSO READ | ...", "Watch: ..."
    r"(?:also\s+)?(?:read|see|watch|listen)(?:\s+(?:more|also|next|this|video|here))?\s*[:|»›>]+\s*.{1,200}",
    r"(?:source\s*:\s*)?read (?:the )?(?:full|original) (?:article|story|report)(?: (?:on|at|here) .{1,60})?\.?",
    r"source\s*:\s*(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\S*",  # "Source:bbc.com"
    r"follow us(?: on .{0,40})?",
    r"subscribe(?: to our newsletter| now)?\.?",
    r"sign up for our newsletter.{0,80}",
    r".{0,160}\b(?:sign(?:\s|-)?up|subscribe|register)\b.{0,20}\b(?:to|for)\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}newsletters?\b.{0,120}",
    r"we use your sign-?up to provide content.{0,300}",
    r".{0,40}\b(?:we|this (?:site|website)) uses? cookies\b.{0,300}",
    r".{0,100}\bdelivered (?:straight |directly )?to your inbox\b.{0,60}",
    r"enter your e-?mail(?: address)?.{0,60}",
    r"thanks? (?:you )?for (?:subscribing|signing up).{0,80}",
    r"(?:please )?enable javascript.{0,80}",
    # Video players that failed, and their "other videos" prompts.
    r"we apologi[sz]e,? but this video has failed to load\.?",
    r".{0,40}\b(?:tap|click) here to see other videos.{0,400}",
    r"(?:this|the) video (?:is (?:not|no longer) available|has failed to load|cannot be played).{0,120}",
    r"your browser does not support (?:the )?(?:video|audio|html5).{0,80}",
    r"(?:video |media )?player is loading\.{0,3}",
    r"play video",
    r"media playback is (?:not supported|unsupported) on your device\.?",
    r"listen to (?:this|the) (?:article|story)(?:\s*[-–—:]?\s*\d+\s*min(?:ute)?s?)?",
    # Advertising breaks inside the article.
    r"advertisement\s*[-–—:]?\s*(?:scroll|continue reading)(?: down)?(?: to continue)?(?: with content| reading)?\.?",
    r"(?:the )?story continues (?:below|after) (?:this )?(?:advertisement|ad)\.?",
    r"continue reading(?: the main story| below)?",
    # Share and comment widgets, reader counters.
    r"share (?:via|with)\s*:?",
    r"link copied!?",
    r"(?:show|view|hide|load|read) (?:all |more )?(?:\d+ )?comments?",
    r"(?:sign|log) in to (?:comment|reply|continue).{0,40}",
    r"(?:email|contact) the (?:author|reporter|writer)",
    r"be the first to comment.{0,200}",
    r"send (?:a |this )?link to a friend.{0,30}",
    r"reply\s*forward",
    r"(?:icon-[\w-]+\s*)+",
    # Picture furniture: a credit line, a player notice (a caption's own words stay).
    r"(?:image|media|photo) (?:source|copyright|credit),?\s*.{0,80}",
    r"(?:Getty Images|Shutterstock|NurPhoto|SOPA Images|EPA-EFE)",
    # Wire credits at the foot of a story.
    r"\(?(?:additional )?reporting by (?-i:[A-Z])[^;()]{1,120}(?:;\s*(?:writing|editing|additional reporting) by [^;()]{1,120})*\.?\)?",
    r"our standards\s*:.{0,80}",
    r"disclaimer\s*:.{0,400}",
    r".{0,80}\b(?:auto-?generated|published) from a syndicated (?:news )?feed.{0,40}",
    r"(?:estimated )?(?:reading|read) time\s*:?\s*\d+\s*min(?:ute)?s?",
    r"topics?\s*:.{0,200}",
    # Syndication, age and AI notices.
    r"\(?(?:except for the headline,? )?this (?:story|article|report) has not been edited by .{1,160}",
    r"this (?:story|article|post|page) is (?:over|more than) \d+ (?:years?|months?) old\.?",
    r"this is (?:an )?ai[- ]generated summar(?:y|isation|ization).{0,200}",
    r"(?:this|the) (?:summary|article|story) (?:was|is) (?:generated|written|produced) (?:by|with|using) (?:ai|artificial intelligence).{0,160}",
    # Print-layout and picture markers.
    r"\[\s*(?:back to |to )?top of (?:the )?(?:\w+ )?(?:column|page)\s*\]",
    r"(?:back to |to )?top of (?:the )?page|back to top",
    r"\[\s*(?:photo|image|picture|video)s?\s*:.{0,80}\]",
    # Calls to action: follow, join, download ... on a platform.
    r"(?:now,?\s+)?(?:follow|join|subscribe|sign up|download|get|like us|listen|watch)\b.{0,140}\b(?:exchange|app|channel|newsletter|podcast|whatsapp|telegram|twitter|facebook|instagram|youtube|google news)\b.{0,60}",
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
    r"tagged\s*:?.{0,200}",
    r"filed under\s*:?.{0,200}",
    r"(?:photo|image) credit\s*:.{0,200}",
    r"all rights reserved\.?.{0,120}",
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}).{0,120}",
    r"(?:copyright\s*)?(?:©|\(c\))\s*.{0,80}all rights reserved\.?.{0,40}",
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
    # Browser prompts and site chrome above a story.
    r".{0,60}\bwants to (?:start )?send(?:ing)? you (?:push )?notifications\b.{0,100}",
    r"(?:click|tap) (?:allow|ok) to (?:subscribe|get notifications|continue).{0,40}",
    r"connect with us",
    r"hi,? what are you looking for\??",
    r"from (?:the|our) news ?desk",
    r"react to this (?:article|story)",
    r"please enter your (?:comment|name)(?: here)?!?",
    r"source link",
)

INLINE_PREFIX: tuple[str, ...] = (
    r"spread the love\s*",
    r"a\s*-\s*a\s*a\s*\+\s*",
    r"(?:image|media|photo) caption,?\s*",  # "Image caption, Protesters gather ..." (the caption stays)
    r"\{[a-z_]+\}\s*",  # a template tag left in the text: "{mosads}"
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
    # "Popular posts from this blog", "More Related News", "Top Stories", "Most viewed", "Read next"
    r"(?:more\s+)?(?:related|popular|trending|recommended|recent|latest|top|main|featured|other|must[- ]read|hot)"
    r"(?:\s+(?:related|popular|recent|top))?\s+(?:news|posts?|stories|articles|headlines|reads|videos|updates|topics)"
    r"(?:\s+(?:from|on|in|for)\s+.{1,40})?\s*:?",
    r"most (?:viewed|shared|commented|read|watched|popular)(?: (?:news|stories|articles))?\s*:?",
    r"(?:what to )?(?:read|watch) next\s*:?",
    r"(?:editor'?s'?|our) picks?\s*:?",
    r"don[’']?t miss\s*:?",
    r"highlights\s*:?",
    r"(?:trending|popular|latest|top) now\s*:?",
    r"recommended(?: for you)?\s*:?",
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
    # A copyright or syndication notice ends the article; the distributor's blurb follows it.
    r"(?:copyright\s*)?(?:©|\(c\))\s*(?:\d{4}\s*)?.{0,120}\ball rights reserved\b.{0,400}",
    r"copyright\s*(?:©\s*)?\d{4}\b.{0,400}",
    r"this (?:material|article|story|content) (?:may|must) not be (?:published|reproduced|copied|republished|distributed|redistributed).{0,160}",
)

# Photo agencies and picture services, as captions and credit lines name them.
PHOTO_AGENCIES = r"(?:AP|AFP|Reuters|REUTERS|EPA(?:-EFE)?|Getty Images|Anadolu(?: Agency)?|Xinhua|PTI|ANI|IANS|Shutterstock|Bloomberg|NurPhoto|SOPA Images|Sipa|ZUMA|Handout|File|Supplied)"
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}"

# Case-sensitive whole-line patterns of photo credits, and of captions of file pictures (which
# show another time than the story's).
CAPTION_LINES: tuple[str, ...] = (
    # a credit alone: "Jane Doe, AP", "JANE DOE, AFP Via Getty Images", "AFP/Getty Images" (an
    # agency's name alone is the outlet signing off, and stays for the header reader)
    rf"{_NAME}\s*[,/|]\s*{PHOTO_AGENCIES}(?:\s*(?:/|(?i:via))\s*(?:{PHOTO_AGENCIES}|{_NAME}))*\.?",
    rf"{PHOTO_AGENCIES}(?:\s*(?:/|(?i:via))\s*(?:{PHOTO_AGENCIES}|{_NAME}))+\.?",
    # a file picture's caption: "FILE - In this Sept. 18, 2017, file photo ...", "... (File)"
    r"(?:FILE|File)(?: (?:PHOTO|Photo))?\s*[-:–—]\s.{10,800}",
    r".{10,600}\((?i:file(?: photo| image| picture)?|representational (?:image|photo))\)\.?",
)

# Case-sensitive credits glued to a caption of the story's own pictures: the credit goes, the
# caption stays (it may tell the story's event: "A protest leader called it a coup. [Jane
# Doe/AFP]"). Matched at the start and at the end of a line.
CREDIT_PREFIX: tuple[str, ...] = (
    rf"{_NAME},\s*{PHOTO_AGENCIES}\s*\|\s*",  # "Jane Doe, Reuters | Mourners gather ..."
)
CREDIT_SUFFIX: tuple[str, ...] = (
    r"\s*\[\s*[^\[\]]{2,40}/[^\[\]]{2,40}\]",  # "... [Jane Doe/AFP]"
    r"\s*©\s*[\w .'’/-]{2,60}",  # "... © Jane Doe"
    r"\s*\((?i:photo|image|picture)\s*:\s*[^()]{2,60}\)",  # "... (Photo: Jane Doe)"
)
# ... and after a sentence too short to be a paragraph only (a paragraph may end with the agency
# that wrote it): "Rescuers carry a body from the site of the blast. Reuters".
SHORT_CAPTION_CREDIT_SUFFIX: tuple[str, ...] = (
    rf"(?<=[.!?])\s+{PHOTO_AGENCIES}",
)

# Words too common to tell two stories apart (for STRAY_TEASER below).
COMMON_WORDS = frozenset(
    "that this with from have were been said will they their there which about after would could other into more "
    "than also when where what while some over under against being these those such only just then them during "
    "before because between since until including around among within without says year years week last first "
    "told people time today".split()
)
# A headline-shaped line inside the article that shares none of its at least this many content
# words with the rest of the text is another story's headline, pasted in; the paragraph under it
# goes too when it shares less than STRAY_SUMMARY_MAX_SHARED of its words with the text (the
# teaser's summary). Texts with fewer than STRAY_MIN_TEXT_WORDS content words are too short to tell.
STRAY_HEADLINE_MIN_WORDS = 4
STRAY_SUMMARY_MAX_SHARED = 0.1
STRAY_MIN_TEXT_WORDS = 40

# A run of at least this many headline-shaped lines (HEADLINE_MIN_WORDS to HEADLINE_MAX_WORDS
# words, no sentence punctuation at the end, no quotes, dates or " – " log separators) that ends
# the text, after the article, is a list of other stories' headlines.
TAIL_HEADLINES_MIN_RUN = 2
HEADLINE_MIN_WORDS = 5
HEADLINE_MAX_WORDS = 20

# A line opening with one of these is an item of a list, not a headline.
LIST_MARKERS = ("•", "·", "▪", "-", "*", "–", "—", "►", "●")

# Inside a teaser block, a line ending with these is a teaser's summary cut short, not prose.
TEASER_CUT = ("…", "...")

# A line at least this long, or ending like a sentence with this many words, is prose: it ends a
# DROP_BLOCK and it counts as "the article has started" for CUT_TAIL.
PROSE_MIN_CHARS = 160
PROSE_MIN_WORDS = 12
