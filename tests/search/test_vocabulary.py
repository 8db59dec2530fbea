"""The vocabulary file for "Meinten Sie …?" (issue 17)."""

from __future__ import annotations

import gzip

from rebellab.search.vocabulary import Vocabulary


def vocabulary() -> Vocabulary:
    words = Vocabulary()
    words.add_page(["Lean", "Coffee", "Coffee", "Lünen", "und"])
    words.add_page(["Lean", "coffee", "Werkstatt"], profile=True)
    words.add_page(["Lean", "Lünen"], profile=True)
    words.add_page(["Lean"])
    return words


def test_lines_hold_word_frequency_class_and_profile_mark_alphabetically():
    # Lean: 4 pages -> class 2; Coffee and Lünen: 2 pages -> 1; Werkstatt: 1 page -> 0.
    assert vocabulary().lines() == ["Coffee1p", "Lean2p", "Lünen1p", "Werkstatt0p"]


def test_short_words_are_left_out_and_the_limit_keeps_the_most_frequent():
    words = vocabulary()
    words.add_page(["Zettel"])
    assert words.lines(limit=2) == ["Coffee1p", "Lean2p"]
    assert "Zettel0" in words.lines()
    assert not any(line.startswith("und") for line in words.lines())


def test_file_is_gzipped_text_and_the_same_bytes_every_time():
    data = vocabulary().to_bytes()
    assert data == vocabulary().to_bytes()
    assert gzip.decompress(data).decode("utf-8").splitlines()[0] == "Coffee1p"
