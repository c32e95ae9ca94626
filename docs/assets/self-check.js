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
  var UNSTATED = "原文未限定行业";
  var CLASS_TEXT = {};
  document.querySelectorAll(".size-classes li").forEach(function (li) {
    CLASS_TEXT[li.querySelector("strong").textContent.replace("企业", "")] = li.textContent;
  });
  var data = null;

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

  // The size class of the standard (size_classes.Rule.classify, same rule).
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

  // What the answers match: catalogue audiences and industries.
  function criteria(a) {
    var audiences = [], industries = [];
    function add(list, v) { if (v && list.indexOf(v) < 0) list.push(v); }
    a.who.forEach(function (w) {
      (identities[w] || { audiences: [] }).audiences.forEach(function (x) { add(audiences, x); });
      (identities[w] || { industries: [] }).industries.forEach(function (x) { add(industries, x); });
    });
    var size = sizeClass(a);
    var addedMicro = (size === "小型" || size === "微型") && audiences.indexOf("小微企业") < 0;
    if (addedMicro) add(audiences, "小微企业");
    var rule = rules[a.industry];
    if (rule) add(industries, rule.catalogue);
    return { audiences: audiences, industries: industries, byIndustry: !!rule, size: size, addedMicro: addedMicro };
  }

  function fits(policy, c, a) {
    if (!policy.audiences.some(function (x) { return c.audiences.indexOf(x) >= 0; })) return false;
    if (a.needs.length && !policy.support_types.some(function (t) { return a.needs.indexOf(t) >= 0; })) return false;
    var sectors = policy.industries || [];
    if ((c.byIndustry || c.industries.length) && sectors.length &&
        !sectors.some(function (s) { return c.industries.indexOf(s) >= 0; })) return false;
    return true;
  }

  function catalogueLink(c, a) {
    var params = new URLSearchParams();
    c.audiences.forEach(function (x) { params.append("audience", x); });
    a.needs.forEach(function (x) { params.append("support", x); });
    if (c.byIndustry || c.industries.length) {
      c.industries.forEach(function (x) { params.append("industry", x); });
      params.append("industry", UNSTATED);
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
        "支持方式：" + policy.support_types.join("、") + "；主管部门：" +
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

  function show(a, scroll) {
    var c = criteria(a);
    // As the catalogue lists them: current first, then by main support type
    // (the JSON's own order within; pages/policies.reading_order adds the plan's).
    var supportRank = {};
    data.vocabularies.support_types.forEach(function (t, i) { supportRank[t] = i; });
    var found = data.policies.filter(function (p) { return fits(p, c, a); })
      .map(function (p, i) { return [p, i]; })
      .sort(function (x, y) {
        var cx = data.vocabularies.statuses[x[0].status.value] ? 0 : 1;
        var cy = data.vocabularies.statuses[y[0].status.value] ? 0 : 1;
        return (cx - cy) || (supportRank[x[0].support_types[0]] - supportRank[y[0].support_types[0]]) || (x[1] - y[1]);
      })
      .map(function (x) { return x[0]; });
    var current = found.filter(function (p) { return data.vocabularies.statuses[p.status.value]; });
    var historical = found.filter(function (p) { return !data.vocabularies.statuses[p.status.value]; });
    results.replaceChildren();
    results.append(el("h2", { id: "results" }, [heading(found, historical)]));
    var chosen = a.who.map(function (w) { return identities[w].label; }).join("、");
    results.append(el("p", { class: "self-check-summary" }, [
      "您的回答：" + (chosen || "未选“我是……”") + (a.industry ? "；" + a.industry : "") +
        (a.needs.length ? "；需要 " + a.needs.join("、") : ""),
    ]));
    sizeNote(a, c).forEach(function (n) { results.append(el("p", { class: "self-check-size" }, [n])); });
    var edit = el("button", { type: "button", class: "md-button", "data-edit": "" }, ["修改回答"]);
    edit.addEventListener("click", function () {
      form.scrollIntoView({ block: "start" });
      var first = form.querySelector("input:checked") || form.querySelector("input");
      first.focus({ preventScroll: true });
    });
    var actions = el("p", { class: "self-check-actions" }, [edit]);
    if (found.length) {
      actions.append(" ", el("a", { href: catalogueLink(c, a), "data-catalogue-link": "" },
        ["在政策目录中查看这 " + found.length + " 项"]));
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
        "可以少选几项“我需要……”、把行业改为“不确定”，或者直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    }
    if (current.length) {
      results.append(el("h3", {}, ["现行有效（" + current.length + " 项）"]));
      results.append(el("ul", { class: "result-list", "data-group": "current" }, current.map(item)));
    }
    if (historical.length) {
      results.append(el("h3", {}, [(historical.every(function (p) { return p.status.value === "已失效"; })
        ? "已失效" : "已失效或截止") + "，仅供历史参考（" + historical.length + " 项）"]));
      results.append(el("p", {}, ["这些条目依据的文件已废止或申报期已过，不能再按它们申请。想知道现在适用哪些政策，请看各条目页面的“怎么办”。"]));
      results.append(el("ul", { class: "result-list", "data-group": "historical" }, historical.map(item)));
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
    })
    .catch(function () {
      results.append(el("p", { class: "self-check-error" }, [
        "暂时无法载入政策数据，请刷新页面重试，或直接浏览",
        el("a", { href: catalogue.href }, ["政策目录"]), "。",
      ]));
    });
})();
