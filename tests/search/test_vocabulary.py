"""The vocabulary file for "Meinten Sie …?" (issue 17)."""

from __future__ import annotations

import gzip

from rebellab.search.vocabulary import Vocabulary


def vocabulary() -> Vocabulary:
    words = Vocabulary()
    words.add_page(["Lean", "Coffee", "Coffee", "Lünen"])
    words.add_page(["Lean", "coffee", "Werkstatt"], profile=True)
    words.add_page(["Lean", "Lünen"], profile=True)
    return words


def test_lines_count_pages_most_frequent_first_with_profile_pages():
    assert vocabulary().lines() == ["Lean\t3\t2", "Coffee\t2\t1", "Lünen\t2\t1",
                                    "Werkstatt\t1\t1"]


def test_the_most_frequent_spelling_is_kept_and_the_limit_applies():
    words = vocabulary()
    words.add_page(["Zettel"])
    assert words.lines(limit=2) == ["Lean\t3\t2", "Coffee\t2\t1"]
    assert words.lines()[-1] == "Zettel\t1"


def test_file_is_gzipped_text_and_the_same_bytes_every_time():
    data = vocabulary().to_bytes()
    assert data == vocabulary().to_bytes()
    assert gzip.decompress(data).decode("utf-8").splitlines()[0] == "Lean\t3\t2"
