"""Link integrity (policy_site/linkcheck.py): the real site is whole, the checker
finds each kind of fault, and a build whose links are broken is not published."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build_site, copy_project, identity_links

from policy_site import linkcheck
from policy_site.linkcheck import check_site


def _tree(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def _page(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def _write(site: Path, rel: str, text: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_real_site_has_no_broken_or_unreachable_pages(site_dir):
    report = check_site(site_dir)
    assert report.pages > 5
    assert report.broken == [], report.format()
    assert report.unreachable == [], report.format()
    # The site links to no other host but where its identity sends readers (every page's footer).
    assert {url for _, url in report.external} == identity_links(), report.external_text()
    assert (site_dir.parent / "external-links.txt").read_text(encoding="utf-8") == report.external_text()


def test_checker_reports_each_fault(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", _page(
        '<link rel="stylesheet" href="assets/site.css">'
        '<a href="a/">a</a> <a href="a/#here">anchor ok</a> <a href="#top" id="top">self</a>'
        '<a href="nowhere/">broken</a> <a href="a/#missing">missing anchor</a>'
        '<a href="https://www.gov.cn/zhengce/">external</a> <a href="mailto:x@example.cn">mail</a>'
        '<img src="data:image/png;base64,AAAA">'
        '<a href="../outside.html">outside</a>'
    ))
    _write(site, "assets/site.css", "body{}")
    _write(site, "a/index.html", _page('<h2 id="here">h</h2><a name="old"></a><a href="../#top">home</a>'
                                       '<a href="../assets/site.css#x">css anchor</a>'))
    _write(site, "orphan/index.html", _page('<a href="../a/#old">a</a>'))
    _write(site, "404.html", _page('<a href="/anything/">root-relative: not checked</a><a href="gone/">x</a>'))

    report = check_site(site)
    broken = {(page, link) for page, link, _ in report.broken}
    assert broken == {
        ("index.html", "nowhere/"),
        ("index.html", "a/#missing"),
        ("index.html", "data:image/png;base64,AAAA"),
        ("index.html", "../outside.html"),
        ("a/index.html", "../assets/site.css#x"),
        ("404.html", "gone/"),
    }, report.format()
    reasons = {link: reason for _, link, reason in report.broken}
    assert "missing file nowhere/index.html" in reasons["nowhere/"]
    assert "'missing'" in reasons["a/#missing"]
    assert report.unreachable == ["orphan/index.html"]
    assert report.external == [("index.html", "https://www.gov.cn/zhengce/")]
    assert not report.ok
    text = report.format()
    for expected in ("站内链接错误", "broken internal link", "orphan/index.html", "无法从首页到达",
                     "not reachable from index.html", "外部链接 1 个", "1 external link(s)"):
        assert expected in text


def test_a_link_target_shared_by_many_pages_is_checked_for_each(tmp_path):
    """Pages in different folders that link to the same place are resolved
    once (policy_site/linkcheck.py caches the joined path); each page's own
    fragment, and each page's broken link, is still checked and reported."""
    site = tmp_path / "site"
    links = ''.join(f'<a href="p{i}/">p{i}</a>' for i in range(3))
    _write(site, "index.html", _page(links + '<a href="docs/">docs</a>'))
    _write(site, "docs/index.html", _page('<h2 id="basis">b</h2>'))
    for i in range(3):
        fragment = "basis" if i != 1 else "nope"
        _write(site, f"p{i}/index.html", _page(
            f'<a href="../docs/#{fragment}">d</a><a href="../docs">no slash</a>'
            f'<a href="../gone/">gone</a><a href="../docs/%23basis/">encoded</a>'
            f'<a href="#top" id="top">self</a><a href="#missing">self missing</a>'))
    report = check_site(site)
    broken = sorted((page, link) for page, link, _ in report.broken)
    assert broken == sorted(
        [("p1/index.html", "../docs/#nope")]
        + [(f"p{i}/index.html", link) for i in range(3)
           for link in ("../gone/", "../docs/%23basis/", "#missing")]
    ), report.format()


def test_checker_resolves_root_relative_links_under_site_url(tmp_path):
    site = tmp_path / "site"
    _write(site, "index.html", _page('<a href="/xwqy/a/">a</a> <a href="/a/">escapes</a>'
                                     '<link rel="canonical" href="https://example.gov.cn/xwqy/">'))
    _write(site, "a/index.html", _page('<a href="https://example.gov.cn/xwqy/b/">b</a>'))
    report = check_site(site, "https://example.gov.cn/xwqy/")
    # Absolute links to the site's own address are checked like internal ones.
    assert {(p, link) for p, link, _ in report.broken} == {
        ("index.html", "/a/"), ("a/index.html", "https://example.gov.cn/xwqy/b/")}, report.format()
    assert report.unreachable == []
    assert report.external == []


def test_build_with_broken_link_keeps_previous_site(tmp_path, site_dir):
    """A raw HTML link in a hand-written page that MkDocs does not check stops the build."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)  # the previous site: the session's build of the same content
    before = _tree(site)

    (project / "docs" / "extra.md").write_text('# 附加页面\n\n<a href="../nowhere/">x</a>\n', encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("nav: []", "nav:\n  - 附加页面: extra.md"),
                      encoding="utf-8")
    result = build_site(project, site)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "extra/index.html: ../nowhere/" in result.stderr, result.stderr
    assert "构建失败,原有网站保持不变" in result.stderr
    assert "Build failed; the previous site is unchanged" in result.stderr
    assert _tree(site) == before
    assert not list(tmp_path.glob(".site-build-*")), "the staging folder is removed"


TRICKY = [
    '<a\n  href="../a/"\n  id="split-tag">a tag over three lines</a>\n<p id="after">x</p>',
    '<!-- <a href="../commented-out/">\n not a link -->\n<a href="../real/">real</a>',
    '<script>\nvar s = "<a href=\'../in-script/\'>";\n</script>\n<a href="../after-script/">x</a>',
    '<script src="../assets/x.js"></script>\n<style>\n.a > b { }\n</style>\n<img src="i.png">',
    '<p title="a>\nb" id="gt-in-attribute">text</p>\n<a href="#gt-in-attribute">x</a>',
    '<p>5 >\n 3</p>\n<a name="old-style"></a>\n<div name="not-an-anchor"></div>\n<a href="x/">x</a>',
    '<a href="../same/">1</a>\n<a href="../same/">2</a>\n<a href="../same/">1</a>',
]


def _plain_scan(text: str) -> tuple[set[str], list[str]]:
    """The scan without cutting the page into pieces: script sources, then
    every tag of the page with comments, scripts and styles removed."""
    links = [linkcheck._value(a).strip() for m in linkcheck._SCRIPT.finditer(text)
             for a in linkcheck._ATTR.finditer(m.group(1)) if a.group(1).lower() == "src"]
    found = linkcheck._scan_tags(linkcheck._SKIP.sub("", text))
    anchors, tag_links = found if found else ((), ())
    return set(anchors), links + list(tag_links)


def test_scan_by_pieces_finds_what_a_whole_page_scan_finds(site_dir):
    """Pages are scanned in pieces cut after each line-ending ">", each distinct
    piece once per build. On every page of the real site, twice (the second
    time from the cache), and on pages where tags, comments and scripts run
    over several lines, the result is that of scanning the page whole."""
    pages = [_page(body) for body in TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))]
    for _ in range(2):
        for text in pages:
            assert linkcheck._scan(text) == _plain_scan(text), text[:200]
    anchors, links = linkcheck._scan(_page(TRICKY[0]))
    assert "split-tag" in anchors and "../a/" in links
    assert linkcheck._scan(_page(TRICKY[1]))[1] == ["../real/"]
