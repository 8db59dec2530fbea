"""German compounds split into parts worth indexing as hidden terms (Pagefind matches no infixes).

CharSplit (PyPI ``split-words``, MIT; its n-gram model ships in the wheel) finds the most likely
body|head split of a word. We apply it again to the body and keep a split only when its score and
part lengths pass ``Settings``; the defaults were chosen with scripts/eval_compounds.py on
tests/search/compounds.tsv.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from split_words import Splitter, splitter

from rebellab.search import ngrams


@dataclass(frozen=True)
class Settings:
    """When a CharSplit split is kept: minimal score and part lengths; whether heads split again."""

    threshold: float = 0.2
    min_body: int = 4
    min_head: int = 3
    recurse_head: bool = False
    filter_parts: bool = True


DEFAULT = Settings()
# Capitalised words of at least this length: "Raumnot" is the shortest compound we want.
MIN_WORD = 7
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# CharSplit's own linking-s rule (cut_off_fugen_s): Arbeits -> Arbeit, Verwaltungs -> Verwaltung.
LINKING_S = ("ts", "gs", "ks", "hls", "ns")
# Prefixes and verb particles that CharSplit takes for a first word (Rück|meldung, Unter|stützung,
# Proto|typen, Soft|ware): a body that is one of them is not a part worth indexing.
NOT_BODY = frozenset({
    "ab", "an", "auf", "aus", "bei", "durch", "ein", "ent", "gegen", "hypo", "mit", "nach",
    "proto", "rück", "soft", "über", "um", "unter", "ver", "vor", "wider", "zer", "zu",
})  # fmt: skip
# Endings and function words that CharSplit takes for a last word: the gender-fair plural
# (Kolleg|innen, Rebell*innen), articles (Kalen|der, Anwesen|den), "aus" (Rath|aus), suffixes
# (Haft|ung, Änder|ungen, Berat|ende, Region|ale) and English -ing (Track|ing as Trac|King);
# found in the site's own texts by scripts/eval_compounds.py --site.
NOT_HEAD = frozenset({
    "innen", "in", "der", "den", "des", "dem", "die", "das", "aus", "ein",
    "ung", "ungen", "ende", "ale", "ales", "king",
})  # fmt: skip

_charsplit = Splitter()
# The splits of this process: kept from build to build (``remember``, ``recall``), so that a
# build whose pages hold no new word never loads CharSplit's model (1.9 s and 370 MB at the
# big lab of make bench).
_known: dict[str, tuple[str, ...]] = {}
_new: dict[str, tuple[str, ...]] = {}
# Where the model is kept as an SQLite file (``keep_model_in``, :mod:`.ngrams`), or None.
_model_copy: Path | None = None
# A process splits its first words by looking their n-grams up in the copy (2.5 ms a word),
# and loads the whole model (1.4 s) for more: at most 0.16 s spent before it would have.
LOOKUP_WORDS = 64
_looked_up = 0
# The copy opened for lookups, by process (a connection is not used across a fork); None
# where it cannot be read.
_lookups: dict[int, dict[str, ngrams.Table] | None] = {}


def release() -> None:
    """Free CharSplit's model (about 250 MB) and the splits, as in a newly started process.

    The build does not need it: pages are prepared in a forked process whose memory goes
    with it (``indexer.build_index``); tests use it to start afresh. split-words 0.1.3 loads its
    n-gram table on first use into a module global (``splitter.ngram_probs``, see
    split_words/splitter.py) and never lets it go; the next split loads it again.
    """
    global _looked_up
    forget()
    splitter.ngram_probs = None
    _looked_up = 0
    _lookups.clear()


def forget() -> None:
    """Forget the splits made or taken so far (the model stays loaded)."""
    _known.clear()
    _new.clear()


def remember(splits: dict[str, tuple[str, ...]]) -> None:
    """Take splits made earlier (by an earlier build, or another process) as known."""
    _known.update(splits)


def recall() -> dict[str, tuple[str, ...]]:
    """Return every split known to this process."""
    return dict(_known)


def take_new() -> dict[str, tuple[str, ...]]:
    """Return the splits made since the last call, and forget that they were new."""
    new = dict(_new)
    _new.clear()
    return new


def keep_model_in(folder: Path | None) -> None:
    """Let the model be kept as an SQLite file in ``folder`` (None: no copy; :mod:`.ngrams`).

    The first build that loads the model writes the copy; later builds read the model from
    it, or look up the n-grams of a few new words in it without loading the model at all.
    """
    global _model_copy
    copy = None if folder is None else folder / f"charsplit-{version('split-words')}.sqlite"
    if copy != _model_copy:
        _model_copy = copy
        _lookups.clear()


def load_model() -> None:
    """Load CharSplit's model now: from the copy, which is made first when there is none.

    Without a copy (``keep_model_in(None)``, or one that cannot be written) it loads from the
    wheel's JSON; without this call CharSplit does that on first use.
    """
    if splitter.ngram_probs is not None:
        return
    if _model_copy is not None:
        # A copy that cannot be read whole (a failed disk, a change by hand) is made anew.
        with contextlib.suppress(OSError, sqlite3.Error):
            splitter.ngram_probs = ngrams.read_copy(_model_copy)
            return
        with contextlib.suppress(OSError, sqlite3.Error):
            ngrams.write_copy(_model_copy)
            splitter.ngram_probs = ngrams.read_copy(_model_copy)
            return
    splitter.get_ngram_probs()


def _split_new(word: str) -> list[str]:
    """Split a word no split is known for: by lookups in the copy while few were, else loaded."""
    global _looked_up
    if splitter.ngram_probs is None and _looked_up < LOOKUP_WORDS:
        tables = _lookup_tables()
        if tables is not None:
            splitter.ngram_probs = tables  # what CharSplit reads the model from
            try:
                parts = segment(word)
                _looked_up += 1
                return parts
            except sqlite3.Error:  # a damaged copy: loading the model makes it anew
                _lookups[os.getpid()] = None
            finally:
                splitter.ngram_probs = None
    load_model()
    return segment(word)


def _lookup_tables() -> dict[str, ngrams.Table] | None:
    """Return this process's lookups in the copy; None without a copy that can be read."""
    pid = os.getpid()
    if pid not in _lookups:
        _lookups[pid] = None
        if _model_copy is not None:
            with contextlib.suppress(OSError, sqlite3.Error):
                _lookups[pid] = ngrams.lookups(_model_copy)
    return _lookups[pid]


def segment(word: str, settings: Settings = DEFAULT) -> list[str]:
    """Split a word into its surface parts (linking letters stay left); [word] if no split."""
    score, body, head = _charsplit.split_compound(word)[0]
    cut = len(body)
    if score <= settings.threshold or word[:cut].lower() != body.lower() or cut >= len(word):
        return [word]
    if cut < settings.min_body or len(word) - cut < settings.min_head:
        return [word]
    if settings.filter_parts and (body.lower() in NOT_BODY or head.lower() in NOT_HEAD):
        return [word]
    heads = segment(word[cut:], settings) if settings.recurse_head else [word[cut:]]
    return [*segment(word[:cut], settings), *heads]


def _candidate(word: str) -> bool:
    """Whether a word may be a compound worth splitting: capitalised, long, letters only."""
    return len(word) >= MIN_WORD and word[0].isupper() and WORD.fullmatch(word) is not None


def unsplit(words: Iterable[str]) -> set[str]:
    """Return the words ``compound_parts`` would split with CharSplit (no split known yet)."""
    return {word for word in words if word not in _known and _candidate(word)}


def compound_parts(word: str) -> tuple[str, ...]:
    """Return the capitalised parts of a compound ("Büroflächen" -> ("Büro", "Flächen")), or ()."""
    if not _candidate(word):
        return ()
    known = _known.get(word)
    if known is None:
        parts = _split_new(word)
        known = tuple(part[0].upper() + part[1:] for part in parts) if len(parts) > 1 else ()
        _known[word] = _new[word] = known
    return known


def without_linking_s(part: str) -> str:
    """Drop a linking s ("Beteiligungs" -> "Beteiligung"); other parts stay as they are."""
    return part[:-1] if part.endswith(LINKING_S) else part


def capitalised(parts: tuple[str, ...]) -> str:
    """Join parts into one noun: ("Beteiligungs", "Verfahren") -> "Beteiligungsverfahren"."""
    return parts[0] + "".join(part.lower() for part in parts[1:])


def word_terms(word: str) -> list[str]:
    """Return the parts and sub-compounds of a word; those before its end lose their linking s."""
    parts = compound_parts(word)
    terms = []
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            if end - start == len(parts):
                continue
            span = capitalised(parts[start:end])
            terms.append(span if end == len(parts) else without_linking_s(span))
    return terms


def hidden_terms(text: str) -> str:
    """Return the compound parts of a text's words not already in it, space-separated, in order."""
    words = WORD.findall(text)
    seen = {word.lower() for word in words}
    terms = []
    for word in dict.fromkeys(words):
        for term in word_terms(word):
            if len(term) >= 3 and term.lower() not in seen:
                seen.add(term.lower())
                terms.append(term)
    return " ".join(terms)
