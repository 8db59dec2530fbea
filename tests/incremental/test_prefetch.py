"""Posts read ahead on every core give Pelican the content it reads itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings

from rebellab.sitebase import prefetch
from rebellab.sitebase.prefetch import (
    MIN_POSTS_PER_WORKER,
    prefetch_posts,
    read_ahead,
    unread_posts,
)

POSTS = 2 * MIN_POSTS_PER_WORKER + 12  # enough for two processes


def write_posts(content: Path) -> None:
    content.mkdir()
    for number in range(POSTS):
        (content / f"beitrag-{number:03d}.md").write_text(
            f"Title: Beitrag {number}\nDate: 2026-0{number % 9 + 1}-1{number % 10}\n"
            f"Tags: Lean Coffee, Runde {number % 7}\nCategory: Blog\n\n"
            f"## Abschnitt {number}\n\nText mit *Betonung* und [Link](https://example.org/{number}).\n\n"
            f"- Punkt eins\n- Punkt {number}\n",
            encoding="utf-8")
    (content / "kaputt.md").write_text("Title: Ohne Datum\nDate: kein Datum\n\nText\n",
                                       encoding="utf-8")


def generator(root: Path, cache: str, workers: int) -> ArticlesGenerator:
    settings = read_settings(override={
        "PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / cache), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
        "WRITE_WORKERS": workers, "TIMEZONE": "Europe/Berlin"})
    context = {**settings, "generated_content": {}, "static_content": {},
               "static_links": set()}
    return ArticlesGenerator(context=context, settings=settings, path=settings["PATH"],
                             theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])


def articles(generator: ArticlesGenerator) -> dict[str, tuple[Any, ...]]:
    generator.generate_context()
    return {article.source_path: (article.title, article.date, article.content,
                                  [tag.name for tag in article.tags], article.category.name)
            for article in generator.articles}


def test_prefetched_posts_are_the_posts_pelican_reads(tmp_path: Path) -> None:
    write_posts(tmp_path / "content")
    ahead = generator(tmp_path, "cache-ahead", workers=2)
    assert len(unread_posts(ahead)) == POSTS + 1
    prefetch_posts(ahead)
    # Every readable post is in the cache now; the one Pelican cannot read is left to it.
    assert [Path(path).name for path in unread_posts(ahead)] == ["kaputt.md"]
    read_ahead = articles(ahead)
    assert len(read_ahead) == POSTS
    assert read_ahead == articles(generator(tmp_path, "cache-pelican", workers=2))


def test_without_a_content_cache_nothing_is_read_ahead(tmp_path: Path) -> None:
    write_posts(tmp_path / "content")
    plain = generator(tmp_path, "cache", workers=2)
    plain.settings["CACHE_CONTENT"] = False
    plain.readers._cache_data_policy = False  # as Readers sets it without CACHE_CONTENT
    prefetch_posts(plain)
    assert len(unread_posts(plain)) == POSTS + 1


def test_the_posts_generator_reads_ahead_before_pelican_reads_a_post(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_posts(tmp_path / "content")
    posts = generator(tmp_path, "cache", workers=2)
    read_before: list[int] = []
    monkeypatch.setattr(prefetch, "prefetch_posts",
                        lambda generator: read_before.append(len(generator.articles)))
    read_ahead(posts)
    posts.generate_context()
    assert read_before == [0]
    assert len(posts.articles) == POSTS


def test_the_content_cache_is_written_again_only_after_a_post_was_read_anew(
        tmp_path: Path) -> None:
    write_posts(tmp_path / "content")

    def build() -> dict[str, tuple[Any, ...]]:
        posts = generator(tmp_path, "cache", workers=1)
        read_ahead(posts)  # as generator_init does
        return articles(posts)

    first = build()
    cache = tmp_path / "cache" / "ArticlesGenerator-Readers"
    written = cache.stat().st_mtime_ns
    assert build() == first
    assert cache.stat().st_mtime_ns == written  # every post came from it
    post = tmp_path / "content" / "beitrag-007.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Beitrag 7", "Geändert"),
                    encoding="utf-8")
    changed = build()
    assert cache.stat().st_mtime_ns != written
    assert unread_posts(generator(tmp_path, "cache", workers=1)) == [
        str(tmp_path / "content" / "kaputt.md")]  # the changed post is in the cache
    assert {title for title, *_ in changed.values()} - {t for t, *_ in first.values()} == {
        "Geändert"}


class StopsPickling:
    """A cache entry whose pickling is stopped, as by Ctrl+C while the cache is written."""

    def __reduce__(self) -> Any:
        raise KeyboardInterrupt


def test_a_content_cache_whose_writing_was_stopped_is_the_previous_one(tmp_path: Path) -> None:
    # Pelican writes its cache in place: a build stopped meanwhile left half a file, on which
    # every later build failed (EOFError) until the cache was deleted by hand.
    write_posts(tmp_path / "content")
    posts = generator(tmp_path, "cache", workers=1)
    read_ahead(posts)
    articles(posts)
    cache = tmp_path / "cache" / "ArticlesGenerator-Readers"
    written = cache.read_bytes()
    post = tmp_path / "content" / "beitrag-007.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Beitrag 7", "Geändert"),
                    encoding="utf-8")
    stopped = generator(tmp_path, "cache", workers=1)
    read_ahead(stopped)
    stopped.readers.cache_data("stop", StopsPickling())
    with pytest.raises(KeyboardInterrupt):
        articles(stopped)
    assert cache.read_bytes() == written
    assert [path.name for path in cache.parent.iterdir()] == [cache.name]
    again = generator(tmp_path, "cache", workers=1)
    read_ahead(again)
    assert "Geändert" in {title for title, *_ in articles(again).values()}
