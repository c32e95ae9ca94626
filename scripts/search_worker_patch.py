"""Fix an off-by-one in Material for MkDocs' search worker, after the build.

Why: Material segments a Chinese query by looking up its pieces in the search
index (upstream source: mkdocs-material
``src/templates/assets/javascripts/integrations/search/query/segment/index.ts``,
function ``segment``)::

    for (let i = 0; i < query.length; i++)
      for (let j = i + 1; j < query.length; j++) {   // should be j <= query.length
        const value = query.slice(i, j)
        if (value in index)
          wordcuts[i] = j - i
      }

``j < query.length`` never tries a piece that ends at the last character, so
the whole query is never looked up: 个转企 is an indexed term, but the worker
only finds 个 and searches for that. The fix is ``j <= query.length``.

The worker is shipped minified (``assets/javascripts/workers/search.<hash>.min.js``),
where the loop reads ``for(let o=s+1;o<t.length;o++)t.slice(s,o)in e``. We
match it with a pattern that captures the minifier's variable names and
requires exactly one match; anything else (Material changed the worker) stops
the build, so an upgrade fails loudly instead of silently bringing the bug back
or patching the wrong loop. The ``.map`` next to the worker is left as is: the
one inserted character only shifts later columns on that line by one.

This is a stopgap: issue 5 (query-side segmentation) replaces how search
segments queries, and this patch goes away with it.

No MkDocs import here: ``scripts/mkdocs_hook.py`` calls ``patch_search_worker``
from ``on_post_build`` and turns ``SearchWorkerPatchError`` into an abort.
"""

from __future__ import annotations

import re
from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

_ID = rb"[A-Za-z_$][\w$]*"


def _loop(compare: bytes) -> re.Pattern[bytes]:
    # for(let J=I+1;J<Q.length;J++)Q.slice(I,J)in INDEX   (compare is < or <=)
    return re.compile(
        rb"for\(let (?P<j>" + _ID + rb")=(?P<i>" + _ID + rb")\+1;"
        rb"(?P=j)" + re.escape(compare) + rb"(?P<q>" + _ID + rb")\.length;(?P=j)\+\+\)"
        rb"(?P=q)\.slice\((?P=i),(?P=j)\)in (?P<index>" + _ID + rb")"
    )


BUGGY_LOOP = _loop(b"<")
FIXED_LOOP = _loop(b"<=")


class SearchWorkerPatchError(Exception):
    """The search worker is not what the patch was written for."""


def _error(detail_zh: str, detail_en: str) -> SearchWorkerPatchError:
    return SearchWorkerPatchError(
        "Material 的搜索脚本(search worker)已改变,搜索分词补丁需要重新审查。\n"
        f"  {detail_zh}\n"
        "  请对照上游 src/templates/assets/javascripts/integrations/search/query/segment/index.ts "
        "检查 scripts/search_worker_patch.py:若上游已修复,删除此补丁;否则更新匹配规则。\n"
        "The Material search worker changed; the search segmentation patch must be reviewed.\n"
        f"  {detail_en}\n"
        "  Compare upstream src/templates/assets/javascripts/integrations/search/query/segment/index.ts "
        "with scripts/search_worker_patch.py: remove the patch if upstream fixed the bug, "
        "otherwise update the pattern."
    )


def find_worker(site_dir: Path) -> Path:
    """The one minified search worker in ``site_dir``."""
    found = sorted(Path(site_dir).glob(WORKER_GLOB))
    if len(found) != 1:
        names = ", ".join(str(p.relative_to(site_dir)) for p in found) or "-"
        raise _error(
            f"在 {site_dir} 中应有且只有一个 {WORKER_GLOB},实际找到 {len(found)} 个:{names}"
            "(若使用了 --dirty 构建,请做一次完整构建)。",
            f"Expected exactly one {WORKER_GLOB} in {site_dir}, found {len(found)}: {names} "
            "(after a --dirty build, do a clean build).",
        )
    return found[0]


def patch_search_worker(site_dir: Path, *, allow_already_patched: bool = False) -> Path:
    """Change ``J<Q.length`` to ``J<=Q.length`` in the worker's segmentation loop.

    Raises ``SearchWorkerPatchError`` unless the buggy loop occurs exactly once.
    ``allow_already_patched`` accepts a worker this function already fixed
    (MkDocs ``--dirty`` builds do not copy the theme's worker again); a clean
    build always starts from Material's file, so there it stays off and an
    upstream fix is reported rather than silently accepted.
    Returns the worker's path.
    """
    worker = find_worker(Path(site_dir))
    data = worker.read_bytes()  # bytes: nothing but the one character may change
    buggy = list(BUGGY_LOOP.finditer(data))
    fixed = list(FIXED_LOOP.finditer(data))
    if allow_already_patched and not buggy and len(fixed) == 1:
        return worker
    if len(buggy) != 1 or fixed:
        raise _error(
            f"{worker.name}:分词循环 “for(let J=I+1;J<Q.length;J++)Q.slice(I,J)in X” "
            f"应出现 1 次,实际 {len(buggy)} 次;已修复的形式 “J<=Q.length” 出现 {len(fixed)} 次。",
            f"{worker.name}: the segmentation loop 'for(let J=I+1;J<Q.length;J++)Q.slice(I,J)in X' "
            f"should occur once, found {len(buggy)}; the fixed form 'J<=Q.length' occurs {len(fixed)} time(s).",
        )
    less_than = buggy[0].start("q") - 1  # the "<" in "J<Q.length"
    worker.write_bytes(data[:less_than] + b"<=" + data[less_than + 1:])
    return worker
