/* Reading settings（适老化）: 大字版 / 标准版 and 高对比度 / 标准配色.
   overrides/main.html applies the saved settings in <head> before the first
   paint; this script makes the buttons switch them and remembers the choice
   for every page of the site (localStorage, this browser only). */
(function () {
  "use strict";
  var KEY = "policy-site.reading";
  var root = document.documentElement;
  var buttons = document.querySelectorAll("[data-ps-setting]");
  var status = document.querySelector("[data-ps-status]");
  // What a screen reader says after a switch (the button's new name says
  // what the next press does, not what just happened).
  var DONE = {
    size: { large: "已切换到大字版", standard: "已切换到标准版" },
    contrast: { high: "已切换到高对比度配色", standard: "已切换到标准配色" },
  };

  function save() {
    var settings = {
      size: root.getAttribute("data-ps-size"),
      contrast: root.getAttribute("data-ps-contrast"),
    };
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* private mode: this page only */ }
  }

  Array.prototype.forEach.call(buttons, function (button) {
    var setting = button.getAttribute("data-ps-setting");
    var name = "data-ps-" + setting;
    var on = button.getAttribute("data-ps-on");
    button.addEventListener("click", function () {
      var value = root.getAttribute(name) === on ? "standard" : on;
      root.setAttribute(name, value);
      save();
      if (status) status.textContent = DONE[setting][value];
    });
  });

  // -- Keyboard access to Material's controls ------------------------------
  // On narrow screens the menu and search buttons are <label>s for hidden
  // checkboxes, which the keyboard cannot reach. Each is replaced by a real
  // button (same look) that says whether what it opens is open; without
  // scripts the labels stay and work with a mouse or a finger.
  function labelButton(label, toggle, name, onOpen) {
    if (!label || !toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-ps-for", toggle.id);
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.innerHTML = label.innerHTML;  // Material's icon
    label.parentNode.insertBefore(button, label);
    label.style.display = "none";
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("click", function () {
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change"));
      if (toggle.checked && onOpen) requestAnimationFrame(onOpen);
    });
    return button;
  }

  // A panel a button opens (the menu, the table of contents) closes with
  // Escape, and focus goes back to its button.
  function closeWithEscape(toggle, button) {
    if (!toggle || !button) return;
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      button.focus();
    });
  }

  var drawer = document.getElementById("__drawer");
  var nav = document.querySelector(".md-sidebar--primary");
  closeWithEscape(drawer, labelButton(document.querySelector('.md-header__button[for="__drawer"]'), drawer, "导航菜单", function () {
    // The drawer is visibility: hidden until it opens; focus once it shows.
    var first = nav && nav.querySelector("a[href]");
    if (first) first.focus();
  }));

  // Zensical's default look opens the table of contents on phones from a
  // round <label> of its own (Material's pages have none): a button too.
  var toc = document.getElementById("__toc");
  closeWithEscape(toc, labelButton(document.querySelector('.md-sidebar-button[for="__toc"]'), toc, "本页目录", function () {
    var first = document.querySelector(".md-sidebar--secondary .md-sidebar__inner a[href]");
    if (first) first.focus();
  }));

  var search = document.getElementById("__search");
  var dialog = document.querySelector(".md-search");
  // Material's search dialog has no name (WCAG 4.1.2, axe's aria-dialog-name);
  // search needs scripts to work at all, so naming it here names it wherever
  // it can be used, without overriding the theme's partial (which another
  // engine's theme replaces with markup of its own).
  if (dialog && dialog.getAttribute("role") === "dialog" && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", "搜索");
  }
  labelButton(document.querySelector('.md-header__button[for="__search"]'), search, "搜索", function () {
    var input = dialog && dialog.querySelector("input");
    if (input) input.focus();
  });
  // On phones the search box sits in a closed dialog of zero size: keep it
  // out of the Tab order until the search button opens it (the / shortcut
  // still focuses it, which opens search).
  var input = dialog && dialog.querySelector("input");
  var phone = window.matchMedia("(max-width: 59.984375em)");
  function syncSearchBox() {
    if (phone.matches && !search.checked) input.setAttribute("tabindex", "-1");
    else input.removeAttribute("tabindex");
  }
  if (search && input) {
    search.addEventListener("change", syncSearchBox);
    input.addEventListener("focus", syncSearchBox);
    phone.addEventListener("change", syncSearchBox);
    syncSearchBox();
  }
  // Search closes when focus leaves it (Tab past its last result).
  if (search && dialog) {
    document.addEventListener("focusin", function (event) {
      if (!search.checked || dialog.contains(event.target)) return;
      search.checked = false;
      search.dispatchEvent(new Event("change"));
    });
  }

  // A focused control is always in view. On a phone the theme locks the
  // page's scrolling while search is open and unlocks it as search closes
  // (focus leaving it), and the browser then does not scroll the next
  // control it focuses into view: do it in the next frame.
  // (checked a few times while the page settles).
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    function show() {
      if (document.activeElement !== target || !target.getBoundingClientRect) return;
      var box = target.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= window.innerHeight) target.scrollIntoView({ block: "nearest" });
    }
    requestAnimationFrame(show);
    [150, 400, 800].forEach(function (ms) { setTimeout(show, ms); });
  });

  // Back to top moves focus to the top as well, so the next Tab starts from
  // the page's title instead of the end of the page.
  var top = document.querySelector(".md-top");
  var title = document.querySelector(".md-content h1");
  if (top && title) {
    top.addEventListener("click", function () {
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    });
  }

})();
