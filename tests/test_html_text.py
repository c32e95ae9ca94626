"""Text out of HTML (policy_site/html_text.py): what a reader sees, the one
way headings, search records, the importer's saved pages and the link
checker's attribute values are read."""

from __future__ import annotations

from markupsafe import Markup, escape

from policy_site.html_text import decoded, parse, plain_text, text_lines


def test_inline_markup_joins_its_words_and_blocks_separate_them():
    html = '<p>新增小微企业<a href="#t1">11700家以上</a>。</p><p>第二段<em>强调</em></p><ul><li>一</li><li>二</li></ul>'
    assert plain_text(html) == "新增小微企业11700家以上。 第二段强调 一 二"
    assert text_lines(parse(html)) == ["新增小微企业11700家以上。", "第二段强调", "一", "二"]


def test_entities_are_decoded_and_white_space_collapsed():
    assert plain_text("  A&amp;B &lt;C&gt;\n\t  “引号” &#34;x&#34; ") == 'A&B <C> “引号” "x"'
    # As escaped text round-trips: what the content says is what is read.
    text = '<条款> & "引文" \'单引\''
    assert plain_text(Markup("<p>{}</p>").format(text)) == text == plain_text(escape(text))


def test_scripts_styles_and_heading_permalinks_are_not_text():
    html = ('<h2 id="a">标题<a class="headerlink" href="#a" title="本节链接">¶</a></h2>'
            "<script>var x = '<p>不是正文</p>';</script><style>p { color: red }</style><!-- 注释 -->正文")
    assert plain_text(html) == "标题 正文"


def test_a_table_row_is_one_line_of_cells():
    html = "<table><tr><th>索引号</th><td>002943395/2018-85292</td></tr><tr><td>发文字号</td><td></td></tr></table>"
    assert text_lines(parse(html)) == ["索引号 | 002943395/2018-85292", "发文字号 | "]


def test_elements_can_be_left_out():
    root = parse("<nav>首页 | 政务公开</nav><div>关于印发的通知</div><br>落款")
    assert text_lines(root) == ["首页 | 政务公开", "关于印发的通知", "落款"]
    assert text_lines(root, frozenset({"nav"})) == ["关于印发的通知", "落款"]


def test_an_unclosed_paragraph_ends_where_the_next_one_starts():
    assert text_lines(parse("<p>一、总则<p>二、适用范围")) == ["一、总则", "二、适用范围"]


def test_attribute_values_are_decoded():
    assert decoded("a?x=1&amp;y=%E4") == "a?x=1&y=%E4"
    assert decoded("#目标-1") == "#目标-1"
