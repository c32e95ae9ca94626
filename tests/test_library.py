"""政策文件库 (documents/) and the home page as many documents make them, read as HTML.

Two sites: the fixture site (five documents, two of them citation-only) and
the fixture content with twelve generated documents added (tests/library_content.py:
every validity state, dates given as 成文日期, 发布日期 or not at all, fields
left out). Expected lists, order and filter options come from the YAML and
the rules the page states, never from the generated pages.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT, build_site, copy_project
from html_tree import parse
from library_content import FACETS, NOT_GIVEN, expected_options, reading_order, values, vocabulary_order

from policy_site.content import load_content
from policy_site.present import date_zh

LIBRARY = "documents/index.html"
SHORT_LIST = 6  # documents the home page shows when there are more


def items(site: Path):
    return parse(site / LIBRARY).article.find_all("li", "library-item")


def options(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for box in parse(site / LIBRARY).article.find_all("input"):
        if box.attrs.get("type") == "checkbox":
            found.setdefault(box.attrs["name"], []).append(box.attrs["value"])
    return found


def test_every_document_listed_once_in_reading_order(site_dir, many_site, many_content):
    for site, content in ((site_dir, load_content(CONTENT)), (many_site, many_content)):
        listed = [li.attrs["id"] for li in items(site)]
        assert listed == reading_order(content.documents.values())
    # The generated set really exercises the order: all three states, and dated and undated documents.
    states = [many_content.documents[i].metadata.validity for i in listed]
    assert states.index("有效") < states.index(None) < min(states.index("废止"), states.index("失效"))


def test_each_row_links_to_its_document_and_says_its_facts(many_site, many_content):
    for li in items(many_site):
        doc = many_content.documents[li.attrs["id"]]
        meta = doc.metadata
        title = li.find_all("h2")[0]
        assert title.find_all("a")[0].attrs["href"] == f"{doc.id}/"
        assert title.text() == (doc.short_title or doc.title)
        text = li.text()
        badge = li.find_all("span", "status-badge")[0].text()
        # The badge says the state as every badge on the site does (已废止, not the field's 废止).
        assert badge == {"废止": "已废止", "失效": "已失效"}.get(meta.validity, meta.validity or "有效性未标注")
        for given in (meta.doc_no, meta.issuer, meta.topic, doc.type):
            if given:
                assert given in text
        if meta.written_date:
            assert f"成文日期 {date_zh(meta.written_date)}" in text
        elif meta.published:
            assert f"发布日期 {date_zh(meta.published)}" in text
        else:
            assert "日期" not in text
        # The data the filters match on.
        assert {k: li.attrs[f"data-{k}"] for k in FACETS} == values(doc)
        for bad in ("（）", "()", "· ·", "：·"):
            assert bad not in text, (doc.id, text)
        for p in li.find_all("p"):
            assert p.text() and not p.text().startswith("·") and not p.text().endswith("·"), (doc.id, p.text())


def test_citation_only_documents_are_marked(site_dir):
    content = load_content(CONTENT)
    for li in items(site_dir):
        doc = content.documents[li.attrs["id"]]
        assert ("本站只收录文号和标题" in li.text()) == (not doc.body)


def test_filter_options_come_from_the_content(site_dir, many_site, many_content):
    for site, content in ((site_dir, load_content(CONTENT)), (many_site, many_content)):
        found = options(site)
        expected = expected_options(content.documents.values())
        assert list(found) == FACETS
        for key in FACETS:
            assert set(found[key]) == expected[key], key
            assert len(found[key]) == len(set(found[key]))
            if NOT_GIVEN in found[key]:
                assert found[key][-1] == NOT_GIVEN, f"{key}: 未标注 comes last"
            order = vocabulary_order(key)
            if order:
                assert found[key] == [v for v in order if v in found[key]], key
        years = [y for y in found["year"] if y != NOT_GIVEN]
        assert years == sorted(years, reverse=True)


def test_without_javascript_the_whole_list_shows(many_site, many_content):
    page = parse(many_site / LIBRARY)
    form = page.article.find_all("form")[0]
    assert "hidden" in form.attrs  # the script shows the filters
    assert not [li for li in items(many_site) if "hidden" in li.attrs]
    assert len(items(many_site)) == len(many_content.documents)
    count = page.article.find_all("p", "catalogue-count")[0].text()
    assert count == f"共 {len(many_content.documents)} 份文件"


def nav_links(site: Path, path: str) -> list[tuple[str, str]]:
    page = parse(site / path)
    nav = [n for n in page.root.find_all("nav") if "md-nav--primary" in n.classes][0]
    return [(a.text(), a.attrs["href"]) for a in nav.find_all("a") if a.attrs.get("href") and a.text()]


def test_library_is_in_the_navigation(site_dir):
    """A few documents: the library, then every document with its parts, on every page."""
    links = nav_links(site_dir, "index.html")
    assert ("政策文件库", "documents/") in links
    content = load_content(CONTENT)
    for doc in content.documents.values():
        if doc.body:
            assert ("政策原文", f"documents/{doc.id}/") in links


def test_many_documents_navigation_shows_only_the_open_document_s_parts(many_site, many_content):
    """Many documents: one 政策文件 section opening on the library; a page
    carries the documents only inside it, and only the open document's parts
    (else every page would list every part of every document)."""
    for path in ("index.html", "policies/index.html", "departments/index.html"):
        links = nav_links(many_site, path)
        prefix = "../" * path.count("/")
        assert ("政策文件", f"{prefix}documents/") in links, (path, links)
        assert not [href for _, href in links if "documents/" in href and href != f"{prefix}documents/"], path
    published = [d for d in many_content.documents.values() if d.body]
    doc = next(d for d in published if many_content.tasks(d))  # a document with all three parts
    links = nav_links(many_site, f"documents/{doc.id}/index.html")
    others = {f"../{d.id}/" for d in published if d is not doc}
    assert ("政策文件库", "../") in links
    assert ("政策原文", "./") in links and any(href == "tasks/" for _, href in links), links
    assert others <= {href for _, href in links}, "every other document is one link away"
    # Only the open document's parts: no other document's targets or tasks pages.
    assert not [href for _, href in links if href.startswith("../") and href.count("/") > 2 and href[3:].split("/")[0] in
                {d.id for d in published if d is not doc}]


def home_documents(site: Path) -> list[str]:
    """Ids of the documents the home page presents: the items of its short
    list, or the <h2> of each document when it shows them all."""
    article = parse(site / "index.html").article
    short = article.find_all("li", "library-item")
    if short:
        return [li.attrs["id"] for li in short]
    return [h.attrs["id"] for h in article.find_all("h2") if h.attrs.get("id") not in ("find-support", "documents")]


def test_home_with_many_documents_shows_the_latest_in_force_first(many_site, many_content):
    published = [d for d in many_content.documents.values() if d.body]
    assert len(published) > SHORT_LIST
    assert home_documents(many_site) == reading_order(published)[:SHORT_LIST]
    article = parse(many_site / "index.html").article
    more = [a for a in article.find_all("a") if a.attrs.get("href") == "documents/"]
    assert [a.text() for a in more][-1] == f"查看全部 {len(many_content.documents)} 份文件"
    # A short list: each document by its name, validity and facts, not its parts and goals.
    assert not article.find_all("ul", "home-goals") and not article.find_all("ul", "doc-parts")[1:]
    for li in article.find_all("li", "library-item"):
        doc = many_content.documents[li.attrs["id"]]
        assert li.find_all("h3")[0].find_all("a")[0].attrs["href"] == f"documents/{doc.id}/"
        assert li.find_all("span", "status-badge")[0].text() == (doc.metadata.validity or "有效性未标注")


def test_home_with_a_few_documents_lists_them_all(site_dir):
    content = load_content(CONTENT)
    published = [d for d in content.documents.values() if d.body]
    assert 1 < len(published) <= SHORT_LIST
    assert home_documents(site_dir) == reading_order(published)
    article = parse(site_dir / "index.html").article
    assert any(a.attrs.get("href") == "documents/" for a in article.find_all("a"))
    assert "查看全部" not in article.text()


def test_home_with_one_document_stays_as_it_was(tmp_path):
    """One published document: no 政策文件 section, its goals listed (as before the library)."""
    project = copy_project(tmp_path / "project")
    content = load_content(project / "content")
    for doc in content.documents.values():
        if doc.body and doc.id != "hs-2018-138":
            (project / doc.where()[0]).unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    article = parse(tmp_path / "site" / "index.html").article
    assert home_documents(tmp_path / "site") == ["hs-2018-138"]
    assert not [h for h in article.find_all("h2") if h.attrs.get("id") == "documents"]
    assert not any(a.attrs.get("href") == "documents/" for a in article.find_all("a"))
    assert article.find_all("ul", "home-goals")
    # The library page is still there, with every document (the cited ones too).
    assert len(items(tmp_path / "site")) == len(load_content(project / "content").documents)
