/* Site search on /suche/ with Pagefind's JS API (loaded on first use). Reads ?q= and ?typ=,
   keeps them in the address bar, announces results to screen readers through the status
   region. Excerpts from Pagefind are escaped text with <mark>; they are rebuilt with DOM nodes,
   never inserted as HTML. */
(function () {
  "use strict";

  var root = document.querySelector("[data-module=site-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("input[name=q]");
  var type = root.querySelector("select[name=typ]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector(".vr-search-page__results");
  var more = root.querySelector(".vr-search-page__more");
  var suggestion = el("p", "vr-search-page__suggest");
  suggestion.hidden = true;
  status.after(suggestion);
  var base = root.dataset.base || "";
  var merge = root.dataset.merge || "";
  // Five results per step, as Pagefind's own UI: each result is one more request for its
  // fragment, and a first answer within 16 requests keeps search fast on slow networks.
  var PAGE = 5;
  var pagefind = null;
  var current = 0;
  var timer = 0;
  var found = [];
  var shown = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(base + "/pagefind/pagefind.js").then(function (pf) {
        // Title words, and the parts of title compounds (rebellab/search/pages.py), count
        // five times: the page a query names comes before the pages that mention it; the
        // name of a method or topic counts twice that, before events and posts named after it.
        var ranking = { metaWeights: { title: 5, titelteile: 5, referenz: 10 } };
        var options = { excerptLength: 24, ranking: ranking };
        // noWorker (Pagefind 1.5, set before init): search on the main thread instead of
        // fetching pagefind-worker.js (41 KB), which leaves room for the second bundle.
        return pf.options(Object.assign({ noWorker: true }, options)).then(function () {
          pf.init();
          // Profiles have a bundle of their own (rebellab/search/indexer.py); Pagefind
          // searches both and sorts their results by score.
          return merge ? pf.mergeIndex(base + merge, options) : null;
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function excerpt(html) {
    // Parse inertly, keep only text and <mark>.
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = el("p", "vr-search-page__excerpt");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") p.append(el("mark", "", node.textContent));
      else p.append(document.createTextNode(node.textContent));
    });
    return p;
  }

  function result(data) {
    var item = el("li", "vr-search-page__result");
    var heading = el("h2", "vr-search-page__title");
    var link = el("a", "", data.meta.title || data.url);
    link.href = data.url;
    heading.append(link);
    item.append(heading);
    var kind = ((data.filters || {}).Typ || [])[0];
    if (kind) item.append(el("p", "vr-search-page__type vr-meta", kind));
    item.append(excerpt(data.excerpt || ""));
    return item;
  }

  function showMore(focusFirst) {
    var run = current;
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
      if (run !== current) return items;
      if (!shown) items = namedFirst(items, input.value);
      var nodes = items.map(result);
      list.append.apply(list, nodes);
      shown += items.length;
      more.hidden = shown >= found.length;
      if (focusFirst && nodes[0]) nodes[0].querySelector("a").focus();
      return items;
    });
  }

  // Pagefind boosts every title that contains the query; the page whose title is the query
  // ("Lean Coffee", not "Meetup: Lean Coffee im Alltag") comes first among those shown.
  function namedFirst(items, query) {
    function key(text) {
      // Spellings without umlaut or ß ("Strass", "Oezlem") name the same page.
      return (text || "").toLowerCase().replace(/ß/g, "ss").replace(/ä/g, "a")
        .replace(/ö/g, "o").replace(/ü/g, "u").replace(/([aou])e/g, "$1")
        .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    }
    var wanted = key(query);
    var named = items.filter(function (data) { return key(data.meta.title) === wanted; });
    return named.concat(items.filter(function (data) { return named.indexOf(data) < 0; }));
  }

  // The words Pagefind searches: the query without German function words (suggest.js).
  function words(query) {
    return window.vrSuggest ? window.vrSuggest.terms(query) : query;
  }

  // "Meinten Sie …?" when the query finds nothing, or nothing as a whole word (suggest.js).
  function offerCorrections(step, query, items) {
    var suggest = window.vrSuggest;
    if (!suggest || !suggest.needed(words(query), items)) return null;
    return suggest.corrections(base, query).then(function (list) {
      if (step !== current || !list.length) return;
      suggest.show(suggestion, status, base, list);
    }, function () { /* without the vocabulary, no suggestion */ });
  }

  function remember(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (type.value) params.set("typ", type.value);
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function run() {
    var query = input.value.trim();
    var run = ++current;
    remember(query);
    list.replaceChildren();
    suggestion.replaceChildren();
    suggestion.hidden = true;
    more.hidden = true;
    found = [];
    shown = 0;
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Suche läuft …";
    var options = type.value ? { filters: { Typ: type.value } } : {};
    // Own debounce rather than Pagefind's debouncedSearch: while Pagefind still initialises,
    // its queued calls can overtake the latest one and leave it without an answer.
    clearTimeout(timer);
    timer = setTimeout(function () {
      load().then(function (pf) { return run === current ? pf.search(words(query), options) : null; })
        .then(function (search) {
          if (!search || run !== current) return null;
          found = search.results;
          return showMore(false).then(function (items) {
            if (run !== current) return null;
            var label = type.options[type.selectedIndex].textContent;
            status.textContent = found.length === 0
              ? "Keine Treffer für „" + query + "“" + (type.value ? " in " + label : "") + "."
              : found.length + " Treffer für „" + query + "“" +
                (type.value ? " in " + label : "") + ".";
            return offerCorrections(run, query, items);
          });
        })
        .catch(function () {
          status.textContent = "Die Suche ist gerade nicht verfügbar.";
        });
    }, 250);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (params.get("typ")) type.value = params.get("typ");
  root.querySelectorAll("[data-js-hidden]").forEach(function (n) { n.hidden = true; });
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  input.addEventListener("focus", load, { once: true });
  type.addEventListener("change", run);
  more.addEventListener("click", function () { showMore(true); });
  if (input.value) run();
})();
