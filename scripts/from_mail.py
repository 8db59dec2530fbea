"""Turn an e-mail written from a form's mail template into the same file the form would give.

For contributors without a GitHub account: the site links every issue form's e-mail twin
(``plugins/rebellab/forms/mailforms.py``). An editor saves the answer as ``.eml`` and runs
``make from-mail FILE=nachricht.eml`` (``FILE=-`` reads the mail from the input). The form is
recognised by the subject; the text part (or the HTML part turned into text) is decoded,
unwrapped (``format=flowed``), cut at the signature or a quoted message, and its
``Label: value`` lines go through ``issue_to_yaml.apply_form`` like an issue body. A barrier
report gives no file: its issue text is printed for ``gh issue create --body-file -``.

The sender's address is never read: ``From`` can be forged, so confirm by replying before
merging, and only what the person typed into a field (a profile's contact e-mail) is written.

    python scripts/from_mail.py [--date JJJJ-MM-TT|ISO-ZEITPUNKT] [--time HH:MM] MAIL.eml
"""

from __future__ import annotations

import argparse
import email
import re
import sys
from datetime import datetime
from email.message import EmailMessage, MIMEPart
from email.policy import default
from html.parser import HTMLParser
from pathlib import Path

# The repository (for scripts.*) and the plugins (for rebellab.*) when run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rebellab.forms.mailforms import form_of_subject, read_fields
from scripts.formdata import (
    Form,
    FormError,
    form_definition,
    form_labels,
    form_path,
    issue_body,
    one_of,
)
from scripts.issue_to_yaml import (
    BERLIN,
    add_submission_options,
    apply_form,
    checked_submission_time,
    print_errors,
    report,
)

MAIL_FORMS = ("veranstaltung", "profil", "kommentar", "barriere")
REPORT_ONLY = "barriere"  # handled in the issue itself; no content file
# Where the person's own text ends: RFC 3676 §4.3 signature separator, Outlook's rule,
# quoted or forwarded messages, closing formulas and mobile footers.
_GREETING = (r"(?:mit\s+)?(?:(?:freundliche|beste|herzliche|liebe|viele|schöne|sonnige|"
             r"kollegiale|freundlichem|bestem)[nm]?\s+)?(?:grü(?:ß|ss)en?|gru(?:ß|ss))"
             r"(?:\s+aus\s+\S+)?|mfg|lg|vg|(?:best|kind|warm)\s+regards|regards|cheers")
_END_OF_TEXT = re.compile(
    rf"^(?:--\s?|_{{5,}}|-{{3,}}\s*(?:original message|ursprüngliche nachricht|"
    r"weitergeleitete nachricht|forwarded message)\s*-{3,}|(?:von|from|gesendet|sent):\s.*|"
    r"am\s.*schrieb.*:|on\s.*wrote:|sent from my\s.*|von meinem\s.*gesendet|"
    rf"gesendet von\s.*|diese (?:e-mail|nachricht)\s.*(?:vertraulich|bestimmt).*|"
    rf"(?:{_GREETING})\s*[,.!]?|(?:lg|vg|mfg)[,.]?\s.*)\s*$", re.IGNORECASE)


# -- the text of a message --------------------------------------------------------------------
def read_message(raw: bytes) -> EmailMessage:
    """Parse a message with the modern policy (decoded headers, ``get_body``)."""
    return email.message_from_bytes(raw, policy=default)


def message_text(message: EmailMessage) -> str:
    """Return the text the person wrote: plain part first, else the HTML part as text."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _content(part).replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    elif str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return own_text(text.replace("\xa0", " "))


def _content(part: MIMEPart) -> str:
    """Decode transfer encoding and charset; an unknown charset is read as UTF-8."""
    try:
        text: str = part.get_content()  # a text/plain or text/html part gives str
        return text
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True)  # bytes, or None for a multipart
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def unflow(text: str, *, delsp: bool) -> str:
    """Join ``format=flowed`` lines (RFC 3676 §4.1–4.5), keeping quote depth."""
    lines: list[str] = []
    pending, pending_depth = "", None
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        content = content[1:] if content.startswith(" ") else content  # space-stuffing
        # §4.5 and §4.3: another quote depth or the signature separator ends a paragraph.
        if pending_depth is not None and (depth != pending_depth or content == "-- "):
            lines.append(_quoted(pending, pending_depth))
            pending, pending_depth = "", None
        flowed = content.endswith(" ") and content != "-- "
        pending += content[:-1] if flowed and delsp else content
        pending_depth = depth
        if not flowed:
            lines.append(_quoted(pending, depth))
            pending, pending_depth = "", None
    if pending_depth is not None:
        lines.append(_quoted(pending, pending_depth))
    return "\n".join(lines)


def _quoted(text: str, depth: int) -> str:
    return f"{'>' * depth} {text}" if depth else text


def own_text(text: str) -> str:
    """Cut the text at the signature, a quoted or forwarded message, or the closing formula."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines) if _END_OF_TEXT.match(line.strip())),
               len(lines))
    return "\n".join(lines[:end])


class _TextParser(HTMLParser):
    """HTML to plain text: lines for blocks and ``<br>``, quotes and signatures left out."""

    BLOCKS = frozenset({"div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
                        "h6", "pre", "address", "section", "article", "header", "footer"})
    SKIPPED = frozenset({"head", "style", "script", "title", "blockquote", "template"})
    SKIPPED_CLASSES = ("gmail_quote", "gmail_signature", "moz-signature", "moz-cite-prefix",
                       "OutlookMessageHeader")
    # Outlook on the web marks its signature, and the answered mail that follows its
    # header (the rest of the message, outside that element) by these ids.
    SKIPPED_IDS = frozenset({"Signature"})
    ENDING_IDS = frozenset({"divRplyFwdMsg", "appendonsend"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # Open tags: name, whether its content is skipped, the line break it ends with.
        self.stack: list[tuple[str, bool, str]] = []
        self.link: str | None = None
        self.link_text: list[str] = []
        self.ended = False  # the person's text is over: an answered mail follows

    def skipping(self) -> bool:
        """Whether the parser is inside a quote, signature or non-content element."""
        return self.ended or any(skipped for _, skipped, _ in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, line or link."""
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        self.ended = self.ended or attributes.get("id") in self.ENDING_IDS
        # Outlook writes every line as <p class=MsoNormal> without margins: a line, no paragraph.
        boundary = "\n\n" if tag == "p" and "MsoNormal" not in classes else \
            "\n" if tag in self.BLOCKS | {"p", "li"} else ""
        if tag not in ("br", "img", "hr", "meta", "link", "input", "wbr"):
            skipped = tag in self.SKIPPED or attributes.get("id") in self.SKIPPED_IDS or \
                any(c in classes for c in self.SKIPPED_CLASSES)
            self.stack.append((tag, skipped, boundary))
        if self.skipping():
            return
        if tag in ("br", "hr"):
            self.parts.append("\n")
        elif boundary:
            self._boundary(boundary)
            self.parts.append("- " if tag == "li" else "")
        elif tag == "a" and (attributes.get("href") or "").startswith(("http://", "https://")):
            self.link, self.link_text = attributes["href"], []

    def handle_endtag(self, tag: str) -> None:
        """Close a block or link; unknown or stray end tags are ignored."""
        if tag == "a" and self.link is not None and not self.skipping():
            text = "".join(self.link_text).strip()
            self.parts.append(text if text in (self.link, "") else f"[{text}]({self.link})")
            self.link = None
        while any(open_tag == tag for open_tag, _, _ in self.stack):
            closed, _, boundary = self.stack.pop()
            if closed == tag:
                if boundary and not self.skipping():
                    self._boundary(boundary)
                break

    def handle_data(self, data: str) -> None:
        """Add text; whitespace collapses as a browser shows it, except in ``<pre>``."""
        if self.skipping():
            return
        if not any(open_tag == "pre" for open_tag, _, _ in self.stack):
            data = re.sub(r"[ \t\r\n]+", " ", data)
        (self.link_text if self.link is not None else self.parts).append(data)

    def _boundary(self, newlines: str) -> None:
        text = "".join(self.parts)
        missing = len(newlines) - (len(text) - len(text.rstrip("\n")))
        if text and missing > 0:
            self.parts.append("\n" * missing)


def html_to_text(html: str) -> str:
    """Return the visible text of an HTML mail, one line per line break or block."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# -- the form ---------------------------------------------------------------------------------
def mail_form(message: EmailMessage) -> Form:
    """Recognise the form by the subject and read its fields; raises FormError."""
    subject = str(message.get("subject", "")).strip()
    path = form_of_subject(subject, [form_path(name) for name in MAIL_FORMS])
    if path is None:
        names = one_of([form_definition(form_path(n))["name"] for n in MAIL_FORMS])
        raise FormError([f"Die E-Mail gehört zu keinem Formular: Der Betreff „{subject}“ "
                         f"beginnt nicht mit {names}. Bitte nur Antworten auf die "
                         "E-Mail-Vorlagen der Website umwandeln."])
    name = path.stem
    answers = read_fields(path, message_text(message))
    if not any(answers.values()):
        raise FormError([f"Die E-Mail „{subject}“ enthält keine ausgefüllten Felder des "
                         f"Formulars „{form_definition(path)['name']}“ (Zeilen wie "
                         f"„{next(iter(form_labels(name).values()))}: …“)."])
    return Form(name, answers, form_labels(name))


def barrier_report(form: Form) -> str:
    """Check a barrier report's required fields and return its text as an issue body."""
    for field_id in ("page", "problem"):
        form.value(field_id, required=True)
    form.fail_if_errors()
    return issue_body(form)


def mail_time(message: EmailMessage) -> datetime | None:
    """When the mail was sent (its ``Date`` header), in Europe/Berlin; None if unreadable."""
    header = message.get("date")
    moment: datetime | None = getattr(header, "datetime", None)  # a DateHeader's
    if moment is None:
        return None
    return moment.astimezone(BERLIN) if moment.tzinfo else moment.replace(tzinfo=BERLIN)


# -- command line -----------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mail", help="Die E-Mail als .eml-Datei ('-' für die Eingabe)")
    add_submission_options(parser)
    return parser.parse_args(argv)


def read_raw(name: str) -> bytes | None:
    """Read the message from a file or the input; None (after a message) if missing."""
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not name or not path.is_file():
        print(f"Die Datei „{name}“ gibt es nicht. Aufruf: make from-mail FILE=nachricht.eml "
              "(oder FILE=- für die Eingabe).", file=sys.stderr)
        return None
    return path.read_bytes()


def main(argv: list[str] | None = None) -> int:
    """Convert one e-mail; print the changed paths (or a barrier report) or the problems."""
    args = parse_args(argv)
    root = Path(args.root).resolve()
    raw = read_raw(args.mail)
    if raw is None:
        return 1
    message = read_message(raw)
    try:
        form = mail_form(message)
        if form.name == REPORT_ONLY:
            sys.stdout.write(barrier_report(form))
            return 0
        submitted = checked_submission_time(args.date, args.time, mail_time(message))
        if submitted is None:
            return 2
        action, paths = apply_form(form, root, submitted)
    except FormError as error:
        return print_errors(error)
    report(root, action, paths, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
