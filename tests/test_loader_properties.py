"""Property: whatever staff do to a content file, the loader either accepts it or
raises ``ContentError`` with its problems; it never crashes with another exception.

Starting from the real ``content/plan.yaml`` and a real catalogue entry, random
mutations (delete, duplicate or swap lines, insert tabs, quotes, colons,
brackets, anchors, unicode and control characters, truncate, replace a value,
stray bytes) are applied to a temporary copy, and ``load_content`` is called.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT
from policy_site.content import load_content
from policy_site.errors import ContentError

POLICY = "policies/tax-incentives.yaml"
TARGETS = {"plan.yaml": (CONTENT / "plan.yaml").read_text(encoding="utf-8"),
           POLICY: (CONTENT / POLICY).read_text(encoding="utf-8")}

# Characters that matter to YAML, plus unicode and control characters.
SPECIAL = list("\t\r\n '\":[]{}#&*!|>-?,%@`\\~") + ["\x00", "\x07", "\x1b", "\x85", "\u2028", "\ufeff", "\u3000", "：", "“", "长"]
CHARS = st.one_of(st.sampled_from(SPECIAL), st.characters(blacklist_categories=("Cs",)))
SCALAR = re.compile(r"^(\s*-?\s*[A-Za-z_]+: )(.+)$", re.M)


@st.composite
def mutation(draw):
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate", "replace"]))
    return kind, draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6)), draw(st.one_of(
        st.text(CHARS, max_size=12),
        st.integers(-10**12, 10**12).map(str),
        st.floats(allow_nan=True).map(str),
    ))


def mutate(text: str, kind: str, a: int, b: int, payload: str) -> str:
    lines = text.split("\n")
    i, j = a % len(lines), b % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "insert":
        pos = a % (len(text) + 1)
        return text[:pos] + payload + text[pos:]
    elif kind == "truncate":
        return text[: a % (len(text) + 1)]
    elif kind == "replace":
        scalars = list(SCALAR.finditer(text))
        if scalars:
            m = scalars[a % len(scalars)]
            return text[: m.start(2)] + payload + text[m.end(2):]
    return "\n".join(lines)


def _content_copy() -> Path:
    """A small content folder: the plan, the cited documents and one policy."""
    # Module level, not tmp_path: hypothesis runs many examples in one test call.
    tmp = Path(tempfile.mkdtemp(prefix="loader-props-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    content = tmp / "content"
    shutil.copytree(CONTENT / "documents", content / "documents")
    (content / "policies").mkdir()
    return content


CONTENT = _content_copy()


# database=None: no .hypothesis/ folder in the project
@settings(max_examples=150, deadline=None, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(sorted(TARGETS)),
       mutations=st.lists(mutation(), min_size=1, max_size=4),
       # about one example in ten also gets stray bytes (invalid UTF-8, GBK, a BOM)
       stray_bytes=st.tuples(st.integers(0, 9), st.integers(0, 10**6), st.sampled_from(
           [b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\xb2\xe2\xca\xd4", b"\xe4\xb8"])))
def test_loader_never_crashes(target, mutations, stray_bytes):
    text = TARGETS[target]
    for kind, a, b, payload in mutations:
        text = mutate(text, kind, a, b, payload)
    data = text.encode("utf-8")
    if stray_bytes[0] == 7:
        pos = stray_bytes[1] % (len(data) + 1)
        data = data[:pos] + stray_bytes[2] + data[pos:]
    for name, original in TARGETS.items():
        (CONTENT / name).write_bytes(data if name == target else original.encode("utf-8"))
    try:
        load_content(CONTENT)
    except ContentError as error:
        assert error.problems, "a ContentError must list its problems"
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.zh and problem.en
            assert len(problem.format()) < 20_000


# -- URLs ---------------------------------------------------------------------------

_SEGMENT = st.text(alphabet="abc-0", min_size=1, max_size=3)
_SITE_PATH = st.lists(_SEGMENT, max_size=4).map(lambda parts: "".join(p + "/" for p in parts))


@settings(derandomize=True, max_examples=300)
@given(path=_SITE_PATH, start=_SITE_PATH)
def test_relative_paths_match_posixpath(path, start):
    """urls._relpath, the fast path behind every link, agrees with the standard library."""
    import posixpath

    from policy_site.urls import _relpath

    assert _relpath(path, start) == posixpath.relpath(path or ".", start or ".")
