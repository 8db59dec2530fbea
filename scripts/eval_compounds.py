"""Compare German compound splitters on tests/search/compounds.tsv (run this file).

A split point is the offset where a part begins inside the word. A predicted split point is
correct when it is in the expected set: precision = correct / predicted, recall = correct /
expected, exact = share of words whose split points equal the expected ones. ``--labels
tests/search/compounds-holdout.tsv`` scores the held-out list; ``--sweep`` tries the
post-processing settings of the chosen splitter (plugins/rebellab/search/compounds.py);
``--site`` times
its ``hidden_terms`` on the site's own texts (with ``--errors``: lists every word it splits there).

Only the chosen ``split-words`` is in requirements.txt; the others are listed as not installed
until ``pip install compound-split==1.0.2`` and ``pip install --no-deps german-nouns==1.2.5``
(its dependency wiktionary-de-parser only parses Wiktionary dumps and pins lxml<5). Ruled out
because they fetch data at run time or need a non-PyPI dictionary: noun-splitter (SECOS model
from S3), wikdict-compound (WikDict databases), compound-word-splitter (hunspell dictionary via
pyenchant); charsplit-fst is not served by the registry.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

LABELS = REPO / "tests" / "search" / "compounds.tsv"

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True)
class Score:
    """Split-point precision, recall, exact-match rate and speed of one splitter."""

    precision: float
    recall: float
    exact: float
    words_per_second: float
    errors: tuple[str, ...]


def load_labels(path: Path = LABELS) -> list[tuple[str, list[str]]]:
    """Read word and expected parts from the labelled list, skipping comments and the header."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, expected = line.split("\t")
        rows.append((word, expected.split("|")))
    return rows


def split_points(parts: Iterable[str]) -> set[int]:
    """Offsets at which the second and later parts begin."""
    points, offset = set(), 0
    for part in list(parts)[:-1]:
        offset += len(part)
        points.add(offset)
    return points


def evaluate(split: Splitter, labels: list[tuple[str, list[str]]]) -> Score:
    """Score one splitter on the labelled words (call it once before: the first call loads data)."""
    correct = predicted = expected_total = exact = 0
    errors = []
    start = time.perf_counter()
    results = [(word, expected, split(word)) for word, expected in labels]
    elapsed = time.perf_counter() - start
    for word, expected, parts in results:
        want, got = split_points(expected), split_points(parts)
        correct += len(want & got)
        predicted += len(got)
        expected_total += len(want)
        if want == got:
            exact += 1
        else:
            errors.append(f"{word}: {'|'.join(expected)} ≠ {'|'.join(parts)}")
    return Score(
        precision=correct / predicted if predicted else 1.0,
        recall=correct / expected_total,
        exact=exact / len(labels),
        words_per_second=len(labels) / elapsed,
        errors=tuple(errors),
    )


def surface_parts(word: str, lemmas: list[str]) -> list[str]:
    """Map dictionary lemmas (Pumpe, Fläche) back to the word's own letters (pumpen, flächen)."""
    lower, cuts, offset = word.lower(), [], 0
    for lemma in lemmas[1:]:
        stem = lemma.lower()
        while len(stem) > 2 and lower.find(stem, offset + 1) < 0:
            stem = stem[:-1]
        position = lower.find(stem, offset + 1)
        if position < 0:
            return [word]
        cuts.append(position)
        offset = position
    bounds = [0, *cuts, len(word)]
    return [word[a:b] for a, b in itertools.pairwise(bounds)]


def charsplit_recursive(best: Callable[[str], tuple[float, str, str]]) -> Splitter:
    """Apply a binary body|head splitter again to the body, as the library's own docs suggest."""

    def split(word: str) -> list[str]:
        score, body, _head = best(word)
        if score <= 0 or body.lower() == word.lower():
            return [word]
        return [*split(word[: len(body)]), word[len(body) :]]

    return split


def candidates() -> dict[str, Callable[[], Splitter]]:
    """Name and loader of each splitter; a loader raises ImportError when it is not installed."""

    def split_words() -> Splitter:
        from split_words import Splitter as CharSplit

        splitter = CharSplit()
        return charsplit_recursive(lambda word: tuple(splitter.split_compound(word)[0]))

    def compound_split_char() -> Splitter:
        from compound_split import char_split

        return charsplit_recursive(lambda word: char_split.split_compound(word)[0])

    def compound_split_doc() -> Splitter:
        from compound_split import doc_split

        maximal_split: Splitter = doc_split.maximal_split
        return maximal_split

    def german_nouns() -> Splitter:
        from german_nouns.lookup import Nouns

        nouns = Nouns()
        return lambda word: surface_parts(word, nouns.parse_compound(word) or [word])

    def site() -> Splitter:
        from rebellab.search.compounds import compound_parts

        return lambda word: list(compound_parts(word)) or [word]

    return {
        "split-words 0.1.3 (CharSplit, recursive on body)": split_words,
        "compound-split 1.0.2 char_split (recursive on body)": compound_split_char,
        "compound-split 1.0.2 doc_split.maximal_split": compound_split_doc,
        "german-nouns 1.2.5 parse_compound": german_nouns,
        "chosen: plugins/rebellab/search/compounds.py": site,
    }


def print_score(name: str, score: Score, show_errors: bool) -> None:
    """One line per splitter, and optionally its mistakes."""
    print(
        f"{name:55} P {score.precision:6.1%}  R {score.recall:6.1%}  "
        f"exact {score.exact:6.1%}  {score.words_per_second:9,.0f} words/s"
    )
    if show_errors:
        for error in score.errors:
            print(f"    {error}")


def sweep(labels: list[tuple[str, list[str]]]) -> None:
    """Try the post-processing settings of the chosen splitter."""
    from rebellab.search import compounds as splitter

    for threshold, min_body, min_head, recurse_head, filter_parts in itertools.product(
        (0.0, 0.2, 0.4, 0.6), (3, 4), (3, 4), (False, True), (False, True)
    ):
        settings = splitter.Settings(threshold, min_body, min_head, recurse_head, filter_parts)
        score = evaluate(functools.partial(splitter.segment, settings=settings), labels)
        print_score(str(settings)[8:], score, show_errors=False)


def site_texts() -> list[str]:
    """All content/**/*.md and data/**/*.yaml of the site."""
    files = sorted((REPO / "content").rglob("*.md")) + sorted((REPO / "data").rglob("*.yaml"))
    return [path.read_text(encoding="utf-8") for path in files]


def site(show_splits: bool) -> None:
    """Time hidden_terms on the site's own texts and list what it splits there."""
    from rebellab.search import compounds as splitter

    texts = site_texts()
    words = sum(len(splitter.WORD.findall(text)) for text in texts)
    for label in ("first run, loads the model", "model loaded, empty cache", "warm cache"):
        if label.startswith("model"):
            splitter.forget()
        started = time.perf_counter()
        for text in texts:
            splitter.hidden_terms(text)
        elapsed = time.perf_counter() - started
        print(f"{len(texts)} texts, {words:,} words, {label}: {elapsed:.3f} s", end="")
        print(f" = {words / elapsed:,.0f} words/s")
    if show_splits:
        distinct = sorted({word for text in texts for word in splitter.WORD.findall(text)})
        for word in distinct:
            if parts := splitter.compound_parts(word):
                print(f"    {word}: {'|'.join(parts)}")


def main() -> None:
    """Print the score of every installed candidate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list every wrong word")
    parser.add_argument("--sweep", action="store_true", help="try post-processing settings")
    parser.add_argument("--site", action="store_true", help="time hidden_terms on the site")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labelled list (TSV)")
    args = parser.parse_args()
    if args.site:
        site(args.errors)
        return
    labels = load_labels(args.labels)
    compounds = sum(len(parts) > 1 for _, parts in labels)
    print(f"{len(labels)} words, {compounds} compounds, {len(labels) - compounds} not to split\n")
    if args.sweep:
        sweep(labels)
        return
    for name, load in candidates().items():
        started = time.perf_counter()
        try:
            split = load()
        except ImportError:
            print(f"{name:55} not installed")
            continue
        split(labels[0][0])
        print(f"{name}: loaded in {time.perf_counter() - started:.1f} s")
        print_score("", evaluate(split, labels), args.errors)


if __name__ == "__main__":
    main()
