"""The e-mail way to report a barrier: a ``mailto:`` link with subject and body template.

The one place that spells the template. When the issue form ``barriere.yml`` becomes the
source of every form's e-mail twin (``scripts/mailforms.py``), this module is what changes.
"""

from __future__ import annotations

from urllib.parse import quote

SUBJECT = "Barriere melden"
BODY = """Welche Seite?
(Adresse oder Titel der Seite, Name des Dokuments oder Bildes)

Was ist passiert?
(Was wollten Sie tun, und was hat nicht geklappt?)

Hilfsmittel, Gerät und Browser (freiwillig):

Wie und in welcher Form sollen wir antworten?
"""


def mailto_url(address: str, subject: str = SUBJECT, body: str = BODY) -> str:
    """Return a ``mailto:`` URL (RFC 6068): subject and body percent-encoded, CRLF lines."""
    encoded = quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={encoded}"


def barrier_report_mailto(address: str) -> str:
    """Return the link that "Barriere melden" and the accessibility statement offer."""
    return mailto_url(address)
