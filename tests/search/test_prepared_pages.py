"""Pages prepared for the index: the same on every core, and kept for the next build."""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
import split_words.splitter

from rebellab.search import compounds, indexer, ngrams, pages
from rebellab.search.indexer import PreparedPages, prepare_page

PAGE = """<!DOCTYPE html><html lang="de"><head><title>{title}</title></head><body>
<main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"""
PAGES = {
    "a.html": PAGE.format(title="Büroflächen teilen", text="Desksharing im Rathaus"),
    "b.html": PAGE.format(title="Lean Coffee", text="Beteiligungsverfahren ohne Tagesordnung"),
    "c.html": "<!DOCTYPE html><html lang='de'><body><p>nicht durchsucht</p></body></html>",
}


@pytest.fixture
def site(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in PAGES.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_prepare_what_this_process_prepares(site, tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "MIN_PAGES_TO_FORK", 0)
    serial = PreparedPages(None).prepare(site, workers=1)
    parallel = PreparedPages(None).prepare(site, workers=2)
    assert parallel == serial == [prepare_page(path.read_text(encoding="utf-8"))
                                  for path in site]
    assert serial[2] is None  # no data-pagefind-body
    assert "Fläche" in " ".join(serial[0].fields.values())  # compound parts


def test_a_second_build_prepares_only_changed_pages(site, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = PreparedPages(cache)
    before = first.prepare(site, workers=1)
    first.save()
    site[1].write_text(PAGES["b.html"].replace("Lean Coffee", "Fishbowl"), encoding="utf-8")
    prepared: list[str] = []
    real = indexer._read_page

    def counting(path: Path) -> tuple[object, str | None]:
        prepared.append(path.name)
        return real(path)

    monkeypatch.setattr(indexer, "_read_page", counting)
    after = PreparedPages(cache).prepare(site, workers=1)
    assert prepared == ["b.html"]
    assert after[0] == before[0] and after[1] != before[1]
    assert "Fishbowl" in after[1].words


def _no_model() -> None:
    raise AssertionError("CharSplit's model was loaded")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_of_known_words_is_prepared_without_loading_the_model(site, tmp_path,
                                                                     monkeypatch, workers):
    monkeypatch.setattr(indexer, "MIN_PAGES_TO_FORK", 0)
    cache = tmp_path / "cache"
    first = PreparedPages(cache)
    before = first.prepare(site, workers=workers)  # splits made in workers are kept too
    first.save()
    compounds.release()  # the next build starts with nothing in memory
    site[0].write_text(PAGES["a.html"].replace("Rathaus", "Rathaus Rathaus"), encoding="utf-8")
    monkeypatch.setattr(split_words.splitter, "get_ngram_probs", _no_model)
    monkeypatch.setattr(compounds, "load_model", _no_model)  # nor from its copy in the cache
    after = PreparedPages(cache).prepare(site, workers=workers)
    assert after[0] != before[0] and after[0].fields == before[0].fields
    compounds.release()


def _only_loaded() -> dict:
    if split_words.splitter.ngram_probs is None:
        raise AssertionError("CharSplit's model was loaded from the wheel")
    return split_words.splitter.ngram_probs


def test_a_warm_build_reads_the_model_from_the_copy_the_first_build_kept(site, tmp_path,
                                                                         monkeypatch):
    cache = tmp_path / "cache"
    compounds.release()
    first = PreparedPages(cache).prepare(site, workers=1)  # loads the model from the wheel
    copies = list((cache / "search-pages").glob("charsplit-*.sqlite"))
    assert len(copies) == 1
    compounds.release()
    site[1].write_text(PAGES["b.html"].replace("ohne", "mit Wärmepumpenförderung ohne"),
                       encoding="utf-8")
    monkeypatch.setattr(split_words.splitter, "get_ngram_probs", _only_loaded)
    after = PreparedPages(cache).prepare(site, workers=1)  # a new word: the copy is read
    monkeypatch.undo()
    compounds.release()
    assert after == [first[0], prepare_page(site[1].read_text(encoding="utf-8")), None]
    assert "Pumpen" in after[1].fields["teile"].split()


def test_a_copy_of_the_model_that_cannot_be_read_is_made_anew(model_copy, tmp_path,
                                                              monkeypatch):
    kept = next(model_copy.glob("charsplit-*.sqlite"))
    copy = tmp_path / kept.name
    compounds.release()
    model = split_words.splitter.get_ngram_probs()  # the wheel's JSON
    compounds.keep_model_in(tmp_path)
    try:
        for broken in (kept.read_bytes()[:1000], b"kaputt"):  # malformed, no database
            copy.write_bytes(broken)
            compounds.release()
            compounds.load_model()  # made anew, then read
            assert split_words.splitter.ngram_probs == model
        compounds.release()
        monkeypatch.setattr(ngrams, "write_copy", _no_model)
        compounds.load_model()  # from the copy made last
        assert split_words.splitter.ngram_probs == model
    finally:
        compounds.keep_model_in(None)
        compounds.release()


COMPOUNDS = Path(__file__).with_name("compounds.tsv")


@pytest.fixture(scope="module")
def model_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    compounds.keep_model_in(folder)
    compounds.release()
    try:
        compounds.load_model()  # writes the copy
    finally:
        compounds.keep_model_in(None)
        compounds.release()
    return folder


def _labelled_words() -> list[str]:
    lines = COMPOUNDS.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines
            if line and not line.startswith("#") and line != "word\texpected"]


def _counted(calls: list[str], name: str, function):
    def count(*args, **kwargs):
        calls.append(name)
        return function(*args, **kwargs)
    return count


def test_new_words_are_looked_up_in_the_copy_and_split_as_the_whole_model_splits_them(
        model_copy, monkeypatch):
    # A warm build with a few new words does not load the model (1.4 s) for them.
    words = _labelled_words()
    assert len(words) > 300
    compounds.release()
    whole = [compounds.compound_parts(word) for word in words]  # from the wheel's JSON
    assert sum(bool(parts) for parts in whole) > 200
    compounds.keep_model_in(model_copy)
    compounds.release()
    monkeypatch.setattr(compounds, "LOOKUP_WORDS", len(words))
    monkeypatch.setattr(compounds, "load_model", _no_model)
    monkeypatch.setattr(split_words.splitter, "get_ngram_probs", _only_loaded)
    try:
        looked_up = [compounds.compound_parts(word) for word in words]
        assert split_words.splitter.ngram_probs is None  # nothing loaded, nothing left set
    finally:
        monkeypatch.undo()
        compounds.keep_model_in(None)
        compounds.release()
    assert looked_up == whole


def test_a_process_loads_the_model_once_it_has_looked_up_its_first_words(model_copy,
                                                                         monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(compounds, "LOOKUP_WORDS", 2)
    monkeypatch.setattr(ngrams, "lookups", _counted(calls, "lookups", ngrams.lookups))
    monkeypatch.setattr(ngrams, "read_copy", _counted(calls, "read", ngrams.read_copy))
    compounds.keep_model_in(model_copy)
    compounds.release()
    try:
        parts = [compounds.compound_parts(word) for word in
                 ("Wärmepumpenförderung", "Bürgerbeteiligung", "Kommunalverwaltung",
                  "Wärmeplanung")]
        assert calls == ["lookups", "read"]  # opened once; loaded at the third word
        assert isinstance(split_words.splitter.ngram_probs["infix"], dict)
    finally:
        compounds.keep_model_in(None)
        compounds.release()
    assert parts == [compounds.compound_parts(word) for word in
                     ("Wärmepumpenförderung", "Bürgerbeteiligung", "Kommunalverwaltung",
                      "Wärmeplanung")]  # as from the wheel's JSON
    compounds.release()


def test_workers_leave_the_model_to_one_process_that_splits_each_word_once(site, tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr(indexer, "MIN_PAGES_TO_FORK", 0)
    monkeypatch.setattr(indexer, "CHUNK", 1)  # each page to a worker of its own
    site[2].write_text(PAGES["a.html"].replace("Rathaus", "Kreishaus"), encoding="utf-8")
    compounds.release()  # nothing loaded or split: each process would load the model
    real_load, real_segment, real_text = (split_words.splitter.get_ngram_probs,
                                          compounds.segment, pages.copy_text)

    def logged(name: str, value: object) -> None:
        with (tmp_path / name).open("a", encoding="utf-8") as out:
            out.write(f"{value}\n")

    def load() -> dict:
        if split_words.splitter.ngram_probs is None:
            logged("loads", os.getpid())
        return real_load()

    def segment(word: str, settings: compounds.Settings = compounds.DEFAULT) -> list[str]:
        logged("splits", word)
        return real_segment(word, settings)

    def copy_text(copy: str) -> object:
        logged("readers", os.getpid())
        return real_text(copy)

    monkeypatch.setattr(split_words.splitter, "get_ngram_probs", load)
    monkeypatch.setattr(compounds, "segment", segment)
    monkeypatch.setattr(pages, "copy_text", copy_text)
    parallel = PreparedPages(None).prepare(site, workers=2)
    loads, readers, splits = ((tmp_path / name).read_text(encoding="utf-8").split()
                              for name in ("loads", "readers", "splits"))
    # One process loads the model, none of those that read the pages, nor this one.
    assert len(loads) == 1 and loads[0] not in [*readers, str(os.getpid())]
    assert splits.count("Büroflächen") == 1 and "Kreishaus" in splits  # on two pages
    monkeypatch.undo()
    compounds.release()
    assert parallel == [prepare_page(path.read_text(encoding="utf-8")) for path in site]
    compounds.release()


def test_preparing_in_a_forked_process_returns_its_result_or_its_failure(site, tmp_path,
                                                                         monkeypatch):
    # The pages are prepared in a process of its own (its memory goes with it before
    # Pagefind's largest run); its failure fails the index with its message.
    settings = {"CACHE_PATH": str(tmp_path / "cache"), "SEARCH_VOCABULARY_SAVE_AS": "v.json"}
    real = indexer.prepare

    def noting(*args):  # runs in the forked process: its pid comes back in a file
        (tmp_path / "pid").write_text(str(os.getpid()), encoding="utf-8")
        return real(*args)

    monkeypatch.setattr(indexer, "prepare", noting)
    groups = indexer.build_index(site[0].parent, settings)
    assert groups == {indexer.BUNDLE: site[:2]}
    assert int((tmp_path / "pid").read_text(encoding="utf-8")) != os.getpid()

    def failing(*args):
        raise ValueError("kaputt")

    monkeypatch.setattr(indexer, "prepare", failing)
    with pytest.raises(indexer.SearchIndexError, match="ValueError: kaputt"):
        indexer.build_index(site[0].parent, settings)


def test_pages_prepared_in_workers_share_one_object_per_word(site, monkeypatch):
    monkeypatch.setattr(indexer, "MIN_PAGES_TO_FORK", 0)
    monkeypatch.setattr(indexer, "CHUNK", 1)  # every page comes back on its own
    site[1].write_text(PAGES["a.html"].replace("Büroflächen", "Arbeitsplätze"),
                       encoding="utf-8")
    first, second, _ = PreparedPages(None).prepare(site, workers=2)
    shared = [word for word in second.words if word == "Rathaus"]
    assert shared and all(word is first.words[first.words.index("Rathaus")]
                          for word in shared)


def test_the_digests_of_pages_still_read_by_an_earlier_build_come_from_the_cache(site,
                                                                                tmp_path):
    folder, cache = site[0].parent, tmp_path / "cache"
    first = indexer.indexed_pages(folder, cache)
    assert sorted(path.name for path in first) == ["a.html", "b.html"]  # c: not indexed
    assert indexer.indexed_pages(folder, None) == first
    store = cache / "search-pages" / "digests.pickle"
    kept = pickle.loads(store.read_bytes())
    kept["a.html"] = (kept["a.html"][0], "aus dem Speicher")
    store.write_bytes(pickle.dumps(kept))
    # The same file (inode, size, modification time): its digest is not read again.
    assert indexer.indexed_pages(folder, cache)[site[0]] == "aus dem Speicher"
    # A file written anew is read, whatever the cache says of its path.
    site[0].unlink()
    site[0].write_text(PAGES["a.html"].replace("Rathaus", "Kreishaus"), encoding="utf-8")
    again = indexer.indexed_pages(folder, cache)
    assert again[site[0]] not in (first[site[0]], "aus dem Speicher")
    assert again == indexer.indexed_pages(folder, None)
    # A page that lost data-pagefind-body leaves the index.
    site[1].unlink()
    site[1].write_text(PAGES["c.html"], encoding="utf-8")
    assert site[1] not in indexer.indexed_pages(folder, cache)


def test_the_pages_are_found_in_the_order_of_their_paths_without_the_bundle(tmp_path):
    names = ["b/index.html", "a.html", "b/a/index.html", "pagefind/x.html", "c/pagefind/y.html",
             "b/Z/index.html", "notes.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    expected = [path.relative_to(tmp_path).as_posix() for path in sorted(tmp_path.rglob("*.html"))
                if path.relative_to(tmp_path).parts[0] != "pagefind"]
    assert indexer.html_files(tmp_path) == expected
    assert "c/pagefind/y.html" in expected and "pagefind/x.html" not in expected


def test_a_bundle_of_unchanged_pages_keeps_its_counted_words(tmp_path):
    post = indexer.Prepared({}, ("Desksharing", "Rathaus"), profile=False)
    person = indexer.Prepared({}, ("Werkstatt", "Lünen"), profile=True)
    prepared = {Path("a.html"): post, Path("p.html"): person}
    groups = {indexer.BUNDLE: [Path("a.html")], indexer.PROFILE_BUNDLE: [Path("p.html")]}
    digests = {Path("a.html"): "1", Path("p.html"): "2"}
    counted = indexer.words_of(prepared, groups, digests).to_bytes()
    assert indexer.words_of(prepared, groups, digests, tmp_path).to_bytes() == counted
    # Other words under the same digests: both bundles' counts come from the cache.
    other = {Path("a.html"): replace(post, words=("Fishbowl",)),
             Path("p.html"): replace(person, words=("Kreis",))}
    assert indexer.words_of(other, groups, digests, tmp_path).to_bytes() == counted
    # A changed page: its bundle is counted again, the other one still comes from the cache.
    changed = indexer.words_of(other, groups, {**digests, Path("a.html"): "3"}, tmp_path)
    assert changed.lines() == ["Fishbowl0", "Lünen0p", "Werkstatt0p"]
