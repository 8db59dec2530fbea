"""Pelican side of comments: the template global ``comments_of`` and the Atom feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup
from pelican.generators import Generator

from rebellab.comments.discussion import Discussion
from rebellab.comments.feeds import PostRef, comments_feed
from rebellab.comments.load import Discussions
from rebellab.forms.issueforms import issue_form_url
from rebellab.forms.mailforms import mailto_url
from rebellab.forms.plugin import form_path
from rebellab.sitebase.fingerprint import lazy
from rebellab.sitebase.output import write_derived


def discussion(settings: dict[str, Any], discussions: Discussions, article: Any
               ) -> Discussion:
    """Return the comments of a Pelican article, with the links to write one."""
    form = form_path(settings, settings["COMMENT_FORM"])
    slug = article.slug
    return Discussion(
        post=slug, title=Markup(article.title).striptags(),
        threads=discussions.threads(slug), count=discussions.count(slug),
        open=slug not in discussions.closed,
        feed_url=settings["COMMENTS_FEED_URL"].format(slug=slug),
        mail_link=lambda prefill: mailto_url(settings["EDITORIAL_EMAIL"], form, prefill),
        issue_link=lambda prefill: issue_form_url(settings["REPOSITORY_URL"], form, prefill))


def published_articles(context: dict[str, Any]) -> list[Any]:
    """Every article with a page: listed ones and ``Status: hidden`` ones."""
    return [*context.get("articles", []), *context.get("hidden_articles", [])]


# A site without posts still gets a valid, reproducible feed (Atom requires <updated>).
EMPTY_SITE_UPDATED = datetime(2020, 1, 1, tzinfo=UTC)


class CommentsGenerator(Generator):
    """Writes one comment feed per post and one for the whole site."""

    def generate_context(self) -> None:
        """Match comment folders to Pelican's articles (one slug function, checked here)."""
        self.discussions: Discussions = self.context["lab"].discussions
        self.site_url = self.settings["SITE_ABSOLUTE_URL"].rstrip("/")
        self.articles = {article.slug: article for article in published_articles(self.context)}
        missing = sorted(set(self.discussions.comments) - set(self.articles))
        if missing:  # the lab read the same files with the same rules: a bug, not content
            raise RuntimeError(f"comment folders without a Pelican article: {missing}")
        self.posts = {slug: PostRef(Markup(article.title).striptags(),
                                    f"{self.site_url}/{article.url}")
                      for slug, article in self.articles.items()}

    def generate_output(self, writer: Any) -> None:
        """Write the feeds (posts without comments get an empty, valid feed)."""
        name = self.settings["SITENAME"]
        for slug, article in sorted(self.articles.items()):
            comments = self.discussions.comments.get(slug, ())
            self._write_feed(writer, self.settings["COMMENTS_FEED_SAVE_AS"].format(slug=slug),
                             self.settings["COMMENTS_FEED_URL"].format(slug=slug), comments,
                             title=f"Kommentare zu „{self.posts[slug].title}“ – {name}",
                             page_url=self.posts[slug].url, updated=article.date)
        every = self.discussions.all()[: self.settings["FEED_MAX_ITEMS"]]
        newest = max((a.date for a in self.articles.values()), default=None)
        self._write_feed(writer, self.settings["COMMENTS_ALL_FEED_SAVE_AS"],
                         self.settings["COMMENTS_ALL_FEED_URL"], every,
                         title=f"Alle Kommentare – {name}",
                         page_url=f"{self.site_url}/{self.settings['INDEX_URL']}",
                         updated=newest or EMPTY_SITE_UPDATED)

    def _write_feed(self, writer: Any, save_as: str, url: str, comments: Any, *, title: str,
                    page_url: str, updated: datetime) -> None:
        # Made only when its inputs changed: a warm build links the others (writing all
        # 2,001 feeds of the big lab took 2.0 s of every build, py-spy). The feed gets the
        # posts its comments belong to, so that another post's title leaves it as it is.
        posts = {comment.post: self.posts[comment.post] for comment in comments}
        write_derived(writer, save_as, lazy(
            comments_feed, tuple(comments), posts, title=title,
            feed_url=f"{self.site_url}/{url}", page_url=page_url,
            site_name=self.settings["SITENAME"], site_url=self.site_url, updated=updated))
