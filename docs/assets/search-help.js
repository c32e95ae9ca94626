/* The search box, made to hear every way text arrives, and a way on when
 * nothing is found.
 *
 * - Material reads the query on keyup. Pasted text, voice input and an IME
 *   commit arrive as "input" events with no key released: each is passed on
 *   as a keyup, so the search runs without a key press.
 * - When a query finds nothing (policy_site/search/core.js found not even a
 *   partial match), a help block under Material's "no result" line offers the
 *   政策自测, the 政策目录 filtered by the words the site's vocabulary knows
 *   (content/search.yaml: the terms of the synonyms typed), and the
 *   departments' page, to ask the department in charge.
 *
 * Its links are reached as the results are: arrow keys from the search box.
 * Without JavaScript there is no search box at all; every page it links to
 * works without it.
 */
(function () {
  "use strict";
  var input = document.querySelector("input.md-search__input");
  var result = document.querySelector(".md-search-result");
  if (!input || !result) return;
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) {}
  var base = new URL(config.base || ".", location.href);
  var settings = null;
  var QUIET = 300; // ms

  input.addEventListener("input", function (event) {
    if (event.isComposing) return; // the IME has not committed yet
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });

  function vocabulary() {
    if (!settings) {
      settings = fetch(new URL("search-index/search_index.json", base))
        .then(function (r) { return r.json(); })
        .then(function (index) { return index.config.policy_site || {}; })
        .catch(function () { return {}; });
    }
    return settings;
  }

  // The catalogue terms the query names through the vocabulary: 借钱 -> 贷款.
  function recognised(query, vocab) {
    var text = query.normalize("NFKC").toLowerCase();
    var synonyms = vocab.synonyms || {};
    var found = [];
    Object.keys(synonyms).sort(function (a, b) { return b.length - a.length; }).forEach(function (word) {
      if (text.indexOf(word) >= 0) {
        text = text.split(word).join(" ");
        synonyms[word].forEach(function (t) { if (found.indexOf(t) < 0) found.push(t); });
      }
    });
    return found;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    // As Material's result links: out of the Tab order (Tab closes search),
    // reached with the arrow keys from the search box like any result.
    a.tabIndex = -1;
    return a;
  }

  function help(query, vocab) {
    var box = document.createElement("div");
    box.className = "ps-search-help";
    box.setAttribute("data-ps-query", query);
    var lead = document.createElement("p");
    lead.textContent = "没有找到与“" + query + "”相符的内容。可以换个说法再搜，或者：";
    box.appendChild(lead);
    var list = document.createElement("ul");
    function item(parts) {
      var li = document.createElement("li");
      parts.forEach(function (p) { li.appendChild(typeof p === "string" ? document.createTextNode(p) : p); });
      list.appendChild(li);
    }
    item(["回答几个问题，用", link(new URL("self-check/", base).href, "政策自测"), "找出可能适合您的政策；"]);
    var terms = recognised(query, vocab);
    terms.forEach(function (term) {
      var url = new URL("policies/", base);
      url.searchParams.set("q", term);
      item(["在政策目录中查看与“", link(url.href, term), "”有关的政策；"]);
    });
    item(["浏览全部", link(new URL("policies/", base).href, "政策目录"), "，按支持方式和适用对象筛选；"]);
    item(["查看", link(new URL("departments/", base).href, "各部门的职责"), "，向负责的部门咨询。"]);
    box.appendChild(list);
    return box;
  }

  var shown = null;
  function update() {
    var query = input.value.trim();
    var list = result.querySelector(".md-search-result__list");
    var meta = result.querySelector(".md-search-result__meta");
    var none = (config.translations || {})["search.result.none"];
    // Material says "no result" only once the worker has answered with none.
    var empty = query && list && !list.children.length && meta && none && meta.textContent.trim() === none;
    if (shown && (!empty || shown.getAttribute("data-ps-query") !== query)) {
      shown.remove();
      shown = null;
    }
    if (!empty || shown) return;
    vocabulary().then(function (vocab) {
      // Still nothing for the same query once the vocabulary is here?
      if (shown || input.value.trim() !== query || list.children.length) return;
      if (meta.textContent.trim() !== none) return;
      shown = help(query, vocab);
      meta.insertAdjacentElement("afterend", shown);
    });
  }
  // While text is typed, the answer to an earlier part of it may say "no
  // result" just before the answer to the whole arrives: the help waits for
  // the list to rest a moment (a change removes it at once).
  var timer = 0;
  new MutationObserver(function () {
    if (shown && (input.value.trim() !== shown.getAttribute("data-ps-query") ||
                  result.querySelector(".md-search-result__list").children.length)) {
      shown.remove();
      shown = null;
    }
    clearTimeout(timer);
    timer = setTimeout(update, QUIET);
  }).observe(result, { childList: true, subtree: true, characterData: true });
})();
