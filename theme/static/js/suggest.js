/* "Meinten Sie …?" for /suche/ and the directory search: corrections of a query that finds
   nothing, or nothing as a whole word, drawn from the site's own words
   (suche/vokabular.txt.gz, written at build time by rebellab.search.vocabulary and fetched
   only when a correction is needed). A correction is close by edit distance, where a
   neighbouring key on a German keyboard, two swapped letters and an umlaut spelled with
   "e" cost less; among equally close words the more frequent comes first.
   Also the words a query is searched by (terms): without German function words.
   Exposes window.vrSuggest = { terms(query), needed(query, items),
   corrections(base, query, options), spoken(list), show(box, status, base, list, pick) }. */
(function () {
  "use strict";

  // Path of the vocabulary below the site, from the script element (SEARCH_VOCABULARY_URL).
  var FILE = document.currentScript.getAttribute("data-vocabulary");
  // Path of the search page below the site (SEARCH_URL): every suggestion links there.
  var SEARCH = document.currentScript.getAttribute("data-search");
  var ROWS = ["1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm"];
  // Endings that make a word the same word for the whole-word test (Methode/Methoden).
  var ENDINGS = ["", "e", "n", "en", "s", "es", "er", "ern", "em", "in", "innen"];
  var MAX_SUGGESTIONS = 3;
  var MIN_LENGTH = 4;  // as rebellab/search/vocabulary.py
  // Articles, conjunctions and the commonest prepositions. Pagefind requires every word of a
  // query and loads, per word and bundle, the index chunk the word sits in; these words are on
  // nearly every page, so they add nothing to the results, only requests (big lab of make
  // bench: "Büro der Zukunft" fetched two chunks and 51 KB for "der" alone).
  var FUNCTION_WORDS = ["der", "die", "das", "den", "dem", "des", "ein", "eine", "einen",
    "einem", "einer", "eines", "und", "oder", "sowie", "in", "im", "an", "am", "auf", "aus",
    "bei", "mit", "von", "vom", "zu", "zum", "zur", "für"];
  var vocabulary = {};
  var neighbours = null;

  function fold(word) {
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ä/g, "ae").replace(/ö/g, "oe")
      .replace(/ü/g, "ue");
  }

  function words(text) {
    return (text.match(/[\p{L}]{3,}/gu) || []).map(fold);
  }

  function keyboard() {
    if (neighbours) return neighbours;
    neighbours = {};
    ROWS.forEach(function (row, r) {
      row.split("").forEach(function (key, c) {
        var near = [row[c - 1], row[c + 1], (ROWS[r - 1] || "")[c], (ROWS[r - 1] || "")[c + 1],
          (ROWS[r + 1] || "")[c], (ROWS[r + 1] || "")[c - 1]];
        neighbours[key] = near.filter(Boolean).join("");
      });
    });
    return neighbours;
  }

  function substitution(a, b) {
    if (a === b) return 0;
    return (keyboard()[a] || "").indexOf(b) >= 0 ? 0.5 : 1;
  }

  // Inserting or dropping the "e" of an umlaut spelling (Lunen/Luenen) costs a quarter.
  function gap(word, i) {
    return word[i] === "e" && i > 0 && "aou".indexOf(word[i - 1]) >= 0 ? 0.25 : 1;
  }

  // Weighted optimal-string-alignment distance; stops early once above the limit.
  function distance(a, b, limit) {
    var previous = [0];
    var before = null;
    for (var j = 1; j <= b.length; j++) previous[j] = previous[j - 1] + gap(b, j - 1);
    for (var i = 1; i <= a.length; i++) {
      var row = [previous[0] + gap(a, i - 1)];
      var best = row[0];
      for (j = 1; j <= b.length; j++) {
        var cost = Math.min(previous[j] + gap(a, i - 1), row[j - 1] + gap(b, j - 1),
          previous[j - 1] + substitution(a[i - 1], b[j - 1]));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cost = Math.min(cost, before[j - 2] + 0.75);
        }
        row[j] = cost;
        best = Math.min(best, cost);
      }
      if (best > limit) return Infinity;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function limitFor(word) {
    return word.length <= 4 ? 1 : word.length <= 8 ? 1.5 : 2;
  }

  // Lines like "Lünen3p": word, frequency class (log2 of its pages), "p" if on a profile.
  function parse(text) {
    var entries = [];
    var index = {};
    text.split("\n").forEach(function (line) {
      var parts = /^(.+?)(\d)(p?)$/.exec(line);
      if (!parts) return;
      var entry = { word: parts[1], key: fold(parts[1]), frequency: +parts[2],
        profile: parts[3] === "p" };
      entries.push(entry);
      if (!(entry.key in index) || entry.frequency > index[entry.key].frequency) {
        index[entry.key] = entry;
      }
    });
    return { entries: entries, index: index };
  }

  function gunzip(buffer) {
    var bytes = new Uint8Array(buffer);
    // A server may already have decoded it (Content-Encoding: gzip): then it is plain text.
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return Promise.resolve(new TextDecoder().decode(bytes));
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  function load(base) {
    if (!vocabulary[base]) {
      vocabulary[base] = fetch(base + FILE)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.arrayBuffer();
        })
        .then(gunzip).then(parse);
    }
    return vocabulary[base];
  }

  function sameWord(a, b) {
    var longer = a.length >= b.length ? a : b;
    var shorter = longer === a ? b : a;
    return longer.indexOf(shorter) === 0 && ENDINGS.indexOf(longer.slice(shorter.length)) >= 0;
  }

  // True when every word of the query stands as a whole word in one of the shown results.
  function found(query, items) {
    var texts = items.map(function (data) {
      var meta = data.meta || {};
      return words([data.content || ""].concat(Object.keys(meta).map(function (key) {
        return meta[key];
      })).join(" "));
    });
    return words(query).every(function (word) {
      return texts.some(function (text) {
        return text.some(function (token) { return sameWord(token, word); });
      });
    });
  }

  // The query without function words; a query of function words alone stays as typed.
  function terms(query) {
    var all = query.trim().split(/\s+/);
    var kept = all.filter(function (word) {
      return FUNCTION_WORDS.indexOf(word.toLowerCase()) < 0;
    });
    return (kept.length ? kept : all).join(" ");
  }

  function needed(query, items) {
    return items.length === 0 || !found(query, items);
  }

  function closest(word, vocab, profilesOnly) {
    var key = fold(word);
    var limit = limitFor(key);
    var scored = [];
    vocab.entries.forEach(function (entry) {
      if (profilesOnly && !entry.profile) return;
      if (Math.abs(entry.key.length - key.length) > limit + 1 || entry.key === key) return;
      var cost = distance(key, entry.key, limit);
      if (cost <= limit) {
        scored.push({ word: entry.word, cost: cost, frequency: entry.frequency });
      }
    });
    scored.sort(function (a, b) { return a.cost - b.cost || b.frequency - a.frequency; });
    // Only the closest: a word one typo away is not offered next to one half a typo away.
    return scored.filter(function (s) { return s.cost <= scored[0].cost + 0.25; })
      .slice(0, MAX_SUGGESTIONS).map(function (s) { return s.word; });
  }

  function known(word, vocab, profilesOnly) {
    var entry = vocab.index[fold(word)];
    return !!entry && (!profilesOnly || entry.profile);
  }

  // Up to three corrected queries: each unknown word replaced by its closest words.
  function corrections(base, query, options) {
    var profilesOnly = !!(options && options.profiles);
    return load(base).then(function (vocab) {
      var tokens = query.split(/\s+/).filter(Boolean);
      var choices = tokens.map(function (token) {
        var word = token.replace(/[^\p{L}\p{N}-]/gu, "");
        if (word.length < MIN_LENGTH || /\d/.test(word) || known(word, vocab, profilesOnly)) {
          return [token];
        }
        return closest(word, vocab, profilesOnly);
      });
      if (choices.some(function (c) { return c.length === 0; })) return [];
      if (choices.every(function (c, i) { return c[0] === tokens[i]; })) return [];
      var most = Math.max.apply(null, choices.map(function (c) { return c.length; }));
      var result = [];
      for (var n = 0; n < most; n++) {
        result.push(choices.map(function (c) { return c[Math.min(n, c.length - 1)]; }).join(" "));
      }
      return result.filter(function (q, i) { return result.indexOf(q) === i; });
    });
  }

  // "„A“", "„A“ oder „B“", "„A“, „B“ oder „C“" for the status message.
  function spoken(list) {
    var quoted = list.map(function (q) { return "„" + q + "“"; });
    return quoted.length < 2 ? quoted.join("")
      : quoted.slice(0, -1).join(", ") + " oder " + quoted[quoted.length - 1];
  }

  // Fill ``box`` with "Meinten Sie A, B oder C?" as links to the search page and announce
  // the suggestions in ``status`` (a live region). ``pick(text)``, when given, handles a
  // click on this page instead of following the link (the directory searches in place).
  function show(box, status, base, list, pick) {
    box.replaceChildren("Meinten Sie ");
    list.forEach(function (text, i) {
      var link = document.createElement("a");
      link.textContent = text;
      link.href = base + SEARCH + "?q=" + encodeURIComponent(text);
      if (pick) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          pick(text);
        });
      }
      if (i) box.append(i === list.length - 1 ? " oder " : ", ");
      box.append(link);
    });
    box.append("?");
    box.hidden = false;
    status.textContent += " Meinten Sie " + spoken(list) + "?";
  }

  window.vrSuggest = { terms: terms, needed: needed, corrections: corrections, spoken: spoken,
    show: show };
})();
