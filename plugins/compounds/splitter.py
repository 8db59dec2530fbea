"""Split German compounds into parts worth indexing as hidden search terms (Pagefind has no infix match).

CharSplit (PyPI ``split-words``, MIT; its n-gram model ships in the wheel) finds the most likely
body|head split of a word. We apply it again to the body and keep a split only when its score and
part lengths pass ``Settings``; the defaults were chosen with scripts/eval_compounds.py on
tests/search/compounds.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from split_words import Splitter


@dataclass(frozen=True)
class Settings:
    """When a CharSplit split is kept: minimal score, part lengths, and whether heads split again."""

    threshold: float = 0.4
    min_body: int = 4
    min_head: int = 3
    recurse_head: bool = False


DEFAULT = Settings()
# Capitalised words of at least this length: "Raumnot" is the shortest compound we want.
MIN_WORD = 7
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# CharSplit's own linking-s rule (cut_off_fugen_s): Arbeits -> Arbeit, Verwaltungs -> Verwaltung.
LINKING_S = ("ts", "gs", "ks", "hls", "ns")

_charsplit = Splitter()


def segment(word: str, settings: Settings = DEFAULT) -> list[str]:
    """Split a word into its surface parts (linking letters stay left); [word] if no split."""
    score, body, head = _charsplit.split_compound(word)[0]
    cut = len(body)
    if score <= settings.threshold or cut >= len(word):
        return [word]
    if cut < settings.min_body or len(word) - cut < settings.min_head:
        return [word]
    heads = segment(word[cut:], settings) if settings.recurse_head else [word[cut:]]
    return [*segment(word[:cut], settings), *heads]


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, ...]:
    """Parts of a capitalised compound, capitalised ("Büroflächen" -> ("Büro", "Flächen")); () if none."""
    if len(word) < MIN_WORD or not word[0].isupper() or not WORD.fullmatch(word):
        return ()
    parts = segment(word)
    if len(parts) < 2:
        return ()
    return tuple(part[0].upper() + part[1:] for part in parts)


def without_linking_s(part: str) -> str:
    """The part without a linking s ("Beteiligungs" -> "Beteiligung"), else the part itself."""
    return part[:-1] if part.endswith(LINKING_S) else part


def word_terms(word: str) -> list[str]:
    """Parts and sub-compounds of one word, each also without its linking s, longest spans last."""
    parts = compound_parts(word)
    terms = []
    for size in range(1, len(parts)):
        for start in range(len(parts) - size + 1):
            span = "".join(parts[start : start + size])
            span = span[0].upper() + span[1:].lower() if size > 1 else span
            terms.append(span)
            if start + size < len(parts):
                terms.append(without_linking_s(span))
    return terms


def hidden_terms(text: str) -> str:
    """Space-separated compound parts of all words of a text, new terms only, in order of appearance."""
    words = WORD.findall(text)
    seen = {word.lower() for word in words}
    terms = []
    for word in dict.fromkeys(words):
        for term in word_terms(word):
            if len(term) >= 3 and term.lower() not in seen:
                seen.add(term.lower())
                terms.append(term)
    return " ".join(terms)
