"""A comment on a blog post: ``data/comments/<post-slug>/<YYYY-MM-DD>-<n>.yaml``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rebellab.comments.text import safe_url
from rebellab.kernel.fields import Fields, parse_date_or_datetime

COMMENT_ID = re.compile(r"^\d{4}-\d{2}-\d{2}-[1-9][0-9]*$")
KEYS = ("name", "date", "text", "website", "reply_to", "consent", "source")
SOURCES = ("wordpress", "github", "email")
# Personal data the site never publishes or keeps (data minimisation, GDPR Art. 5(1)(c)).
NEVER_STORED = {"email": "E-Mail-Adresse", "e-mail": "E-Mail-Adresse", "mail": "E-Mail-Adresse",
                "ip": "IP-Adresse", "author_ip": "IP-Adresse"}
NAME_MAX_LENGTH = 80
TEXT_MAX_LENGTH = 10_000
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Comment:
    """One published comment; ``id`` is its file name without suffix."""

    post: str
    id: str
    name: str
    date: dt.datetime  # aware, Europe/Berlin
    text: str  # Markdown
    consent: dt.date
    website: str | None = None
    reply_to: str | None = None
    source: str | None = None
    rel: str = ""
    reply_line: int = 1  # line of reply_to, where thread problems are reported

    @property
    def website_url(self) -> str | None:
        """The website as a link target (odd characters percent-encoded)."""
        return safe_url(self.website) if self.website else None

    @property
    def anchor(self) -> str:
        """Fragment of the comment on the post's page."""
        return f"kommentar-{self.id}"

    @classmethod
    def from_mapping(cls, post: str, comment_id: str, rel: str, fields: Fields,
                     today: dt.date | None) -> Comment | None:
        """Build a comment from a file's fields; ``None`` (with problems) when invalid."""
        name = _name(fields)
        when = _datetime(fields)
        text = fields.text("text", required=True, max_length=TEXT_MAX_LENGTH)
        website = fields.url("website")
        reply_to = fields.pattern("reply_to", COMMENT_ID, "JJJJ-MM-TT-n (z. B. 2020-08-20-1), "
                                  "der Dateiname des beantworteten Kommentars ohne .yaml")
        consent = _consent(fields, today)
        source = fields.choice("source", SOURCES)
        _never_stored(fields)
        fields.finish(KEYS)
        if name is None or when is None or text is None or consent is None:
            return None
        return cls(post=post, id=comment_id, name=name, date=when, text=text, consent=consent,
                   website=website, reply_to=reply_to, source=source, rel=rel,
                   reply_line=fields.line("reply_to"))


def _never_stored(fields: Fields) -> None:
    for key in fields.data:
        if key.lower() in NEVER_STORED and fields.has(key):
            fields.error(key, f"Eine {NEVER_STORED[key.lower()]} wird nie gespeichert und nie "
                              f"veröffentlicht; bitte die Zeile '{key}' löschen.")


def _name(fields: Fields) -> str | None:
    name = fields.text("name", required=True, max_length=NAME_MAX_LENGTH)
    if name is not None and "\n" in name:
        fields.error("name", "'name' hat mehrere Zeilen; bitte nur den Namen angeben.")
        return None
    return name


def _datetime(fields: Fields) -> dt.datetime | None:
    value = fields.raw("date", required=True)
    if value is None:
        return None
    parsed = parse_date_or_datetime(value)
    if isinstance(parsed, str) or not isinstance(parsed, dt.datetime):
        detail = parsed if isinstance(parsed, str) else f"'{value}' hat keine Uhrzeit."
        fields.error("date", f"'date': {detail} Erwartet werden Datum und Uhrzeit "
                             "in Europe/Berlin: JJJJ-MM-TT HH:MM (z. B. 2020-08-21 09:14).")
        return None
    return parsed.replace(tzinfo=BERLIN)


def _consent(fields: Fields, today: dt.date | None) -> dt.date | None:
    consent = fields.date("consent", required=True)
    if consent is not None and today is not None and consent > today:
        fields.error("consent", f"'consent' ({consent}) liegt in der Zukunft; eingetragen wird "
                                "der Tag, an dem die Einwilligung gegeben wurde.")
        return None
    return consent
