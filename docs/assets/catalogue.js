/* Catalogue filters （政策目录）. Progressive enhancement: without this script
   every entry is listed; with it, facets, a text filter, counts per option,
   and the filter state in the URL so a filtered view can be shared. */
(function () {
  "use strict";
  var root = document.querySelector("[data-catalogue]");
  if (!root) return;
  var form = root.querySelector(".catalogue-filters");
  var panel = form.querySelector("details");
  // The 政策文件库 (documents/) uses this script too: its root names its items
  // (data-catalogue=".library-item") and what it counts (data-noun="份文件").
  var cards = Array.prototype.slice.call(root.querySelectorAll(root.getAttribute("data-catalogue") || ".policy-card"));
  var noun = root.getAttribute("data-noun") || "项政策";
  var total = root.querySelector("[data-count-total]");
  var empty = root.querySelector(".catalogue-empty");
  var text = form.elements.q;
  var summary = panel.querySelector("summary");
  var summaryText = summary.textContent;
  var apply = form.querySelector("[data-apply]");
  var applyButton = form.querySelector("[data-apply-button]");
  var chips = root.querySelector("[data-chips]");
  var chipList = root.querySelector("[data-chip-list]");
  var labels = {};  // facet key -> legend; "key=value" -> option label
  form.querySelectorAll("fieldset[data-facet]").forEach(function (f) {
    var key = f.getAttribute("data-facet");
    labels[key] = f.querySelector("legend").textContent;
    f.querySelectorAll("input").forEach(function (i) {
      labels[key + "=" + i.value] = i.closest("label").firstChild.nextSibling.textContent.trim();
    });
  });
  var keys = Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (f) {
    return f.getAttribute("data-facet");
  });

  function normalise(s) {
    return (s || "").toLowerCase().replace(/\s+/g, "");
  }

  // What each card can be filtered on, read once from its data attributes.
  var index = cards.map(function (card) {
    var values = {};
    keys.forEach(function (k) {
      values[k] = (card.getAttribute("data-" + k) || "").split("|").filter(function (v, i, all) {
        return v && all.indexOf(v) === i;
      });
    });
    return { card: card, values: values, text: normalise(card.getAttribute("data-text")) };
  });

  // Each facet's options, found once: the element whose count it shows and
  // the count shown (written again only when it changes: hundreds of items
  // and options must update within a frame on a slow phone).
  var options = {};
  keys.forEach(function (k) {
    options[k] = Array.prototype.map.call(form.querySelectorAll('input[name="' + k + '"]'), function (input) {
      var label = input.closest("label");
      return { input: input, label: label, count: label.querySelector("[data-count]"), shown: null };
    });
  });

  function readForm() {
    var state = { q: text.value.trim(), facets: {} };
    keys.forEach(function (k) {
      state.facets[k] = options[k].filter(function (o) { return o.input.checked; }).map(function (o) {
        return o.input.value;
      });
    });
    return state;
  }

  function matches(item, state, skip) {
    for (var n = 0; n < keys.length; n++) {
      var k = keys[n], chosen = state.facets[k];
      if (k === skip || !chosen.length) continue;
      if (!item.values[k].some(function (v) { return chosen.indexOf(v) >= 0; })) return false;
    }
    if (state.q) {
      var terms = state.q.split(/\s+/).map(normalise).filter(Boolean);
      for (var t = 0; t < terms.length; t++) if (item.text.indexOf(terms[t]) < 0) return false;
    }
    return true;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    keys.forEach(function (k) { state.facets[k].forEach(function (v) { params.append(k, v); }); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    text.value = params.get("q") || "";
    keys.forEach(function (k) {
      var wanted = params.getAll(k);
      options[k].forEach(function (o) { o.input.checked = wanted.indexOf(o.input.value) >= 0; });
    });
    return params.toString() !== "";
  }

  function update() {
    var state = readForm();
    var shown = 0;
    index.forEach(function (item) {
      var ok = matches(item, state, null);
      if (item.card.hidden === ok) item.card.hidden = !ok;
      if (ok) shown++;
    });
    total.textContent = shown === cards.length
      ? "共 " + shown + " " + noun
      : "找到 " + shown + " " + noun + "（共 " + cards.length + " " + noun.charAt(0) + "）";
    empty.hidden = shown > 0;
    // Count per option: entries that would show if this option were chosen
    // together with the filters of the other facets.
    keys.forEach(function (k) {
      var counts = Object.create(null);
      index.forEach(function (item) {
        if (!matches(item, state, k)) return;
        item.values[k].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      options[k].forEach(function (o) {
        var count = counts[o.input.value] || 0;
        if (o.shown === count) return;
        o.shown = count;
        o.count.textContent = "(" + count + ")";
        o.label.classList.toggle("facet-zero", count === 0);
      });
    });
    // The folded panel still says how many filters are on.
    var active = keys.reduce(function (n, k) { return n + state.facets[k].length; }, state.q ? 1 : 0);
    summary.textContent = active ? summaryText + "（已选 " + active + " 项）" : summaryText;
    // While filtering, the result count stays in reach at the bottom of the
    // panel; it closes the panel and goes to the list.
    applyButton.textContent = "查看 " + shown + " 项结果";
    apply.hidden = !panel.open;
    showChips(state);
    writeUrl(state);
  }

  // The chosen filters as buttons that remove them, so a reader sees which
  // filters are on with the panel closed.
  function showChips(state) {
    chipList.replaceChildren();
    function chip(text, remove) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "filter-chip";
      button.textContent = text + " ×";
      button.setAttribute("aria-label", "去掉条件：" + text);
      button.addEventListener("click", function () {
        remove();
        update();
        var next = chipList.querySelector("button");
        (next || summary).focus();
      });
      var li = document.createElement("li");
      li.append(button);
      chipList.append(li);
    }
    if (state.q) chip("关键词：" + state.q, function () { text.value = ""; });
    keys.forEach(function (k) {
      state.facets[k].forEach(function (v) {
        chip(labels[k] + "：" + (labels[k + "=" + v] || v), function () {
          form.querySelector('input[name="' + k + '"][value="' + CSS.escape(v) + '"]').checked = false;
        });
      });
    });
    chips.hidden = !chipList.children.length;
  }

  form.hidden = false;
  var filtered = readUrl();
  // On a phone the filters fold away; the count above the list says what is shown.
  if (window.matchMedia("(max-width: 44.9375em)").matches) panel.open = false;
  if (filtered) panel.setAttribute("data-active", "");
  panel.addEventListener("toggle", function () { apply.hidden = !panel.open; });
  applyButton.addEventListener("click", function () {
    panel.open = false;
    total.setAttribute("tabindex", "-1");
    total.focus({ preventScroll: true });
    // From the folded panel down: the chosen filters (chips), the count, the list.
    panel.scrollIntoView({ block: "start" });
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  root.querySelector("[data-clear]").addEventListener("click", function () {
    form.reset();
    setTimeout(function () { update(); text.focus(); }, 0);
  });
  update();
})();
