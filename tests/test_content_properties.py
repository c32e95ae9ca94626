"""Property: any valid document and catalogue entry, added to the content,
publishes: the build succeeds (its link check included: every link and
anchor resolves, every page is reachable), every sentence of the new
document is on its page, no empty field leaves empty brackets, and a
document that does not state its validity never reads 有效.

Hypothesis draws documents of every shape the model allows (with or without
type, metadata fields, notice, numbers, headings, sub-clauses, indicators of
every comparator and shape: a number, a range, a comparison with a quantity
named in words, words alone, labelled values; relations, departments of
their own) and an entry based
on one of their clauses; each example is added to a copy of the fixture
content and built. These are the checks that must hold for *any* valid
content, so staff adding a document never turn the tests red.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_site, copy_project
from policy_site.schema.model import COMPARATOR, DOCUMENT_TYPE, RELATION_TYPE, VALIDITY
from html_tree import parse

HAN = st.sampled_from(list("政策企业发展支持小微创新服务市场人才资金平台建设推进加强完善工作服务体系"))
WORDS = st.text(HAN, min_size=2, max_size=10)
NUMBERS = ["一、", "（一）", "(二)", "1.", "2、", "３．", "（1）", "⑴", "①", "第一条", "第8条", "——"]
EXISTING_DOCS = ["hs-2018-138", "zj-2018-34", "nb-2018-105"]
EXISTING_DEPTS = ["market-regulation"]


COMPARATORS = [c for c in COMPARATOR.terms if c != "区间"]  # one number with its word
WORDED = [c for c, t in COMPARATOR.terms.items() if t.extra["position"] in ("before", "after")]
UNITS = ["家", "%", "万元", "亿元", "个"]


def _worded(comparator: str, number: str) -> str:
    term = COMPARATOR.term(comparator)
    position = term.extra["position"]
    return (f"{number}{term.label}" if position == "after" else
            f"{term.label}{number}" if position == "before" else number)


@st.composite
def indicator(draw, n: int):
    """A target of any shape (target_shape), and the phrase of the text that
    states it: one number, a range, a comparison with a quantity named in
    words (with or without a number), words alone, labelled values."""
    shape = draw(st.sampled_from(["single", "range", "relative", "qualitative", "values"]))
    metric = draw(WORDS)
    value = draw(st.integers(1, 99999))
    unit = draw(st.sampled_from(UNITS))
    ind: dict = {"id": f"ind-{n}", "metric": metric}
    if shape == "single":
        comparator = draw(st.sampled_from(COMPARATORS))
        phrase = _worded(comparator, f"{value}{unit}")
        ind.update(value=value, unit=unit, comparator=comparator)
    elif shape == "range":
        upper = value + draw(st.integers(1, 500))
        sep = draw(st.sampled_from(["-", "—", "～", "至", "到"]))
        lower_unit = draw(st.sampled_from(["", unit]))
        phrase = f"{value}{lower_unit}{sep}{upper}{unit}"
        ind.update(value=value, upper=upper, unit=unit, comparator="区间")
    elif shape == "relative":
        comparator = draw(st.sampled_from(WORDED))
        reference = draw(WORDS)
        number = f"{value}{unit}" if draw(st.booleans()) else ""
        term = COMPARATOR.term(comparator)
        phrase = (f"{reference}{number}{term.label}" if term.extra["position"] == "after"
                  else f"{term.label}{reference}{number}")
        ind.update(comparator=comparator, reference=reference)
        if number:
            ind.update(value=value, unit=unit)
    elif shape == "qualitative":
        phrase = draw(st.sampled_from(["保持增长", "稳步提高", "明显改善", "持续缩小"]))
        ind["direction"] = phrase
    else:
        comparator = draw(st.sampled_from(COMPARATORS))
        labels = draw(st.lists(WORDS, min_size=2, max_size=3, unique=True))
        values = [draw(st.integers(1, 9999)) for _ in labels]
        phrase = "、".join(labels) + "分别" + "、".join(_worded(comparator, f"{v}{unit}") for v in values)
        ind.update(comparator=comparator, values=[
            {"id": f"p{i}", "label": label, "value": v, "unit": unit} for i, (label, v) in enumerate(zip(labels, values))])
    quote = f"{metric}{phrase}"
    ind["quote"] = quote
    return ind, quote


@st.composite
def clause(draw, path: str, depth: int):
    c = {"id": f"c-{path}"}
    if draw(st.booleans()):
        c["number"] = draw(st.sampled_from(NUMBERS))
    if draw(st.booleans()):
        c["heading"] = draw(WORDS) + "。"
    children = draw(st.integers(0, 2)) if depth < 2 else 0
    if children:
        c["children"] = [draw(clause(f"{path}-{i}", depth + 1)) for i in range(children)]
    if not children or draw(st.booleans()):
        sentences = [draw(WORDS) + "。" for _ in range(draw(st.integers(1, 3)))]
        role = draw(st.sampled_from([None, "goal", "task"]))
        if role == "goal":
            ind, quote = draw(indicator(len(path)))
            ind["id"] = f"ind-{path}"
            sentences.insert(draw(st.integers(0, len(sentences))), quote + "。")
            c["indicators"] = [ind]
        if role:
            c["role"] = role
        c["text"] = "".join(sentences)
    if not any(k in c for k in ("number", "heading", "text")):
        c["number"] = draw(st.sampled_from(NUMBERS))  # a clause needs one of them (the model's rule)
    return c


@st.composite
def document(draw):
    doc = {"id": "prop-doc", "title": "关于" + draw(WORDS) + "的通知"}
    if draw(st.booleans()):
        doc["short_title"] = draw(WORDS)
    if draw(st.booleans()):
        doc["type"] = draw(st.sampled_from(list(DOCUMENT_TYPE.terms)))
    meta = {}
    for name, value in [("doc_no", "测试发〔2023〕" + str(draw(st.integers(1, 200))) + "号"),
                        ("issuer", draw(WORDS)), ("written_date", "2023-05-06"),
                        ("validity", draw(st.sampled_from(list(VALIDITY.terms)))), ("topic", draw(WORDS))]:
        if draw(st.booleans()):
            meta[name] = value
    doc["metadata"] = meta
    if draw(st.booleans()):
        doc["notice"] = {"addressees": "各有关单位：", "paragraphs": [draw(WORDS) + "。"],
                         "signatory": draw(WORDS), "date": "2023-05-06"}
    doc["body"] = {"title": draw(WORDS), "clauses": [draw(clause(str(i), 0)) for i in range(draw(st.integers(1, 4)))]}
    if draw(st.booleans()):
        doc["relations"] = [{"type": draw(st.sampled_from(list(RELATION_TYPE.terms))),
                             "document": draw(st.sampled_from(EXISTING_DOCS))}]
    if draw(st.booleans()):  # a department of the document's own government (written to its file)
        doc["departments"] = [{"id": "prop-dept", "name": draw(WORDS) + "局"}]
    return doc


def _clauses(clauses):
    for c in clauses:
        yield c
        yield from _clauses(c.get("children", []))


def _entry(doc: dict, basis_clause: str, dept: str) -> dict:
    return {"id": "prop-entry", "name": "测试条目", "summary": "测试摘要。", "support_types": ["资金补助"],
            "audiences": ["小微企业"], "departments": [dept],
            "basis": [{"document": doc["id"], "clause": basis_clause}], "last_verified": "2026-11-25"}


def _assign_departments(doc: dict) -> str:
    """Point responsible units and lead units at a department the content has."""
    dept = "prop-dept" if doc.get("departments") else EXISTING_DEPTS[0]
    for c in _clauses(doc["body"]["clauses"]):
        if c.get("role") == "task":
            c["responsible"] = [dept]
        for ind in c.get("indicators", []):
            ind["lead"] = dept
    return dept


_TEMPLATE = None


def _template() -> Path:
    """One copy of the project, made once; each example copies it again."""
    global _TEMPLATE
    if _TEMPLATE is None:
        _TEMPLATE = copy_project(Path(tempfile.mkdtemp(prefix="prop-template-")) / "project")
    return _TEMPLATE


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=document())
def test_any_valid_document_publishes(doc):
    dept = _assign_departments(doc)
    tmp = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        project = tmp / "project"
        shutil.copytree(_template(), project)
        dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
        if "departments" in doc:  # they belong in the document's government's file
            gov = {"id": "prop-gov", "name": "测试政府", "departments": doc.pop("departments")}
            (project / "content" / "governments" / "prop-gov.yaml").write_text(dump(gov), encoding="utf-8")
            doc["government"] = "prop-gov"
        (project / "content" / "documents" / "prop-doc.yaml").write_text(dump(doc), encoding="utf-8")
        first = next(c["id"] for c in _clauses(doc["body"]["clauses"]))
        (project / "content" / "policies" / "prop-entry.yaml").write_text(dump(_entry(doc, first, dept)), encoding="utf-8")
        site = tmp / "site"
        result = build_site(project, site)
        assert result.returncode == 0, f"{dump(doc)}\n{result.stdout}\n{result.stderr}"

        page = parse(site / "documents" / "prop-doc" / "index.html").article.text()
        for c in _clauses(doc["body"]["clauses"]):
            for sentence in re.findall(r"[^。]+。", c.get("text", "")):
                assert sentence in page, f"{sentence!r} is not on the document's page"
        targets = site / "documents" / "prop-doc" / "targets" / "index.html"
        for c in _clauses(doc["body"]["clauses"]):
            for ind in c.get("indicators", []):
                # each target is on the targets page as the text words it; a
                # target the text gives no number for shows none
                row = parse(targets).root.find_all("tr")
                [tr] = [r for r in row if r.attrs.get("id") == ind["id"]]
                shown = tr.text()
                for words in [ind.get("direction"), ind.get("reference"), *(v["label"] for v in ind.get("values", []))]:
                    assert not words or words in shown, (words, shown)
                if "value" not in ind and "values" not in ind:
                    assert "无数值" in shown, shown
                for v in ind.get("values", []):
                    assert parse(targets).id_counts[f"{ind['id']}-{v['id']}"] == 1
        for path in site.rglob("*.html"):
            text = parse(path).article.text()
            assert not re.search(r"（\s*）|\(\s*\)", text), f"{path.relative_to(site)}: empty brackets"
        if "validity" not in doc["metadata"]:
            home = parse(site / "index.html").article
            facts = [p for p in home.find_all("p", cls="doc-facts")]
            badges = [b.text() for p in facts for b in p.find_all(cls="status-badge")]
            assert "有效" not in badges and "有效性未标注" in badges, badges
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
