"""Read a YAML file into a node tree that remembers line and column of every value.

Only the YAML layer lives here: decoding, syntax errors and duplicate keys.
What the values mean is checked by ``validate`` against the content model.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problems


def _position(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def read_yaml(path: Path, display: str, problems: Problems) -> yaml.Node | None:
    """Parse ``path``; on failure record a problem and return None."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark, as some Windows editors write it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(display, (line, col), "",
                     "文件不是 UTF-8 编码,请用 UTF-8 保存。",
                     "the file is not UTF-8 encoded; save it as UTF-8.")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(filter(None, [exc.context, exc.problem]))
        hint_zh = "(缩进请用空格,不要用 Tab)" if "\t" in text and "tab" in detail.lower() else ""
        problems.add(display, _position(mark), "",
                     f"YAML 格式错误{hint_zh}:{detail}",
                     f"YAML syntax error: {detail}")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, (1, 1), "", f"YAML 格式错误:{exc}", f"YAML syntax error: {exc}")
        return None
    if node is None:
        problems.add(display, (1, 1), "", "文件是空的。", "the file is empty.")
        return None
    _check_duplicate_keys(node, display, problems)
    return node


def _check_duplicate_keys(node: yaml.Node, display: str, problems: Problems) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            if name in seen:
                first = seen[name].start_mark.line + 1
                problems.add(display, _position(key.start_mark), name,
                             f"键“{name}”重复出现(第一次在第 {first} 行)。",
                             f'duplicate key "{name}" (first used on line {first}).')
            seen[name] = key
            _check_duplicate_keys(value, display, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, display, problems)


def position(node: yaml.Node) -> tuple[int, int]:
    return _position(node.start_mark)
