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
})();
