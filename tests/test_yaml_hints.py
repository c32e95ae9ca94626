"""YAML syntax errors explained (issue 16): each kind of mistake staff make is
named, at the line to fix, with the cure; the parser's words only in English.
(The whole path through `check` is in tests/bad_inputs/; these pin each
branch of policy_site/yaml_hints.py on small texts, also with Windows line ends.)"""

from __future__ import annotations

import random

import pytest
import yaml

from policy_site.yaml_hints import explain

CASES = [
    # text, line, column, a phrase of the Chinese explanation
    ("id: x\nname: y\nsummary: z\n    support_types: [a]\n", 4, 5, "比上一行多缩进了 4 个空格"),
    ("a:\n  b: 1\n   c: 2\n", 3, 4, "比上一行多缩进了 1 个空格"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, "它缩进了 1 个空格,而它所在的这组字段(从第 1 行开始)缩进 0 个空格"),
    ("id: x\nname：y\nsummary: z\n", 2, 5, "字段名“name”后面用了全角冒号“：”"),
    ("a:\n  b：1\n  c: 2\n", 2, 4, "字段名“b”后面用了全角冒号"),
    ("id: x\nname: 税收: 优惠\n", 2, 9, "含有“冒号加空格”"),
    ("id: x\nsummary: 具体如下:\n", 2, 14, "以半角冒号“:”结尾"),
    ("id: x\nname: \"abc\nsummary: z\n", 2, 7, "这里的引号 \" 开了头却没有结束"),
    ("id: x\nname: 'abc\nsummary: z\n", 2, 7, "这里的引号 ' 开了头却没有结束"),
    ("basis:\n  - document: a\n    clause: b\n   - document: c\n     clause: d\n", 4, 4, "与第 2 行的“-”对齐"),
    ("basis:\n  - document: a\n    clause: b\n    - document: c\n", 4, 5, "列表项(- 开头)缩进不对"),
    ("a:\n\t- x\n", 2, 1, "用 Tab 键缩进了"),
    ("a: [x, y\nb: 1\n", 1, 4, "这里的“[”没有对应的“]”"),
    ("id: x\nname: y\nsummary 测试\nsupport_types: [a]\n", 3, 1, "字段名后缺少半角冒号和空格"),
]


def _error(text: str) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.compose(text, Loader=yaml.SafeLoader)
    return info.value


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("text, line, column, phrase", CASES)
def test_each_mistake_is_named_at_its_line(text, line, column, phrase, crlf):
    if crlf:
        text = text.replace("\n", "\r\n")
    e = _error(text)
    hint = explain(text, e.context, e.context_mark, e.problem, e.problem_mark)
    assert (hint.line, hint.column) == (line, column), hint
    assert phrase in hint.zh, hint.zh
    assert "parser:" in hint.en and "parser" not in hint.zh
    assert not any(word in hint.zh for word in ("mapping", "block", "scanning", "expected")), hint.zh


def test_never_fails_on_a_mangled_file():
    """Random damage to a real content file: every syntax error gets a hint
    inside the file (the loader's property test checks the whole command)."""
    from conftest import CONTENT

    base = (CONTENT / "plan.yaml").read_text(encoding="utf-8")[:4000]
    signs = [" ", "\t", ":", "：", '"', "'", "[", "]", "{", "}", "-", "\n", "#", "|", "　", "\\", ",", "，"]
    rng = random.Random(16)
    explained = 0
    for _ in range(400):
        chars = list(base)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(chars))
            chars.insert(at, rng.choice(signs)) if rng.random() < 0.5 else chars.__setitem__(at, rng.choice(signs))
        text = "".join(chars)
        try:
            yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as e:
            hint = explain(text, e.context, e.context_mark, e.problem, e.problem_mark)
            assert 1 <= hint.line <= text.count("\n") + 1 and hint.column >= 1, hint
            explained += 1
        except yaml.YAMLError:
            pass
    assert explained > 100
