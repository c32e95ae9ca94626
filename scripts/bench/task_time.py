"""How long the web editor's tasks take someone following 编辑指南.md,
estimated with the keystroke-level model (KLM; Card, Moran and Newell, "The
Keystroke-Level Model for User Performance Time with Interactive Systems",
CACM 23(7), 1980). No person was timed: this is the model's estimate of a
practised user's time, not a measurement.

Usage: python -m scripts.bench.task_time

Each task is the steps its section of the guide's chapter 七、用网页编辑
gives, with the guide's own example values. A step costs:

- a click (a button, a list entry, an arrow): M + P + B;
- typing into a field: a click into it, H, one K per keystroke, H;
- choosing in a select or relation widget: a click into it (and typing
  the search words, if any), then M + P + B to pick the option;
- picking a date: two clicks (the field, the day);
- recognising what the screen shows (the error page): M.

with M 1.35 s (deciding), P 1.1 s (pointing), B 0.2 s (press and release),
H 0.4 s (hand between mouse and keyboard) and K 0.28 s (a keystroke of an
average typist). Chinese is typed in pinyin: each character costs its
letters and one key to choose it. The words of each step are checked
against the guide's section (and its 打开编辑后台, which says what 发布 and
立即发布 do), so the steps cannot drift from it silently.

What the model leaves out, printed beside it: the editor's own waits (a
form opening, a save, the preview rebuilding), which the scripted Chromium
runs of tests/test_web_editor.py measure (README); and reading the guide
for the first time.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypinyin import lazy_pinyin

K, P, B, H, M = 0.28, 1.1, 0.2, 0.4, 1.35
GUIDE = Path(__file__).resolve().parents[2] / "编辑指南.md"


def keystrokes(text: str) -> int:
    """Keys to type ``text``: a character of ASCII one; a Chinese character
    its pinyin letters and one key to choose it."""
    return sum(1 if ord(ch) < 128 else len(lazy_pinyin(ch)[0]) + 1 for ch in text)


def click(word: str) -> tuple[str, float, int, int]:
    return word, M + P + B, 1, 0


def type_in(word: str, text: str) -> tuple[str, float, int, int]:
    keys = keystrokes(text)
    return word, M + P + B + H + keys * K + H, 1, keys


def choose(word: str, typed: str = "") -> tuple[str, float, int, int]:
    _, seconds, clicks, keys = type_in(word, typed) if typed else click(word)
    return word, seconds + M + P + B, clicks + 1, keys


def look(word: str) -> tuple[str, float, int, int]:
    """Recognising what the screen shows (an error, a proposal): M."""
    return word, M, 0, 0


def date(word: str) -> tuple[str, float, int, int]:
    return word, 2 * (M + P + B), 2, 0


# (section heading in the guide, steps); each step's first item is a word
# the section quotes.
TASKS = [
    ("填写部门的电话", [
        click("政府和部门"), click("宁波市海曙区"), click("区科技局 (science-tech)"),
        type_in("电话", "0574-87654321"), click("发布"), click("立即发布")]),
    ("新增一个部门", [
        click("政府和部门"), click("金华市婺城区"), click("新增部门"), type_in("名称", "区教育局"),
        click("发布"), click("立即发布")]),
    ("新增一个政策目录条目", [
        click("政策目录"), click("＋ 政策目录条目"), type_in("名称", "个转企辅导"),
        type_in("摘要", "计划提出引导和支持个体工商户转型升级为企业。"),
        choose("支持方式", "辅导"), choose("适用对象", "个体"), choose("主管部门", "市场"),
        click("新增政策依据"), choose("文件", "海曙"), choose("条款", "主体提质"),
        date("最后核实日期"), click("发布"), click("立即发布")]),
    ("把文件标为废止,并写明接替它的文件", [
        click("文件"), click("文件"), choose("有效性"), date("废止日期"), click("发布"), click("立即发布"),
        click("文件"), click("文件"), click("新增相关文件"), choose("关系"), choose("文件", "海曙"),
        click("发布"), click("立即发布")]),
    ("出错时", [  # 修改条款的文字: change a few characters, see the error, put them back
        click("文件"), click("文件"), click("条款"), type_in("正文", "一二"), click("发布"), click("立即发布"),
        look("内容有错误"), type_in("正文", "一二"), click("发布"), click("立即发布")]),
]


def section(guide: str, heading: str) -> str:
    start = re.search(rf"^### {re.escape(heading)}.*$", guide, re.M)
    if not start:
        raise SystemExit(f"编辑指南.md has no section “{heading}”")
    rest = guide[start.end():]
    end = re.search(r"^##", rest, re.M)
    return rest[:end.start() if end else len(rest)]


def main() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    guide = guide[guide.index("## 七、用网页编辑"):]
    print("Keystroke-level model (a model of a practised user, not a measurement); "
          f"K {K} s, P {P} s, B {B} s, H {H} s, M {M} s\n")
    print("| task (the guide's section) | clicks | keystrokes | estimate |")
    print("|---|---|---|---|")
    for heading, steps in TASKS:
        text = section(guide, heading) + section(guide, "打开编辑后台") + (
            section(guide, "修改条款的文字") if heading == "出错时" else "")
        missing = [word for word, *_ in steps if word not in text]
        if missing:
            raise SystemExit(f"the guide's section “{heading}” no longer names {missing}: update TASKS")
        seconds = sum(s for _, s, _, _ in steps)
        clicks = sum(c for _, _, c, _ in steps)
        keys = sum(k for _, _, _, k in steps)
        print(f"| {heading} | {clicks} | {keys} | {seconds:.0f} s |")


if __name__ == "__main__":
    main()
