"""Derive JSON Schemas (draft-07) from the content model: the editor's, and
the published open data's (``data_schema``).

Content files point at the result with a first line
``# yaml-language-server: $schema=../schema/content.schema.json`` so editors
(VS Code with the YAML extension, JetBrains IDEs) check and complete staff
edits as they type. ``python -m policy_site schema`` rewrites the file; a test
fails when the committed file and the model disagree.
"""

from __future__ import annotations

import json

from .model import CONTENT_FILES
from .types import Enum, List, Object, resolve


def _type_schema(t, definitions: dict, data: bool = False) -> dict:
    t = resolve(t)
    if isinstance(t, Object):
        if t.name not in definitions:
            definitions[t.name] = {}  # placeholder first: objects may be recursive
            definitions[t.name] = _object_schema(t, definitions, data)
        return {"$ref": f"#/definitions/{t.name}"}
    if isinstance(t, List):
        schema = {"type": "array", "items": _type_schema(t.item, definitions, data)}
        if t.min_items:
            schema["minItems"] = t.min_items
        return schema
    schema = t.json_schema()
    if isinstance(t, Enum) and not data:
        schema["markdownEnumDescriptions"] = [term.description for term in t.terms.values()]
    return schema


def _object_schema(obj: Object, definitions: dict, data: bool = False) -> dict:
    """An object's schema. In an editor's schema (``data`` false) an optional
    field may be left out; in the open data every field is written, and an
    optional one that the content does not give is null (a list: empty)."""
    properties = {}
    for name, field in obj.fields.items():
        prop = dict(_type_schema(field.type, definitions, data))
        if data and not field.required and not isinstance(resolve(field.type), List):
            prop = {"anyOf": [prop, {"type": "null"}]}
        prop["title"] = field.label
        if field.description:
            prop["description"] = field.description
        properties[name] = prop
    schema = {
        "type": "object",
        "title": obj.title,
        "additionalProperties": False,
        "properties": properties,
        "required": [n for n, f in obj.fields.items() if f.required or data],
    }
    if obj.description:
        schema["description"] = obj.description
    if obj.variants and not data:
        schema["oneOf"] = [_variant_schema(v) for v in obj.variants.values()]
    return schema


def _variant_schema(v) -> dict:
    schema: dict = {"title": v.label, "required": list(v.needs)}
    if v.forbids:
        schema["not"] = {"anyOf": [{"required": [name]} for name in v.forbids]}
    limits = {**{k: {"enum": list(vs)} for k, vs in v.only.items()},
              **{k: {"not": {"enum": list(vs)}} for k, vs in v.never.items()}}
    if limits:
        schema["properties"] = limits
    return schema


def _file_schema(obj: Object, title: str, schema_id: str | None, data: bool = False) -> dict:
    """The JSON Schema of a file whose top level is ``obj``."""
    definitions: dict = {}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        **({"$id": schema_id} if schema_id else {}),
        "title": title,
        **_type_schema(obj, definitions, data),  # fills definitions, written after it
        "definitions": definitions,
    }


def data_schema(obj: Object, schema_id: str | None = None) -> dict:
    """The JSON Schema of an open-data file whose top level is ``obj`` (an
    object of the model, or one derived from the model's objects by
    policy_site/opendata/records.py): every field present, null when not
    given. ``schema_id``: where the schema is published, when the site's
    address is known."""
    return _file_schema(obj, f"policy-site 开放数据:{obj.title} / {obj.name}", schema_id, data=True)


def schema_texts() -> dict[str, str]:
    """File name under schema/ -> JSON text, one per kind of content file."""
    texts = {}
    for kind in CONTENT_FILES:
        schema = _file_schema(kind.model, f"policy-site {kind.model.title} / {kind.model.name} file",
                              f"https://policy-site.invalid/schema/{kind.schema_file}")
        texts[kind.schema_file] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return texts
