"""The web editor's configuration (Decap CMS, ``/admin/``) derived from the
content model, as ``jsonschema.py`` derives the code editors' schema.

One collection per kind of content file; each field's widget follows its
type (fixed lists are selects, references are relation widgets that search
by Chinese name and store ids, dates are date pickers), its label and hint
are the model's, and only required fields are required. The result is
written to ``schema/cms-config.yml`` by ``python -m policy_site schema``; a
test fails when the committed file and the model disagree. The backend is
not part of it: the preview adds its local one (policy_site/editor.py), and
a published build the office's forge from content/site.yaml
(``published_config``).
"""

from __future__ import annotations

import yaml

from .model import CLAUSE, CONTENT_FILES, DOCUMENT, FORGE, GOVERNMENT, INTERPRETATION, POLICY, SEARCH, SITE
from .types import Boolean, Date, DateTime, Enum, Id, List, Number, Object, RefTo, Text, resolve

CONFIG_FILE = "cms-config.yml"
# A file the local backend makes from the content for the relation widgets
# that pick a clause or an indicator (they are nested in documents, where a
# relation widget cannot reach): never written to content/.
INDEX_FILE = "content/.editor-index.yaml"
# How deep the clause tree is editable in the form (the deepest content has 3
# levels); deeper clauses are kept as they are when an entry is saved.
CLAUSE_LEVELS = 4

# Folder collections: (name, label, folder, model, create).
FOLDERS = [
    ("documents", "文件", "content", DOCUMENT),
    ("policies", "政策目录", "content/policies", POLICY),
    ("interpretations", "政策解读", "content/interpretations", INTERPRETATION),
    ("governments", "政府和部门", "content/governments", GOVERNMENT),
]
# File collections: (name, label, file, model).
FILES = [
    ("site", "网站信息", "content/site.yaml", SITE),
    ("search", "站内搜索词表", "content/search.yaml", SEARCH),
]

# Which collection holds each kind of reference, how it is searched and what
# is stored. Searched fields are required ones: Decap fails on a missing one.
_RELATIONS = {
    "document": dict(collection="documents", value_field="id", search_fields=["title", "id"],
                     display_fields=["title"]),
    "policy": dict(collection="policies", value_field="id", search_fields=["name", "id"],
                   display_fields=["name"]),
    "government": dict(collection="governments", value_field="id", search_fields=["name", "id"],
                       display_fields=["name"]),
    "department": dict(collection="governments", value_field="departments.*.id",
                       search_fields=["departments.*.name"],
                       display_fields=["departments.*.name"]),
    "clause": dict(collection="editor_index", file="index", value_field="clauses.*.id",
                   search_fields=["clauses.*.label"], display_fields=["clauses.*.label"]),
    "indicator": dict(collection="editor_index", file="index", value_field="indicators.*.id",
                      search_fields=["indicators.*.label"], display_fields=["indicators.*.label"]),
}


# The widget of a new file's own id: the admin page registers it (in the
# preview it proposes the id from the title; published, a plain text field).
ID_WIDGET = "id"
# The widget of a list of named items with ids (a government's departments):
# in the preview a new item's id is proposed from its name; published, a list.
ID_LIST_WIDGET = "id_list"
# The built-in widget each of ours stands in for where its own behaviour is
# not there: the published admin page registers ours as these, and a CMS
# that knows neither gets these in its configuration.
BUILT_IN = {ID_WIDGET: "string", ID_LIST_WIDGET: "list"}


def with_built_in_widgets(config):
    """``config`` (or any part of it) with our widgets replaced by BUILT_IN's."""
    if isinstance(config, list):
        return [with_built_in_widgets(item) for item in config]
    if isinstance(config, dict):
        return {key: BUILT_IN.get(value, value) if key == "widget" else with_built_in_widgets(value)
                for key, value in config.items()}
    return config


def named_items(t) -> bool:
    """Whether ``t`` is a list of named items with ids (a government's
    departments), whose new items' ids the editor proposes from their names."""
    t = resolve(t)
    item = resolve(t.item) if isinstance(t, List) else None
    return isinstance(item, Object) and {"id", "name"} <= item.fields.keys()


def _widget(t, depth: int, optional: bool = False) -> dict:
    """The widget settings of a value of type ``t`` (without name and label);
    ``optional``: an object that may be left out as a whole."""
    t = resolve(t)
    if isinstance(t, Object):
        return {"widget": "object", "collapsed": depth > 1, "fields": _fields(t, depth + 1, optional)}
    if isinstance(t, List):
        item = resolve(t.item)
        if isinstance(item, (Enum, RefTo)) or (isinstance(item, Id) and item.of):
            return {**_widget(item, depth), "multiple": True, **({"min": t.min_items} if t.min_items else {})}
        widget = {"widget": "list", "collapsed": True}
        if isinstance(item, Object):
            widget.update(fields=_fields(item, depth + 1), summary=_summary(item))
            if named_items(t):
                widget["widget"] = ID_LIST_WIDGET
        else:
            widget["field"] = {"name": "item", "label": "项", **_widget(item, depth)}
        if t.min_items:
            widget["min"] = t.min_items
        return widget
    if isinstance(t, Enum):
        return {"widget": "select", "options": [{"label": term.label or term.value, "value": term.value}
                                                for term in t.terms.values()]}
    if isinstance(t, RefTo) or (isinstance(t, Id) and t.of):
        return {"widget": "relation", **_RELATIONS[t.kind if isinstance(t, RefTo) else t.of],
                "options_length": 50}
    if isinstance(t, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False, "picker_utc": True}
    if isinstance(t, Number):
        return {"widget": "number", "value_type": "int" if t.integer else "float", "min": 0}
    if isinstance(t, Boolean):
        return {"widget": "boolean"}
    widget = {"widget": "text" if isinstance(t, Text) and t.multiline else "string"}
    pattern = t.json_schema().get("pattern") if not isinstance(t, Text) else None
    if pattern:
        widget["pattern"] = [pattern, f"请按{t.label_zh}的格式填写。" + (_ID_RULE if isinstance(t, Id) else "")]
    if isinstance(t, DateTime):
        widget["pattern"][1] = "请按 YYYY-MM-DD HH:MM 填写(只知道日期时写 YYYY-MM-DD)。"
    return widget


_ID_RULE = "编号只能用小写英文字母、数字和连字符,例如 goal-1。"


def _summary(obj: Object) -> str:
    """What a collapsed list item shows: its most telling fields, and its id."""
    shown = [name for name in ("number", "heading", "name", "title", "label", "metric", "field", "word",
                               "question", "year", "type", "document") if name in obj.fields][:2]
    text = " ".join(f"{{{{fields.{name}}}}}" for name in shown)
    return f"{text} ({{{{fields.id}}}})" if "id" in obj.fields else text


def _fields(obj: Object, depth: int = 1, optional: bool = False) -> list[dict]:
    """The form's fields for ``obj``. In an object that may be left out
    (``optional``) no field is required: the editor would not let such an
    object stay empty; the loader still asks for them once it is filled."""
    fields = []
    for name, field in obj.fields.items():
        if obj is CLAUSE and name == "children" and depth > CLAUSE_LEVELS:
            continue  # kept as it is on save, not editable at this depth
        widget = {"name": name, "label": field.label, **_widget(field.type, depth, not field.required),
                  "required": field.required and not optional}
        hint = ("填写了这一部分时必填。" if field.required and optional else "") + field.description
        if hint:
            widget["hint"] = hint
        if name == "review":  # the reviewer deletes an item once checked; the importer writes them
            widget.update(allow_add=False, collapsed=False)
        fields.append(widget)
    return fields


def _folder(name: str, label: str, folder: str, model: Object) -> dict:
    identifier = "title" if "title" in model.fields else "name"
    fields = _fields(model)
    next(f for f in fields if f["name"] == "id")["widget"] = ID_WIDGET
    return {
        "name": name, "label": label, "label_singular": model.title, "description": model.description,
        "folder": folder, "extension": "yaml", "format": "yaml", "create": True, "delete": False,
        "identifier_field": identifier, "slug": "{{fields.id}}", "summary": f"{{{{{identifier}}}}} ({{{{id}}}})",
        "sortable_fields": [identifier, "id"], "fields": fields,
    }


def cms_config() -> dict:
    """The configuration of the web editor, without its backend."""
    collections = [_folder(*spec) for spec in FOLDERS]
    collections += [{"name": name, "label": label, "delete": False, "editor": {"preview": True},
                     "files": [{"name": name, "label": label, "file": file, "description": model.description,
                                "fields": _fields(model)}]}
                    for name, label, file, model in FILES]
    collections.append({
        "name": "editor_index", "label": "条款和指标索引", "hide": True, "create": False, "delete": False,
        "files": [{"name": "index", "label": "条款和指标索引", "file": INDEX_FILE, "fields": [
            {"name": "clauses", "label": "条款", "widget": "list", "fields": [
                {"name": "id", "label": "编号", "widget": "string"},
                {"name": "label", "label": "条款", "widget": "string"}]},
            {"name": "indicators", "label": "指标", "widget": "list", "fields": [
                {"name": "id", "label": "编号", "widget": "string"},
                {"name": "label", "label": "指标", "widget": "string"}]}]}],
    })
    return {
        "locale": "zh_Hans",
        "media_folder": "content/media",
        "site_url": "/",
        "display_url": "/",
        "show_preview_links": False,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections,
    }


def published_config(settings) -> dict:
    """The configuration of the published /admin/: the office's forge
    (``settings``: content/site.yaml ``editor``, model.EDITOR) logged in to
    with PKCE from the browser, its editorial workflow when asked for.
    The clause and indicator index is made by the preview's local backend
    and is in no repository, so there a clause or an indicator is typed as
    its id, checked with the id pattern."""
    base = settings.base_url.rstrip("/")
    backend = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch or "main",
               "base_url": base, "api_root": settings.api_root or base + FORGE.term(settings.backend).extra["api"],
               "auth_type": "pkce", "app_id": settings.app_id}
    config = cms_config()
    config["collections"] = _forge_folders([c for c in config["collections"] if c["name"] != "editor_index"])
    _type_indexed_ids(config["collections"])
    return {"backend": backend, **({"publish_mode": "editorial_workflow"} if settings.editorial_workflow else {}),
            **config}


def _forge_folders(collections: list[dict]) -> list[dict]:
    """From a forge Decap lists the files of a collection's folder, not of
    its sub-folders (the preview's backend lists every file of the kind):
    a kind also kept in a sub-folder of its collection's folder (documents
    in content/ and content/documents/) gets a collection there too, right
    after it, with the same form."""
    found = []
    for collection in collections:
        found.append(collection)
        model = next((m for name, _, _, m in FOLDERS if name == collection["name"]), None)
        for kind in CONTENT_FILES:
            sub = "content/" + kind.pattern.rsplit("/", 1)[0] if "/" in kind.pattern else None
            if kind.model is model and sub and sub != collection["folder"]:
                found.append({**collection, "name": f"{collection['name']}_{sub.rsplit('/', 1)[-1]}",
                              "label": f"{collection['label']}（{sub} 文件夹）", "folder": sub})
    return found


def _type_indexed_ids(items: list[dict]) -> None:
    for item in items:
        if item.get("collection") == "editor_index":
            kept = {k: item[k] for k in ("name", "label", "required", "hint") if k in item}
            typed = {"widget": "string", "pattern": [Id().json_schema()["pattern"], _INDEXED_RULE]}
            if item.get("multiple"):
                typed = {"widget": "list", "field": {"name": "item", "label": "编号", **typed}}
            item.clear()
            item.update(kept, **typed, hint=(kept.get("hint", "") + _INDEXED_RULE).strip())
        for key in ("fields", "files"):
            _type_indexed_ids(item.get(key, []))
        if isinstance(item.get("field"), dict):
            _type_indexed_ids([item["field"]])


_INDEXED_RULE = "填写编号:打开网站上这份文件的这一条,网址中 # 后面的就是它的编号,例如 task-1-1。"


def cms_config_text() -> str:
    return ("# Generated from policy_site/schema/model.py by `make schema`: do not edit by hand.\n"
            + yaml.safe_dump(cms_config(), allow_unicode=True, sort_keys=False, width=120))
