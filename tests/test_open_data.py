"""Open data (policy_site/opendata): every JSON file against its published
JSON Schema, every export against the loaded content field by field, the
CSV against the JSON, the zip, the Atom feeds through a real feed parser,
the JSON-LD through a real JSON-LD processor, the sitemap, the feed links
in every page's <head> and the 开放数据 page.

Two builds of the fixture content: as published without an address (the
session's ``site_dir``: links relative) and a "rich" copy with SITE_URL set
and the fields the fixture leaves empty filled in (progress, an
application period, a service link, a successor, a replacing document, a
licence), so that every kind of value is compared.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import zipfile
from pathlib import Path

import feedparser
import jsonschema
import pytest
from pyld import jsonld

from conftest import build_site, copy_project
from policy_site import target_shape, urls
from policy_site.content import load_content
from policy_site.opendata.feeds import FEED_ENTRIES, TAG, document_updated
from policy_site.opendata.records import SCHEMA_VERSION
from policy_site.present import citation, clause_label, clause_number, date_zh, target_text, validity
from policy_site.schema.model import DOCUMENT, INDICATOR, METADATA, POLICY, SITE
from policy_site.schema.types import Date, DateTime, List, Object, RefTo, resolve
from html_tree import cells, parse, table_by_caption, table_rows

SITE_URL = "https://example.gov.cn/xwqy/"
PLAN = "hs-2018-138"
SCHEMA_ORG = "http://schema.org/"
# A reduced copy of schema.org's JSON-LD context (https://schema.org/docs/jsonldcontext.jsonld):
# its vocabulary, its "schema" prefix and the terms this site uses whose
# values schema.org declares as links; served to pyld instead of the network.
CONTEXT_FILE = Path(__file__).parent / "fixture" / "schemaorg-context.jsonld"

SUCCESSOR = """\
id: successor-plan
title: 关于印发测试用接替办法的通知
type: 办法
metadata:
  doc_no: 测试发〔2021〕1号
  unified_no: TEST-2021-0001
  issuer: 测试区人民政府办公室
  written_date: 2021-01-05
  published: 2021-01-08 09:30
  validity: 有效
relations:
  - type: 替代
    document: hs-2018-138
  - type: 依据
    document: zj-2018-34
body:
  title: 测试用接替办法
  clauses:
  - id: article-1
    number: 第一条
    heading: 支持对象
    role: task
    text: 继续支持小微企业发展。
    responsible: [market-regulation]
"""

NEW_ENTRY = """\
id: successor-entry
name: 测试用接替条目
summary: 接替原条目的测试条目。
support_types: [资金补助, 人才]
audiences: [小微企业]
industries: [工业制造]
departments: [market-regulation, commerce]
basis:
  - document: successor-plan
    clause: article-1
application_method: 网上申报。
application_period:
  start: 2021-02-01
  end: 2031-12-31
support_standard: 按实际发生额补助。
contact: 区市场监管局
service_url: https://example.gov.cn/apply
last_verified: 2021-02-01
keywords: [补助]
"""

PROGRESS = """\
        progress:
        - year: 2019
          value: 4000
          source: 测试统计公报
        - year: 2020
          value: 8000.5
          note: 测试说明
"""


def _env(site_url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "SITE_URL")}
    if site_url:
        env["SITE_URL"] = site_url
    return env


def _rich(project: Path) -> Path:
    content = project / "content"
    (content / "documents" / "successor-plan.yaml").write_text(SUCCESSOR, encoding="utf-8")
    (content / "policies" / "successor-entry.yaml").write_text(NEW_ENTRY, encoding="utf-8")
    entry = content / "policies" / "tax-incentives.yaml"
    entry.write_text(entry.read_text(encoding="utf-8") + "successor: successor-entry\n", encoding="utf-8")
    plan = content / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    anchor = "        lead: market-regulation\n      - id: micro-firm-growth\n"
    assert anchor in text, "the fixture plan changed: find another indicator for the progress rows"
    plan.write_text(text.replace(anchor, "        lead: market-regulation\n" + PROGRESS
                                 + "      - id: micro-firm-growth\n", 1), encoding="utf-8")
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "licence: 测试许可：可自由使用，请注明来源。\npublisher: 测试主办单位\n",
                    encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """(project, site) of the rich copy, built with SITE_URL."""
    project = _rich(copy_project(tmp_path_factory.mktemp("rich") / "project"))
    site = tmp_path_factory.mktemp("rich-site") / "site"
    result = build_site(project, site, env=_env(SITE_URL))
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site


@pytest.fixture(scope="module")
def rich_content(rich):
    return load_content(rich[0] / "content")


@pytest.fixture(scope="module")
def plain_content(project_dir):
    return load_content(project_dir / "content")


def _read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


# -- JSON Schemas ------------------------------------------------------------------

def _json_files(site: Path) -> dict[str, list[Path]]:
    """Every open-data JSON file of the site, by the schema it follows."""
    found = {
        "document": sorted(site.glob("documents/*/index.json")),
        "policy": sorted(site.glob("policies/*/index.json")),
        "catalogue": [site / "policies" / "catalogue.json"],
    }
    for name in ("documents", "indicators", "policies", "departments"):
        found[name] = [site / "data" / f"{name}.json"]
    return found


@pytest.mark.parametrize("which", ["plain", "rich"])
def test_every_json_file_validates_against_its_published_schema(which, site_dir, rich):
    site = site_dir if which == "plain" else rich[1]
    by_schema = _json_files(site)
    covered = {p for paths in by_schema.values() for p in paths}
    # Every JSON file the site publishes as data is one of these (the search
    # index and Material's files are the engine's and the search's own).
    published = {p for p in site.rglob("*.json") if not p.relative_to(site).parts[0].startswith(("search", "assets"))
                 and not p.name.endswith(".schema.json")}
    assert published == covered, f"JSON files without a schema: {sorted(map(str, published - covered))}"
    for name, paths in by_schema.items():
        schema = _read_json(site / "data" / "schema" / f"{name}.schema.json")
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
        assert paths, name
        for path in paths:
            data = _read_json(path)
            assert data["schema_version"] == SCHEMA_VERSION
            errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
            assert not errors, f"{path.relative_to(site)}: {errors[0].message} at {list(errors[0].path)}"


def test_a_schema_rejects_what_the_content_could_not_say(site_dir, plain_content):
    """The schemas are not a formality: a missing field, an unknown field, a
    validity outside the vocabulary and another schema_version all fail."""
    schema = _read_json(site_dir / "data" / "schema" / "document.schema.json")
    good = _read_json(site_dir / urls.document_data(plain_content.documents[PLAN]))
    validator = jsonschema.Draft7Validator(schema)
    assert validator.is_valid(good)
    for broken in (
        {k: v for k, v in good.items() if k != "metadata"},
        {**good, "invented": 1},
        {**good, "metadata": {**good["metadata"], "validity": "现行"}},
        {**good, "schema_version": "0.9"},
        {**good, "metadata": {**good["metadata"], "written_date": "2018年12月12日"}},
    ):
        assert not validator.is_valid(broken)


def test_schemas_carry_every_model_field_with_its_chinese_label(site_dir):
    """Derived from the model: each field of the model is a property of the
    export, titled with the model's label."""
    document = _read_json(site_dir / "data" / "schema" / "document.schema.json")
    definitions = document["definitions"]
    top = definitions["document_file"]["properties"]
    for name, field in DOCUMENT.fields.items():
        # review: a file under review is a draft, never published; original_file: a path
        # inside content/ (readers download the file from the document's page)
        if name not in ("review", "original_file"):
            assert top[name]["title"] == field.label, name
    for name, field in METADATA.fields.items():
        assert definitions["metadata"]["properties"][name]["title"] == field.label
    for name, field in INDICATOR.fields.items():
        assert definitions["indicator_data"]["properties"][name]["title"] == field.label
    policy = _read_json(site_dir / "data" / "schema" / "policy.schema.json")["definitions"]["policy_file"]
    for name, field in POLICY.fields.items():
        # status_override: exported as the derived status (value, reason, overridden); review: drafts are not published
        if name not in ("status_override", "review"):
            assert policy["properties"][name]["title"] == field.label, name


# -- Exports against the content ---------------------------------------------------

def plain(t, value):
    """What the export must say for a model value: references as ids (a
    department's qualified: haishu/market-regulation), dates as
    ISO 8601, an absent value null (a list empty). Written apart from
    opendata/records.py, from the model and the content only."""
    t = resolve(t)
    if isinstance(t, List):
        return [plain(t.item, v) for v in value or []]
    if value is None:
        return None
    if isinstance(t, Object):
        return {name: plain(f.type, getattr(value, name)) for name, f in t.fields.items()}
    if isinstance(t, RefTo):
        return value.ref_id  # qualified by its government where it has one
    if isinstance(t, DateTime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(t, Date):
        return value.isoformat()
    return value


def _link(site_url: str, target: str) -> str:
    return site_url + target if site_url else target


def _check_model_fields(obj: Object, got: dict, record, skip=()) -> None:
    for name, field in obj.fields.items():
        if name in skip:
            continue
        t = resolve(field.type)
        if isinstance(t, Object) or (isinstance(t, List) and isinstance(resolve(t.item), Object)):
            continue  # compared by the caller, with their derived fields
        assert got[name] == plain(field.type, getattr(record, name)), f"{obj.name}.{name}"


def _check_clause(content, doc, ref, got: dict, site_url: str) -> None:
    clause = ref.clause
    _check_model_fields(resolve(DOCUMENT.fields["body"].type).fields["clauses"].type.item, got, clause)
    assert got["url"] == _link(site_url, f"documents/{doc.id}/#{clause.id}")
    assert got["citation"] == (clause_number(ref) or None)
    assert got["label"] == clause_label(ref)
    assert got["policies"] == [p.id for p in content.policies_based_on(doc, clause)]
    assert len(got["indicators"]) == len(clause.indicators)
    for ind, ind_got in zip(clause.indicators, got["indicators"]):
        _check_model_fields(INDICATOR, ind_got, ind)
        assert ind_got["progress"] == plain(INDICATOR.fields["progress"].type, ind.progress)
        assert ind_got["target"] == target_text(ind)
        assert ind_got["url"] == _link(site_url, f"documents/{doc.id}/targets/#{ind.id}")
    children = [r for r in content.clauses(doc) if r.parents and r.parents[-1] is clause]
    assert [c["id"] for c in got["children"]] == [r.clause.id for r in children]
    for child, child_got in zip(children, got["children"]):
        _check_clause(content, doc, child, child_got, site_url)


def _check_document(content, doc, got: dict, site_url: str) -> None:
    _check_model_fields(DOCUMENT, got, doc, skip=("relations", "original_file"))  # original_file: a path inside content/
    assert got["metadata"] == plain(DOCUMENT.fields["metadata"].type, doc.metadata)
    assert got["notice"] == plain(DOCUMENT.fields["notice"].type, doc.notice)
    assert got["attachments"] == plain(DOCUMENT.fields["attachments"].type, doc.attachments)
    assert got["url"] == _link(site_url, f"documents/{doc.id}/")
    term = validity(doc)
    assert got["validity"] == {"value": doc.metadata.validity, "label": term.label, "state": term.extra["state"]}
    stated = [("stated", r.type, r.document.id) for r in doc.relations]
    inverse = [("inverse", r.type, other.id) for other in content.documents.values() for r in other.relations
               if r.document is doc]
    assert sorted(("inverse" if r["inverse"] else "stated", r["type"], r["document"]) for r in got["relations"]) \
        == sorted(stated + inverse)
    for r in got["relations"]:
        other = content.documents[r["document"]]
        assert r["title"] == other.title and r["doc_no"] == other.metadata.doc_no
        assert r["url"] == _link(site_url, f"documents/{other.id}/")
    # Its government's departments (content/governments/<id>.yaml), in that file's order.
    government = [d for d in content.departments.values() if doc.government and d.scope == doc.government.id]
    assert [(d["id"], d["government"], d["name"], d["full_name"]) for d in got["departments"]] == [
        (d.id, d.scope, d.name, d.full_name) for d in government]
    # In the order the document's page lists them (文字解读 before 图片解读).
    assert [i["id"] for i in got["interpretations"]] == [i.id for i in content.interpretations_of(doc)]
    for item, item_got in zip(content.interpretations_of(doc), got["interpretations"]):
        assert (item_got["type"], item_got["title"], item_got["date"], item_got["url"]) == (
            item.type, item.title, item.date.isoformat(), _link(site_url, f"interpretations/{item.id}/"))
    based = sorted(p.id for p in content.policies.values() if any(b.document is doc for b in p.basis))
    assert sorted(p["id"] for p in got["policies"]) == based
    top = [r for r in content.clauses(doc) if not r.parents]
    if doc.body:
        assert got["body"]["title"] == doc.body.title and got["body"]["subtitle"] == doc.body.subtitle
        assert [c["id"] for c in got["body"]["clauses"]] == [r.clause.id for r in top]
        for ref, clause_got in zip(top, got["body"]["clauses"]):
            _check_clause(content, doc, ref, clause_got, site_url)
    else:
        assert got["body"] is None


def _check_policy(content, p, got: dict, site_url: str) -> None:
    _check_model_fields(POLICY, got, p, skip=("status_override", "departments"))
    assert got["application_period"] == plain(POLICY.fields["application_period"].type, p.application_period)
    assert [d["id"] for d in got["departments"]] == [d.id for d in p.departments]
    assert [d["name"] for d in got["departments"]] == [d.name for d in p.departments]
    status = content.policy_status(p)
    assert got["status"] == {"value": status.value, "state": status.state, "reason": status.reason,
                             "overridden": status.overridden}
    assert got["url"] == _link(site_url, f"policies/{p.id}/")
    assert [(b["document"], b["clause"]) for b in got["basis"]] == [(b.document.id, b.clause) for b in p.basis]
    for b, b_got in zip(p.basis, got["basis"]):
        assert b_got["url"] == _link(site_url, f"documents/{b.document.id}/#{b.clause}")
        assert b_got["citation"].startswith(citation(b.document))
    assert sorted(i["id"] for i in got["indicators"]) == sorted(p.related_indicators)


@pytest.mark.parametrize("which", ["plain", "rich"])
def test_every_document_and_entry_file_says_what_the_content_says(which, site_dir, rich, plain_content,
                                                                 rich_content):
    site, content, site_url = (site_dir, plain_content, "") if which == "plain" else (rich[1], rich_content, SITE_URL)
    for doc in content.documents.values():
        _check_document(content, doc, _read_json(site / urls.document_data(doc)), site_url)
    for p in content.policies.values():
        _check_policy(content, p, _read_json(site / urls.policy_data(p)), site_url)
    catalogue = _read_json(site / "policies" / "catalogue.json")
    assert [e["id"] for e in catalogue["policies"]] == list(content.policies)
    for p, got in zip(content.policies.values(), catalogue["policies"]):
        _check_policy(content, p, {**got, "schema_version": SCHEMA_VERSION}, site_url)
    assert catalogue["as_of"] == content.as_of.isoformat()


def test_the_rich_copy_exercises_every_kind_of_value(rich_content):
    """Guards the test above: the values the fixture leaves empty are given here."""
    entry = rich_content.policies["successor-entry"]
    assert entry.application_period and entry.service_url and entry.industries
    assert rich_content.policies["tax-incentives"].successor is entry
    assert any(i.progress for d in rich_content.documents.values() for r in rich_content.goals(d)
               for i in r.clause.indicators)
    assert rich_content.relations_both_ways(rich_content.documents[PLAN])


def _table(site: Path, name: str) -> tuple[list[list[str]], dict]:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), f"{name}.csv has no byte-order mark"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return rows, _read_json(site / "data" / f"{name}.json")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@pytest.mark.parametrize("name", ["documents", "indicators", "policies", "departments"])
def test_csv_reads_back_as_the_json_rows(name, rich):
    rows, table = _table(rich[1], name)
    assert rows[0] == [f["label"] for f in table["fields"]]
    keys = [f["name"] for f in table["fields"]]
    assert rows[1:] == [[_cell(row[k]) for k in keys] for row in table["rows"]]
    assert len(rows) > 1


def test_indicator_table_has_a_row_per_target_and_per_year(rich, rich_content):
    _, table = _table(rich[1], "indicators")
    expected = []
    for doc in rich_content.full_documents:
        for ref in rich_content.goals(doc):
            for ind in ref.clause.indicators:
                lead = (ind.lead.ref_id, ind.lead.name) if ind.lead else (None, None)
                base = {"document": doc.id, "document_title": citation(doc), "clause": ref.clause.id,
                        "clause_label": clause_label(ref), "indicator": ind.id, "metric": ind.metric,
                        "unit": ind.unit, "comparator": ind.comparator, "target": target_text(ind),
                        "shape": target_shape.shape(ind), "part": None, "part_label": None,
                        "reference": ind.reference, "direction": ind.direction,
                        "deadline": ind.deadline, "indicator_kind": ind.kind, "lead": lead[0], "lead_name": lead[1], "quote": ind.quote,
                        "url": f"{SITE_URL}documents/{doc.id}/targets/#{ind.id}"}
                expected.append({**base, "kind": "目标值", "year": None, "value": ind.value, "upper": ind.upper,
                                 "source": None, "note": None})
                expected += [{**base, "kind": "年度进展", "year": p.year, "value": p.value, "upper": None,
                              "source": p.source, "note": p.note} for p in ind.progress]
    assert table["rows"] == expected
    assert any(r["kind"] == "年度进展" and r["value"] == 8000.5 for r in table["rows"])


def test_policy_department_and_document_tables_match_the_content(rich, rich_content):
    content = rich_content
    _, policies = _table(rich[1], "policies")
    assert [r["id"] for r in policies["rows"]] == list(content.policies)
    for p, row in zip(content.policies.values(), policies["rows"]):
        period = p.application_period
        assert row == {
            "id": p.id, "name": p.name, "summary": p.summary,
            "status": content.policy_status(p).value, "status_reason": content.policy_status(p).reason,
            "support_types": "、".join(p.support_types), "audiences": "、".join(p.audiences),
            "industries": "、".join(p.industries) or None,
            "departments": "、".join(d.name for d in p.departments),
            "department_ids": "、".join(d.ref_id for d in p.departments),
            "basis": "、".join(f"{citation(b.document)} {clause_label(content.clause_by_id(b.document, b.clause))}"
                              for b in p.basis),
            "basis_clauses": "、".join(f"{b.document.id}#{b.clause}" for b in p.basis),
            "related_indicators": "、".join(p.related_indicators) or None,
            "application_start": period.start.isoformat() if period and period.start else None,
            "application_end": period.end.isoformat() if period and period.end else None,
            "application_method": p.application_method, "support_standard": p.support_standard,
            "contact": p.contact, "service_url": p.service_url,
            "successor": p.successor.id if p.successor else None,
            "last_verified": p.last_verified.isoformat(), "keywords": "、".join(p.keywords) or None,
            "url": f"{SITE_URL}policies/{p.id}/",
        }, p.id
    _, departments = _table(rich[1], "departments")
    assert [(r["id"], r["name"], r["full_name"], r["indicators"], r["tasks"], r["policies"]) for r in departments["rows"]] \
        == [(d.id, d.name, d.full_name, len(content.indicators_led_by(d)), len(content.tasks_of(d)),
             len(content.policies_of(d))) for d in content.departments.values()]
    _, documents = _table(rich[1], "documents")
    assert {r["id"] for r in documents["rows"]} == set(content.documents)
    for row in documents["rows"]:
        doc = content.documents[row["id"]]
        for name in METADATA.fields:
            assert row[name] == plain(METADATA.fields[name].type, getattr(doc.metadata, name)), (doc.id, name)
        assert (row["title"], row["type"], row["validity_state"]) == (doc.title, doc.type,
                                                                      validity(doc).extra["state"])
        assert row["indicators"] == sum(len(r.clause.indicators) for r in content.goals(doc))


def test_the_zip_holds_every_data_file_as_published(rich):
    site = rich[1]
    with zipfile.ZipFile(site / "data" / "open-data.zip") as z:
        names = z.namelist()
        assert names == sorted(names), "entries are sorted"
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 25, 0, 0, 0)}, "one time: the newest content date"
        for name in names:
            assert z.read(name) == (site / name).read_bytes(), name
    expected = {p.relative_to(site).as_posix() for paths in _json_files(site).values() for p in paths}
    expected |= {f"data/{n}.csv" for n in ("documents", "indicators", "policies", "departments")}
    expected |= {p.relative_to(site).as_posix() for p in (site / "data" / "schema").glob("*.json")}
    assert set(names) == expected


def test_links_are_absolute_only_with_an_address(site_dir, rich):
    """Relative (to the site's root) without SITE_URL; under SITE_URL with it."""
    def urls_in(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "url" and isinstance(v, str):
                    yield v
                else:
                    yield from urls_in(v)
        elif isinstance(value, list):
            for v in value:
                yield from urls_in(v)

    for site, absolute in ((site_dir, False), (rich[1], True)):
        found = [u for paths in _json_files(site).values() for p in paths for u in urls_in(_read_json(p))]
        assert found
        for u in found:
            assert u.startswith(SITE_URL) if absolute else not re.match(r"^[a-z]+:|^/", u), u
            path = u[len(SITE_URL):] if absolute else u
            assert (site / path.partition("#")[0] / ("index.html" if path.partition("#")[0].endswith("/") or not path else "")).is_file(), u


def test_exports_of_two_builds_are_byte_identical(rich, tmp_path):
    """(The whole site is compared in test_determinism; this also covers the
    rich content, with its zip, feeds and sitemap, and another clock time zone.)"""
    again = tmp_path / "site"
    result = build_site(rich[0], again, env={**_env(SITE_URL), "TZ": "Asia/Shanghai"})
    assert result.returncode == 0, result.stdout + result.stderr
    for path in sorted(rich[1].rglob("*")):
        rel = path.relative_to(rich[1])
        if path.is_file() and (rel.parts[0] in ("data", "feeds") or path.suffix == ".json" or rel.name.startswith("sitemap")):
            assert (again / rel).read_bytes() == path.read_bytes(), rel


# -- Feeds -------------------------------------------------------------------------

def _feed(site: Path, name: str, base: str):
    parsed = feedparser.parse((site / "feeds" / f"{name}.xml").read_bytes(), response_headers={
        "content-location": base + f"feeds/{name}.xml", "content-type": "application/atom+xml; charset=utf-8"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


@pytest.mark.parametrize("which", ["plain", "rich"])
def test_feeds_parse_and_state_the_content(which, site_dir, rich, plain_content, rich_content):
    site, content = (site_dir, plain_content) if which == "plain" else (rich[1], rich_content)
    base = SITE_URL if which == "rich" else "http://127.0.0.1:8000/"
    documents = _feed(site, "documents", base)
    dated = [d for d in content.documents.values() if document_updated(d)]
    assert len(documents.entries) == min(len(dated), FEED_ENTRIES)
    for entry in documents.entries:
        doc = content.documents[entry.id.removeprefix(TAG + "documents/")]
        newest = max(document_updated(doc) if isinstance(document_updated(doc), dt.datetime) else
                     dt.datetime.combine(document_updated(doc), dt.time()) for _ in [0])
        assert entry.updated == newest.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert entry.title == citation(doc)
        assert entry.link == base + f"documents/{doc.id}/"
        assert [t.term for t in entry.tags] == [validity(doc).label]
    assert documents.feed.updated == max(e.updated for e in documents.entries)
    policies = _feed(site, "policies", base)
    assert len(policies.entries) == min(len(content.policies), FEED_ENTRIES)
    first = policies.entries[0]
    p = content.policies[first.id.removeprefix(TAG + "policies/")]
    assert first.updated == f"{p.last_verified.isoformat()}T00:00:00Z"
    assert first.title == p.name
    assert first.summary == f"{content.policy_status(p).value}：{p.summary}"
    assert first.link == base + f"policies/{p.id}/"
    assert {link.href for link in first.links if link.type == "application/json"} == {base + f"policies/{p.id}/index.json"}
    assert [e.updated for e in policies.entries] == sorted((e.updated for e in policies.entries), reverse=True)


def test_a_repealed_document_with_its_date_leads_the_feed(rich, rich_content):
    """The successor (有效, newest dates) and the repealed plan; a repeal date moves a document up."""
    parsed = _feed(rich[1], "documents", SITE_URL)
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True), "the newest first"
    successor = next(e for e in parsed.entries if e.id == TAG + "documents/successor-plan")
    assert successor.updated == "2021-01-08T09:30:00Z"
    assert successor.author == "测试区人民政府办公室"
    assert parsed.feed.rights == "测试许可：可自由使用，请注明来源。"
    assert parsed.feed.author == "测试主办单位"


def test_feed_ids_do_not_change_with_the_address(site_dir, rich):
    plain_ids = {e.id for e in _feed(site_dir, "policies", "http://127.0.0.1/").entries}
    rich_ids = {e.id for e in _feed(rich[1], "policies", SITE_URL).entries}
    assert plain_ids <= rich_ids and all(i.startswith(TAG) for i in plain_ids)


def test_every_page_links_to_the_feeds_in_its_head(site_dir):
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
        assert [t for t, _ in links] == ["小微企业成长计划政策公开站：政策文件", "小微企业成长计划政策公开站：小微企业政策目录"], page
        for _, href in links:
            assert (page.parent / href).resolve().is_file(), (page, href)


# -- JSON-LD -----------------------------------------------------------------------

def _loader(url, options=None):
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), f"unexpected fetch of {url}"
    return {"contextUrl": None, "documentUrl": url, "document": _read_json(CONTEXT_FILE)}


def _expanded(html_path: Path, base: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html_path.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, html_path
    return jsonld.expand(json.loads(blocks[0]), {"base": base, "documentLoader": _loader})


def _node(nodes: list[dict], kind: str) -> dict:
    found = [n for n in nodes if SCHEMA_ORG + kind in n.get("@type", [])]
    assert len(found) == 1, (kind, [n.get("@type") for n in nodes])
    return found[0]


def _values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA_ORG + prop, [])]


def test_every_generated_page_with_linked_data_parses(site_dir):
    """Every JSON-LD block on the site expands with a real processor."""
    count = 0
    for page in site_dir.rglob("*.html"):
        if "application/ld+json" in page.read_text(encoding="utf-8"):
            rel = page.relative_to(site_dir).parent.as_posix()
            assert jsonld.expand(json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                                      page.read_text(encoding="utf-8"), re.S).group(1)),
                                 {"base": f"http://127.0.0.1/{rel}/", "documentLoader": _loader})
            count += 1
    assert count >= 3 + 39


@pytest.mark.parametrize("which", ["plain", "rich"])
def test_document_page_is_legislation(which, site_dir, rich, plain_content, rich_content):
    site, content, base = ((site_dir, plain_content, "http://127.0.0.1:8000/") if which == "plain"
                           else (rich[1], rich_content, SITE_URL))
    for doc in content.documents.values():
        page_url = base + f"documents/{doc.id}/"
        nodes = _expanded(site / "documents" / doc.id / "index.html", page_url)
        law = _node(nodes, "Legislation")
        meta = doc.metadata
        assert law["@id"] == page_url
        assert _values(law, "name") == [doc.title]
        assert sorted(_values(law, "legislationIdentifier")) == sorted(n for n in (meta.doc_no, meta.unified_no) if n)
        assert _values(law, "legislationDate") == ([meta.written_date.isoformat()] if meta.written_date else [])
        assert [_values(o, "name") for o in law.get(SCHEMA_ORG + "legislationPassedBy", [])] == (
            [[meta.issuer]] if meta.issuer else [])
        force = {"in-force": [SCHEMA_ORG + "InForce"], "lapsed": [SCHEMA_ORG + "NotInForce"], "unknown": []}
        assert _values(law, "legislationLegalForce") == force[validity(doc).extra["state"]], doc.id
        assert _values(law, "inLanguage") == ["zh-CN"]
        top = [r for r in content.clauses(doc) if not r.parents]
        assert [p["@id"] for p in law.get(SCHEMA_ORG + "hasPart", [])] == [page_url + "#" + r.clause.id for r in top]
        changes = sorted(base + f"documents/{r.document.id}/" for r in doc.relations if r.type in ("替代", "修改"))
        assert sorted(n["@id"] for n in law.get(SCHEMA_ORG + "legislationChanges", [])) == changes
        based = sorted(base + f"documents/{r.document.id}/" for r in doc.relations if r.type == "依据")
        assert sorted(n["@id"] for n in law.get(SCHEMA_ORG + "isBasedOn", [])) == based
        crumbs = _node(nodes, "BreadcrumbList")[SCHEMA_ORG + "itemListElement"]
        assert [c[SCHEMA_ORG + "item"][0]["@id"] for c in crumbs] == [base, page_url]


def test_the_rich_document_states_its_type_and_relations(rich, rich_content):
    law = _node(_expanded(rich[1] / "documents" / "successor-plan" / "index.html",
                          SITE_URL + "documents/successor-plan/"), "Legislation")
    assert _values(law, "legislationType") == ["办法"]
    assert _values(law, "legislationLegalForce") == [SCHEMA_ORG + "InForce"]
    assert [n["@id"] for n in law[SCHEMA_ORG + "legislationChanges"]] == [SITE_URL + f"documents/{PLAN}/"]
    assert _values(law, "datePublished") == ["2021-01-08T09:30"]


@pytest.mark.parametrize("which", ["plain", "rich"])
def test_entry_page_is_a_government_service(which, site_dir, rich, plain_content, rich_content):
    site, content, base = ((site_dir, plain_content, "http://127.0.0.1:8000/") if which == "plain"
                           else (rich[1], rich_content, SITE_URL))
    for p in content.policies.values():
        page_url = base + f"policies/{p.id}/"
        nodes = _expanded(site / "policies" / p.id / "index.html", page_url)
        service = _node(nodes, "GovernmentService")
        assert service["@id"] == page_url
        assert _values(service, "name") == [p.name] and _values(service, "description") == [p.summary]
        assert [(o["@id"], _values(o, "name")) for o in service[SCHEMA_ORG + "provider"]] == [
            (base + f"departments/{d.ref_id}/", [d.name]) for d in p.departments]
        assert _values(service, "areaServed") == [content.site.region]
        assert sorted(_values(service, "serviceType")) == sorted(p.support_types)
        channels = service.get(SCHEMA_ORG + "availableChannel", [])
        assert [c[SCHEMA_ORG + "serviceUrl"][0]["@id"] for c in channels] == ([p.service_url] if p.service_url else [])
        crumbs = _node(nodes, "BreadcrumbList")[SCHEMA_ORG + "itemListElement"]
        assert [c[SCHEMA_ORG + "item"][0]["@id"] for c in crumbs] == [base, base + "policies/", page_url]


def test_no_region_no_area_served(tmp_path):
    """What the content does not give is left out, not guessed."""
    project = copy_project(tmp_path / "project")
    site_yaml = project / "content" / "site.yaml"
    site_yaml.write_text(re.sub(r"^region:.*\n", "", site_yaml.read_text(encoding="utf-8"), flags=re.M),
                         encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site, env=_env(None))
    assert result.returncode == 0, result.stdout + result.stderr
    entry = sorted(site.glob("policies/*/index.html"))[0]
    service = _node(_expanded(entry, "http://127.0.0.1/" + entry.parent.relative_to(site).as_posix() + "/"),
                    "GovernmentService")
    assert SCHEMA_ORG + "areaServed" not in service
    assert "数据使用许可：未提供" in _open_data_text(site)


# -- Sitemap -----------------------------------------------------------------------

def test_sitemap_dates_come_from_the_content(rich, rich_content):
    xml = (rich[1] / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>", xml))
    content = rich_content
    for p in content.policies.values():
        assert dates[SITE_URL + f"policies/{p.id}/"] == p.last_verified.isoformat()
    plan = content.documents[PLAN]
    newest = document_updated(plan)
    for url in (urls.document(plan), urls.targets(plan), urls.tasks(plan)):
        assert dates[SITE_URL + url] == newest.date().isoformat() if isinstance(newest, dt.datetime) else newest.isoformat()
    assert dates[SITE_URL + "documents/successor-plan/"] == "2021-01-08"
    assert dates[SITE_URL] == max(dates.values())
    pages = {p.parent.relative_to(rich[1]).as_posix() for p in rich[1].rglob("index.html")}
    assert {SITE_URL + (p + "/" if p != "." else "") for p in pages} == set(re.findall(r"<loc>([^<]+)</loc>", xml))


def test_sitemap_without_an_address_lists_no_page(site_dir):
    xml = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<url>" not in xml and "SITE_URL" in xml


# -- The 开放数据 page ---------------------------------------------------------------

def _open_data_page(site: Path):
    return parse(site / "open-data" / "index.html")


def _open_data_text(site: Path) -> str:
    return _open_data_page(site).article.text()


def test_open_data_page_lists_every_file_with_its_size(rich):
    site = rich[1]
    page = _open_data_page(site)
    _, rows = table_rows(table_by_caption(page, f"开放数据文件（格式版本 {SCHEMA_VERSION}）"))
    listed = {}
    for row in rows:
        first, fmt, size, about = cells(row)
        target = os.path.normpath(Path("open-data") / first.hrefs()[0])
        listed[target] = (fmt.text(), size.text(), first.text(), about.text())
    singles = {p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file()}
    singles |= {"feeds/documents.xml", "feeds/policies.xml", "sitemap.xml", "policies/catalogue.json"}
    assert singles <= set(listed), sorted(singles - set(listed))
    for target in singles:
        size = (site / target).stat().st_size
        shown = listed[target][1]
        assert shown == (f"{size} 字节" if size < 1000 else f"{size / 1000:.1f} KB" if size < 1_000_000
                         else f"{size / 1_000_000:.1f} MB"), (target, shown, size)
    groups = {target: row for target, row in listed.items() if target not in singles}
    assert {t.split("/")[0] for t in groups} == {"documents", "policies"}
    entries = next(row for t, row in groups.items() if t.startswith("policies/"))
    total = sum(p.stat().st_size for p in site.glob("policies/*/index.json"))
    assert "共 40 个文件" in entries[2] and entries[1] == f"{total / 1000:.1f} KB"
    text = _open_data_text(site)
    assert "数据使用许可：测试许可：可自由使用，请注明来源。" in text
    for name, field in POLICY.fields.items():
        if name not in ("status_override", "review"):
            assert field.label in text, field.label
    for name, field in INDICATOR.fields.items():
        assert field.label in text, field.label


def test_open_data_page_is_in_the_navigation_and_has_subscribe_links(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="open-data/"' in home and "订阅更新" in home
    page = (site_dir / "open-data" / "index.html").read_text(encoding="utf-8")
    assert page.count('type="application/atom+xml">订阅：') == 2
    catalogue = (site_dir / "policies" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feeds/policies.xml"' in catalogue and "订阅本目录的更新" in catalogue
    about_licence = SITE.fields["licence"].label
    assert f"{about_licence}：未提供" in _open_data_text(site_dir)
