/* 政策自测： narrows the catalogue to what fits the answers, entirely in the
   browser. The answers are never sent or stored; the only request is for the
   catalogue's own JSON file on this site. */
(function () {
  "use strict";
  var form = document.querySelector("[data-self-check]");
  if (!form) return;
  var results = document.querySelector("[data-results]");
  var catalogue = new URL(form.getAttribute("data-catalogue"), location.href);
  var siteRoot = new URL("../", catalogue);
  var data = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function answers() {
    var f = form.elements;
    var needs = Array.prototype.filter.call(form.querySelectorAll('input[name="need"]'), function (i) {
      return i.checked;
    }).map(function (i) { return i.value; });
    return { audience: f.audience.value, needs: needs, industry: f.industry.value };
  }

  // Whether an entry fits: the person's group (or the broader group it belongs
  // to), at least one of the needs if any were chosen, and the sector.
  function fits(policy, a) {
    var groups = [a.audience, data.vocabularies.audiences[a.audience]].filter(Boolean);
    if (!policy.audiences.some(function (x) { return groups.indexOf(x) >= 0; })) return false;
    if (a.needs.length && !policy.support_types.some(function (t) { return a.needs.indexOf(t) >= 0; })) return false;
    var sectors = policy.industries || [];
    if (a.industry && sectors.length && sectors.indexOf(a.industry) < 0) return false;
    return true;
  }

  function item(policy) {
    var link = el("a", { href: new URL(policy.url, siteRoot).href }, [policy.name]);
    var status = el("span", { class: "status-badge status-" + policy.status.state }, [policy.status.value]);
    return el("li", { "data-policy": policy.id }, [
      el("p", { class: "result-title" }, [link, " ", status]),
      el("p", { class: "result-facts" }, [
        "支持方式：" + policy.support_types.join("、") + "；主管部门：" +
          policy.departments.map(function (d) { return d.name; }).join("、"),
      ]),
    ]);
  }

  function show(a) {
    var found = data.policies.filter(function (p) { return fits(p, a); });
    var current = found.filter(function (p) { return data.vocabularies.statuses[p.status.value]; });
    var historical = found.filter(function (p) { return !data.vocabularies.statuses[p.status.value]; });
    results.replaceChildren();
    results.append(el("h2", { id: "results" }, ["找到 " + found.length + " 项可能适合您的政策"]));
    if (!found.length) {
      results.append(el("p", { class: "empty" }, [
        "没有找到。可以少选几项“我需要”、把行业改为“其他或不确定”，或者直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    }
    if (current.length) {
      results.append(el("h3", {}, ["现行有效（" + current.length + " 项）"]));
      results.append(el("ul", { class: "result-list", "data-group": "current" }, current.map(item)));
    }
    if (historical.length) {
      results.append(el("h3", {}, ["已失效，仅供历史参考（" + historical.length + " 项）"]));
      results.append(el("p", {}, ["这些条目依据的文件已废止或申报期已过，不代表现行政策。"]));
      results.append(el("ul", { class: "result-list", "data-group": "historical" }, historical.map(item)));
    }
    // Move focus to the results without letting the browser scroll to their
    // middle; then bring their heading to the top of the screen.
    results.focus({ preventScroll: true });
    results.querySelector("h2").scrollIntoView({ block: "start" });
  }

  fetch(form.getAttribute("data-source"))
    .then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    })
    .then(function (json) {
      data = json;
      form.hidden = false;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        show(answers());
      });
    })
    .catch(function () {
      results.append(el("p", { class: "self-check-error" }, [
        "暂时无法载入政策数据，请刷新页面重试，或直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    });
})();
