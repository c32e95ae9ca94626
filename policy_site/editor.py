"""The web editor (编辑后台, ``/admin/``): Decap CMS installed from the npm
registry (package.json), its configuration generated from the model
(schema/cms.py), and the local backend it saves through while staff preview.

The local backend speaks Decap's proxy protocol (what ``decap-server`` does:
one POST of ``{action, params}`` per request) inside the preview's own
server, so ``make serve`` starts one process that listens on one loopback
port. It reads and writes only YAML files under ``content/``; a save keeps
the comment lines a file starts with (the editor drops comments), and the
preview then shows the saved page, or the loader's error page.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import re
from pathlib import Path

import yaml

from .content.loading import content_files
from .schema.cms import BUILT_IN, CONFIG_FILE, FOLDERS, INDEX_FILE, named_items, published_config
from .proposed_id import propose
from .schema.model import CONTENT_FILES, DOCUMENT
from .schema.types import Id, Invalid

ADMIN = "/admin/"
API = "/api/v1"
# The editor's files as installed by npm, served under ADMIN.
DIST = Path("node_modules") / "decap-cms" / "dist"
SCRIPT = "decap-cms.js"


def loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.1, ::1, localhost)."""
    if host in ("", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def dist(project: Path) -> Path:
    """Where npm installed the editor: in the project, else beside this
    package (a project folder that is not the checkout, as in the tests)."""
    here = project / DIST
    return here if (here / SCRIPT).is_file() else Path(__file__).resolve().parent.parent / DIST


def admin_file(project: Path, name: str) -> tuple[Path, str] | None:
    """The installed file served as ``/admin/<name>`` and its content type:
    the editor's scripts, and its configuration from schema/."""
    if name == "config.yml":
        return project / "schema" / CONFIG_FILE, "text/yaml; charset=utf-8"
    if "/" in name or not name.endswith(".js"):
        return None
    return dist(project) / name, "text/javascript; charset=utf-8"


def installed(project: Path) -> bool:
    return (dist(project) / SCRIPT).is_file()


class LocalBackend:
    """Decap's proxy protocol over the project's content/ folder."""

    def __init__(self, project: Path):
        self.project = project.resolve()
        self.content = self.project / "content"

    def handle(self, request: dict) -> tuple[int, object]:
        action, params = request.get("action"), request.get("params") or {}
        try:
            method = getattr(self, "_" + str(action), None)
            if method is None:
                return 422, {"error": f"不支持的操作 · unsupported action: {action}"}
            return 200, method(**params)
        except _Refused as refused:
            return 422, {"error": str(refused)}

    # -- reading ---------------------------------------------------------------

    def _info(self, **_) -> dict:
        return {"repo": self.project.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, folder: str, extension: str = "yaml", **_) -> list[dict]:  # noqa: N802
        """The files of the collection kept in ``folder``: those the loader
        reads with its model (so site.yaml is not a document)."""
        model = next(m for _, _, f, m in FOLDERS if f == folder.rstrip("/"))
        paths = [path for path, kind in content_files(self.content) if kind is model]
        return [self._entry(path) for path in paths]

    def _entriesByFiles(self, files: list[dict], **_) -> list[dict]:  # noqa: N802
        return [self._getEntry(f["path"]) for f in files]

    def _getEntry(self, path: str, **_) -> dict:  # noqa: N802
        if path == INDEX_FILE:
            return {"data": index_text(self.content), "file": {"path": path, "id": INDEX_FILE}}
        return self._entry(self._path(path))

    def _entry(self, path: Path) -> dict:
        data = path.read_text(encoding="utf-8") if path.is_file() else ""
        rel = path.relative_to(self.project).as_posix()
        return {"data": data, "file": {"path": rel, "id": hashlib.sha1(data.encode()).hexdigest()}}

    def _getMedia(self, **_) -> list:  # noqa: N802
        return []

    def _getDeployPreview(self, **_) -> None:  # noqa: N802
        return None

    # -- ids of new files (ours, not Decap's protocol) -------------------------

    def _proposeId(self, collection: str, title: str = "", doc_no: str = "", **params) -> dict:  # noqa: N802
        """The id proposed for a new file of ``collection`` from its title
        (or name) and 文号, and what is wrong with the id typed (``id``):
        not of the id pattern, or taken by a file of the same kind. With
        ``list`` (a field of the collection's files holding named items with
        ids, as a government's departments), for a new item of that list:
        its ids are unique within the list, so ``taken`` are the ids its
        other items have in the form."""
        model = next((m for name, _, _, m in FOLDERS if name == collection), None)
        if model is None:
            raise _Refused(f"没有这个栏目 · no such collection: {collection}")
        if params.get("list"):
            field = model.fields.get(params["list"])
            if field is None or not named_items(field.type):
                raise _Refused(f"没有这个列表 · no such list: {collection}.{params['list']}")
            taken = {str(t) for t in params.get("taken") or []}
        else:
            taken = self._ids(model)
        typed, problem = str(params.get("id") or ""), ""
        if typed in taken:
            problem = f"编号“{typed}”已被使用,请换一个。 · The id \"{typed}\" is taken: choose another."
        elif typed:
            try:
                Id().convert(typed)
            except Invalid as invalid:
                problem = f"{invalid.zh} · {invalid.en}"
        return {"proposal": propose(title, doc_no, taken), "problem": problem}

    def _ids(self, model) -> set[str]:
        """The ids of the content files of ``model``: their names, and a
        document's own ``id`` line (only a document's may differ)."""
        ids = set()
        for path, kind in content_files(self.content):
            if kind is model:
                ids.add(path.stem)
                own = _ID_LINE.search(path.read_text(encoding="utf-8")) if model is DOCUMENT else None
                ids.update([own.group(1)] if own else [])
        return ids

    # -- writing ---------------------------------------------------------------

    def _persistEntry(self, dataFiles: list[dict] | None = None, entry: dict | None = None,  # noqa: N802, N803
                      assets: list | None = None, **_) -> dict:
        if assets:
            raise _Refused("本站不保存上传的文件 · uploads are not kept by this site")
        for item in dataFiles or [entry]:
            path = self._path(item["path"])
            if item.get("newPath") and item["newPath"] != item["path"]:
                raise _Refused("不能在编辑后台改文件名 · a file cannot be renamed in the editor")
            _write(path, _with_comments(path, self.content, item["raw"]))
        return {"message": "entry persisted"}

    def _path(self, rel: str) -> Path:
        """The content file at ``rel`` (relative to the project), never outside content/."""
        path = (self.project / rel).resolve()
        if path.suffix != ".yaml" or self.content not in path.parents or rel == INDEX_FILE:
            raise _Refused(f"只能编辑 content/ 中的 YAML 文件 · only YAML files under content/ can be edited: {rel}")
        return path


class _Refused(Exception):
    pass


_ID_LINE = re.compile(r"^id:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)


def _with_comments(path: Path, content: Path, raw: str) -> str:
    """``raw`` as the editor wrote it, with the comments of the file it
    replaces put back (the editor drops comments): the lines a file starts
    with stay first, and each other comment goes back before the line it
    stood before (the same line, else the same key), or at the end when that
    line is gone. A new file starts with the line that names its schema, as
    the importer writes it."""
    if not path.is_file():
        rel = path.relative_to(content).as_posix()
        kind = next(k for k in CONTENT_FILES
                    if Path(rel).match(k.pattern) and rel.count("/") == k.pattern.count("/"))
        return f"# yaml-language-server: $schema={'../' * (rel.count('/') + 1)}schema/{kind.schema_file}\n" + raw
    old = path.read_text(encoding="utf-8").splitlines()
    lines = raw.splitlines()
    inside = _inside_scalars(old)
    first = next((n for n, line in enumerate(old) if line.strip() and not line.lstrip().startswith("#")), len(old))
    header, blocks, block = old[:first], [], []
    for number in range(first, len(old)):
        line = old[number]
        if line.lstrip().startswith("#") and number not in inside:
            block.append(line.strip())
        elif line.strip() and block:
            blocks.append((block, line))
            block = []
    trailing = block
    at = 0
    for comments, anchor in blocks:
        found = _find(lines, anchor, at)
        if found is None:
            trailing = comments + trailing
            continue
        indent = lines[found][:len(lines[found]) - len(lines[found].lstrip())]
        lines[found:found] = [indent + c for c in comments]
        at = found + len(comments) + 1
    return "\n".join(header + lines + trailing) + "\n"


def _inside_scalars(lines: list[str]) -> set[int]:
    """Line numbers (0-based) that continue a scalar spanning several lines:
    a ``#`` there is text, not a comment."""
    try:
        root = yaml.compose("\n".join(lines), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return set()
    found, stack = set(), [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            found.update(range(node.start_mark.line + 1, node.end_mark.line + 1))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return found


def _find(lines: list[str], anchor: str, start: int) -> int | None:
    """Where ``anchor`` (a line of the old file) is in ``lines``, from
    ``start`` on: the same line, else the first with the same key."""
    key = anchor.strip().split(":")[0] + ":"
    for test in (lambda line: line.strip() == anchor.strip(), lambda line: line.strip().startswith(key)):
        for number in range(start, len(lines)):
            if test(lines[number]):
                return number
    return None


def _write(path: Path, text: str) -> None:
    """Write ``text`` whole: the preview never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    part.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    os.replace(part, path)


def index_text(content: Path) -> str:
    """Every clause and indicator of every document, by id with a readable
    label (document, number, heading), for the relation widgets that pick
    them. Read from the files as they are, so one broken file elsewhere does
    not empty the lists."""
    clauses, indicators = [], []

    def walk(doc: str, items: list) -> None:
        for clause in items if isinstance(items, list) else []:
            if not isinstance(clause, dict):
                continue
            words = " ".join(str(clause[k]) for k in ("number", "heading") if clause.get(k)) or str(clause.get("text", ""))[:30]
            clauses.append({"id": str(clause.get("id")), "label": f"{doc} · {words} ({clause.get('id')})"})
            for ind in clause.get("indicators") or []:
                if isinstance(ind, dict):
                    indicators.append({"id": str(ind.get("id")), "label": f"{doc} · {ind.get('metric')} ({ind.get('id')})"})
            walk(doc, clause.get("children") or [])

    for path, model in content_files(content):
        if model.name != "document":
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict):
            doc = data.get("short_title") or data.get("title") or path.stem
            walk(doc, (data.get("body") or {}).get("clauses") if isinstance(data.get("body"), dict) else [])
    return yaml.safe_dump({"clauses": clauses, "indicators": indicators}, allow_unicode=True, sort_keys=False)


def backend_reply(backend: LocalBackend, body: bytes) -> tuple[int, bytes]:
    """Answer one POST to API: (status, JSON body)."""
    try:
        request = json.loads(body or b"{}")
    except ValueError:
        status, reply = 400, {"error": "请求不是 JSON · the request is not JSON"}
    else:
        status, reply = backend.handle(request)
    return status, json.dumps(reply, ensure_ascii=False).encode("utf-8")


def pages() -> dict[str, str]:
    """Collection name -> the address of an entry's page (``{id}`` for its id)."""
    from types import SimpleNamespace

    from . import urls
    item = SimpleNamespace(id="{id}")
    return {"documents": urls.document(item), "policies": urls.policy(item),
            "interpretations": urls.interpretation(item), "governments": urls.departments(),
            "site": urls.home(), "search": urls.home()}


def admin_page(local: bool = True) -> str:
    """The page at ADMIN: the editor against the preview's local backend
    (``local``), else against the forge its configuration names."""
    from .render import environment
    return environment().get_template("_admin.j2").module.admin_page(local, pages(), API, BUILT_IN)


def published_admin(project: Path, settings) -> dict[str, bytes] | None:
    """The files of the published ADMIN (name -> bytes) against the office's
    forge (content/site.yaml ``editor``): the page, its configuration and
    the editor's scripts as npm installed them. None when npm has not."""
    if not installed(project):
        return None
    config = "# Generated from content/site.yaml and the content model by the build.\n" + yaml.safe_dump(
        published_config(settings), allow_unicode=True, sort_keys=False, width=120)
    scripts = {path.name: path.read_bytes() for path in sorted(dist(project).glob("*" + SCRIPT))}
    return {**scripts, "index.html": admin_page(local=False).encode(), "config.yml": config.encode()}


NOT_INSTALLED = ("content/site.yaml 写了 editor(网页编辑),但编辑后台未安装:请先运行 make build(它会用 npm 安装),"
                 "或运行 npm ci --ignore-scripts。\n"
                 "content/site.yaml sets editor (the web editor) but the editor is not installed: run make build "
                 "(it installs it with npm), or npm ci --ignore-scripts.")
