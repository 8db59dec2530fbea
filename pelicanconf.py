"""Pelican settings for local builds (``make html``, ``make serve``, tests).

Production builds use ``publishconf.py``, which imports everything from here.
Placeholders for operator details live in ``SITE_OPERATOR`` below: one place to fill in.
"""

import hashlib
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent
# LAB_ROOT holds content/ and data/. Tests point it at a fixture site; theme and plugins
# always come from this repository.
LAB_ROOT = Path(os.environ.get("LAB_ROOT", REPO_ROOT)).resolve()

SITENAME = "Verwaltungsrebellen-Labor"
SITESUBTITLE = "Vernetzen, ausprobieren, Erfahrungen teilen – für eine offene Verwaltung"
AUTHOR = "Redaktion Verwaltungsrebellen-Labor"

# SITEURL is what links in pages start with: empty locally (root-relative links), the
# deployed origin in publishconf.py. SITE_ABSOLUTE_URL is always absolute; canonical links,
# OpenGraph, feeds, the sitemap, JSON-LD and iCal need absolute URLs even locally.
SITEURL = ""
SITE_ABSOLUTE_URL = os.environ.get("SITE_ABSOLUTE_URL", "http://localhost:8000").rstrip("/")
# Domain part of calendar UIDs. Fixed, never derived from SITEURL: a UID must not change
# when the site moves or is built locally (RFC 5545 §3.8.4.7; ../shared/reference).
CALENDAR_UID_DOMAIN = "verwaltungsrebellen-labor.de"

PATH = str(LAB_ROOT / "content")
DATA_PATH = str(LAB_ROOT / "data")
OUTPUT_PATH = "output"
THEME = str(REPO_ROOT / "theme")
# Our plugins are subpackages of one parent package, rebellab, imported through sys.path.
# PLUGIN_PATHS stays empty on purpose: Pelican looks a dotted name's last part up directly
# in each plugin path, so a stale folder such as plugins/events/ (left behind by the move
# to rebellab/) would shadow rebellab.events.
if str(REPO_ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "plugins"))
PLUGIN_PATHS: list[str] = []
# One parent package, so that no plugin name can collide with an installed package.
# The order does not matter: rebellab.lab puts the validated lab into the shared context
# before any generator runs.
# rebellab.redirects comes last: its stubs may not take a path another page was written to.
PLUGINS = ["rebellab.sitebase", "rebellab.lab", "rebellab.forms", "rebellab.events",
           "rebellab.network", "rebellab.directory", "rebellab.library", "rebellab.search",
           "rebellab.leichtesprache", "rebellab.signlanguage", "rebellab.comments",
           "rebellab.redirects"]

TIMEZONE = "Europe/Berlin"
DEFAULT_LANG = "de"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# Blog -----------------------------------------------------------------------
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "materialien"]
# Profile photos are resized and stripped of metadata by the directory plugin; the
# originals (with their EXIF data) must not be published as they are.
STATIC_EXCLUDES = ["images/rebels"]
STATIC_CHECK_IF_MODIFIED = True
# Names that are not content, as rebellab.kernel.files.NOT_CONTENT (Pelican matches them to
# file and folder names, so "**/.*" would match nothing).
IGNORE_FILES = [".*", "_*", "README.md"]

ARTICLE_URL = "blog/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "blog/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "blog/kategorie/{slug}/"
CATEGORY_SAVE_AS = "blog/kategorie/{slug}/index.html"
TAG_URL = "blog/schlagwort/{slug}/"
TAG_SAVE_AS = "blog/schlagwort/{slug}/index.html"
AUTHOR_URL = "blog/autor/{slug}/"
AUTHOR_SAVE_AS = "blog/autor/{slug}/index.html"
CATEGORIES_SAVE_AS = "blog/kategorie/index.html"
TAGS_SAVE_AS = "blog/schlagwort/index.html"
AUTHORS_SAVE_AS = "blog/autor/index.html"
ARCHIVES_SAVE_AS = "blog/archiv/index.html"
INDEX_SAVE_AS = "blog/index.html"
INDEX_URL = "blog/"
# Texts in Leichter Sprache (content/leichte-sprache/, plugin rebellab.leichtesprache): the
# text with EASY_READ_INDEX_SLUG is the section's start page, every other one has its slug.
EASY_READ_URL = "leichte-sprache/{slug}/"
EASY_READ_SAVE_AS = "leichte-sprache/{slug}/index.html"
EASY_READ_INDEX_SLUG = "leichte-sprache"
EASY_READ_INDEX_URL = "leichte-sprache/"
EASY_READ_INDEX_SAVE_AS = "leichte-sprache/index.html"
# Videos in Deutscher Gebärdensprache (data/gebaerdensprache.yaml, plugin
# rebellab.signlanguage); the video files keep their place below content/ (STATIC_URL).
SIGN_LANGUAGE_URL = "gebaerdensprache/"
SIGN_LANGUAGE_SAVE_AS = "gebaerdensprache/index.html"
# The feedback channel (§ 12b BGG, § 10b BGG NRW): a page in content/pages/ (PAGE_URL).
BARRIER_REPORT_URL = "barriere-melden/"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# The lab's own page types, in Pelican's style: <TYPE>_URL is the link (without leading
# slash), <TYPE>_SAVE_AS the file written; single pages are formatted with their {slug}.
# Models answer url(settings)/save_as(settings), templates use the url filter
# ({{ event|url }}, {{ "TOPIC"|url(slug=key) }}); nothing else spells these paths.
# A listing's pages 2, 3, ... follow PAGINATION_PATTERNS below.
EVENT_URL = "veranstaltungen/{slug}/"
EVENT_SAVE_AS = "veranstaltungen/{slug}/index.html"
EVENT_ICS_URL = "veranstaltungen/{slug}/termin.ics"  # the one event as a calendar file
EVENT_ICS_SAVE_AS = EVENT_ICS_URL
EVENTS_URL = "veranstaltungen/"
EVENTS_SAVE_AS = "veranstaltungen/index.html"
EVENT_ARCHIVE_URL = "veranstaltungen/archiv/"
EVENT_ARCHIVE_SAVE_AS = "veranstaltungen/archiv/index.html"
EVENTS_FEED_ATOM = "feeds/veranstaltungen.atom.xml"
CALENDAR_URL = "kalender/"
CALENDAR_SAVE_AS = "kalender/index.html"
# Calendar feeds (.ics): all events, and one per format, partner and topic with events.
CALENDAR_FEED_ALL = "kalender/alle.ics"
CALENDAR_FEED_FORMAT = "kalender/format/{slug}.ics"
CALENDAR_FEED_PARTNER = "kalender/partner/{slug}.ics"
CALENDAR_FEED_TOPIC = "kalender/thema/{slug}.ics"
# The network's calendar (data/feeds.yaml, snapshots in data/external/): the listing
# shows outside events beside ours; this twin lists only the lab's own (written only when
# there are outside events). netzwerk.ics holds both.
EVENTS_LAB_ONLY_URL = "veranstaltungen/nur-labor/"
EVENTS_LAB_ONLY_SAVE_AS = "veranstaltungen/nur-labor/index.html"
CALENDAR_FEED_NETWORK = "kalender/netzwerk.ics"
# At most this many outside dates (the nearest) on the event listing and the hubs; the
# network calendar holds them all. 40 cards keep /veranstaltungen/ within its 30 KB budget.
NETWORK_LISTING_LIMIT = 40
# Embedding the lab's calendar on partner sites: one widget page per calendar feed above,
# {slug} being "alle" or axis/key as in the feed's path ("format/meetup", "thema/…").
EMBED_URL = "einbetten/"
EMBED_SAVE_AS = "einbetten/index.html"
WIDGET_URL = "widget/{slug}/"
WIDGET_SAVE_AS = "widget/{slug}/index.html"
# Pages that are not for search engines (fnmatch patterns over output paths; "*" also
# matches "/"): the widgets, which live framed on partner sites.
SITEMAP_EXCLUDE = (WIDGET_SAVE_AS.format(slug="*"),)
OPEN_DATA_URL = "daten/"
OPEN_DATA_SAVE_AS = "daten/index.html"
EVENTS_DATA_SAVE_AS = "daten/veranstaltungen.json"
PROFILES_DATA_SAVE_AS = "daten/rebellen.json"
PROFILE_URL = "rebellen/{slug}/"
PROFILE_SAVE_AS = "rebellen/{slug}/index.html"
PROFILE_PHOTO_SAVE_AS = "rebellen/{slug}/{name}"  # {name}: file name with content hash
DIRECTORY_URL = "rebellen/"
DIRECTORY_SAVE_AS = "rebellen/index.html"
DIRECTORY_TOPIC_URL = "rebellen/thema/{slug}/"
DIRECTORY_TOPIC_SAVE_AS = "rebellen/thema/{slug}/index.html"
DIRECTORY_ORGANISATION_URL = "rebellen/verwaltung/{slug}/"
DIRECTORY_ORGANISATION_SAVE_AS = "rebellen/verwaltung/{slug}/index.html"
DIRECTORY_PARTNER_URL = "rebellen/partner/{slug}/"
DIRECTORY_PARTNER_SAVE_AS = "rebellen/partner/{slug}/index.html"
METHOD_URL = "methoden/{slug}/"
METHOD_SAVE_AS = "methoden/{slug}/index.html"
METHODS_URL = "methoden/"
METHODS_SAVE_AS = "methoden/index.html"
TOPIC_URL = "themen/{slug}/"
TOPIC_SAVE_AS = "themen/{slug}/index.html"
TOPICS_URL = "themen/"
TOPICS_SAVE_AS = "themen/index.html"
PARTNER_URL = "partner/{slug}/"
PARTNER_SAVE_AS = "partner/{slug}/index.html"
PARTNERS_URL = "partner/"
PARTNERS_SAVE_AS = "partner/index.html"
PROJECT_URL = "vorhaben/{slug}/"
PROJECT_SAVE_AS = "vorhaben/{slug}/index.html"
PROJECTS_URL = "vorhaben/"
PROJECTS_SAVE_AS = "vorhaben/index.html"
PROJECTS_STATUS_URL = "vorhaben/status/{slug}/"
PROJECTS_STATUS_SAVE_AS = "vorhaben/status/{slug}/index.html"
PROJECTS_TOPIC_URL = "vorhaben/thema/{slug}/"
PROJECTS_TOPIC_SAVE_AS = "vorhaben/thema/{slug}/index.html"
# A material is a static file from content/materialien/ (STATIC_PATHS), copied as it is.
MATERIAL_URL = "materialien/{file}"
MATERIALS_URL = "materialien/"
MATERIALS_SAVE_AS = "materialien/index.html"
QUESTIONS_URL = "fragen/"
QUESTIONS_SAVE_AS = "fragen/index.html"
SEARCH_URL = "suche/"
SEARCH_SAVE_AS = "suche/index.html"
# Words of the site for "Meinten Sie …?", fetched only when a query finds nothing.
SEARCH_VOCABULARY_URL = "suche/vokabular.txt.gz"
SEARCH_VOCABULARY_SAVE_AS = SEARCH_VOCABULARY_URL
# Pagefind indexes the output when Pelican has written it (its ``finalized`` signal).
# scripts/build.py sets False and indexes after Pelican's process has ended, so the site
# model is not held while Pagefind runs (issue 15). SEARCH_INDEX = False: no index at all.
SEARCH_INDEX_IN_PELICAN = True
ABOUT_URL = "ueber/"  # a page in content/pages/ (PAGE_URL)
SITEMAP_SAVE_AS = "sitemap.xml"  # robots.txt, 404.html and index.html stay where hosts look
SITE_CSS_SAVE_AS = "theme/css/site.css"  # all stylesheets in one file (sitebase.assets)

# Main navigation (Pelican's MENUITEMS): (label, URL); a page is in the section whose
# URL starts its own.
MENUITEMS = (
    ("Blog", INDEX_URL),
    ("Veranstaltungen", EVENTS_URL),
    ("Rebell*innen", DIRECTORY_URL),
    ("Methoden", METHODS_URL),
    ("Themen", TOPICS_URL),
    ("Vorhaben", PROJECTS_URL),
    ("Materialien", MATERIALS_URL),
    ("Fragen", QUESTIONS_URL),
    ("Partner", PARTNERS_URL),
    ("Über das Labor", ABOUT_URL),
)
# Footer links to the legal pages (content/pages/, PAGE_URL).
# Pages in content/pages/ (PAGE_URL) that templates link by name.
IMPRINT_URL = "impressum/"
PRIVACY_URL = "datenschutz/"
ACCESSIBILITY_URL = "barrierefreiheit/"
SECURITY_POLICY_URL = "sicherheit/"
LEGALITEMS = (
    ("Impressum", IMPRINT_URL),
    ("Datenschutz", PRIVACY_URL),
    ("Erklärung zur Barrierefreiheit", ACCESSIBILITY_URL),
    ("Barriere melden", BARRIER_REPORT_URL),
    ("Sicherheitslücke melden", SECURITY_POLICY_URL),
)

DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None}
DEFAULT_PAGINATION = 10
# Page 2 lives in a "seite/2/" folder, never as "<slug>2": Pelican's default pattern makes
# page 2 of "autor-1" collide with a real "autor-12" (pelican#2754).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# German slugs, one table for the site, the scaffolders (scripts/new.py, issue forms) and the
# benchmark, all through rebellab.kernel.slug: umlauts and ß are transliterated (Bürger ->
# buerger), every other Latin letter loses its accent (Café -> cafe, Yılmaz -> yilmaz), and
# every run of other characters becomes one hyphen (Bürger*innen -> buerger-innen).
# Pelican runs unidecode before these substitutions unless SLUGIFY_USE_UNICODE is set, which
# would turn ü into u; so we keep Unicode and transliterate here. Pelican has already
# composed the text (NFKC) and matches ignoring case, so lowercase letters suffice.
SLUGIFY_USE_UNICODE = True


def _latin_letters_with_accents() -> list[tuple[str, str]]:
    """One substitution per base letter: every Latin letter with an accent -> the letter."""
    accented: dict[str, str] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        letter = chr(code)
        base = unicodedata.normalize("NFD", letter)[0]
        if letter.islower() and base.isascii() and base != letter and letter not in "äöü":
            accented[base] = accented.get(base, "") + letter
    return [(f"[{letters}]", base) for base, letters in sorted(accented.items())]


SLUG_REGEX_SUBSTITUTIONS = [
    ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"),
    # Letters Unicode does not decompose into a base letter and an accent.
    ("æ", "ae"), ("œ", "oe"), ("ø", "o"), ("ł", "l"), ("[đð]", "d"), ("þ", "th"),
    ("ħ", "h"), ("ŧ", "t"), ("[ıİ]", "i"),  # ı and İ would pass [a-z] when case is ignored
    *_latin_letters_with_accents(),
    (r"[\u0300-\u036f]", ""),  # accents without a composed letter (q̃)
    (r"[^a-z0-9]+", "-"),
    (r"\A-|-\Z", ""),
]


def _newest_first(article: Any) -> tuple[float, str]:  # a Pelican Article
    """Newest post first; the slug breaks ties, so that builds of one commit are identical
    (Pelican collects files in a set, whose order changes between runs)."""
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = _newest_first
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Feeds: full content, absolute URLs (FEED_DOMAIN), valid Atom and RSS.
FEED_DOMAIN = SITE_ABSOLUTE_URL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/kategorie/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# Comments (data/comments/<post-slug>/): one Atom feed per post, one for the whole site.
COMMENTS_FEED_URL = "feeds/kommentare/{slug}.atom.xml"
COMMENTS_FEED_SAVE_AS = COMMENTS_FEED_URL
COMMENTS_ALL_FEED_URL = "feeds/kommentare.atom.xml"
COMMENTS_ALL_FEED_SAVE_AS = COMMENTS_ALL_FEED_URL
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 50

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
        # Rebell*innen: a star between letters is the gender star, not emphasis.
        "rebellab.sitebase.gender_star": {},
    },
    "output_format": "html5",
}

# Everything in content/ arrives by pull request: templates escape by default, and only
# sanitised HTML (see plugins/sitebase) is marked safe.
# auto_reload off: every build makes new environments anyway, and the file checks cost time.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False}

# Pelican's reader cache: unchanged posts and pages are not parsed again (make bench: warm
# content reading 4.5 s -> 0.5 s at 2,000 posts). One cache per lab root, so fixture sites
# and the benchmark's copies never share one. Sanitising runs after the cache (sitebase).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Uncompressed: Pelican rewrites the whole cache after every build, and gzip at level 9 cost
# 0.6 CPU s of each (make bench's big lab: 31 MB instead of 2.5 MB on disk).
GZIP_CACHE = False
# The cache holds pickled objects of our plugins' classes and posts as the pinned Markdown
# rendered them; a cache written by other plugin code (an older checkout, a moved module),
# other package versions or other settings (Markdown's, GZIP_CACHE's format) must not be
# used, so its folder is named by a digest of the plugin sources, requirements.txt and this
# file.
def _cache_digest() -> str:
    digest = hashlib.sha256((REPO_ROOT / "requirements.txt").read_bytes())
    digest.update(Path(__file__).read_bytes())
    for source in sorted((REPO_ROOT / "plugins").rglob("*.py")):
        digest.update(source.relative_to(REPO_ROOT).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


CACHE_ROOT = str(LAB_ROOT / ".cache" / "pelican")
CACHE_PATH = str(Path(CACHE_ROOT) / _cache_digest())
# Besides this one, the caches of other code used last are kept (switching branches back
# and forth); older ones are removed after a successful build.
CACHES_KEPT = 2
DELETE_OUTPUT_DIRECTORY = False
# Pages, calendar and JSON files are written by this many processes forked after the site
# model is complete (rebellab.sitebase.parallel); posts missing from Pelican's content cache
# (rebellab.sitebase.prefetch), profile files and the pages for the search index are read
# by as many (rebellab.sitebase.parallel.worker_count). None is every core this process
# may use, 0 does all in this process. The output is the same bytes either way.
WRITE_WORKERS = None
# While a generator still queues its pages, a forked writer takes every this many queued
# (rebellab.sitebase.incremental); 0 waits for the generator's end.
WRITE_BATCH = 1000

# Operator details for Impressum, Datenschutz, Erklärung zur Barrierefreiheit and the
# security policy (SECURITY.md, Sicherheitslücke melden).
# Every value marked PLATZHALTER is shown on the site as a visible placeholder until the
# lab supplies the real, consented details.
SITE_OPERATOR = {
    "name": "PLATZHALTER: Trägerin oder Träger des Labors",
    "address": "PLATZHALTER: Straße Hausnummer, PLZ Ort",
    "email": "PLATZHALTER@example.org",
    "responsible": "PLATZHALTER: verantwortliche Person nach § 18 Abs. 2 MStV",
    # Who receives e-mail to EDITORIAL_EMAIL (named on the privacy page as a recipient).
    "mail_provider": "PLATZHALTER: E-Mail-Anbieter der Redaktion mit Anschrift",
    # Where vulnerabilities are reported: SECURITY.md, content/pages/sicherheit.md and
    # security.txt's Contact. The two texts repeat it; tests/foundation/test_security_policy.py
    # fails until they name the same address as this setting.
    "security_contact": "PLATZHALTER@example.org",
}
# The body to turn to when an answer on a barrier does not satisfy (Erklärung zur
# Barrierefreiheit, Barriere melden). The lab runs with NRW municipalities: BGG NRW §§ 10d, 10e.
# A federal body as operator would name the Schlichtungsstelle nach § 16 BGG instead
# (https://www.schlichtungsstelle-bgg.de/).
ACCESSIBILITY_ARBITRATION = {
    "name": "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen",
    "at": "bei der Landesbeauftragten für Menschen mit Behinderung",
    "basis": "§§ 10d und 10e BGG NRW",
    "url": "https://www.lbbp.nrw.de/ombudsstelle",
    # E-mail as IT.NRW gave it (2020): check on the page above before the launch.
    "email": "ombudsstelle-barrierefreie-it@mags.nrw.de",
}
# The editorial address: the "per E-Mail" twin of every issue form (rebellab.forms.mailforms)
# sends its subject and field template here; `make from-mail` turns the answer into a file.
# "Barriere melden" offers it as a mailto: link with a subject and a body template.
EDITORIAL_EMAIL = "PLATZHALTER@example.org"
# The issue forms (.github/ISSUE_TEMPLATE/); pages link each form and its e-mail twin
# (rebellab.forms). "Kommentar schreiben" under every post opens COMMENT_FORM.
ISSUE_FORMS_PATH = str(REPO_ROOT / ".github" / "ISSUE_TEMPLATE")
COMMENT_FORM = "kommentar.yml"
# Where new questions for "Fragen & Antworten" go (e-mail, issue form or discussion board).
QUESTIONS_ASK_URL = "https://github.com/verwaltungsrebellen/labor-website/discussions"
REPOSITORY_URL = "https://github.com/verwaltungsrebellen/labor-website"

# Content-Security-Policy of every page, written by base.html as the first <meta> after the
# charset (GitHub Pages sets no response headers; frame-ancestors, report-to and sandbox do
# not work in a <meta> and are left out). Nothing from other hosts, no inline script, no
# inline style. 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly and nothing else;
# worker-src for Pagefind's worker on /suche/; connect-src for its index fetches.
# A page type that must inline CSS (e.g. a widget embedded elsewhere) sets
# `inline_styles` in its template; base.html writes each as a <style> and adds its
# sha256 hash to style-src (see the comment at the top of base.html).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    # Sign-language videos, their posters and WebVTT captions come from the site itself.
    "media-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Other sites learn nothing from a reader's click: no path, not even our origin. Event
# pages link to registration forms, calendars, maps and online rooms; which event a reader
# looked at is theirs. Our own pages still get the referrer (same-origin).
REFERRER_POLICY = "same-origin"
# Widget pages (/widget/…) are framed by partner sites and stand alone: they load and run
# nothing; style-src lists only the hash of their one inline <style> (added at build time).
# frame-ancestors would belong here, but browsers ignore it in a <meta> (whatwg/html#523).
WIDGET_CONTENT_SECURITY_POLICY = {
    "default-src": ["'none'"],
    "style-src": [],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}

# /.well-known/security.txt (RFC 9116): Contact is SITE_OPERATOR["security_contact"],
# Policy the page with this slug, Expires the build date plus valid_days (the RFC asks for
# less than a year; the nightly build keeps it fresh).
SECURITY_TXT = {"policy_page": "sicherheit", "valid_days": 180}
