"""Hypothesis strategies for content files: valid structure, hostile and broken values.

    content_file(broken=True)  -> GeneratedFile    one event, profile, project or blog post
    content_set()              -> list[GeneratedFile]   up to one of each, cross-referenced

The structure follows data/schemas/*.schema.json and the valid fixtures
(tests/content/fixtures/valid/); the values mix ordinary German text with the ingredients of
the hardening note (shared/reference/workflow-hardening.md): markup that tries to run
script, script and data URLs in several disguises, foreign sources, characters that shift
lines or flip text, and YAML that is broken in the ways editors and attackers break it.
The YAML is written as text, so quoting, block scalars, escapes and corruptions reach the
real parser.

A new kind of content file is one function returning a :class:`GeneratedFile` plus an entry
in :data:`KINDS` (comments: ``data/comments/<post>/<date>-<n>.yaml``, once that exists).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

FORMATS = ("meetup", "camp", "zirkel", "werkstatt", "vernetzungstreffen")
TOPICS = ("neue-arbeit", "digital-lotsen", "nutzerorientierte-digitalisierung",
          "arbeitskultur", "vernetzung")
PARTNERS = ("kreis-wesel", "essen", "luenen")
METHODS = ("lean-coffee", "kollegiale-beratung", "werkstatt", "barcamp", "zirkel")
PROFILE_SLUG = "fuzz-rebell"  # the generated profile others may refer to
COMMENTED_POST = "fuzz-kommentiert"  # the post generated comments answer
TODAY = date(2026, 11, 24)  # tests.support.site.DEFAULT_TODAY: consents up to this day

# Markup that tries to run script, in the disguises sanitisers have missed before.
SCRIPT_MARKUP = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    '<a href="javascript:alert(1)">Link</a>',
    "<a href='jav&#x09;ascript:alert(1)'>Link</a>",
    '<a href="JaVaScRiPt:alert(1)">Link</a>',
    '<a href="&#106;&#97;vascript:alert(1)">Link</a>',
    '<a href=" \x01javascript:alert(1)">Link</a>',
    '<a href="vbscript:msgbox(1)">Link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Link</a>',
    "<form action=javascript:alert(1)><button>Los</button></form>",
    "<button formaction=javascript:alert(1)>Los</button>",
    '<div style="background:url(https://evil.example/bg.png)">x</div>',
    "<style>@import url(https://evil.example/x.css)</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=https://evil.example/>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<iframe src=https://evil.example/></iframe>",
    "<object data=https://evil.example/x.swf></object>",
    "<embed src=https://evil.example/x.swf>",
    '<img src="https://evil.example/x.png">',
    "<img src=https://evil.example/x.png>",
    '<img srcset="https://evil.example/a.png 1x, https://evil.example/b.png 2x">',
    "<video poster=https://evil.example/p.png></video>",
    "<audio src=https://evil.example/a.mp3></audio>",
    '<details open ontoggle=alert(1)>x</details>',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<template><script>alert(1)</script></template>",
    "<!--<script>alert(1)</script>-->",
)
# Markdown that asks for the same: links and images with script URLs or foreign sources.
MARKDOWN_HOSTILE = (
    "[Link](javascript:alert(1))",
    "[Link](jav&#x09;ascript:alert(1))",
    "[Link](JAVASCRIPT:alert(1))",
    "[Link](  javascript:alert(1))",
    "[Link](<javascript:alert(1)>)",
    "[Link](data:text/html;base64,PHNjcmlwdD4=)",
    "[Link](vbscript:msgbox(1))",
    "[Link][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![Bild](https://evil.example/x.png)",
    "![Bild](//evil.example/x.png)",
    "![Bild](javascript:alert(1))",
    "![Bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '[Link](https://ok.example/ "title\\" onmouseover=\\"alert(1)")',
    '[Link](https://ok.example/"onmouseover="alert(1))',
    "<https://evil.example/x>",
    "https://evil.example/bare",
    "[Link](https://ok.example/a_(b)_c)",
)
# Characters and fragments that break contexts: JSON in <script>, comments, templates.
BREAKERS = (
    "</script>", "</SCRIPT >", "<!--", "-->", "<b", "<a href=\"", "]]>", "\"", "'", "\\",
    "&", "&amp;", "&#0;", "&lt;script&gt;", "{{ 7*7 }}", "{% raw %}", "${7*7}", "*", "_",
    "`", "```", "~~~", "|", "> ", "# ", "- ", "1. ", "[", "](", "\\u2028", "%0a",
)
# Invisible or direction-changing characters: some YAML escapes, some raw.
SPECIAL_CHARS = ("\u2028", "\u2029", "\u202e", "\u200b", "\u00ad", "\ufeff", "\ufffe",
                 "\uffff", "\x00", "\x01", "\x1b", "\x7f", "\x85", "\r", "\t", "\ud800",
                 "\udfff", "\U0001f600", "ß", "Ä", "\u0301")
WORDS = ("Verwaltung", "Rebell*innen", "Lean Coffee", "Kreis Wesel", "Lünen", "Straße",
         "Digital-Lotsen", "Werkstatt", "offene Arbeit", "Zirkel", "und", "für", "Essen")

# URLs that match the URL rule (https?://host/...) but carry markup or quotes.
ACCEPTED_URLS = (
    "https://ok.example/",
    "https://ok.example/pfad?x=1&y=2#teil",
    'https://evil.example/"><script>alert(1)</script>',
    "https://evil.example/'onmouseover='alert(1)",
    "https://evil.example/x?<img/src=x/onerror=alert(1)>",
    "http://ok.example/#javascript:alert(1)",
    "https://ok.example/%22%3E%3Cscript%3E",
    "https://xn--mnchen-3ya.example/",
    "https://ok.example/\u202etxt.exe",
)
REJECTED_URLS = (
    "javascript:alert(1)", "JavaScript:alert(1)", "jav\tascript:alert(1)",
    "jav&#x09;ascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)", "//evil.example/x", " https://ok.example/", "https://",
    "https://user@evil.example/", "ftp://ok.example/", "https://ok.example/\u2028x",
    "https://ok .example/", "https:/ok.example", "",
)


@dataclass(frozen=True)
class GeneratedFile:
    """One generated content file: where it goes below the lab root and its bytes."""

    path: str
    data: bytes

    @property
    def text(self) -> str:
        """The content as text, undecodable bytes replaced (for messages and host lists)."""
        return self.data.decode("utf-8", errors="replace")


COMMENTED_POST_FILE = GeneratedFile(
    f"content/blog/{COMMENTED_POST}.md",
    f"Title: Kommentierter Beitrag\nDate: 2020-08-20\nSlug: {COMMENTED_POST}\n\nText.\n"
    .encode())


# Values ----------------------------------------------------------------------------------

def hostile_piece() -> st.SearchStrategy[str]:
    """One ingredient: hostile markup, Markdown, a context breaker, a character or a word."""
    return st.one_of(st.sampled_from(SCRIPT_MARKUP), st.sampled_from(MARKDOWN_HOSTILE),
                     st.sampled_from(BREAKERS), st.sampled_from(SPECIAL_CHARS),
                     st.sampled_from(WORDS), st.text(max_size=8))


def text_value(max_pieces: int = 4) -> st.SearchStrategy[str]:
    """A text field: mostly words with hostile pieces between them, on one line."""
    pieces = st.lists(st.one_of(st.sampled_from(WORDS), hostile_piece()), min_size=1,
                      max_size=max_pieces)
    return pieces.map(" ".join)


def short_text(limit: int) -> st.SearchStrategy[str]:
    """A text field with a length limit (offers, seeks, summary): usually within it."""
    return text_value(3).map(lambda value: value[:limit])


@st.composite
def markdown_text(draw: st.DrawFn, *, long_lines: bool = True) -> str:
    """A Markdown body of several blocks, hostile and deeply nested ones among them."""
    blocks = draw(st.lists(markdown_block(long_lines=long_lines), min_size=1, max_size=6))
    return "\n\n".join(blocks)


def markdown_block(*, long_lines: bool) -> st.SearchStrategy[str]:
    """One block: paragraph, heading, list, quote, code, raw HTML, nesting, long line."""
    # Deeper than 20 levels is refused (rebellab.kernel.nesting): only in broken files.
    depth = st.integers(min_value=1, max_value=60 if long_lines else 20)
    options = [
        text_value(6),
        text_value().map(lambda t: f"## {t}"),
        st.lists(text_value(2), min_size=1, max_size=4).map(
            lambda items: "\n".join(f"- {item}" for item in items)),
        st.sampled_from(SCRIPT_MARKUP + MARKDOWN_HOSTILE),
        text_value().map(lambda t: f"```html\n{t}\n```"),
        st.tuples(depth, text_value(2)).map(lambda d: "> " * d[0] + d[1]),
        st.tuples(depth, text_value(2)).map(
            lambda d: "\n".join("  " * level + f"- {d[1]}" for level in range(d[0]))),
        depth.map(lambda n: "*" * n + "x" + "*" * n),
        depth.map(lambda n: "[" * n + "x" + "](javascript:alert(1))" * n),
        depth.map(lambda n: "<div>" * n + "x" + "</div>" * n),
    ]
    if long_lines:
        options.append(st.integers(min_value=2_000, max_value=12_000).map(
            lambda n: ("Sehr langer Absatz " * (n // 19 + 1))[:n]))
    return st.one_of(options)


def dates(start: date = date(2019, 1, 1), end: date = date(2028, 12, 31)
          ) -> st.SearchStrategy[date]:
    """Days within the years the lab's content covers."""
    return st.dates(min_value=start, max_value=end)


def accepted_url() -> st.SearchStrategy[str]:
    """A URL the validator accepts, hostile or not."""
    return st.sampled_from(ACCEPTED_URLS)


def any_url() -> st.SearchStrategy[str]:
    """A URL the validator may or may not accept."""
    return st.one_of(accepted_url(), st.sampled_from(REJECTED_URLS))


def some_of(values: tuple[str, ...], min_size: int = 0) -> st.SearchStrategy[list[str]]:
    """A few distinct keys of a vocabulary."""
    return st.lists(st.sampled_from(values), min_size=min_size, max_size=3, unique=True)


# Documents (valid structure) -------------------------------------------------------------

@st.composite
def event_document(draw: st.DrawFn, *, with_profile: bool = False) -> dict:
    """An event after data/schemas/event.schema.json: timed or all-day, maybe a series."""
    start_day = draw(dates())
    doc: dict = {"title": draw(text_value()), "format": draw(st.sampled_from(FORMATS))}
    if draw(st.booleans()):
        start = datetime.combine(start_day, draw(st.times(max_value=time(20, 0))))
        end = start + draw(st.timedeltas(timedelta(minutes=15), timedelta(hours=30)))
        doc["start"], doc["end"] = f"{start:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M}"
    else:
        doc["start"] = start_day.isoformat()
        if draw(st.booleans()):
            doc["end"] = (start_day + timedelta(days=draw(st.integers(0, 3)))).isoformat()
    doc["description"] = draw(markdown_text(long_lines=False))
    if draw(st.booleans()):
        doc["location"] = {"name": draw(text_value()), "address": draw(text_value())}
        if draw(st.booleans()):
            doc["location"]["accessibility"] = draw(text_value())
    if "location" not in doc or draw(st.booleans()):
        doc["online"] = draw(st.one_of(st.just(True), st.fixed_dictionaries(
            {"url": accepted_url()}, optional={"platform": text_value()})))
    optional = {
        "registration": st.fixed_dictionaries({"url": accepted_url()}, optional={
            "capacity": st.integers(1, 500),
            "status": st.sampled_from(("open", "waitlist", "full", "closed"))}),
        "cost": text_value(), "partners": some_of(PARTNERS), "topics": some_of(TOPICS),
        "method": st.sampled_from(METHODS),
        "status": st.sampled_from(("scheduled", "cancelled", "postponed")),
        "uid": text_value(2),
    }
    if with_profile:
        optional["hosts"] = st.just([PROFILE_SLUG])
    for key, strategy in optional.items():
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    if draw(st.integers(0, 4)) == 0:
        doc["repeat"] = {"frequency": draw(st.sampled_from(("weekly", "monthly"))),
                         "count": draw(st.integers(1, 6))}
    return doc


@st.composite
def profile_document(draw: st.DrawFn) -> dict:
    """A profile after data/schemas/profile.schema.json (without a photo)."""
    doc = {"name": draw(text_value(3)), "organisation": draw(text_value(3)),
           "topics": draw(some_of(TOPICS, min_size=1)), "bio": draw(markdown_text(
               long_lines=False).map(lambda text: text[:1000])),
           "consent": draw(dates(date(2020, 1, 1), TODAY)).isoformat()}
    optional = {
        "role": text_value(3), "partner": st.sampled_from(PARTNERS), "region": text_value(2),
        "offers": st.lists(short_text(120), min_size=1, max_size=3),
        "seeks": st.lists(short_text(120), min_size=1, max_size=3),
        "contact": st.fixed_dictionaries({}, optional={
            "email": st.sampled_from(("anna@example.org", "a+b@ok.example",
                                      "x@evil.example\"><script>alert(1)</script>.de")),
            "website": accepted_url(),
            "mastodon": st.sampled_from(("@anna@social.example", "@x_y@ok.example"))}),
        "image_alt": text_value(2), "example": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    return doc


@st.composite
def comment_document(draw: st.DrawFn) -> dict:
    """A comment after data/schemas/comment.schema.json, on the post COMMENTED_POST."""
    day = draw(dates(date(2020, 1, 1), TODAY))
    doc = {"name": draw(short_text(80)), "date": f"{day.isoformat()} 09:14",
           "text": draw(markdown_text(long_lines=False).map(lambda text: text[:2000])),
           "consent": day.isoformat()}
    if draw(st.booleans()):
        doc["website"] = draw(accepted_url())
    if draw(st.booleans()):
        doc["source"] = draw(st.sampled_from(("wordpress", "github", "email")))
    return doc


@st.composite
def project_document(draw: st.DrawFn, *, with_profile: bool = False) -> dict:
    """A project after data/schemas/project.schema.json."""
    started = draw(dates(date(2019, 1, 1), TODAY))
    doc = {"title": draw(text_value(3)), "summary": draw(short_text(300)),
           "description": draw(markdown_text(long_lines=False)),
           "status": draw(st.sampled_from(("idee", "laeuft", "abgeschlossen"))),
           "topics": draw(some_of(TOPICS, min_size=1)), "started": started.isoformat()}
    optional = {
        "partners": some_of(PARTNERS), "seeking": short_text(300),
        "ended": st.just((started + timedelta(days=90)).isoformat()),
        "links": st.lists(st.fixed_dictionaries({"title": text_value(2),
                                                 "url": accepted_url()}), max_size=3),
    }
    if with_profile:
        optional["people"] = st.just([PROFILE_SLUG])
    for key, strategy in optional.items():
        if draw(st.booleans()):
            doc[key] = draw(strategy)
    if "ended" in doc:
        doc["status"] = "abgeschlossen"
    return doc


@st.composite
def post_text(draw: st.DrawFn, *, long_lines: bool = True) -> str:
    """A blog post: Pelican's ``Key: value`` header, a blank line, a Markdown body."""
    published = datetime.combine(draw(dates(date(2019, 1, 1), TODAY)), time(10, 0))
    # Tags, categories and authors need a letter for their slug (make check says so).
    named = (lambda text: f"Name {text}") if not long_lines else (lambda text: text)
    header = {"Title": draw(text_value()), "Date": f"{published:%Y-%m-%d %H:%M}",
              "Category": draw(st.one_of(st.sampled_from(("Labor", "Werkstatt")),
                                         text_value(2).map(named)))}
    optional = {"Tags": st.lists(text_value(1).map(named), max_size=3).map(", ".join),
                "Authors": text_value(2).map(named), "Summary": text_value(4),
                "Slug": st.sampled_from(("beitrag", "Beitrag mit Leerzeichen", "../x"))}
    for key, strategy in optional.items():
        if draw(st.booleans()):
            header[key] = draw(strategy)
    lines = [f"{key}: {one_line(value)}" for key, value in header.items()]
    text = "\n".join(lines) + "\n\n" + draw(markdown_text(long_lines=long_lines)) + "\n"
    # Markdown has no escapes for control characters: a valid post cannot hold them.
    return text if long_lines else _UNPRINTABLE.sub("", text)


def one_line(value: str) -> str:
    """A header value must stay on its line: line breaks become spaces."""
    return " ".join(value.splitlines()) or "x"


# YAML as text ----------------------------------------------------------------------------

def yaml_text(draw: st.DrawFn, doc: dict, *, careful: bool = False) -> str:
    """Write ``doc`` as YAML, choosing for every text a plain, quoted or block style.

    ``careful`` keeps the YAML valid (a style only where it can hold the text); otherwise
    a plain style is tried on any text, which often breaks the file, as people do.
    """
    return "\n".join(_mapping_lines(draw, doc, 0, careful)) + "\n"


def _mapping_lines(draw: st.DrawFn, doc: dict, indent: int, careful: bool) -> list[str]:
    lines = []
    pad = " " * indent
    for key, value in doc.items():
        if careful and value in ({}, []):
            continue  # an empty value is refused; a careful writer leaves the key out
        if isinstance(value, dict):
            lines += [f"{pad}{key}:", *_mapping_lines(draw, value, indent + 2, careful)]
        elif isinstance(value, list) and value and (
                isinstance(value[0], dict) or draw(st.booleans())):
            lines.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = _mapping_lines(draw, item, indent + 4, careful)
                    lines += [f"{pad}  - {inner[0].lstrip()}", *inner[1:]]
                else:
                    lines.append(f"{pad}  - {_scalar(draw, item, indent + 4, careful)}")
        elif isinstance(value, list):
            items = [_UNPRINTABLE.sub("", str(item)).strip() or "Text" if careful
                     else str(item) for item in value]
            lines.append(f"{pad}{key}: [{', '.join(_quoted(item) for item in items)}]")
        else:
            lines.append(f"{pad}{key}: {_scalar(draw, value, indent + 2, careful)}")
    return lines


def _scalar(draw: st.DrawFn, value: object, indent: int, careful: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # A valid file holds no control characters, not even escaped (make check refuses them).
    text = _UNPRINTABLE.sub("", str(value)) if careful else str(value)
    if careful and not text.strip():
        text = "Text"  # an empty text is refused
    style = draw(st.sampled_from(_styles(text, careful)))
    if style == "plain":
        return text  # often broken YAML when not careful: that is the point
    if style == "block":
        pad = " " * indent
        return "|\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return _quoted(text)


def _styles(text: str, careful: bool) -> tuple[str, ...]:
    """The styles to choose from for ``text``; double quotes can hold any text."""
    if _UNPRINTABLE.search(text):
        return ("quoted",)  # only escaped, as a contributor could not type them
    if careful and _TYPED.match(text):
        return ("quoted", "single")
    if _KEYWORD.match(text):
        return ("quoted", "plain", "single")
    styles = ["quoted", "quoted"]
    if "\n" not in text:
        styles.append("single")
        if not careful or _PLAIN_SAFE.match(text):
            styles.append("plain")
    if text.strip() and (not careful or not text[0].isspace()):
        styles.append("block")
    return tuple(styles)


# What YAML and the loader refuse raw (C0/C1 controls, surrogates, non-characters, the
# Unicode line separators) and what a plain scalar cannot hold without a parse error.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
                          "\ud800-\udfff\ufeff\ufffe\uffff]")
_PLAIN_SAFE = re.compile(r"^(?![-?:,\[\]{}#&*!|>'\"%@`\s])(?!.*(: | #|:$))[^\n]*\S$")
_KEYWORD = re.compile(r"^\w[\w:./@#?&=%+-]*$")  # slugs, dates, URLs: no block style
# Plain scalars YAML reads as something other than text (null, booleans, numbers).
_TYPED = re.compile(r"^(~|null|true|false|[-+]?[0-9.]+([eE][-+]?[0-9]+)?|0x.*|0o.*)$",
                    re.IGNORECASE)


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text`` (escapes included)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif 0xD800 <= code <= 0xDFFF or code in (0xFEFF, 0xFFFE, 0xFFFF) or \
                unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# Corruptions -----------------------------------------------------------------------------

BILLION_LAUGHS = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                  "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n")


@st.composite
def corrupted(draw: st.DrawFn, text: str) -> bytes:
    """The file's bytes, perhaps broken the way editors, copy-paste and attackers break it."""
    result = draw(st.sampled_from(CORRUPTIONS))(draw, text)
    return result if isinstance(result, bytes) else _encode(result)


def _at(draw: st.DrawFn, text: str, insert: str) -> str:
    position = draw(st.integers(0, len(text)))
    return text[:position] + insert + text[position:]


def _line_op(draw: st.DrawFn, text: str, change) -> str:
    lines = text.split("\n")
    index = draw(st.integers(0, max(len(lines) - 2, 0)))
    lines[index:index + 1] = change(lines[index])
    return "\n".join(lines)


def _encode(text: str) -> bytes:
    """UTF-8, with lone surrogates written as the (invalid) bytes an editor might save."""
    return text.encode("utf-8", "surrogatepass")


CORRUPTIONS = (
    lambda draw, text: text,
    lambda draw, text: text,
    lambda draw, text: text,
    lambda draw, text: _line_op(draw, text, lambda line: ["\t" + line]),  # tab indentation
    lambda draw, text: _line_op(draw, text, lambda line: [line, line]),  # duplicate key
    lambda draw, text: text + BILLION_LAUGHS,
    lambda draw, text: text + "extra: &x {a: 1}\nnoch: *x\n",
    lambda draw, text: "\ufeff" + text.replace("\n", "\r\n"),
    lambda draw, text: _at(draw, text, "\ufeff"),  # a BOM in the middle
    lambda draw, text: _at(draw, text, draw(st.sampled_from(SPECIAL_CHARS))),
    lambda draw, text: _at(draw, text, "\x00\x00"),
    lambda draw, text: _at(draw, text, "\r"),
    lambda draw, text: text[:draw(st.integers(0, len(text)))],  # truncated
    lambda draw, text: _bytes_at(draw, _encode(text), draw(st.sampled_from(
        (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe9t\xe9", b"\xf4\x90\x80\x80")))),
    lambda draw, text: (text + "tief: " + "[" * draw(st.integers(15, 3000))
                        + "]" * draw(st.integers(0, 3000)) + "\n"),
    lambda draw, text: text + "tief:\n" + "".join(
        " " * (2 * n) + f"k{n}:\n" for n in range(draw(st.integers(15, 60)))),
    lambda draw, text: text + "lang: " + "x" * draw(st.integers(9_990, 20_000)) + "\n",
    lambda draw, text: text + "---\nzweites: Dokument\n",
    lambda draw, text: text * draw(st.integers(1, 3)),
    lambda draw, text: "# Kommentar\n" * 90_000 + text,  # more than 1 MB
)


def _bytes_at(draw: st.DrawFn, data: bytes, insert: bytes) -> bytes:
    position = draw(st.integers(0, len(data)))
    return data[:position] + insert + data[position:]


# Files -----------------------------------------------------------------------------------

def file_name(kind_slug: str, suffix: str) -> st.SearchStrategy[str]:
    """Mostly a valid file name; sometimes one the slug rule refuses."""
    return st.one_of(st.just(kind_slug), st.just(kind_slug), st.sampled_from(
        ("Gro\u00df", "mit leerzeichen", "a--b", "-vorn", "\u00fcber", "x.y", "_", "1"))
    ).map(lambda stem: stem + suffix)


@st.composite
def event_file(draw: st.DrawFn, *, broken: bool = True, with_profile: bool = False
               ) -> GeneratedFile:
    """data/events/<name>.yaml."""
    return _yaml_file(draw, "data/events", "fuzz-termin",
                      draw(event_document(with_profile=with_profile)), broken)


@st.composite
def profile_file(draw: st.DrawFn, *, broken: bool = True) -> GeneratedFile:
    """data/rebels/<name>.yaml (a valid set names it PROFILE_SLUG)."""
    return _yaml_file(draw, "data/rebels", PROFILE_SLUG, draw(profile_document()), broken)


@st.composite
def project_file(draw: st.DrawFn, *, broken: bool = True, with_profile: bool = False
                 ) -> GeneratedFile:
    """data/projects/<name>.yaml."""
    return _yaml_file(draw, "data/projects", "fuzz-vorhaben",
                      draw(project_document(with_profile=with_profile)), broken)


@st.composite
def post_file(draw: st.DrawFn, *, broken: bool = True) -> GeneratedFile:
    """content/blog/<name>.md."""
    text = draw(post_text(long_lines=broken))
    data = draw(corrupted(text)) if broken else _encode(text)
    name = draw(file_name("fuzz-beitrag", ".md")) if broken else "fuzz-beitrag.md"
    return GeneratedFile(f"content/blog/{name}", data)


@st.composite
def comment_file(draw: st.DrawFn, *, broken: bool = True) -> GeneratedFile:
    """data/comments/<post>/<YYYY-MM-DD>-1.yaml on COMMENTED_POST (see COMMENTED_POST_FILE)."""
    doc = draw(comment_document())
    return _yaml_file(draw, f"data/comments/{COMMENTED_POST}", f"{doc['consent']}-1", doc,
                      broken)


def _yaml_file(draw: st.DrawFn, folder: str, slug: str, doc: dict, broken: bool
               ) -> GeneratedFile:
    text = yaml_text(draw, doc, careful=not broken)
    if not broken:
        return GeneratedFile(f"{folder}/{slug}.yaml", _encode(text))
    name = draw(file_name(slug, draw(st.sampled_from((".yaml", ".yaml", ".yml")))))
    return GeneratedFile(f"{folder}/{name}", draw(corrupted(text)))


KINDS = {"event": event_file, "profile": profile_file, "project": project_file,
         "post": post_file, "comment": comment_file}


def content_file(*, broken: bool = True) -> st.SearchStrategy[GeneratedFile]:
    """One file of any kind, perhaps broken."""
    return st.one_of([kind(broken=broken) for kind in KINDS.values()])


@st.composite
def content_set(draw: st.DrawFn) -> list[GeneratedFile]:
    """One to four files (at most one per kind), unbroken; events and projects may name the
    generated profile as host or person."""
    kinds = draw(st.lists(st.sampled_from(tuple(KINDS)), min_size=1, max_size=4, unique=True))
    with_profile = "profile" in kinds
    files = []
    for kind in kinds:
        options = {"with_profile": with_profile} if kind in ("event", "project") else {}
        files.append(draw(KINDS[kind](broken=False, **options)))
    if "comment" in kinds:  # a comment needs its post
        files.append(COMMENTED_POST_FILE)
    return files


def as_json(files: list[GeneratedFile]) -> str:
    """The files as a JSON object (path -> text), for a failure message."""
    return json.dumps({file.path: file.text for file in files}, ensure_ascii=True, indent=1)
