"""Hostile content is rejected or shown as inert text, never run or rendered.

Content fields are plain text: the loader rejects markup and script URLs,
and templates escape everything else. Each hostile string is put into a
range of text fields; either ``load_content`` rejects it naming that field,
or the built site shows it as text: in Chromium no dialog opens, no element
carries an event handler or a script from content, no link points to
``javascript:``/``data:``, and no request leaves 127.0.0.1 (including in
Material's search results, which are rendered from the search index).
Markdown syntax in headings and text must stay literal too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from browser import record_requests
from conftest import CONTENT, build_site, copy_project, serve
from html_tree import parse_html
from search_ui import wait_for_answer
from policy_site.content import load_content
from policy_site.errors import ContentError

PLAN = "content/plan.yaml"
HAISHU = "content/governments/haishu.yaml"
POLICY = "content/policies/tax-incentives.yaml"
INTERP = "content/interpretations/hs-2018-138-text.yaml"

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<iframe src="http://evil.example/">',
    '"><script>alert(1)</script>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;svg onload=alert(1)&#62;",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript&#58;alert(1))",
    "onclick=alert(1)",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "{#pwn onclick=alert(1)}",
    "{{ 7*7 }}{% raw %}",
]
HOSTILE_URLS = [
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    'https://example.gov.cn/"onmouseover="alert(1)',
    "https://example.gov.cn/<script>",
]

# Markers of hostile content that must never be live on a page.
TRAP = """
window.__pwned = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = function () { window.__pwned.push(name + ":" + Array.from(arguments).join(",")); };
}
"""


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}, found {text.count(old)}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _req3_text(project: Path) -> str:
    line = next(l for l in (project / PLAN).read_text(encoding="utf-8").splitlines()
                if l.startswith("      text: 各有关单位要充分利用各种媒体平台"))
    return line


def _inject(project: Path, field: str, value: str) -> None:
    """Put ``value`` into ``field`` of the content under ``project``."""
    if field == "policy.summary":
        _replace_once(project / POLICY, "summary: |-\n  计划要求", "summary: |-\n  " + value.replace("\n", "\n  ") + "\n\n  计划要求")
    elif field == "policy.name":
        _replace_once(project / POLICY, "name: 税收优惠政策落实", "name: " + _yaml(value + " 税收优惠政策落实"))
    elif field == "policy.keywords":
        _replace_once(project / POLICY, "keywords: [税收优惠,", "keywords: [税收优惠, " + _yaml(value) + ",")
    elif field == "policy.service_url":
        _replace_once(project / POLICY, "last_verified:", "service_url: " + _yaml(value) + "\nlast_verified:")
    elif field == "clause.text":
        line = _req3_text(project)
        body = line.split("text: ", 1)[1]
        _replace_once(project / PLAN, line, "      text: " + _yaml(value + "\n\n" + body))
    elif field == "clause.heading":
        _replace_once(project / PLAN, "heading: 加强典型宣传。", "heading: " + _yaml("加强典型宣传。" + value))
    elif field == "interpretation.text":
        _replace_once(project / INTERP, "      - text: |-\n          这份计划是为了落实",
                      "      - text: |-\n          " + value.replace("\n", "\n          ") + "\n\n          这份计划是为了落实")
    elif field == "department.name":
        _replace_once(project / HAISHU, "  name: 区税务局", "  name: " + _yaml(value + " 区税务局"))
    else:
        raise AssertionError(field)


# field -> (file, YAML path the loader must name)
FIELDS = {
    "policy.summary": (POLICY, "summary"),
    "policy.name": (POLICY, "name"),
    "policy.keywords": (POLICY, "keywords[1]"),
    "clause.text": (PLAN, "body.clauses[4].children[2].text"),
    "clause.heading": (PLAN, "body.clauses[4].children[2].heading"),
    "interpretation.text": (INTERP, "sections[0].points[0].text"),
    "department.name": (HAISHU, "departments[5].name"),
}
TEXT_CASES = [(f, h) for f in FIELDS for h in HOSTILE]
URL_CASES = [("policy.service_url", h) for h in HOSTILE_URLS + HOSTILE[:3]]


def _content_copy(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(CONTENT, project / "content")
    return project


def _try(project: Path):
    """(content, None) when accepted, (None, ContentError) when rejected."""
    try:
        return load_content(project / "content"), None
    except ContentError as error:
        return None, error


def _is_markup(value: str) -> bool:
    return bool(re.search(r"<\s*[a-zA-Z/!?]|javascript\s*:|data\s*:\s*text/html", value, re.I))


# -- 1. validation --------------------------------------------------------------


@pytest.mark.parametrize("field,value", TEXT_CASES + URL_CASES,
                         ids=[f"{f}-{i}" for i, (f, _) in enumerate(TEXT_CASES + URL_CASES)])
def test_hostile_value_is_rejected_naming_field_or_kept_verbatim(tmp_path, field, value):
    project = _content_copy(tmp_path)
    _inject(project, field, value)
    content, error = _try(project)
    if field == "policy.service_url":
        file, path = POLICY, "service_url"
        assert error is not None, f"service_url {value!r} was accepted"
    else:
        file, path = FIELDS[field]
    if error is not None:
        fields = {(p.file, p.field) for p in error.problems}
        assert any(f.endswith(file) and fld == path for f, fld in fields), (
            f"{value!r} in {field}: rejected, but not at {file} {path}: {error.format()}"
        )
        assert len(error.problems) == 1, error.format()
        return
    # Accepted: only text that is not markup, stored exactly as written.
    assert not _is_markup(value), f"markup {value!r} accepted in {field}"
    if field == "policy.summary":
        assert value in content.policies["tax-incentives"].summary
    elif field == "policy.name":
        assert content.policies["tax-incentives"].name == value + " 税收优惠政策落实"
    elif field == "department.name":
        assert content.departments["haishu/taxation"].name == value + " 区税务局"


def test_raw_markup_is_always_rejected(tmp_path):
    """Every string containing a tag or a script URL fails, in every field."""
    for field in FIELDS:
        for value in HOSTILE:
            if not _is_markup(value):
                continue
            project = _content_copy(tmp_path / f"{field}-{HOSTILE.index(value)}")
            _inject(project, field, value)
            assert _try(project)[1] is not None, f"{value!r} accepted in {field}"


# -- 2. accepted hostile text stays inert in the browser --------------------------


def _accepted_site(tmp_path_factory) -> tuple[Path, list[str]]:
    """A copy of the project holding every accepted hostile string in every
    field that accepts it; returns the built site and the strings used."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    used: list[str] = []
    for field in FIELDS:
        taken = []
        for value in HOSTILE:
            probe = _content_copy(tmp_path_factory.mktemp("probe"))
            _inject(probe, field, " ".join(taken + [value]))
            if _try(probe)[1] is None:
                taken.append(value)
        if taken:
            _inject(project, field, " ".join(taken))
            used += taken
    assert used, "no hostile string was accepted anywhere: nothing to check in the browser"
    load_content(project / "content")  # all together still load
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, sorted(set(used))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site, used = _accepted_site(tmp_path_factory)
    server, url = serve(site)
    yield site, url, used
    server.shutdown()


def _pages_with(site: Path, needles: list[str]) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if any(n in html for n in ("alert(1)", "税收优惠政策落实", "区税务局")):
            rel = path.relative_to(site).as_posix()
            pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


CHECK_DOM = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(el.tagName + " has " + attr.name + "=" + attr.value);
      if (/^(href|src|action|formaction|xlink:href|data)$/i.test(attr.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attr.value))
        problems.push(el.tagName + " " + attr.name + "=" + attr.value);
    }
    if (["IFRAME", "OBJECT", "EMBED", "FRAME"].includes(el.tagName)) problems.push("element " + el.tagName);
  }
  for (const s of document.querySelectorAll("script")) {
    const src = s.getAttribute("src");
    if (s.type === "application/ld+json") {
      // Linked data (opendata/linked_data.py): a data block the browser never
      // runs. Content may be in it, as JSON strings that cannot end the block.
      try { JSON.parse(s.textContent); } catch (e) { problems.push("JSON-LD that is not JSON"); }
      if (/</.test(s.textContent)) problems.push("JSON-LD with a raw <");
    } else if (src === null) {
      // Material's inline config/bootstrap scripts only: no content strings.
      if (/alert\\(|onerror|onload/.test(s.textContent)) problems.push("inline script with content: " + s.textContent.slice(0, 80));
    } else if (!/(^|\\/)assets\\//.test(new URL(src, location.href).pathname)) {
      problems.push("script src " + src);
    }
  }
  for (const a of document.querySelectorAll("a[href]")) {
    if (/^\\s*(javascript|data):/i.test(a.getAttribute("href"))) problems.push("link " + a.getAttribute("href"));
  }
  if (document.getElementById("pwn")) problems.push("element with id pwn");
  return problems;
}
"""


@pytest.mark.browser
def test_accepted_hostile_text_is_inert_in_browser(browser, hostile_site):
    site, base, used = hostile_site
    pages = _pages_with(site, used)
    assert pages, "no page shows the hostile strings"
    context = browser.new_context()
    context.add_init_script(TRAP)
    log = record_requests(context)
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in pages:
            page.goto(base + rel, wait_until="load")
            # Hover and focus everything the hostile strings sit in.
            page.mouse.move(10, 10)
            problems = page.evaluate(CHECK_DOM)
            assert problems == [], f"{rel}: {problems}"
            assert page.evaluate("window.__pwned") == [], f"{rel}: a dialog function was called"
        if "{{ 7*7 }}{% raw %}" in used:  # content is never a template
            page.goto(base + "policies/tax-incentives/", wait_until="load")
            assert "{{ 7*7 }}{% raw %}" in page.evaluate("document.body.innerText")
        # Material's search renders results from the search index (which the
        # catalogue entries are appended to as raw content text).
        page.goto(base, wait_until="load")
        for query in ("税收优惠政策落实", "区税务局", "alert", "onerror", "script"):
            search = page.locator("input.md-search__input")
            search.click()
            search.fill(query)
            wait_for_answer(page, query)
            problems = page.evaluate(CHECK_DOM)
            assert problems == [], f"search {query!r}: {problems}"
            assert page.evaluate("window.__pwned") == [], f"search {query!r}: a dialog function was called"
        assert dialogs == []
        assert log.external() == [], f"requests left 127.0.0.1: {log.external()[:10]}"
    finally:
        context.close()


# -- 3. Markdown syntax stays literal ---------------------------------------------

MARKDOWN = [
    "**粗体注入**",
    "[链接注入](http://evil.example/)",
    "# 标题注入",
    "{#mdpwn}",
    "`代码注入`",
    "_强调注入_",
    "![图片注入](http://evil.example/x.png)",
    "| 表格 | 注入 |",
    "<!-- 注释注入 -->",
    "!!! warning \"告警注入\"",
]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("markdown") / "project")
    accepted = {}
    for field in ("clause.heading", "clause.text", "policy.summary"):
        ok = []
        for value in MARKDOWN:
            probe = _content_copy(tmp_path_factory.mktemp("mdprobe"))
            joined = (" " if field == "clause.heading" else "\n\n").join(ok + [value])
            _inject(probe, field, joined)
            if _try(probe)[1] is None:
                ok.append(value)
            else:
                assert _is_markup(value), f"{value!r} rejected in {field}, though it is not markup"
        accepted[field] = ok
        _inject(project, field, (" " if field == "clause.heading" else "\n\n").join(ok))
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, accepted


def test_markdown_syntax_stays_literal(markdown_site):
    site, accepted = markdown_site
    wanted = sorted({v for values in accepted.values() for v in values})
    assert "**粗体注入**" in wanted
    seen: dict[str, list[str]] = {v: [] for v in wanted}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "注入" not in html:
            continue
        rel = path.relative_to(site).as_posix()
        tree = parse_html(html)
        text = _norm(tree.root.all_text())
        for value in wanted:
            if _norm(value) in text:
                seen[value].append(rel)
        for el in tree.root.walk():
            inner = el.all_text()
            attrs = el.attrs
            assert not (el.tag in ("strong", "b") and "粗体注入" in inner), f"{rel}: bold rendered"
            assert not (el.tag in ("em", "i") and "强调注入" in inner), f"{rel}: emphasis rendered"
            assert not (el.tag == "code" and "代码注入" in inner), f"{rel}: code rendered"
            assert not (el.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and inner.strip().startswith("标题注入")), \
                f"{rel}: heading rendered"
            assert not (el.tag in ("table", "th", "td") and inner.strip() in ("表格", "注入")), f"{rel}: table rendered"
            assert "evil.example" not in (attrs.get("href") or "") + (attrs.get("src") or ""), \
                f"{rel}: content made a link or image: <{el.tag} {attrs}>"
            assert attrs.get("id") != "mdpwn", f"{rel}: content set an id"
            assert not ("admonition" in (attrs.get("class") or "") and "告警注入" in inner), f"{rel}: admonition rendered"
        assert not any("注释注入" in c for c in tree.comments), f"{rel}: content became an HTML comment"
    missing = {v: accepted for v, pages in seen.items() if not pages}
    assert not missing, f"accepted Markdown not shown literally on any page: {sorted(missing)}"
    # The clause heading keeps its id and shows its text literally.
    doc_pages = [p for p in site.rglob("*.html") if 'id="req-3"' in p.read_text(encoding="utf-8")]
    assert doc_pages
    for path in doc_pages:
        tree = parse_html(path.read_text(encoding="utf-8"))
        heads = [el for el in tree.root.walk() if el.attrs.get("id") == "req-3"]
        assert len(heads) == 1
        inner = _norm(heads[0].all_text())
        for value in accepted["clause.heading"]:
            assert _norm(value) in inner, f"{path}: heading lost {value!r}: {inner!r}"
