"""Comments below posts: threads, anchors, counts, links to write one, nothing that runs.

The "site" fixture has a post with two threads (the first five levels deep, the second
opened by a hostile comment), a post with ``Comments: closed`` and one comment, a post
without comments and a draft.
"""

from __future__ import annotations

import json
from itertools import pairwise
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from pelicanconf import EDITORIAL_EMAIL, REPOSITORY_URL
from tests.comments.sites import POST

OPEN = f"blog/2020/{POST}/"
CLOSED = "blog/2020/geschlossene-runde/"
EMPTY = "blog/2020/ganz-ohne-kommentare/"
FIRST_THREAD = ["2020-08-20-1", "2020-08-20-2", "2020-08-21-1", "2020-08-21-2", "2020-08-22-1"]
HOSTILE = "2020-08-23-1"


def comment(soup, comment_id: str):
    return soup.select_one(f"#kommentare article#kommentar-{comment_id}")


def parent_comment(element):
    return element.find_parent("article", class_="vr-comment")


def test_each_comment_is_an_article_with_name_time_and_text(page):
    soup = page(OPEN)
    articles = soup.select("section#kommentare article.vr-comment")
    assert len(articles) == 7
    first = comment(soup, "2020-08-21-1")
    assert first.select_one(".vr-comment__author").get_text() == "Alex B."
    assert first.select_one("time")["datetime"] == "2020-08-21T09:14:00+02:00"
    assert first.select_one("time").get_text() == "21. August 2020, 09:14 Uhr"
    assert first.select_one(".vr-comment__text").get_text(strip=True) == \
        "Antwort auf die Antwort."


def test_replies_are_nested_under_the_comment_they_answer(page):
    soup = page(OPEN)
    top = soup.select("section#kommentare > ol.vr-comments__list > li > article")
    assert [a["id"] for a in top] == ["kommentar-2020-08-20-1", f"kommentar-{HOSTILE}"]
    for parent, child in pairwise(FIRST_THREAD):
        assert parent_comment(comment(soup, child))["id"] == f"kommentar-{parent}"
    assert parent_comment(comment(soup, "2020-08-24-1"))["id"] == f"kommentar-{HOSTILE}"
    deepest = comment(soup, "2020-08-22-1")
    assert len(deepest.find_parents("ol", class_="vr-comments__replies")) == 4


def test_every_comment_has_an_anchor_that_links_to_itself(page):
    soup = page(OPEN)
    for article in soup.select("article.vr-comment"):
        assert article.select_one(".vr-comment__permalink")["href"] == f"#{article['id']}"
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids))


def test_count_near_the_title_and_on_cards(page):
    soup = page(OPEN)
    meta = soup.select_one(".vr-article__meta a[href='#kommentare']")
    assert meta.get_text(strip=True) == "7 Kommentare"
    assert soup.select_one("#kommentare-titel").get_text(" ", strip=True) == "Kommentare (7)"
    blog = page("blog/")
    counts = {item.select_one("a")["href"]: item.select_one(".vr-comment-count").get_text()
              for item in blog.select(".vr-post-list__item")}
    assert counts == {f"/{OPEN}": "7 Kommentare", f"/{CLOSED}": "1 Kommentar",
                      f"/{EMPTY}": "Keine Kommentare"}
    home = page("")
    cards = {card.select_one("a")["href"]: card.select_one(".vr-comment-count").get_text()
             for card in home.select("article.vr-card") if card.select_one(".vr-comment-count")}
    assert cards[f"/{OPEN}"] == "7 Kommentare"


def test_author_with_website_links_it_as_user_generated(page):
    soup = page(OPEN)
    link = comment(soup, "2020-08-24-1").select_one("a.vr-comment__author")
    assert link["href"] == "https://jo.example/"
    assert link["rel"] == ["ugc", "nofollow", "noopener"]
    assert comment(soup, "2020-08-20-1").select_one("a.vr-comment__author") is None


def test_links_in_comment_text_are_user_generated_too(page):
    text = comment(page(OPEN), HOSTILE).select_one(".vr-comment__text")
    links = {a.get_text(): a for a in text.select("a")}
    assert links["Link"]["href"] == "https://example.org/weiter"
    assert all(a["rel"] == ["ugc", "nofollow", "noopener"] for a in links.values())


def test_hostile_comment_cannot_run_script_or_load_anything(page):
    soup = page(OPEN)
    hostile = comment(soup, HOSTILE)
    assert soup.select("script:not([type='application/ld+json'])") == []
    assert hostile.select("script, img, iframe, style, object, embed, h1, h2, h3, table") == []
    for element in hostile.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on")], element
        assert not element.get("src")
        assert not str(element.get("href", "")).lower().startswith("javascript:")
    text = hostile.select_one(".vr-comment__text").get_text()
    assert "<script>alert('text')</script>" in text  # raw HTML is shown as text
    assert "# Keine Überschrift" in text
    image = hostile.select_one(".vr-comment__text a[href='https://images.example/foto.jpg']")
    assert image.get_text() == "Fremdes Bild"  # an image becomes a link
    assert "Klick mich" in text and not hostile.find("a", string="Klick mich")  # javascript:


def test_hostile_comment_does_not_break_the_page(page):
    soup = page(OPEN)
    hostile = comment(soup, HOSTILE)
    assert hostile.select_one(".vr-comment__author").get_text() == \
        "Robin <script>alert('name')</script> E."
    assert hostile.select_one("a.vr-comment__author")["href"] == \
        "https://robin.example/%22onmouseover=%22alert(4)"
    # The section still ends where it should: the reply and the write links follow.
    assert parent_comment(comment(soup, "2020-08-24-1")) is hostile
    assert soup.select_one("section#kommentare .vr-comments__write") is not None
    assert soup.body.select_one(":scope > footer.vr-footer") is not None


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_write_links_offer_email_first_then_the_prefilled_github_form(page):
    soup = page(OPEN)
    ways = soup.select("#kommentare .vr-comments__write .vr-comments__ways a")
    mail, form = (a["href"] for a in ways)
    assert mail.startswith(f"mailto:{EDITORIAL_EMAIL}?")
    body = unquote(_query(mail.replace("mailto:", "https://x/"))["body"])
    assert f"Beitrag*: {POST}\r\n" in body
    assert "Antwort auf: \r\n" in body
    assert form.startswith(f"{REPOSITORY_URL}/issues/new?")
    assert _query(form) == {"template": "kommentar.yml", "post": POST,
                            "title": "Kommentar: Ein Beitrag mit Gespräch"}


def test_reply_links_prefill_the_answered_comment(page):
    reply = comment(page(OPEN), "2020-08-21-2").select_one(":scope > .vr-comment__reply")
    mail, form = (a["href"] for a in reply.select("a"))
    assert "Antwort auf: 2020-08-21-2\r\n" in unquote(_query(mail.replace("mailto:",
                                                                          "https://x/"))["body"])
    assert _query(form)["reply_to"] == "2020-08-21-2"


def test_closed_post_keeps_its_comments_without_write_links(page):
    soup = page(CLOSED)
    section = soup.select_one("section#kommentare")
    assert [a["id"] for a in section.select("article.vr-comment")] == ["kommentar-2020-09-02-1"]
    assert section.select(".vr-comments__write, .vr-comment__reply") == []
    assert not [a for a in section.select("a[href]")
                if a["href"].startswith(("mailto:", REPOSITORY_URL))]
    assert section.select_one(".vr-comments__closed").get_text() == \
        "Die Kommentare zu diesem Beitrag sind geschlossen."


def test_post_without_comments_invites_the_first(page):
    section = page(EMPTY).select_one("section#kommentare")
    assert section.select("article") == []
    assert "Noch keine Kommentare." in section.get_text()
    assert len(section.select(".vr-comments__ways a")) == 2


@pytest.mark.parametrize(("path", "slug"), [(OPEN, POST), (EMPTY, "ganz-ohne-kommentare")])
def test_post_links_its_comment_feed(page, path, slug):
    soup = page(path)
    alternate = soup.select_one(f"link[rel=alternate][href='/feeds/kommentare/{slug}.atom.xml']")
    assert alternate["type"] == "application/atom+xml"
    assert soup.select_one(f"#kommentare a[href='/feeds/kommentare/{slug}.atom.xml']")


def jsonld(soup) -> dict:
    return json.loads(soup.select_one("script[type='application/ld+json']").string)


def test_json_ld_holds_the_comments_as_nested_comment_entries(page):
    data = jsonld(page(OPEN))
    assert data["commentCount"] == 7
    first, hostile = data["comment"]
    assert first["@type"] == "Comment"
    assert first["author"] == {"@type": "Person", "name": "Alex B."}
    assert first["dateCreated"] == "2020-08-20T12:00:00+02:00"
    assert first["url"] == f"http://localhost:8000/{OPEN}#kommentar-2020-08-20-1"
    depth, entry = 1, first
    while entry.get("comment"):
        (entry,) = entry["comment"]
        depth += 1
    assert depth == 5
    assert entry["parentItem"] == {"@id": f"http://localhost:8000/{OPEN}#kommentar-2020-08-21-2"}
    assert hostile["author"]["name"] == "Robin <script>alert('name')</script> E."
    assert "<script>alert('text')</script>" in hostile["text"]


def test_json_ld_script_cannot_be_closed_by_a_comment(page):
    raw = page(OPEN).select_one("script[type='application/ld+json']").string
    assert "</script" not in raw.lower() and "<" not in raw


def test_closed_and_empty_posts_count_in_json_ld(page):
    assert jsonld(page(CLOSED))["commentCount"] == 1
    assert jsonld(page(EMPTY))["commentCount"] == 0
    assert "comment" not in jsonld(page(EMPTY))


def test_privacy_link_of_the_write_section_has_its_target(page):
    link = page(OPEN).select_one("#kommentare .vr-comments__write a[href*='datenschutz']")
    assert link["href"] == "/datenschutz/#kommentare"


def test_pages_with_comments_and_stubs_pass_the_nu_html_checker(comment_site, tmp_path):
    from tests.quality.test_html_validity import describe, run_vnu

    pages = [f"blog/2020/{POST}/index.html", f"{CLOSED}index.html", f"{EMPTY}index.html",
             "blog/index.html", "index.html", "2020/08/20/gespraech/index.html",
             "alte-seite.html"]
    for number, page_path in enumerate(pages):
        (tmp_path / f"{number}.html").write_bytes((comment_site / page_path).read_bytes())
    errors = run_vnu(tmp_path)
    assert not errors, "\n".join(describe(message, tmp_path) for message in errors)
