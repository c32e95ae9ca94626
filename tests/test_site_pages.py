"""The site's pages about itself: 网站地图 (every section, every document,
the catalogue) and 无障碍声明 (what the site offers, the standards, known
limits, whom to tell, its date from the content)."""

from __future__ import annotations

from conftest import CONTENT
from html_tree import parse, resolve

from policy_site import urls
from policy_site.content import load_content
from policy_site.present import date_zh


def test_the_site_map_lists_every_section_and_every_document(site_dir):
    content = load_content(CONTENT)
    path = site_dir / "site-map" / "index.html"
    page = parse(path)
    targets = {}
    for a in page.article.find_all("a"):
        if a.attrs["href"].startswith("#"):
            continue  # a heading's permalink
        target = resolve(site_dir, path, a.attrs["href"])[0]
        assert target.is_file(), a.attrs["href"]
        targets[target.relative_to(site_dir).as_posix()] = a.text()
    expected = [urls.home(), urls.library(), urls.departments(), urls.policies(), urls.self_check(),
                urls.open_data(), urls.about(), urls.accessibility()]
    expected += [urls.document(d) for d in content.all_documents]
    expected += [urls.targets(d) for d in content.full_documents if content.goals(d)]
    expected += [urls.interpretation(i) for i in content.interpretations.values()]
    missing = [u for u in expected if urls.page_file(u) not in targets]
    assert not missing, missing
    cited = [d for d in content.all_documents if not d.body]
    assert cited and "本站只收录文号和标题" in page.article.text()
    headings = [h.text().rstrip("¶").strip() for h in page.article.find_all("h2")]
    assert headings == ["首页", "政策文件", "责任分工", content.site.catalogue_title, "关于本站"], headings


def test_the_accessibility_statement_says_what_the_issue_asks(site_dir):
    content = load_content(CONTENT)
    text = parse(site_dir / "accessibility" / "index.html").article.text()
    for words in ("大字版", "高对比度", "键盘", "读屏软件", "打印", "WCAG 2.1", "AA 级", "GB/T 37668-2019", "axe-core",
                  "已知的不足", "反馈问题"):
        assert words in text, words
    # The fixture gives no contact: the page says so rather than inventing one.
    assert "联系方式：未提供" in text
    assert f"根据 {date_zh(content.latest_date().date())} 及以前的内容生成" in text
