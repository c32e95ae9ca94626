"""Read a YAML file into a node tree that remembers line and column of every value.

Only the YAML layer lives here: decoding, syntax errors and duplicate keys.
What the values mean is checked by ``validate`` against the content model.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import Problems
from .yaml_hints import explain


def _position(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def read_yaml(path: Path, display: str, problems: Problems) -> yaml.Node | None:
    """Parse ``path``; on failure record a problem and return None."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        # A UTF-8 byte order mark, as some Windows editors write it: an error,
        # so every file is saved the same way (and the mark never reaches a page).
        problems.add(display, (1, 1), "",
                     "文件开头有 BOM(字节顺序标记),请另存为无 BOM 的 UTF-8 编码。",
                     "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM.")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(display, (line, col), "",
                     "文件不是 UTF-8 编码,请用 UTF-8 保存。",
                     "the file is not UTF-8 encoded; save it as UTF-8.")
        return None
    if _has_anchor_or_alias(text, display, problems):
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        hint = explain(text, exc.context, exc.context_mark, exc.problem, exc.problem_mark)
        problems.add(display, (hint.line, hint.column), "",
                     f"YAML 格式错误:{hint.zh}", f"YAML syntax error: {hint.en}")
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.add(display, (line, col), "",
                     f"YAML 格式错误:文件中有不允许的控制字符(#x{exc.character:04x}),请删除它。",
                     f"YAML syntax error: the file contains a control character (#x{exc.character:04x}) that YAML does not allow; delete it.")
        return None
    except yaml.YAMLError as exc:
        problems.add(display, (1, 1), "", f"YAML 格式错误:{exc}", f"YAML syntax error: {exc}")
        return None
    if node is None:
        problems.add(display, (1, 1), "", "文件是空的。", "the file is empty.")
        return None
    _check_duplicate_keys(node, display, problems, "")
    return node


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: same nodes, 3x faster


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``. The C parser only says that a file is
    broken: the Python parser then raises the error, saying where and why in
    the words read_yaml's messages expect."""
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _has_anchor_or_alias(text: str, display: str, problems: Problems) -> bool:
    """Reject YAML anchors and aliases (``&a`` / ``*a``): content never needs
    them, and they allow reference cycles and exponential expansion
    ("billion laughs"). Reports the first alias, or the first anchor if the
    file has no alias. A syntax error is left for the composer to report."""
    if "&" not in text and "*" not in text:
        return False  # the common case: no need to scan the events
    anchor = alias = None
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER or yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                alias = event
                break
            if anchor is None and getattr(event, "anchor", None) is not None:
                anchor = event
    except yaml.YAMLError:
        if alias is None:
            return False  # a syntax error: read_yaml reports it with the parser's words
    found = alias or anchor
    if found is None:
        return False
    problems.add(display, _position(found.start_mark), "",
                 "不支持 YAML 锚点和别名(& 和 *):请把内容直接写出来。",
                 "YAML anchors and aliases (& and *) are not allowed: write the content out in full.")
    return True


def _check_duplicate_keys(node: yaml.Node, display: str, problems: Problems, path: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            child = f"{path}.{name}" if path else name
            if name in seen:
                first = seen[name].start_mark.line + 1
                problems.add(display, _position(key.start_mark), child,
                             f"键“{name}”重复出现(第一次在第 {first} 行)。",
                             f'duplicate key "{name}" (first used on line {first}).')
            seen[name] = key
            _check_duplicate_keys(value, display, problems, child)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_duplicate_keys(item, display, problems, f"{path}[{i}]")


def position(node: yaml.Node) -> tuple[int, int]:
    return _position(node.start_mark)


class ParseCache:
    """Parsed files kept between loads (the preview reloads content on every
    save): a file whose size and modification time are unchanged is not
    parsed again. Files with problems are always read anew, so their
    messages are reported every time."""

    def __init__(self):
        self._nodes: dict[Path, tuple[tuple[int, int], yaml.Node]] = {}

    def read(self, path: Path, display: str, problems: Problems) -> yaml.Node | None:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        cached = self._nodes.get(path)
        if cached is not None and cached[0] == version:
            return cached[1]
        before = len(problems.items)
        node = read_yaml(path, display, problems)
        if node is not None and len(problems.items) == before:
            self._nodes[path] = (version, node)
        else:
            self._nodes.pop(path, None)
        return node
