/* Zensical's search dialog in Chinese. Zensical (0.0.73) writes its dialog's
 * labels in English in its script, not in its templates: "Search", "Close
 * search", "No results", "8 results" ... This puts the site's words in their
 * place, the result lines in the words of the theme's translations (the
 * page's __config), and keeps them there as the dialog redraws. Loaded on
 * Zensical's pages only (overrides/main.html).
 */
(function () {
  "use strict";
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) {}
  var t = config.translations || {};
  var WORDS = {
    "Search": "搜索",
    "Close search": "关闭搜索",
    "Filters": "筛选",
    "Tags": "标签",
    "Use Up and Down arrow keys to move between tags. Press Space or Enter to toggle a tag.":
      "用上下方向键在标签之间移动，按空格键或回车键选中或取消标签。",
    "Search results": "搜索结果",
    "Loading search…": "正在载入搜索…",
    "No results": t["search.result.none"] || "没有找到符合条件的结果",
    "Search is unavailable. Reload the page to try again.": "搜索暂时不能使用，请刷新页面再试。"
  };
  var ATTRIBUTES = ["aria-label", "placeholder"];
  // The dialog's grey lines (its result count and each result's place) are
  // 3.4:1 on white; the site's text needs 4.5:1, and 7:1 in 高对比度. The
  // theme's stylesheet is inside the shadow root, so ours goes there too.
  // ".f" is the count's class in Zensical 0.0.73's markup: the accessibility
  // audit of the search page type (tests/page_types.py) fails if it changes.
  // Its filter button opens a panel of the pages' tags; the site's search
  // documents (search-index/search.json) carry none, so the panel is empty.
  var STYLE = ".f, [role=option] menu li { color: rgba(0, 0, 0, 0.87); }\n" +
    "button[aria-controls$='-filters'] { display: none; }";

  function say(text) {
    var count = /^([\d,]+) results?$/.exec(text);
    if (!count) return WORDS[text];
    var n = count[1].replace(/,/g, "");
    return n === "1" ? (t["search.result.one"] || "找到 1 个符合条件的结果")
      : (t["search.result.other"] || "# 个符合条件的结果").replace("#", n);
  }

  function translate(root) {
    // A result's name was its title alone, while it shows its place and an
    // excerpt too: a name that leaves out visible words fails WCAG 2.5.3
    // (label in name). Without aria-labelledby its name is all it shows.
    root.querySelectorAll("[role=option][aria-labelledby]").forEach(function (option) {
      option.removeAttribute("aria-labelledby");
    });
    root.querySelectorAll("[aria-label], [placeholder]").forEach(function (element) {
      ATTRIBUTES.forEach(function (name) {
        var said = element.hasAttribute(name) && say(element.getAttribute(name));
        if (said) element.setAttribute(name, said);
      });
    });
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var said = say(node.data.trim());
      if (said) node.data = said;
    }
  }

  function watch(host) {
    var root = host.shadowRoot;
    var style = document.createElement("style");
    style.textContent = STYLE;
    root.appendChild(style);
    translate(root);
    new MutationObserver(function () { translate(root); }).observe(root, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES
    });
  }

  // Zensical's script puts its dialog in a shadow root of an element it adds to the body.
  function host() {
    return Array.prototype.find.call(document.body.children, function (e) { return e.shadowRoot; });
  }
  if (host()) return watch(host());
  var waiting = new MutationObserver(function () {
    if (!host()) return;
    waiting.disconnect();
    watch(host());
  });
  waiting.observe(document.body, { childList: true });
})();
