/* Directory enhancements (progressive: every page works without this file).
   - data-module="email-reveal": turns the spoken-out e-mail address into a mailto link on
     request. The page holds the address only reversed in two halves, never with "@".
   - data-module="directory-search": searches profiles as you type via Pagefind's JS API,
     loaded on first use only; topic and administration filters; eight cards per step and a
     button for the next eight. Filter-only browsing links to the static facet pages instead,
     because Pagefind would fetch its whole index for that. */
(function () {
  "use strict";

  function reverse(text) { return text.split("").reverse().join(""); }

  function initEmail(item) {
    var button = item.querySelector("button");
    var spoken = item.querySelector(".vr-contact__spoken");
    if (!button || !spoken) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var address = reverse(item.dataset.u || "") + "\u0040" + reverse(item.dataset.d || "");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      spoken.replaceChildren(link);
      var hint = item.querySelector(".vr-contact__hint");
      if (hint) hint.remove();
      button.remove();
      link.focus();
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function card(data) {
    var filters = data.filters || {};
    var article = el("article", "vr-card vr-card--linked vr-profile-card");
    var heading = el("h3", "vr-card__title");
    var link = el("a", "", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    article.append(heading, el("p", "vr-profile-card__org", (filters.Organisation || []).join(", ")));
    if (data.meta.rolle) article.append(el("p", "vr-card__meta", data.meta.rolle));
    var topics = filters.Thema || [];
    if (topics.length) {
      var list = el("ul", "vr-tag-list");
      list.setAttribute("aria-label", "Themen");
      topics.forEach(function (t) {
        var li = el("li");
        li.append(el("span", "vr-tag", t));
        list.append(li);
      });
      article.append(list);
    }
    var item = el("li");
    item.append(article);
    return item;
  }

  function initSearch(root) {
    var form = root.querySelector("form");
    var input = root.querySelector("input[type=search]");
    var topic = root.querySelector("select[name=thema]");
    var org = root.querySelector("select[name=verwaltung]");
    var status = root.querySelector("[role=status]");
    var results = root.querySelector(".vr-directory-search__results");
    var more = root.querySelector(".vr-directory-search__more");
    var suggestion = el("p", "vr-directory-search__suggest");
    suggestion.hidden = true;
    status.after(suggestion);
    var base = root.dataset.base || "";
    // Eight people per step: each shown card costs one request for its Pagefind fragment,
    // so a query stays within 16 requests; the button fetches the next eight.
    var PAGE = 8;
    var pagefind = null;
    var current = 0;
    var query = "";
    var found = [];
    var shown = 0;
    var busy = false;
    var timer = 0;

    function load() {
      if (!pagefind) {
        // The profiles' own bundle (rebellab/search/indexer.py): smaller than the site's.
        pagefind = import(base + "/pagefind/profile/pagefind.js").then(function (pf) {
          // noWorker (Pagefind 1.5, set before init): search on the main thread instead of
          // fetching pagefind-worker.js, one request less; a profile query is a few ms there.
          var options = { excerptLength: 20, noWorker: true };
          return pf.options(options).then(function () { pf.init(); return pf; });
        });
      }
      return pagefind;
    }

    function failed() {
      busy = false;
      status.textContent = "Die Suche ist gerade nicht verfügbar. Bitte nutzen Sie die Listen unten.";
    }

    function announce() {
      var total = found.length;
      status.textContent = total === 0
        ? "Keine Rebell*innen gefunden für „" + query + "“."
        : total + (total === 1 ? " Person" : " Personen") + " gefunden für „" + query + "“" +
          (shown < total ? ", die ersten " + shown + " werden angezeigt."
            : total > PAGE ? ", alle werden angezeigt." : ".");
    }

    function facetLinks() {
      results.replaceChildren();
      var picked = [topic, org].filter(function (s) { return s.value; });
      picked.forEach(function (select) {
        var option = select.options[select.selectedIndex];
        var item = el("li");
        var link = el("a", "", "Alle Profile: " + option.textContent);
        link.href = option.dataset.url;
        item.append(link);
        results.append(item);
      });
      status.textContent = picked.length ? "Bitte einen Suchbegriff eingeben oder eine Liste öffnen." : "";
    }

    // Appends the next PAGE results; focusFirst moves focus to the first new card's link.
    function showMore(focusFirst) {
      var run = current;
      busy = true;
      return Promise.all(found.slice(shown, shown + PAGE).map(function (r) { return r.data(); }))
        .then(function (items) {
          if (run !== current) return items;
          var nodes = items.map(card);
          // The first step replaces the previous query's cards only now: no flicker while typing.
          results[shown ? "append" : "replaceChildren"].apply(results, nodes);
          shown += nodes.length;
          busy = false;
          more.hidden = shown >= found.length;
          announce();
          if (focusFirst && nodes[0]) nodes[0].querySelector("a").focus();
          return items;
        });
    }

    // "Meinten Sie …?" from the words of profiles (suggest.js); a suggestion fills the field
    // and searches again, its link leads to /suche/ where the click is not handled here.
    function offerCorrections(step, items) {
      var suggest = window.vrSuggest;
      if (!suggest || !suggest.needed(suggest.terms(query), items)) return null;
      var asked = query;
      return suggest.corrections(base, asked, { profiles: true }).then(function (list) {
        if (step !== current || !list.length) return;
        suggest.show(suggestion, status, base, list, function (text) {
          input.value = text;
          input.focus();
          run();
        });
      }, function () { /* without the vocabulary, no suggestion */ });
    }

    function run() {
      var run = ++current;
      query = input.value.trim();
      more.hidden = true;
      found = [];
      shown = 0;
      busy = false;
      suggestion.replaceChildren();
      suggestion.hidden = true;
      if (!query) { facetLinks(); return; }
      // The profiles' bundle holds profiles only: no filter by type, which cost a request for
      // the type's filter chunk (22 KB at the big lab of make bench).
      var filters = {};
      if (topic.value) filters.Thema = topic.value;
      if (org.value) filters.Organisation = org.value;
      status.textContent = "Suche läuft …";
      // Own debounce rather than Pagefind's debouncedSearch: while Pagefind still initialises,
      // its queued calls can overtake the latest one and leave it without an answer.
      clearTimeout(timer);
      timer = setTimeout(function () {
        load().then(function (pf) {
          // Without German function words (suggest.js), as on /suche/.
          var words = window.vrSuggest ? window.vrSuggest.terms(query) : query;
          return run === current ? pf.search(words, { filters: filters, sort: { name: "asc" } })
            : null;
        }).then(function (search) {
          if (!search || run !== current) return null;
          found = search.results;
          return showMore(false).then(function (items) { return offerCorrections(run, items); });
        }).catch(failed);
      }, 200);
    }

    root.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("focus", load, { once: true });
    input.addEventListener("input", run);
    topic.addEventListener("change", run);
    org.addEventListener("change", run);
    more.querySelector("button").addEventListener("click", function () {
      if (!busy) showMore(true).catch(failed);
    });
  }

  document.querySelectorAll("[data-module=email-reveal]").forEach(initEmail);
  document.querySelectorAll("[data-module=directory-search]").forEach(initSearch);
})();
