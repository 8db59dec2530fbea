"""Pelican settings for local builds (``make html``, ``make serve``, tests).

Production builds use ``publishconf.py``, which imports everything from here.
Placeholders for operator details live in ``SITE_OPERATOR`` below: one place to fill in.
"""

import os
import sys
from pathlib import Path

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
           "rebellab.directory", "rebellab.library", "rebellab.search", "rebellab.comments",
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
IGNORE_FILES = ["**/.*", "**/README.md"]

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
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives"]
PAGINATED_TEMPLATES = {"index": None, "category": None, "tag": None, "author": None}
DEFAULT_PAGINATION = 10
# Page 2 lives in a "seite/2/" folder, never as "<slug>2": Pelican's default pattern makes
# page 2 of "autor-1" collide with a real "autor-12" (pelican#2754).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/seite/{number}/", "{base_name}/seite/{number}/index.html"),
)

# German slugs: transliterate umlauts instead of dropping them (Bürger -> buerger).
# Pelican runs unidecode before these substitutions unless SLUGIFY_USE_UNICODE is set, so
# we keep Unicode and transliterate here, then drop whatever is left outside a-z0-9.
SLUGIFY_USE_UNICODE = True
SLUG_REGEX_SUBSTITUTIONS = [
    ("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"),
    ("[àáâãå]", "a"), ("[èéêë]", "e"), ("[ìíîï]", "i"), ("[òóôõø]", "o"),
    ("[ùúû]", "u"), ("ç", "c"), ("ñ", "n"),
    (r"[^\w\s-]", ""),
    (r"[^a-z0-9\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]
def _newest_first(article):
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
CACHE_PATH = str(LAB_ROOT / ".cache" / "pelican")
DELETE_OUTPUT_DIRECTORY = False

# Operator details for Impressum, Datenschutz, Erklärung zur Barrierefreiheit and the
# security policy (SECURITY.md, Sicherheitslücke melden).
# Every value marked PLATZHALTER is shown on the site as a visible placeholder until the
# lab supplies the real, consented details.
SITE_OPERATOR = {
    "name": "PLATZHALTER: Trägerin oder Träger des Labors",
    "address": "PLATZHALTER: Straße Hausnummer, PLZ Ort",
    "email": "PLATZHALTER@example.org",
    "responsible": "PLATZHALTER: verantwortliche Person nach § 18 Abs. 2 MStV",
    "accessibility_contact": "PLATZHALTER@example.org",
    # Where vulnerabilities are reported: SECURITY.md, content/pages/sicherheit.md and
    # security.txt's Contact. The two texts repeat it; tests/foundation/test_security_policy.py
    # fails until they name the same address as this setting.
    "security_contact": "PLATZHALTER@example.org",
}
# The editorial address: the "per E-Mail" twin of every issue form (rebellab.forms.mailforms)
# sends its subject and field template here; `make from-mail` turns the answer into a file.
EDITORIAL_EMAIL = "PLATZHALTER@example.org"
# The issue forms (.github/ISSUE_TEMPLATE/); pages link each form and its e-mail twin
# (rebellab.forms). "Kommentar schreiben" under every post opens COMMENT_FORM.
ISSUE_FORMS_PATH = str(REPO_ROOT / ".github" / "ISSUE_TEMPLATE")
COMMENT_FORM = "kommentar.yml"
# Where new questions for "Fragen & Antworten" go (e-mail, issue form or discussion board).
QUESTIONS_URL = "https://github.com/verwaltungsrebellen/labor-website/discussions"
REPOSITORY_URL = "https://github.com/verwaltungsrebellen/labor-website"
