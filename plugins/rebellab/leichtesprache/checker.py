"""Leichte-Sprache checker for Markdown texts: pure functions, standard library only.

The rules follow BITV 2.0 Anlage 2 Teil 2 and the Netzwerk Leichte Sprache (see
../shared/reference/public-sector-duties.md, section 4). A checker cannot replace the check
by readers with learning difficulties; it only finds what a pattern can find.

What is checked: the text a reader sees, with line numbers of the source file kept.
What is not checked: Markdown syntax, the metadata block (except the values of Title and
Summary, which readers see), HTML comments and tags, code, link targets, URLs, e-mail
addresses, and words in quotes („…“, "…", »…«, ‚…‘).

Names (rule ``wortlaenge`` only): a word counts as a name, and is not measured, when
- it is in ``exceptions`` (entries may hold several words: "Impact Hub Ruhr"), or
- it has a capital letter or digit after its first letter (GitHub, BürgerRatHaus), or
- it stands in the text of a link to another website (``[Landes-Beauftragte](https://…)``):
  such a link names another body, whose spelling we do not choose.
Other long proper names go into the exceptions list.

Waiver: ``<!-- ls: <rule> – <reason> -->`` on the line a finding is reported for: the line of
the word, for ``satzlaenge`` the first line of the sentence, for ``passiv`` the line of the
form of "werden". Several rules may be named, separated by commas. A waiver without a reason
waives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

RULES = ("satzlaenge", "wortlaenge", "abkuerzung", "verneinung", "konjunktiv", "passiv",
         "sternchen", "ziffern", "sonderzeichen", "kursiv")
MAX_WORDS = 15
MAX_LETTERS = 12

# Characters put into the working copy of the text; it keeps the length of the source, so
# that an offset gives the source line.
BREAK = "\x02"  # a hard boundary: heading, list item, table cell, metadata value
OPAQUE = "\x01"  # URL, e-mail address, code: one word, never checked as a word


@dataclass(frozen=True)
class Finding:
    """One rule violation at a source line; ``waived`` when the line carries a waiver."""

    line: int
    rule: str
    message: str
    waived: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class _Text:
    """The cleaned working copy, the source line starts and the protected spans."""

    plain: str
    line_starts: tuple[int, ...]
    protected: tuple[tuple[int, int], ...]  # quotes: counted as words, never checked
    foreign_links: tuple[tuple[int, int], ...]  # link texts to other websites: names

    def line_of(self, offset: int) -> int:
        """Return the 1-based source line of an offset."""
        low, high = 0, len(self.line_starts)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if self.line_starts[middle] <= offset else (low, middle)
        return low + 1

    def is_protected(self, offset: int) -> bool:
        """Whether an offset lies inside quotes."""
        return any(start <= offset < end for start, end in self.protected)

    def in_foreign_link(self, offset: int) -> bool:
        """Whether an offset lies in the text of a link to another website."""
        return any(start <= offset < end for start, end in self.foreign_links)


def check_text(text: str, exceptions: frozenset[str] = frozenset()) -> list[Finding]:
    """All findings for one Markdown text, in source order, waived ones marked."""
    names = frozenset(word for entry in exceptions for word in entry.split())
    waivers = _waivers(text)
    findings: list[tuple[int, int, Finding]] = []
    cleaned, emphasis = _clean(text)
    for offset, rule, message in [*emphasis, *_rule_findings(cleaned, names)]:
        line = cleaned.line_of(offset)
        reason = waivers.get((line, rule))
        finding = Finding(line, rule, message, reason is not None, reason)
        findings.append((offset, RULES.index(rule), finding))
    return [finding for _, _, finding in sorted(findings, key=lambda item: item[:2])]


def format_finding(path: str, finding: Finding) -> str:
    """One report line: ``path:line: [LS-rule] message`` (waived: with its reason)."""
    line = f"{path}:{finding.line}: [LS-{finding.rule}] {finding.message}"
    return f"{line} (ausgenommen: {finding.reason})" if finding.waived else line


def read_exceptions(text: str) -> frozenset[str]:
    """Exceptions from a list file: one name per line, ``#`` starts a comment."""
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(entry for entry in entries if entry)


# -- waivers -------------------------------------------------------------------------------
_WAIVER = re.compile(r"<!--\s*ls:\s*([a-z,\s]+?)\s+[–—-]+\s+(.*?)\s*-->")


def _waivers(text: str) -> dict[tuple[int, str], str]:
    """(line, rule) -> reason, for every waiver comment with a reason."""
    waived: dict[tuple[int, str], str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _WAIVER.finditer(line):
            reason = match.group(2).strip()
            for rule in re.split(r"[,\s]+", match.group(1).strip()):
                if rule in RULES and reason:
                    waived[(number, rule)] = reason
    return waived


# -- cleaning: Markdown to the text a reader sees, same length ------------------------------
_METADATA = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?:\s|$)")
_READER_METADATA = ("title", "summary")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^(\s{0,3}#{1,6})(\s|$)")
_RULE_LINE = re.compile(r"^\s{0,3}([-=*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)")
_QUOTE_MARK = re.compile(r"^(\s*>)+\s?")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")


def _clean(text: str) -> tuple[_Text, list[tuple[int, str, str]]]:
    """Return the working copy of ``text`` and the ``kursiv`` findings met on the way."""
    text = text.replace(BREAK, " ").replace(OPAQUE, " ")  # the markers are ours alone
    chars = list(text)
    _blank_spans(chars, text, re.compile(r"<!--.*?-->", re.S))
    starts = _line_starts(text)
    lines = text.split("\n")
    body = _blank_metadata(chars, lines, starts)
    _mark_blocks(chars, lines, starts, body)
    plain = "".join(chars)
    plain, emphasis = _clean_inline(plain)
    foreign = tuple(_foreign_link_texts(text))
    protected = tuple((m.start(), m.end()) for m in _QUOTED.finditer(plain))
    return _Text(plain, starts, protected, foreign), emphasis


def _line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each source line starts."""
    return (0, *(match.end() for match in re.finditer("\n", text)))


def _blank(chars: list[str], start: int, end: int, fill: str = " ") -> None:
    """Overwrite a span, keeping line breaks (their offsets give line numbers)."""
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = fill


def _blank_spans(chars: list[str], text: str, pattern: re.Pattern[str]) -> None:
    """Blank every match of ``pattern``."""
    for match in pattern.finditer(text):
        _blank(chars, match.start(), match.end())


def _blank_metadata(chars: list[str], lines: list[str], starts: tuple[int, ...]) -> int:
    """Blank Pelican's metadata block; keep Title and Summary values as text units."""
    if not lines or not _METADATA.match(lines[0]):
        return 0
    index, keep = 0, False
    while index < len(lines) and lines[index].strip():
        line, start = lines[index], starts[index]
        key = _METADATA.match(line)
        if key:
            keep = key.group(1).lower() in _READER_METADATA
            _blank(chars, start, start + key.end())
            chars[start] = BREAK
        elif not line[:1].isspace():
            break
        if not keep:
            _blank(chars, start, start + len(line))
        index += 1
    return index


def _mark_blocks(chars: list[str], lines: list[str], starts: tuple[int, ...],
                 first: int) -> None:
    """Blank block syntax and put a hard break where a unit starts."""
    fenced = False
    for index in range(first, len(lines)):
        line, start = lines[index], starts[index]
        if _FENCE.match(line) or fenced:
            fenced = fenced != bool(_FENCE.match(line))
            _blank(chars, start, start + len(line))
            if line:
                chars[start] = BREAK
            continue
        _mark_line(chars, line, start, lines[index + 1] if index + 1 < len(lines) else "")


def _mark_line(chars: list[str], line: str, start: int, following: str) -> None:
    """Block syntax of one line: headings, rules, lists, quotes, tables, definitions."""
    end = start + len(line)
    if _RULE_LINE.match(line) or (_TABLE_DELIMITER.match(line) and "|" in line) \
            or _LINK_DEFINITION.match(line):
        _blank(chars, start, end)
        chars[start] = BREAK
        return
    quote = _QUOTE_MARK.match(line)
    offset = quote.end() if quote else 0
    if quote:
        _blank(chars, start, start + offset)
    rest = line[offset:]
    heading = _ATX.match(rest)
    item = _LIST.match(rest)
    if heading or (rest.strip() and _RULE_LINE.match(following)
                   and following.strip()[0] in "=-"):
        _blank(chars, start + offset, start + offset + (heading.end() if heading else 0))
        chars[start + offset] = BREAK
        if end < len(chars):
            chars[end] = BREAK
    elif item:
        _blank(chars, start + offset, start + offset + item.end())
        chars[start + offset] = BREAK
    if rest.lstrip().startswith("|") or rest.rstrip().endswith("|"):
        for column, char in enumerate(rest):
            if char == "|":
                chars[start + offset + column] = BREAK


# Inline syntax. Each substitution keeps the length of the text.
_CODE = re.compile(r"`+[^`]*?`+")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+|[^>\s@]+@[^>\s]+)>")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'“”]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ITALIC_TAG = re.compile(r"<(em|i)>(.*?)</\1>", re.S)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINK = re.compile(r"(!?\[)([^\]\n]*(?:\n[^\]\n]*)?)"
                   r"(\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\])")
_STRONG_EMPHASIS = re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1", re.S)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPHASIS = re.compile(r"(?<![\w*])(\*|_)(?![\s*_])(.+?)(?<![\s*_])\1(?![\w*])", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_QUOTED = re.compile(r"„[^“”\"\n]*(?:\n[^“”\"\n]*)?[“”\"]|\"[^\"\n]+\"|“[^”\n]+”"
                     r"|»[^«\n]+«|«[^»\n]+»|‚[^‘’\n]+[‘’]")


def _clean_inline(plain: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Blank inline Markdown and HTML; report italic emphasis on the way."""
    chars = list(plain)
    for pattern in (_CODE, _AUTOLINK, _URL, _EMAIL, _ENTITY):
        for match in pattern.finditer("".join(chars)):
            _blank(chars, match.start(), match.end(), OPAQUE)
    emphasis = []
    for match in _ITALIC_TAG.finditer("".join(chars)):
        emphasis.append((match.start(), "kursiv", _italic_message(match.group(2))))
    _blank_spans(chars, "".join(chars), _TAG)
    for match in _LINK.finditer("".join(chars)):
        _blank(chars, match.start(1), match.end(1))
        _blank(chars, match.start(3), match.end(3))
    for match in _ESCAPE.finditer("".join(chars)):
        chars[match.start()] = " "
    for match in _STRONG_EMPHASIS.finditer("".join(chars)):
        emphasis.append((match.start(), "kursiv", _italic_message(match.group(2))))
        _blank(chars, match.start(), match.start(2))
        _blank(chars, match.end(2), match.end())
    for match in _STRONG.finditer("".join(chars)):
        _blank(chars, match.start(), match.start(2))
        _blank(chars, match.end(2), match.end())
    for match in _EMPHASIS.finditer("".join(chars)):
        emphasis.append((match.start(), "kursiv", _italic_message(match.group(2))))
        _blank(chars, match.start(), match.start(2))
        _blank(chars, match.end(2), match.end())
    return "".join(chars), emphasis


def _foreign_link_texts(text: str) -> Iterator[tuple[int, int]]:
    """Spans of link texts whose target is another website."""
    for match in _LINK.finditer(text):
        if (match.group(4) or "").startswith(("http://", "https://")):
            yield match.start(2), match.end(2)


def _italic_message(content: str) -> str:
    """Message for italic emphasis."""
    words = " ".join(content.split())
    return (f"Kursive Hervorhebung „{words}“: kursive Schrift ist schwer zu lesen. "
            "Heben Sie wichtige Wörter fett hervor (**Wort**).")


# -- units and sentences --------------------------------------------------------------------
_SENTENCE_END = re.compile(r"[.!?…]+[\"“”»«‘’)]*(?=\s|$|" + BREAK + ")")
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember")
_WORDY = re.compile(r"[\w" + OPAQUE + "]")


def _units(cleaned: _Text) -> Iterator[tuple[int, int]]:
    """Spans of units: paragraphs, headings, list items, table cells, metadata values."""
    for match in re.finditer(r"[^" + BREAK + r"]+", cleaned.plain):
        start = match.start()
        for part in re.split(r"(\n[ \t]*\n)", match.group(0)):
            if part.strip():
                yield start, start + len(part)
            start += len(part)


def _sentences(cleaned: _Text, unit: tuple[int, int],
               stops: frozenset[int]) -> Iterator[tuple[int, int]]:
    """Spans of sentences in one unit; ``stops`` are full stops of abbreviations."""
    start, end = unit
    position = start
    for match in _SENTENCE_END.finditer(cleaned.plain, start, end):
        if match.start() in stops or cleaned.is_protected(match.start()) \
                or _ordinal(cleaned.plain, match, end):
            continue
        yield position, match.end()
        position = match.end()
    if cleaned.plain[position:end].strip():
        yield position, end


def _ordinal(plain: str, match: re.Match[str], end: int) -> bool:
    """Whether the full stop belongs to a number ("15. September", "3. Etage")."""
    if match.group(0) != "." or not plain[match.start() - 1:match.start()].isdigit():
        return False
    following = re.match(r"\s*(\S+)", plain[match.end():end])
    if not following:
        return False
    word = following.group(1)
    return word.startswith(_MONTHS) or word[:1].islower() or word[:1].isdigit()


_TOKEN = re.compile(r"[^\s" + BREAK + r"]+")


def _words(plain: str, span: tuple[int, int]) -> list[re.Match[str]]:
    """Word-like tokens of a span (a hyphenated compound is one word)."""
    return [m for m in _TOKEN.finditer(plain, *span) if _WORDY.search(m.group(0))]


# -- rules ----------------------------------------------------------------------------------
def _rule_findings(cleaned: _Text, names: frozenset[str]) -> Iterator[tuple[int, str, str]]:
    """Every finding of the rules other than ``kursiv``, as (offset, rule, message)."""
    for unit in _units(cleaned):
        yield from _abbreviations(cleaned, unit)
        for sentence in _sentences(cleaned, unit, _abbreviation_stops(cleaned, unit)):
            yield from _sentence_findings(cleaned, sentence, names)


def _sentence_findings(cleaned: _Text, sentence: tuple[int, int],
                       names: frozenset[str]) -> Iterator[tuple[int, str, str]]:
    """Yield the findings of one sentence."""
    words = _words(cleaned.plain, sentence)
    if not words:
        return
    if len(words) > MAX_WORDS:
        yield words[0].start(), "satzlaenge", (
            f"Satz mit {len(words)} Wörtern (höchstens {MAX_WORDS}): teilen Sie ihn in "
            "kurze Sätze mit je einer Aussage.")
    checked = [m for m in words if not cleaned.is_protected(m.start())]
    yield from _special_characters(cleaned, sentence)
    yield from _passive(checked)
    for position, match in enumerate(checked):
        yield from _word_findings(cleaned, match, position == 0 and match == words[0], names)


_TOKEN_WORD = re.compile(r"[^\W_]+(?:[*:_][^\W\d_]+)?(?:[-‐‑·∙/][^\W_]+(?:[*:_][^\W\d_]+)?)*")


def _word_findings(cleaned: _Text, token: re.Match[str], first: bool,
                   names: frozenset[str]) -> Iterator[tuple[int, str, str]]:
    """Yield the findings of the words in one token."""
    for word in _TOKEN_WORD.finditer(token.group(0)):
        offset = token.start() + word.start()
        text = word.group(0)
        # Number words are lower case; capitalised inside a sentence they are nouns
        # ("außer Acht lassen", "die Elf").
        number = text.lower() if first and word.start() == 0 else text
        yield from _gender_mark(offset, text)
        yield from _long_word(cleaned, offset, text, names)
        if text.lower() in _NEGATIONS:
            yield offset, "verneinung", _negation_message(text)
        if text.lower() in _SUBJUNCTIVES:
            yield offset, "konjunktiv", _subjunctive_message(text)
        if number in _NUMBER_WORDS:
            yield offset, "ziffern", (
                f"Zahl als Wort „{text}“: schreiben Sie die Zahl als Ziffer "
                f"({_NUMBER_WORDS[number]}).")


def _long_word(cleaned: _Text, offset: int, text: str,
               names: frozenset[str]) -> Iterator[tuple[int, str, str]]:
    """Parts of more than 12 letters between hyphens or Mediopunkte, names excepted."""
    if text in names or cleaned.in_foreign_link(offset):
        return
    for part in re.split(r"[-‐‑·∙/]", text):
        letters = sum(char.isalpha() for char in part)
        if letters > MAX_LETTERS and part not in names and not _looks_like_name(part):
            yield offset, "wortlaenge", (
                f"Langes Wort „{part}“ ({letters} Buchstaben): trennen Sie das "
                "zusammengesetzte Wort mit Binde-Strich oder Mediopunkt (Bürger-Meister, "
                "Bürger·Meister) oder nehmen Sie ein kürzeres Wort.")


def _looks_like_name(word: str) -> bool:
    """Tell a brand or name by a capital letter or digit after the first letter (GitHub)."""
    return any(char.isupper() or char.isdigit() for char in word[1:])


_GENDER = re.compile(r"(?<=[^\W\d_])[*:_](?:innen|in|r|n|e|m)\b", re.I)


def _gender_mark(offset: int, text: str) -> Iterator[tuple[int, str, str]]:
    """Gender star, colon or underscore inside a word."""
    if _GENDER.search(text):
        yield offset, "sternchen", (
            f"Gender-Zeichen in „{text}“: schreiben Sie beide Formen aus "
            "(zum Beispiel „Bürgerinnen und Bürger“).")


_ABBREVIATIONS = {
    r"z\.\s?B\.": "zum Beispiel", r"bzw\.": "oder", r"usw\.": "und so weiter",
    r"d\.\s?h\.": "das heißt", r"ca\.": "ungefähr", r"ggf\.": "wenn nötig",
    r"u\.\s?a\.": "zum Beispiel", r"evtl\.": "vielleicht", r"inkl\.": "mit",
    r"etc\.": "und so weiter", r"Nr\.": "Nummer",
}
_ABBREVIATION = re.compile(r"(?<![\w.])(?:" + "|".join(_ABBREVIATIONS) + ")", re.I)


def _abbreviations(cleaned: _Text, span: tuple[int, int]) -> Iterator[tuple[int, str, str]]:
    """Abbreviations from the list, with the words to write instead."""
    for match in _ABBREVIATION.finditer(cleaned.plain, *span):
        if cleaned.is_protected(match.start()):
            continue
        found = " ".join(match.group(0).split())
        full = next(word for key, word in _ABBREVIATIONS.items()
                    if re.fullmatch(key, match.group(0), re.I))
        yield match.start(), "abkuerzung", (
            f"Abkürzung „{found}“: schreiben Sie das Wort aus, zum Beispiel „{full}“.")


_SPECIAL = {
    "%": "schreiben Sie „Prozent“ aus oder sagen Sie es mit Wörtern wie „viele“ oder „die "
         "Hälfte“.",
    "&": "schreiben Sie „und“.",
    "§": "schreiben Sie „Paragraf“ aus oder erklären Sie, was die Regel sagt.",
    ";": "machen Sie aus jedem Teil einen eigenen Satz mit Punkt.",
}


def _abbreviation_stops(cleaned: _Text, unit: tuple[int, int]) -> frozenset[int]:
    """Offsets of the full stops inside abbreviations: they end no sentence."""
    return frozenset(match.start() + index
                     for match in _ABBREVIATION.finditer(cleaned.plain, *unit)
                     for index, char in enumerate(match.group(0)) if char == ".")


_SPECIAL_CHARACTER = re.compile(r"[%&§;]")


def _special_characters(cleaned: _Text, span: tuple[int, int]) -> Iterator[tuple[int, str, str]]:
    """Yield special characters in running text."""
    for match in _SPECIAL_CHARACTER.finditer(cleaned.plain, *span):
        if not cleaned.is_protected(match.start()):
            yield match.start(), "sonderzeichen", (
                f"Sonderzeichen „{match.group(0)}“: {_SPECIAL[match.group(0)]}")


_NEGATIONS = frozenset({
    "nicht", "nichts", "nie", "niemals", "niemand", "niemanden", "niemandem", "niemands",
    "kein", "keine", "keinen", "keinem", "keiner", "keines", "keins"})


def _negation_message(word: str) -> str:
    """Message for a negation."""
    return (f"Verneinung „{word}“: sagen Sie es positiv (zum Beispiel „Das ist verboten.“ "
            "statt „Das ist nicht erlaubt.“). Geht es nur so, schreiben Sie das Wort fett.")


_SUBJUNCTIVES = frozenset(
    [stem + ending for stem in ("würd", "könnt", "hätt", "sollt", "müsst", "müßt", "dürft")
     for ending in ("e", "est", "en", "et")]
    + ["wäre", "wärest", "wärst", "wären", "wäret", "wärt"])


def _subjunctive_message(word: str) -> str:
    """Message for a Konjunktiv form."""
    return (f"Konjunktiv „{word}“: schreiben Sie, was gilt oder was man tun kann "
            "(zum Beispiel „Sie können“ statt „Sie könnten“).")


_UNITS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
          "neun": 9}
_TEENS = {"eins": 1, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
          "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
         "siebzig": 70, "achtzig": 80, "neunzig": 90}


def _number_words() -> dict[str, int]:
    """Map number words from 1 to 99, hundreds and thousands to their values."""
    words = {**_UNITS, **_TEENS, **_TENS, "hundert": 100, "tausend": 1000}
    for unit, value in {"ein": 1, **_UNITS}.items():
        for ten, tens in _TENS.items():
            words[f"{unit}und{ten}"] = value + tens
    for unit, value in {"ein": 1, **_UNITS}.items():
        words[f"{unit}hundert"] = value * 100
        words[f"{unit}tausend"] = value * 1000
    return words


_NUMBER_WORDS = _number_words()

# Passive: a form of "werden" and a past participle in one sentence. Participles are found
# by shape: ge-…-t/-en, prefix + ge-…-t/-en (eingeladen), be-/er-/ver-/…-t (erklärt) and
# -iert (informiert); known adjectives and infinitives of that shape are left out.
_WERDEN = frozenset({"werde", "wirst", "wird", "werden", "werdet", "wurde", "wurdest",
                     "wurden", "wurdet", "würde", "würdest", "würden", "würdet", "worden",
                     "geworden"})
_SEPARABLE = ("ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "frei", "her",
              "hin", "los", "mit", "nach", "teil", "um", "vor", "vorbei", "weg", "weiter",
              "zu", "zurück", "zusammen", "statt", "hoch", "bereit", "fort")
_INSEPARABLE = ("be", "emp", "ent", "er", "miss", "ver", "zer", "über", "unter",
                "hinter", "wider")
_GE_INFINITIVES = frozenset({
    "gehen", "geben", "gelten", "gewinnen", "genießen", "gehören", "gestalten", "gelingen",
    "gebrauchen", "gedenken", "gefallen", "geschehen", "gewöhnen", "gestehen", "gelangen",
    "gestatten", "gewähren", "geraten", "gegen", "genesen", "gedeihen", "gehorchen"})
_NOT_PARTICIPLES = frozenset({
    "gesamt", "gerecht", "bereit", "bereits", "bestimmt", "bekannt",
    "berühmt", "beliebt", "verrückt", "erst", "gelegentlich", "gewiss", "geheim", "gerade",
    "genug", "gern", "gerne", "genau", "gestern", "gemeinsam", "gesund", "gleich", "jetzt",
    "unterwegs", "vielleicht", "zuletzt", "zunächst", "zuerst", "selbst", "meist", "best"})
_PARTICIPLE = re.compile(
    r"(?P<sep>" + "|".join(_SEPARABLE) + r")?ge[^\W\d_]{2,}(?:t|en)"
    r"|(?:" + "|".join(_INSEPARABLE) + r")[^\W\d_]{3,}t"
    r"|[^\W\d_]{3,}iert")


def _passive(words: list[re.Match[str]]) -> Iterator[tuple[int, str, str]]:
    """Yield a passive: a form of "werden" and a past participle in one sentence."""
    auxiliary = next((m for m in words if m.group(0).strip(".,!?:;").lower() in _WERDEN),
                     None)
    if auxiliary is None:
        return
    for match in words:
        word = match.group(0).strip(".,!?:;()\"„“”")
        if match is not auxiliary and word.lower() not in _WERDEN and _is_participle(word):
            yield auxiliary.start(), "passiv", (
                f"Passiv („{auxiliary.group(0).strip('.,!?:;')} … {word}“): schreiben Sie, "
                "wer etwas tut (zum Beispiel „Wir prüfen die Seite.“ statt „Die Seite wird "
                "geprüft.“).")
            return


def _is_participle(word: str) -> bool:
    """Whether a lower-case word has the shape of a past participle."""
    if not word[:1].islower() or word in _NOT_PARTICIPLES:
        return False
    match = _PARTICIPLE.fullmatch(word)
    if not match:
        return False
    rest = word[len(match.group("sep") or ""):]
    return rest not in _GE_INFINITIVES
