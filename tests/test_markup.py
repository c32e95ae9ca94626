"""Generated pages converted up front (scripts/markup.py) come out exactly as
MkDocs would convert them itself: same HTML, table of contents, title and
anchors, with the project's own mkdocs.yml Markdown settings.

The whole-site comparison (every byte, both ways) is in test_determinism.py;
here single documents probe the edges the real content does not reach:
Markdown syntax, entities and markup in headings, front matter, a page that
does not start with its title.
"""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from conftest import ROOT
from scripts.html_blocks import stash
from scripts.markup import Converter, MarkdownSettings

DOCUMENTS = {
    "plain": "# 小微企业信用贷款\n\n<p>正文</p>\n\n## 政策依据 {#basis}\n\n<div class=\"x\">\n<p>块</p>\n</div>\n",
    "front matter": "---\nhide:\n  - toc\n---\n\n# 政策目录\n\n## 第一节 {#one}\n\n文字。\n",
    "entities": "# A &amp; B &lt;x&gt; 5 > 3 & 4\n\n## 税费 & 减免 {#tax}\n",
    "escaped markdown": "# \\*不是强调\\* \\_x\\_ \\[链接\\](y) \\`code\\`\n",
    "inline markup": "# 重点 *任务* 与 `代码` 和 [链接](../x/)\n\n## **加粗** 标题\n",
    "no title first": "<div class=\"lead\">\n<p>引言</p>\n</div>\n\n# 标题\n\n## 小节\n",
    "h2 first": "## 只有二级标题\n\n文字。\n",
    "nested toc": "# 顶\n\n## 甲 {#a}\n\n### 甲一 {#a-1}\n\n### 甲二\n\n## 乙 {#b}\n",
    "whitespace": "#   多个   空格   的标题   \n\n文字\n",
    "admonition": "# 标题\n\n!!! note \"说明\"\n    内容\n\n| 表头 |\n| --- |\n| 格 |\n",
}


@pytest.fixture(scope="module")
def config():
    cfg = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return cfg


@pytest.fixture(scope="module")
def settings(config):
    """mkdocs.yml's Markdown settings, as the hook hands them to scripts/markup.py."""
    return MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs))


@pytest.fixture(scope="module")
def converter(settings):
    return Converter(settings)


def _toc(items) -> list:
    return [(i.title, i.id, i.level, _toc(i.children)) for i in items]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_converted_page_is_what_mkdocs_renders(name, config, converter):
    from mkdocs.structure.toc import get_toc

    text = DOCUMENTS[name]
    file = File("policies/x/index.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
    file.content_string = text
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))

    ours = converter.convert(text)
    assert ours.html == page.content
    assert _toc(get_toc(ours.toc)) == _toc(page.toc)
    assert ours.title == page._title_from_render
    assert set(ours.anchors) == page.present_anchor_ids


def test_converter_is_reset_between_pages(converter):
    """One converter serves thousands of pages: nothing carries over."""
    first = converter.convert("# 一\n\n## 甲 {#a}\n")
    converter.convert("# 二\n\n## 乙 {#b}\n\n## 丙\n")
    again = converter.convert("# 一\n\n## 甲 {#a}\n")
    assert again == first
    assert [t["id"] for t in again.toc[0]["children"]] == ["a"]


OUTLINE_EDGES = [
    "# 重复\n\n## 重复\n\n## 重复 {#重复-x}\n\n## 重复\n",  # generated ids that collide
    "## a\n\n## a {#a}\n\n## a\n",  # an explicit id, later in the page, taken before generated ones
    "# 小微企业“个转企”（一）· 2018-2020年 45万平方米 2.5%\n\n<!--policy-site-block-0-->\n",
    "###### 六\n\n# 一\n\n### 三\n\n## 二\n",  # levels out of order
    "# A *b*\n",  # markup: left to the parser
    "# A\n<!--policy-site-block-0-->\n",  # no blank line between blocks: left to the parser
    "# A &amp; B\n", "# A_b\n", "#  two  spaces\n", "# 标题 {: #x}\n", "文字\n\n# 标题\n",
    "",
]


def _site_markdown() -> list[str]:
    from scripts.bench.catalogue_scale import synthetic_policies, write_catalogue, copy_project
    from scripts.content import load_content
    from scripts.pages import SiteInfo, build_pages
    import tempfile
    from pathlib import Path

    texts = [p.markdown for p in build_pages(load_content(ROOT / "content"), SiteInfo("站", "说明")).pages]
    with tempfile.TemporaryDirectory() as tmp:  # synthetic entries, named from the plan's sentences
        project = copy_project(Path(tmp) / "p")
        write_catalogue(project, synthetic_policies(200))
        texts += [p.markdown for p in build_pages(load_content(project / "content"), SiteInfo("站", "说明")).pages]
    return texts


def test_pages_written_without_the_parser_are_what_the_parser_gives(settings):
    """Catalogue entry pages (plain headings and HTML blocks once stashed) are
    written without Python-Markdown (markup._Outline); on every generated
    page of the site, 200 synthetic entries and edge cases, the result is
    the converter's, and the shortcut is really taken for entry pages."""
    fast, parser = Converter(settings), Converter(settings, shortcut=False)
    assert fast._outline is not None, "the converter's shapes could not be learnt"
    texts = _site_markdown() + OUTLINE_EDGES + list(DOCUMENTS.values())
    shortcut = 0
    for text in texts:
        assert fast.convert(text) == parser.convert(text), text[:300]
        shortcut += fast._outline.write(stash(text)[0]) is not None
    entries = sum(text.count("## 政策依据 {#basis}") for text in texts)
    assert shortcut >= entries > 200
