"""Page fingerprints: what a template reads, and digests of values by content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from jinja2 import DictLoader, Environment, FileSystemLoader
from markupsafe import Markup

from rebellab.sitebase import markup
from rebellab.sitebase.fingerprint import Digester, Fingerprints, TemplateAnalysis, lazy, reads
from rebellab.sitebase.plugin import (
    cache_compiled_templates,
    keep_new_conversions,
    load_kept_conversions,
)


@dataclass
class Node:
    """A mutable model object that can point at others (and so form cycles)."""

    title: str
    links: list[Node] = field(default_factory=list)


def digest(value: object) -> bytes:
    return Digester().digest(value)


def test_equal_content_gives_equal_digests_and_any_change_another():
    assert digest(Node("a", [Node("b")])) == digest(Node("a", [Node("b")]))
    assert digest(Node("a", [Node("b")])) != digest(Node("a", [Node("c")]))
    assert digest({"x": 1, "y": 2}) != digest({"y": 2, "x": 1})  # order is rendered order
    assert digest({"b", "a"}) == digest({"a", "b"})  # a set has no order to render
    assert digest("<b>") != digest(Markup("<b>"))  # escaped differently
    assert digest(1) != digest("1") != digest(1.0)
    berlin = ZoneInfo("Europe/Berlin")
    assert digest(datetime(2026, 1, 1, 10, tzinfo=berlin)) != digest(datetime(2026, 1, 1, 10))
    assert digest(date(2026, 1, 1)) != digest(date(2026, 1, 2))


def test_a_method_read_from_an_object_stands_for_the_object():
    assert digest({"a": 1}.items) != digest({"a": 2}.items)
    assert digest(Node("a").__repr__) != digest(Node("b").__repr__)


def test_a_digest_cut_short_by_a_cycle_is_not_reused_for_the_object_alone():
    def build(title: str) -> bytes:
        """One build: a page reads first, a later page reads second (which links first)."""
        first, second = Node(title), Node("second")
        first.links.append(second)
        second.links.append(first)
        digester = Digester()
        digester.digest(first)  # inside it, second's digest stops at the link back
        return digester.digest(second)

    assert build("first") == build("first")
    assert build("first") != build("changed")  # second's page shows first's title


def test_lazy_values_are_digested_by_function_and_arguments():
    assert digest(lazy(str.upper, "a")) == digest(lazy(str.upper, "a"))
    assert digest(lazy(str.upper, "a")) != digest(lazy(str.upper, "b"))
    assert digest(lazy(str.upper, "a")) != digest(lazy(str.lower, "a"))
    # Positional and keyword arguments apart, keywords by name, nested values by content.
    assert digest(lazy(dict, "a", key="b")) != digest(lazy(dict, "a", "key", "b"))
    assert digest(lazy(dict, key="a")) != digest(lazy(dict, other="a"))
    assert digest(lazy(dict, ("a",), key=["b"])) == digest(lazy(dict, ("a",), key=["b"]))
    assert digest(lazy(dict, ("a",), key=["b"])) != digest(lazy(dict, ("a",), key=["c"]))


TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block content %}{% endblock %}",
    "card.html": "{% macro card(item) %}{{ item.title }} {{ lab.formats }} {{ shout(item) }}"
                 "{% endmacro %}",
    "page.html": '{% extends "base.html" %}{% from "card.html" import card with context %}'
                 "{% block content %}{% for item in items %}{{ card(item) }}{% endfor %}"
                 "{% endblock %}",
}


def environment(**globals_: object) -> Environment:
    env = Environment(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals.update(globals_)
    return env


def test_names_read_in_extended_and_imported_templates_and_their_macros_count():
    inputs = TemplateAnalysis(environment()).inputs("page.html")
    assert {"SITENAME", "items", "lab", "shout"} <= inputs.names
    assert inputs.attributes["lab"] == {"formats"}  # only lab.formats is read


def test_a_page_changes_with_what_it_reads_and_not_with_what_it_does_not():
    env = environment(shout=reads("now")(lambda item: item))
    fingerprints = Fingerprints({"SITENAME": "Labor"})
    template = env.get_template("page.html")

    @dataclass
    class Lab:
        formats: dict[str, str]
        profiles: list[str]

    def page(**changes: object) -> str | None:
        context = {"output_file": "x.html", "items": [Node("a")], "now": 1,
                   "lab": Lab({"meetup": "Meetup"}, ["p"]), **changes}
        return fingerprints.page(template, context)

    assert page() == page()
    assert page(items=[Node("b")]) != page()
    assert page(now=2) != page()  # read by the global through reads("now")
    assert page(lab=Lab({"meetup": "Treffen"}, ["p"])) != page()
    assert page(lab=Lab({"meetup": "Meetup"}, ["q"])) == page()  # lab.profiles is not read
    assert page(unused=3) == page()


SCOPED = {
    "macros.html": "{% macro tag_list(tags, label=heading) %}{{ label }}: "
                   "{% for tag in tags %}{{ tag.name }} {% endfor %}{% endmacro %}",
    "post.html": "{% from 'macros.html' import tag_list %}{{ tag_list(article.tags) }}"
                 "{% for tag in article.tags %}{{ tag.slug }}{% else %}{{ tag }}{% endfor %}"
                 "{% for item in items if item != tags %}{{ item }}{% endfor %}",
}


def test_macro_parameters_and_loop_variables_are_not_read_from_the_context():
    env = Environment(loader=DictLoader(SCOPED), autoescape=True)
    inputs = TemplateAnalysis(env).inputs("post.html")
    # tags: a parameter in the macro, but read from the context by the loop's filter;
    # tag: a loop variable, but read from the context in the loop's else; heading: the
    # default of a parameter, evaluated where the macro is called.
    assert inputs.names == {"article", "heading", "items", "tag", "tags", "tag_list"}
    assert inputs.attributes["article"] == {"tags"}

    template = SCOPED["post.html"].replace(" if item != tags", "").replace(
        "{% else %}{{ tag }}", "")
    env = Environment(loader=DictLoader({**SCOPED, "post.html": template}), autoescape=True)
    assert TemplateAnalysis(env).inputs("post.html").names == {
        "article", "heading", "items", "tag_list"}
    fingerprints = Fingerprints({})

    def page(**changes: object) -> str | None:
        context = {"output_file": "x.html", "items": [1], "heading": "Schlagwörter",
                   "article": SimpleNamespace(tags=[Node("a")]),
                   "tags": [(Node("a"), ["every post"])], **changes}
        return fingerprints.page(env.get_template("post.html"), context)

    assert page(tags=[(Node("a"), ["every post, one changed"])]) == page()
    assert page(article=SimpleNamespace(tags=[Node("b")])) != page()
    assert page(heading="Tags") != page()


def test_a_template_global_that_declares_no_reads_makes_its_pages_uncacheable():
    env = environment(shout=lambda item: item)
    context = {"output_file": "x.html", "items": [], "lab": None}
    assert Fingerprints({}).page(env.get_template("page.html"), context) is None


def test_settings_are_part_of_every_fingerprint():
    env = environment(shout=reads()(lambda item: item))
    context = {"output_file": "x.html", "items": [], "lab": None, "SITENAME": "Labor"}
    template = env.get_template("page.html")
    assert (Fingerprints({"SITEURL": "/a"}).page(template, context)
            != Fingerprints({"SITEURL": "/b"}).page(template, context))


def test_compiled_templates_are_kept_in_the_cache_and_compiled_again_when_changed(
        tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    compiled: list[str | None] = []
    real = Environment.compile

    def counting(env, source, name=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        compiled.append(name)
        return real(env, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)

    def render(options: dict[str, object]) -> str:
        """One build's generator: a new environment from the settings, as Pelican makes."""
        settings = {"CACHE_PATH": str(tmp_path / "cache"), "JINJA_ENVIRONMENT": options}
        cache_compiled_templates(SimpleNamespace(settings=settings))
        env = Environment(loader=FileSystemLoader(templates), **settings["JINJA_ENVIRONMENT"])
        return env.get_template("page.html").render(text="<b>")

    assert render({"autoescape": True}) == "<p>&lt;b&gt;</p>"
    assert render({"autoescape": True}) == "<p>&lt;b&gt;</p>"
    assert compiled == ["page.html"]  # the second build loaded it
    assert render({"autoescape": False}) == "<p><b></p>"  # other options, other folder
    (templates / "page.html").write_text("<div>{{ text }}</div>", encoding="utf-8")
    assert render({"autoescape": True}) == "<div>&lt;b&gt;</div>"
    assert compiled == ["page.html"] * 3


def test_markdown_conversions_are_kept_for_the_next_build(tmp_path, monkeypatch):
    converted: list[str] = []
    real = markup._CONVERTER.convert
    monkeypatch.setattr(markup._CONVERTER, "convert",
                        lambda text: converted.append(text) or real(text))
    monkeypatch.setattr(markup, "_CONVERTED", {})
    monkeypatch.setattr(markup, "_new_conversions", False)
    pelican = SimpleNamespace(settings={"CACHE_PATH": str(tmp_path)})
    kept = tmp_path / "markdown-html.pickle"

    def build(*texts: str) -> list[str]:
        """One build in a new process: the kept conversions, the texts, keeping them."""
        markup._CONVERTED.clear()
        load_kept_conversions(pelican)
        answers = [markup._to_html(text) for text in texts]
        keep_new_conversions(pelican)
        return answers

    assert build("Ein *Text*.", "Zwei") == ["<p>Ein <em>Text</em>.</p>", "<p>Zwei</p>"]
    assert converted == ["Ein *Text*.", "Zwei"]
    stamp = kept.stat().st_mtime_ns
    assert build("Zwei", "Ein *Text*.") == ["<p>Zwei</p>", "<p>Ein <em>Text</em>.</p>"]
    assert converted == ["Ein *Text*.", "Zwei"]  # none converted again
    assert kept.stat().st_mtime_ns == stamp  # nothing new: not written again
    assert build("Drei") == ["<p>Drei</p>"] and converted[-1] == "Drei"
    kept.write_bytes(b"kein Pickle")  # unreadable: ignored, converted anew
    assert build("Zwei") == ["<p>Zwei</p>"] and converted[-1] == "Zwei"
    monkeypatch.setattr(markup, "MAX_KEPT_CONVERSIONS", 1)  # past the limit: started anew
    assert build("Vier") == ["<p>Vier</p>"] and not kept.exists()
    assert build("Zwei") == ["<p>Zwei</p>"] and converted[-1] == "Zwei"
    assert list(tmp_path.iterdir()) == [kept]
