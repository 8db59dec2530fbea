"""Search in headless Chromium: the directory's as-you-type search and /suche/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser
# The machine is shared: waits may take long, but never decide a test (no timing asserts).
PATIENCE_MS = 120_000


@pytest.fixture
def page(browser_page):
    browser_page.set_default_timeout(PATIENCE_MS)
    return browser_page


def directory_results(page):
    # A function, not an expression: Playwright evaluates an expression with eval(), which
    # the site's Content-Security-Policy blocks.
    page.wait_for_function(
        "() => document.querySelector('.vr-directory-search__status').textContent"
        ".includes('für')")
    return [a.text_content() for a in page.query_selector_all(
        ".vr-directory-search__results .vr-card__title a")]


def directory_search(page, query):
    page.fill("#vr-directory-q", "")
    page.type("#vr-directory-q", query)
    page.wait_for_function(
        "q => document.querySelector('.vr-directory-search__status').textContent"
        ".includes('„' + q + '“')", arg=query)
    return directory_results(page)


@pytest.fixture
def directory_page(page, served_site, basic_site):
    page.goto(served_site(basic_site) + "/rebellen/")
    return page


def test_directory_search_as_you_type(directory_page):
    page = directory_page
    assert page.is_visible("#vr-directory-q")  # shown by directory.js
    assert directory_search(page, "Zora") == ["Zora Strauß"]
    status = page.text_content(".vr-directory-search__status")
    assert status == "1 Person gefunden für „Zora“."
    assert page.get_attribute(".vr-directory-search__status", "aria-live") == "polite"


@pytest.mark.parametrize(("query", "names"), [
    ("Homeoffice", ["Anna Aal", "Ötzi Ober"]),  # synonym of neue-arbeit
    ("Lünen", ["Anna Aal", "Max Muster"]),  # organisation
    ("Bürgeramt", ["Bea Berg"]),  # role
    ("Fehlerkultur", ["Max Muster", "Ötzi Ober"]),  # synonym + bio word, sorted by name
])
def test_directory_search_finds_by_synonym_organisation_and_role(directory_page, query, names):
    assert directory_search(directory_page, query) == names


def test_directory_search_filters_by_topic_and_organisation(directory_page):
    page = directory_page
    page.select_option("#vr-directory-topic", "Arbeitskultur")
    assert directory_search(page, "Homeoffice") == ["Ötzi Ober"]
    page.select_option("#vr-directory-topic", "")
    page.select_option("#vr-directory-org", "Stadt Lünen")
    assert directory_search(page, "Homeoffice") == ["Anna Aal"]


def test_directory_filter_without_query_links_the_static_page(directory_page):
    page = directory_page
    page.select_option("#vr-directory-topic", "Vernetzung")
    link = page.wait_for_selector(".vr-directory-search__results a")
    assert link.get_attribute("href") == "/rebellen/thema/vernetzung/"


HAMM = ["Alma Acker", "Bruno Bach", "Carla Cramer", "Dana Dietz", "Emil Eck", "Frida Fuchs",
        "Gero Graf", "Hilde Horn", "Ines Igel", "Jan Jost", "Karla Kuhn"]
MORE = ".vr-directory-search__more"


def wait_for_status(page, text):
    page.wait_for_function(
        "t => document.querySelector('.vr-directory-search__status').textContent === t",
        arg=text)


def card_names(page):
    return [a.text_content() for a in page.query_selector_all(
        ".vr-directory-search__results .vr-card__title a")]


@pytest.fixture
def many_page(page, served_site, many_results_site):
    page.goto(served_site(many_results_site) + "/rebellen/")
    return page


def test_directory_search_shows_eight_then_the_rest(many_page):
    page = many_page
    assert directory_search(page, "Hamm") == HAMM[:8]
    assert page.text_content(".vr-directory-search__status") == (
        "11 Personen gefunden für „Hamm“, die ersten 8 werden angezeigt.")
    assert page.is_visible(f"{MORE} button")
    assert page.text_content(f"{MORE} button") == "Weitere Personen anzeigen"
    page.click(f"{MORE} button")
    wait_for_status(page, "11 Personen gefunden für „Hamm“, alle werden angezeigt.")
    assert card_names(page) == HAMM
    assert page.is_hidden(f"{MORE} button")
    # Focus lands on the first card that was added.
    assert page.evaluate("document.activeElement.textContent") == "Ines Igel"
    # A new query starts again with the first step.
    assert directory_search(page, "Kämmerei") == HAMM[:8]
    assert page.is_hidden(f"{MORE} button")


def test_directory_search_with_eight_or_fewer_hides_the_button(many_page):
    page = many_page
    assert directory_search(page, "Kämmerei") == HAMM[:8]
    assert page.text_content(".vr-directory-search__status") == (
        "8 Personen gefunden für „Kämmerei“.")
    assert page.is_hidden(f"{MORE} button")
    assert directory_search(page, "Ordnungsamt") == HAMM[8:]
    assert page.is_hidden(f"{MORE} button")


def test_directory_search_more_button_is_keyboard_usable(many_page):
    page = many_page
    page.focus("#vr-directory-q")
    page.keyboard.type("Hamm")
    wait_for_status(page, "11 Personen gefunden für „Hamm“, die ersten 8 werden angezeigt.")
    page.keyboard.press("Tab")  # to the topic filter
    page.keyboard.press("Tab")  # to the administration filter
    page.keyboard.press("Tab")  # to the first card
    assert page.evaluate("document.activeElement.textContent") == "Alma Acker"
    for _ in range(8):  # past the eight cards to the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Weitere Personen anzeigen"
    page.keyboard.press("Enter")
    wait_for_status(page, "11 Personen gefunden für „Hamm“, alle werden angezeigt.")
    assert page.evaluate("document.activeElement.textContent") == "Ines Igel"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Jan Jost"
    page.keyboard.press("Enter")
    page.wait_for_url("**/rebellen/jan-jost/")


def test_directory_search_fetches_one_fragment_per_shown_card(many_page):
    page = many_page
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    directory_search(page, "Hamm")
    page.wait_for_load_state("networkidle")
    pagefind = [url for url in fetched if "/pagefind/" in url]
    # The profiles' own bundle alone: the site's other pages are not searched here.
    assert all("/pagefind/profile/" in url for url in pagefind)
    assert len([url for url in pagefind if "/fragment/" in url]) == 8
    assert not [url for url in pagefind if "worker" in url]  # searches without a worker
    assert len(pagefind) < 16  # the budget of issue 8 for one query
    page.click(f"{MORE} button")
    wait_for_status(page, "11 Personen gefunden für „Hamm“, alle werden angezeigt.")
    assert len([url for url in fetched if "/pagefind/profile/fragment/" in url]) == 11


def search(page, base, query, kind=""):
    url = f"{base}/suche/?q={query}" + (f"&typ={kind}" if kind else "")
    page.goto(url)
    page.wait_for_function(  # a function: see directory_results
        "() => document.querySelector('.vr-search-page__status').textContent"
        ".includes('Treffer')")
    return [(a.text_content(), a.get_attribute("href"))
            for a in page.query_selector_all(".vr-search-page__results h2 a")]


@pytest.mark.parametrize(("query", "kind", "expected"), [
    ("Anna", "", ("Anna Aal", "/rebellen/anna-aal/")),  # name
    ("Digital-Lotsen", "", ("Anna Aal", "/rebellen/anna-aal/")),  # topic word
    ("Homeoffice", "", ("Ötzi Ober", "/rebellen/oetzi-ober/")),  # synonym
    # An organisation matches pages of every type; the first five results are shown, so
    # people are found with the type filter.
    ("Lünen", "Profil", ("Max Muster", "/rebellen/max-muster/")),  # organisation
])
def test_site_search_finds_people(page, served_site, basic_site, query, kind, expected):
    results = search(page, served_site(basic_site), query, kind)
    assert expected in results
    assert page.input_value("#vr-search-q") == query
    excerpt = page.text_content(".vr-search-page__excerpt")
    assert excerpt.strip()


def test_site_search_leaves_out_function_words(page, served_site, basic_site):
    """Articles, conjunctions and common prepositions are not searched (suggest.js, terms)."""
    base = served_site(basic_site)
    plain = search(page, base, "Homeoffice Lünen")
    assert ("Anna Aal", "/rebellen/anna-aal/") in plain
    assert search(page, base, "das Homeoffice für die von Lünen") == plain
    status = page.text_content(".vr-search-page__status")
    assert "für „das Homeoffice für die von Lünen“" in status  # the query as typed
    terms = "q => window.vrSuggest.terms(q)"  # a function: see directory_results
    assert page.evaluate(terms, "Büro der  Zukunft") == "Büro Zukunft"
    assert page.evaluate(terms, "Die und das") == "Die und das"  # nothing else: as typed


def test_site_search_type_filter(page, served_site, basic_site):
    base = served_site(basic_site)
    everything = search(page, base, "Werkzeuge")
    assert ("Anna Aal", "/rebellen/anna-aal/") in everything
    posts = search(page, base, "Lünen", "Beitrag")
    assert posts == [("Wie wir Digital-Lotsen ausbilden",
                      "/blog/2026/wie-wir-digital-lotsen-ausbilden/")]
    assert page.input_value("#vr-search-typ") == "Beitrag"
    assert "in Blogbeiträge" in page.text_content(".vr-search-page__status")


def test_site_search_is_keyboard_usable(page, served_site, basic_site):
    page.goto(served_site(basic_site) + "/suche/")
    page.focus("#vr-search-q")
    page.keyboard.type("Zora")
    page.wait_for_selector(".vr-search-page__results h2 a")
    page.keyboard.press("Tab")  # to the type filter
    page.keyboard.press("Tab")  # to the submit button
    page.keyboard.press("Tab")  # to the first result
    assert page.evaluate("document.activeElement.textContent") == "Zora Strauß"
    page.keyboard.press("Enter")
    page.wait_for_url("**/rebellen/zora-strauss/")


def test_header_search_form_lands_on_results(page, served_site, basic_site):
    page.goto(served_site(basic_site) + "/rebellen/")
    page.fill("#vr-site-search", "Bea")
    page.press("#vr-site-search", "Enter")
    page.wait_for_selector(".vr-search-page__results h2 a")
    assert page.text_content(".vr-search-page__results h2 a") == "Bea Berg"


def test_without_javascript_the_pages_explain_and_link(new_browser_page, served_site,
                                                       basic_site):
    page = new_browser_page(java_script_enabled=False)
    page.set_default_timeout(PATIENCE_MS)
    base = served_site(basic_site)
    page.goto(base + "/suche/?q=Anna")
    assert page.is_visible("text=Die Volltextsuche braucht JavaScript")
    assert page.is_visible("a[href='/rebellen/thema/neue-arbeit/']")
    assert not page.is_visible("#vr-search-q")
    page.goto(base + "/rebellen/")
    assert not page.is_visible("#vr-directory-q")
    assert page.is_visible("a[href='/rebellen/verwaltung/stadt-luenen/']")


def test_email_reveal_button(page, served_site, basic_site):
    page.goto(served_site(basic_site) + "/rebellen/anna-aal/")
    page.click("text=E-Mail-Adresse als Link anzeigen")
    link = page.locator(".vr-contact__email a")
    assert link.get_attribute("href") == "mailto:anna.aal@luenen.example"
    assert page.evaluate("document.activeElement.textContent") == "anna.aal@luenen.example"


def test_hostile_search_results_stay_text(page, served_site, hostile_site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = served_site(hostile_site)
    titles = search(page, base, "alert")
    assert ('"><script>alert(\'name\')</script><img src=x onerror=alert(\'name2\')>',
            "/rebellen/hostile-everywhere/") in titles
    page.goto(base + "/rebellen/")
    directory_search(page, "alert")
    for path in ("/rebellen/hostile-everywhere/", "/rebellen/quote-breaker/"):
        page.goto(base + path)
    assert page.query_selector_all("main script, main img[src=x], main iframe") == []
    assert dialogs == []


def test_compound_tail_is_found_and_the_excerpt_shows_no_hidden_words(page, served_site,
                                                                      quality_site):
    results = search(page, served_site(quality_site), "Flächen")
    assert results[0] == ("Werkstatt: Knappe Büroflächen, neue Raumkonzepte",
                          "/veranstaltungen/2027-02-werkstatt-bueroflaechen/")
    excerpt = page.text_content(".vr-search-page__excerpt")
    assert "Flächen" not in excerpt.replace("Büroflächen", "")
    assert "Werk Statt" not in excerpt


def test_typo_offers_corrections_announced_and_linked(page, served_site, quality_site):
    base = served_site(quality_site)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, base, "Lean Cofee")
    page.wait_for_selector(".vr-search-page__suggest a")
    status = page.text_content(".vr-search-page__status")
    assert status.endswith("Meinten Sie „Lean Coffee“?")
    link = page.query_selector(".vr-search-page__suggest a")
    assert link.get_attribute("href") == "/suche/?q=Lean%20Coffee"
    page.wait_for_load_state("networkidle")
    searched = [url for url in fetched if "/pagefind/" in url or "vokabular" in url]
    assert len([url for url in searched if "vokabular" in url]) == 1
    assert len(searched) <= 16  # the budget of issue 8, with the vocabulary
    link.click()
    # search.js rewrites the address with replaceState (a space becomes "+"), possibly
    # before Playwright sees the navigation: compare the decoded query.
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == ["Lean Coffee"])
    page.wait_for_selector(".vr-search-page__results h2 a")
    assert page.text_content(".vr-search-page__results h2 a") == "Lean Coffee"


def test_a_query_found_as_a_whole_word_loads_no_vocabulary(page, served_site, quality_site):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    search(page, served_site(quality_site), "Lean Coffee")
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "vokabular" in url]
    assert page.is_hidden(".vr-search-page__suggest")


def test_directory_suggestion_fills_the_field_and_searches(page, served_site, quality_site):
    page.goto(served_site(quality_site) + "/rebellen/")
    directory_search(page, "Weisenfels")
    wait_for_status(page, "Keine Rebell*innen gefunden für „Weisenfels“. "
                          "Meinten Sie „Weißenfels“?")
    page.click(".vr-directory-search__suggest a")
    wait_for_status(page, "1 Person gefunden für „Weißenfels“.")
    assert page.input_value("#vr-directory-q") == "Weißenfels"
    assert card_names(page) == ["Jörg Weißenfels"]
    assert page.is_hidden(".vr-directory-search__suggest")
