/* 政策自测： narrows the catalogue to what fits the answers, entirely in the
   browser. The answers are never sent or stored; the only request is for the
   catalogue's own JSON file on this site. The answers are written into this
   page's URL after # (history.replaceState, no request; a fragment is never
   sent to a server), so a result can be shared and reopened. What each answer matches is declared by the page
   (policy_site/pages/self_check.py), not here. */
(function () {
  "use strict";
  var form = document.querySelector("[data-self-check]");
  if (!form) return;
  var results = document.querySelector("[data-results]");
  var catalogue = new URL(form.getAttribute("data-catalogue"), location.href);
  var siteRoot = new URL("../", catalogue);
  var identities = JSON.parse(form.getAttribute("data-identities"));
  var rules = JSON.parse(form.getAttribute("data-rules"));
  var aboveScale = Number(form.getAttribute("data-above-scale"));
  var INDUSTRY_ANY = form.getAttribute("data-industry-any");
  var CLASS_TEXT = {};
  document.querySelectorAll(".size-classes li").forEach(function (li) {
    CLASS_TEXT[li.querySelector("strong").textContent.replace("企业", "")] = li.textContent;
  });
  var data = null;
  // A group of results longer than this shows this many, then 更多.
  var SHOWN = 3;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function checkedValues(name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'), function (i) {
      return i.checked;
    }).map(function (i) { return i.value; });
  }

  function number(value) {
    if (value === "" || value === null) return null;
    var n = Number(value);
    return isFinite(n) && n >= 0 ? n : null;
  }

  function answers() {
    return {
      who: checkedValues("who"),
      industry: form.elements.industry.value,
      staff: number(form.elements.staff.value),
      revenue: number(form.elements.revenue.value),
      needs: checkedValues("need"),
    };
  }

  // The size class of the standard; tests/catalogue_rules.py size_class states the same rule and checks this one against it.
  function sizeClass(a) {
    var rule = rules[a.industry];
    if (!rule || !rule.computed) return null;
    var staff = a.staff, revenue = a.revenue;
    if ((rule.sme[0] !== null && staff === null) || (rule.sme[1] !== null && revenue === null)) return null;
    function below(limits) {
      return (limits[0] !== null && staff < limits[0]) || (limits[1] !== null && revenue < limits[1]);
    }
    function atLeast(limits) {
      return (limits[0] === null || staff >= limits[0]) && (limits[1] === null || revenue >= limits[1]);
    }
    if (!below(rule.sme)) return "大型";
    if (atLeast(rule.medium)) return "中型";
    if (atLeast(rule.small)) return "小型";
    return "微型";
  }

  // What the answers match: catalogue audiences (own: those of the answers
  // themselves, without their broader groups) and industries.
  function criteria(a) {
    var audiences = [], own = [], industries = [];
    function add(list, v) { if (v && list.indexOf(v) < 0) list.push(v); }
    a.who.forEach(function (w) {
      var identity = identities[w] || { audiences: [], own: [], industries: [] };
      identity.audiences.forEach(function (x) { add(audiences, x); });
      identity.own.forEach(function (x) { add(own, x); });
      identity.industries.forEach(function (x) { add(industries, x); });
    });
    var size = sizeClass(a);
    var addedMicro = (size === "小型" || size === "微型") && audiences.indexOf("小微企业") < 0;
    if (addedMicro) { add(audiences, "小微企业"); add(own, "小微企业"); }
    var rule = rules[a.industry];
    if (rule) add(industries, rule.catalogue);
    return { audiences: audiences, own: own, industries: industries, byIndustry: !!rule, size: size,
             addedMicro: addedMicro };
  }

  function offersNeed(policy, a) {
    return policy.support_types.some(function (t) { return a.needs.indexOf(t) >= 0; });
  }

  // The catalogue's rule (its filters): one of the answers' audiences, and no
  // industry limit or one of the answers' industries.
  function inCatalogueView(policy, c) {
    if (!policy.audiences.some(function (x) { return c.audiences.indexOf(x) >= 0; })) return false;
    var sectors = policy.industries || [];
    return !((c.byIndustry || c.industries.length) && sectors.length &&
             !sectors.some(function (s) { return c.industries.indexOf(s) >= 0; }));
  }

  // Narrower audiences (科技型小微企业 within 小微企业) the entry names beside
  // the broader group the answers reached it by, which the answers did not
  // choose: the entry is meant for them.
  function forOthers(policy, c) {
    var broader = data.vocabularies.audiences;
    var reached = policy.audiences.filter(function (x) { return c.audiences.indexOf(x) >= 0; });
    var others = policy.audiences.filter(function (n) {
      return reached.indexOf(broader[n]) >= 0 && c.audiences.indexOf(n) < 0;
    });
    return reached.every(function (x) {
      return others.some(function (n) { return broader[n] === x; });
    }) ? others : [];
  }

  // An entry for someone else is listed only when it offers a need chosen.
  function fits(policy, c, a) {
    return inCatalogueView(policy, c) && (!forOthers(policy, c).length || offersNeed(policy, a));
  }

  // How well an entry fits, for the order within a group: named for the
  // reader's industry, for their own group (not only its broader one), and
  // offering more of the needs chosen.
  function fit(policy, c, a) {
    var score = 0;
    if ((policy.industries || []).some(function (s) { return c.industries.indexOf(s) >= 0; })) score += 4;
    if (policy.audiences.some(function (x) { return c.own.indexOf(x) >= 0; })) score += 2;
    return score + policy.support_types.filter(function (t) { return a.needs.indexOf(t) >= 0; }).length;
  }

  function catalogueLink(c) {
    var params = new URLSearchParams();
    c.audiences.forEach(function (x) { params.append("audience", x); });
    if (c.byIndustry || c.industries.length) {
      c.industries.forEach(function (x) { params.append("industry", x); });
      params.append("industry", INDUSTRY_ANY);
    }
    return catalogue.href.split("?")[0] + "?" + params.toString();
  }

  function writeUrl(a) {
    var params = new URLSearchParams();
    a.who.forEach(function (w) { params.append("who", w); });
    if (a.industry) params.set("industry", a.industry);
    if (a.staff !== null) params.set("staff", a.staff);
    if (a.revenue !== null) params.set("revenue", a.revenue);
    a.needs.forEach(function (n) { params.append("need", n); });
    // In the fragment (after #): browsers never send it, not even as a
    // Referer, so the answers stay in the browser even in a shared link.
    history.replaceState(null, "", location.pathname + location.search + "#" + params.toString());
  }

  function readUrl() {
    var params = new URLSearchParams(location.hash.slice(1));
    if (!params.getAll("who").length) return false;
    ["who", "need"].forEach(function (name) {
      var wanted = params.getAll(name);
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
        i.checked = wanted.indexOf(i.value) >= 0;
      });
    });
    var industry = params.get("industry") || "";
    form.elements.industry.value = rules[industry] ? industry : "";
    form.elements.staff.value = params.get("staff") || "";
    form.elements.revenue.value = params.get("revenue") || "";
    return true;
  }

  function item(policy) {
    var link = el("a", { href: new URL(policy.url, siteRoot).href }, [policy.name]);
    var status = el("span", { class: "status-badge status-" + policy.status.state }, [policy.status.value]);
    return el("li", { "data-policy": policy.id }, [
      el("p", { class: "result-title" }, [link, " ", status]),
      el("p", { class: "result-facts" }, [
        "支持方式：" + policy.support_types.join("、") + "；行业：" +
          (policy.industries.length ? policy.industries.join("、") : INDUSTRY_ANY) + "；主管部门：" +
          policy.departments.map(function (d) { return d.name; }).join("、"),
      ]),
    ]);
  }

  // The heading tells the truth about what was found: 均已失效 when nothing
  // of it applies any more.
  function heading(found, historical) {
    if (!found.length) return "没有找到相关政策";
    var text = "找到 " + found.length + " 项相关政策";
    if (!historical.length) return text;
    var word = historical.every(function (p) { return p.status.value === "已失效"; }) ? "已失效" : "已失效或截止";
    if (historical.length === found.length) return text + "，均" + word;
    return text + "，其中 " + historical.length + " 项" + word;
  }

  function sizeNote(a, c) {
    var notes = [];
    if (c.size) {
      notes.push("按您填写的" + a.industry + "从业人员" + (a.staff !== null ? a.staff + "人" : "") +
        (a.revenue !== null ? "、营业收入" + a.revenue + "万元" : "") + "，属于" + CLASS_TEXT[c.size]);
      if (c.addedMicro) notes.push("因此也列出面向小微企业的条目。");
    } else if (a.industry && rules[a.industry] && !rules[a.industry].computed) {
      notes.push(a.industry + "按营业收入和资产总额划型，本自测不问资产总额，没有判断企业规模；标准见本页下方。");
    }
    if (a.industry === "工业" && a.revenue !== null) {
      notes.push(a.revenue >= aboveScale
        ? "营业收入达到" + aboveScale + "万元，属于规上工业企业；计划所称小微企业不含规上企业。"
        : "营业收入不到" + aboveScale + "万元，属于规下工业企业。");
    }
    return notes;
  }

  // The need an entry is listed under: the first of the needs chosen it
  // offers, else its main support type.
  function needOf(policy, a) {
    return a.needs.filter(function (t) { return policy.support_types.indexOf(t) >= 0; })[0] || policy.support_types[0];
  }

  // Entries grouped by need, the needs chosen first (in the form's order),
  // then the others (the catalogue's order of support types); within a
  // group, by fit, then as the catalogue lists them.
  function grouped(list, c, a) {
    var vocabulary = data.vocabularies.support_types;
    var order = a.needs.concat(vocabulary.filter(function (t) { return a.needs.indexOf(t) < 0; }));
    var rank = {};
    vocabulary.forEach(function (t, i) { rank[t] = i; });
    return order.map(function (need) {
      var entries = list.filter(function (p) { return needOf(p, a) === need; })
        .map(function (p) { return [p, fit(p, c, a), data.policies.indexOf(p)]; })
        .sort(function (x, y) {
          return (y[1] - x[1]) || (rank[x[0].support_types[0]] - rank[y[0].support_types[0]]) || (x[2] - y[2]);
        })
        .map(function (x) { return x[0]; });
      return { need: need, chosen: a.needs.indexOf(need) >= 0, entries: entries };
    }).filter(function (g) { return g.entries.length; });
  }

  // One status's results: a heading and a list per need; a long list shows
  // its first SHOWN entries and a 更多 button for the rest.
  function groupLists(list, status, c, a) {
    var out = [];
    grouped(list, c, a).forEach(function (g) {
      out.push(el("h4", {}, [g.need + (g.chosen ? "（您需要的，" : "（") + g.entries.length + " 项）"]));
      var items = g.entries.map(item);
      var ul = el("ul", { class: "result-list", "data-group": status, "data-need": g.need }, items);
      out.push(ul);
      var rest = items.slice(SHOWN);
      if (rest.length < 2) return;
      rest.forEach(function (li) { li.hidden = true; });
      var more = el("button", { type: "button", class: "md-button result-more" },
        ["更多" + g.need + "（还有 " + rest.length + " 项）"]);
      more.addEventListener("click", function () {
        rest.forEach(function (li) { li.hidden = false; });
        more.parentNode.remove();
        rest[0].querySelector("a").focus();
      });
      out.push(el("p", { class: "result-more-row" }, [more]));
    });
    return out;
  }

  function show(a, scroll) {
    var c = criteria(a);
    var statuses = data.vocabularies.statuses;
    var found = data.policies.filter(function (p) { return fits(p, c, a); });
    var leftOut = data.policies.filter(function (p) { return inCatalogueView(p, c) && !fits(p, c, a); });
    var inCatalogue = found.length + leftOut.length;
    var current = found.filter(function (p) { return statuses[p.status.value]; });
    var historical = found.filter(function (p) { return !statuses[p.status.value]; });
    results.replaceChildren();
    results.append(el("h2", { id: "results" }, [heading(found, historical)]));
    var chosen = a.who.map(function (w) { return identities[w].label; }).join("、");
    results.append(el("p", { class: "self-check-summary" }, [
      "您的回答：" + (chosen || "未选“我是……”") + (a.industry ? "；" + a.industry : "") +
        (a.needs.length ? "；需要 " + a.needs.join("、") + "（排在前面）" : ""),
    ]));
    if (leftOut.length) {
      var named = [];
      leftOut.forEach(function (p) {
        forOthers(p, c).forEach(function (n) { if (named.indexOf(n) < 0) named.push(n); });
      });
      results.append(el("p", { class: "self-check-left-out" }, [
        "另有 " + leftOut.length + " 项写明面向“" + named.join("”“") + "”的条目没有列出：" +
          "您属于这类对象，或者需要它们提供的支持，可以在上面选上。",
      ]));
    }
    sizeNote(a, c).forEach(function (n) { results.append(el("p", { class: "self-check-size" }, [n])); });
    var edit = el("button", { type: "button", class: "md-button", "data-edit": "" }, ["修改回答"]);
    edit.addEventListener("click", function () {
      form.scrollIntoView({ block: "start" });
      var first = form.querySelector("input:checked") || form.querySelector("input");
      first.focus({ preventScroll: true });
    });
    var actions = el("p", { class: "self-check-actions" }, [edit]);
    if (inCatalogue) {
      actions.append(" ", el("a", { href: catalogueLink(c), "data-catalogue-link": "" },
        ["在政策目录中按这些条件查看（" + inCatalogue + " 项）"]));
    }
    results.append(actions);
    if (!c.audiences.length) {
      results.append(el("p", { class: "empty" }, [
        a.who.length ? "本目录的条目面向小微企业、个体工商户、创业者和人才，没有面向您所选对象的条目。"
          : "请在“我是……”中至少选一项。",
        "您可以直接浏览", el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    } else if (!found.length) {
      results.append(el("p", { class: "empty" }, [
        "可以把行业改为“不确定”，或者直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    }
    if (current.length) {
      results.append(el("h3", {}, ["现行有效（" + current.length + " 项）"]));
      groupLists(current, "current", c, a).forEach(function (n) { results.append(n); });
    }
    if (historical.length) {
      results.append(el("h3", {}, [(historical.every(function (p) { return p.status.value === "已失效"; })
        ? "已失效" : "已失效或截止") + "，仅供历史参考（" + historical.length + " 项）"]));
      results.append(el("p", {}, ["这些条目依据的文件已废止或申报期已过，不能再按它们申请。想知道现在适用哪些政策，请看各条目页面的“怎么办”。"]));
      groupLists(historical, "historical", c, a).forEach(function (n) { results.append(n); });
    }
    if (scroll) {
      // Move focus to the results without letting the browser scroll to their
      // middle; then bring their heading to the top of the screen.
      results.focus({ preventScroll: true });
      results.querySelector("h2").scrollIntoView({ block: "start" });
    }
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
        var a = answers();
        writeUrl(a);
        show(a, true);
      });
      if (readUrl()) show(answers(), true);
      // Another set of answers in the address (a link opened on this page,
      // Back or Forward between fragments): show them.
      window.addEventListener("hashchange", function () {
        if (readUrl()) show(answers(), true);
      });
    })
    .catch(function () {
      results.append(el("p", { class: "self-check-error" }, [
        "暂时无法载入政策数据，请刷新页面重试，或直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    });
})();
