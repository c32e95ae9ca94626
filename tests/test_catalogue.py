"""The support-policy catalogue （小微企业政策目录）, read as built HTML.

Every expectation comes from the YAML content as ``policy_site.content.load_content``
loads it (plus the model's field labels and vocabularies) and the catalogue's
rules as tests/catalogue_rules.py restates them; pages are parsed with
tests/html_tree.py (stdlib ``html.parser``). Status, link
and validation cases that need different content copy the project, change one
file by exact line replacement and build or load the copy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import CONTENT, build_site, copy_project

from catalogue_edits import PLAN_FILE, add_before_last_verified, policy_file, replace_line, set_plan_validity, the_line
from catalogue_rules import INDUSTRY_ANY, basis_documents, expected_status, is_current, validity_state
from html_tree import Node, Page, cells, parse, resolve, site_rel, table_by_caption, table_rows
from problems import assert_one_problem, place, problems_of

from policy_site.content import load_content
from policy_site.schema.model import INDUSTRY, POLICY

POLICY_DIR = "content/policies"

# Shown (the requirement's own words) for these facts when an entry does not give them.
NOT_PROVIDED = "未提供 — 以主管部门发布的实施细则为准"
NOT_PROVIDED_FIELDS = ["application_method", "application_period", "support_standard", "contact", "service_url"]
# Fields the entry page shows outside its facts table (title, lead, basis, targets, status row).
# successor: in the banner of an entry no longer current (tests/test_relations.py)
# keywords are for search, not shown to visitors (issue 15 part 5).
SHOWN_ELSEWHERE = {"id", "name", "summary", "basis", "related_indicators", "status_override", "successor", "keywords",
                   "review"}  # review items are notes to editors, not facts of the entry

FACTS_CAPTION = "条目信息"
STATUS_LABEL = "状态"


# --------------------------------------------------------------------------
# Expectations computed from the content
# --------------------------------------------------------------------------

def in_force(doc) -> bool:
    return validity_state(doc) == "in-force"


def needs_banner(status: str) -> bool:
    """Entries that are not current, and those whose basis's validity is unknown."""
    return not is_current(status) or status == "有效性未标注"


def date_text(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def walk_clauses(clauses):
    for clause in clauses:
        yield clause
        yield from walk_clauses(clause.children)


def doc_clauses(doc) -> list:
    return list(walk_clauses(doc.body.clauses)) if doc.body else []


def clause_of(doc, clause_id: str):
    found = [c for c in doc_clauses(doc) if c.id == clause_id]
    assert len(found) == 1, f"{doc.id}: {len(found)} clauses with id {clause_id!r}"
    return found[0]


# --------------------------------------------------------------------------
# Reading pages
# --------------------------------------------------------------------------

def entry_page(site: Path, policy_id: str) -> Page:
    return parse(site / "policies" / policy_id / "index.html")


def index_page(site: Path) -> Page:
    return parse(site / "policies" / "index.html")


def cards(site: Path) -> dict[str, Node]:
    found = [n for n in index_page(site).article.find_all("li", "policy-card")]
    counts = Counter(n.attrs.get("id") for n in found)
    assert all(c == 1 for c in counts.values()), f"cards listed more than once: {[k for k, c in counts.items() if c > 1]}"
    return {n.attrs.get("id"): n for n in found}


def card_status(card: Node) -> str:
    badges = [n for n in card.find_all(cls="policy-card-status")]
    assert len(badges) == 1, f"card {card.attrs.get('id')}: {len(badges)} status lines"
    return badges[0].text()


def fact_rows(page: Page) -> dict[str, Node]:
    """The entry's facts table: {row label: value cell}."""
    _, trs = table_rows(table_by_caption(page, FACTS_CAPTION))
    rows = {}
    for tr in trs:
        row = cells(tr)
        assert len(row) == 2 and row[0].tag == "th", f"{page.path}: odd facts row {[c.text() for c in row]}"
        label = row[0].text()
        assert label not in rows, f"{page.path}: facts row {label!r} twice"
        rows[label] = row[1]
    return rows


def status_banners(page: Page) -> list[Node]:
    return page.article.find_all(cls="status-banner")


def link_targets(site: Path, page: Page, node: Node) -> list[tuple[str, str]]:
    """(site-relative file, fragment) of every link in ``node``."""
    return [(site_rel(site, t), f) for t, f in (resolve(site, page.path, h) for h in node.hrefs())]


def linked_entries(site: Path, page: Page, node: Node) -> list[str]:
    """Ids of catalogue entries (policies/<id>/) that ``node`` links to."""
    ids = []
    for target, _ in link_targets(site, page, node):
        m = re.fullmatch(r"policies/([^/]+)/index\.html", target)
        if m:
            ids.append(m.group(1))
    return ids


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


@pytest.fixture(scope="module")
def policies(content) -> list:
    assert content.policies, "content/policies holds no entries"
    return list(content.policies.values())


def build_copy(tmp_path_factory, name: str, edit) -> tuple[Path, object]:
    """Copy the project, apply ``edit(project)``, build it; return (site, its content)."""
    project = copy_project(tmp_path_factory.mktemp(name) / "p")
    edit(project)
    copy_content = load_content(project / "content")
    site = project / "site-out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, copy_content


# --------------------------------------------------------------------------
# The list and the entry pages
# --------------------------------------------------------------------------

def test_every_entry_is_listed_once_and_has_its_page(site_dir, content, policies):
    files = sorted(p.name for p in (CONTENT / "policies").glob("*.yaml"))
    assert len(files) == len(policies), "a file in content/policies did not become an entry"
    listed = cards(site_dir)
    assert set(listed) == set(content.policies), (
        f"missing cards {sorted(set(content.policies) - set(listed))}, extra {sorted(set(listed) - set(content.policies))}"
    )
    page = index_page(site_dir)
    for policy in policies:
        card = listed[policy.id]
        entry = site_dir / "policies" / policy.id / "index.html"
        assert entry.is_file(), f"no page for {policy.id}"
        targets = {t for t, _ in link_targets(site_dir, page, card)}
        assert f"policies/{policy.id}/index.html" in targets, f"card {policy.id} does not link to its page"
        assert policy.name in card.text()
        headings = entry_page(site_dir, policy.id).article.find_all("h1")
        assert headings and headings[0].text() == policy.name


def test_cards_carry_the_values_the_filters_match(site_dir, content, policies):
    listed = cards(site_dir)
    for policy in policies:
        attrs = listed[policy.id].attrs
        got = {k: (attrs.get(f"data-{k}") or "").split("|") for k in ("support", "audience", "industry", "dept", "status")}
        assert got == {
            "support": list(policy.support_types),
            "audience": list(policy.audiences),
            "industry": list(policy.industries) or [*INDUSTRY.terms, INDUSTRY_ANY],
            "dept": [d.ref_id for d in policy.departments],
            "status": [expected_status(content, policy)],
        }, policy.id


def check_entry_facts(site_dir, content, policies):
    """Every field has its row; a missing fact says 未提供 — 以主管部门发布的实施细则为准
    only while the entry is current (no rules are coming for a lapsed one), and
    the date it was last verified is shown, explained, only then too."""
    wanted = [(name, f.label) for name, f in POLICY.fields.items() if name not in SHOWN_ELSEWHERE]
    assert {n for n, _ in wanted} >= set(NOT_PROVIDED_FIELDS)
    for policy in policies:
        page = entry_page(site_dir, policy.id)
        rows = fact_rows(page)
        where = f"policies/{policy.id}"
        current = is_current(expected_status(content, policy))
        missing = [label for name, label in wanted if label not in rows and (current or name != "last_verified")]
        assert not missing, f"{where}: no row for {missing}; rows: {list(rows)}"
        assert STATUS_LABEL in rows, f"{where}: no status row"
        assert POLICY.fields["keywords"].label not in rows, f"{where}: a keyword row is shown to visitors"
        for name in NOT_PROVIDED_FIELDS:
            cell = rows[POLICY.fields[name].label]
            if getattr(policy, name) in (None, "", []):
                assert cell.text() == (NOT_PROVIDED if current else "未提供"), f"{where}: empty {name} shows {cell.text()!r}"
            else:
                assert "未提供" not in cell.text(), f"{where}: {name} is given but shows {cell.text()!r}"
        assert "以主管部门发布的实施细则为准" not in page.article.text() or current, (
            f"{where}: an entry that is no longer current says rules are still to come")
        for name in ("support_types", "audiences", "industries"):
            text = rows[POLICY.fields[name].label].text()
            for value in getattr(policy, name):
                assert value in text, f"{where}: {name} value {value!r} not in {text!r}"
        if not policy.industries:
            assert rows[POLICY.fields["industries"].label].text() == INDUSTRY_ANY
        verified = POLICY.fields["last_verified"].label
        if current:
            assert rows[verified].text().startswith(date_text(policy.last_verified) + "（"), rows[verified].text()
        else:
            assert verified not in rows, f"{where}: 最后核实 shown on an entry that no longer applies"


def test_entry_page_shows_every_field_of_the_model(site_dir, content, policies):
    check_entry_facts(site_dir, content, policies)
    for policy in policies:
        page = entry_page(site_dir, policy.id)
        rows = fact_rows(page)
        where = f"policies/{policy.id}"
        # Each department links to its page.
        dept_cell = rows[POLICY.fields["departments"].label]
        got = link_targets(site_dir, page, dept_cell)
        assert got == [(f"departments/{d.ref_id}/index.html", "") for d in policy.departments], f"{where}: {got}"
        for target, _ in got:
            assert (site_dir / target).is_file(), f"{where}: department link to missing {target}"
        assert dept_cell.text() == "、".join(d.name for d in policy.departments)


def test_entry_page_quotes_and_links_each_basis_clause(site_dir, policies):
    for policy in policies:
        page = entry_page(site_dir, policy.id)
        where = f"policies/{policy.id}"
        figures = page.article.find_all("figure", "basis-quote")
        assert len(figures) == len(policy.basis), f"{where}: {len(figures)} quotes for {len(policy.basis)} basis clauses"
        for basis, figure in zip(policy.basis, figures):
            clause = clause_of(basis.document, basis.clause)
            quotes = figure.find_all("blockquote")
            assert len(quotes) == 1, f"{where}: {len(quotes)} blockquotes in a basis quote"
            assert (clause.text or "").strip(), f"{where}: basis clause {basis.clause} has no text to quote"
            assert quotes[0].text() == re.sub(r"\s+", " ", clause.text).strip(), (
                f"{where}: quote of {basis.clause} differs from the clause text"
            )
            target = f"documents/{basis.document.id}/index.html"
            links = link_targets(site_dir, page, figure.find_all("figcaption")[0])
            assert (target, clause.id) in links, f"{where}: no link to {target}#{clause.id} in {links}"
            assert (site_dir / target).is_file()
            assert parse(site_dir / target).id_counts[clause.id] == 1, f"anchor #{clause.id} missing on {target}"


def test_entry_page_lists_related_indicators(site_dir, policies):
    checked = 0
    for policy in policies:
        page = entry_page(site_dir, policy.id)
        where = f"policies/{policy.id}"
        lists = page.article.find_all("ul", "related-targets")
        expected = []
        for ind_id in policy.related_indicators:
            docs = [d for d in basis_documents(policy)
                    if any(i.id == ind_id for c in doc_clauses(d) for i in c.indicators)]
            assert docs, f"{where}: indicator {ind_id} is in none of the basis documents"
            expected.append((f"documents/{docs[0].id}/targets/index.html", ind_id))
        if not expected:
            assert not lists, f"{where}: lists related targets although it has none"
            continue
        assert len(lists) == 1, f"{where}: {len(lists)} related-target lists"
        # Each item links to the indicator (and to its lead department, checked elsewhere).
        got = [t for t in link_targets(site_dir, page, lists[0]) if t[0].startswith("documents/")]
        assert sorted(got) == sorted(expected), f"{where}: related targets {got}, expected {expected}"
        for target, fragment in got:
            assert parse(site_dir / target).id_counts[fragment] == 1, f"{where}: #{fragment} not on {target}"
        checked += 1
    assert checked, "no entry has related indicators; the check above did nothing"


def test_self_check_page_reads_the_export(site_dir, content):
    page = parse(site_dir / "self-check" / "index.html")
    forms = page.article.find_all("form", "self-check")
    assert len(forms) == 1
    source, _ = resolve(site_dir, page.path, forms[0].attrs["data-source"])
    assert site_rel(site_dir, source) == "policies/catalogue.json"

    data = json.loads(source.read_text(encoding="utf-8"))
    assert [p["id"] for p in data["policies"]] == list(content.policies)
    for item in data["policies"]:
        assert item["status"]["value"] == expected_status(content, content.policies[item["id"]]), item["id"]


# --------------------------------------------------------------------------
# Status
# --------------------------------------------------------------------------

def assert_statuses(site: Path, content) -> None:
    """Every card and entry page shows the status computed from the content;
    entries that are not current, or of unknown validity, carry the banner;
    the others do not."""
    listed = cards(site)
    for policy in content.policies.values():
        want = expected_status(content, policy)
        where = f"policies/{policy.id}"
        assert card_status(listed[policy.id]) == want, f"card {policy.id}: {card_status(listed[policy.id])!r} != {want!r}"
        page = entry_page(site, policy.id)
        status_cell = fact_rows(page)[STATUS_LABEL].text()
        assert status_cell.startswith(want), f"{where}: status row {status_cell!r}, expected {want}"
        banners = status_banners(page)
        if not needs_banner(want):
            assert not banners, f"{where}: status {want} but a status banner: {banners[0].text()!r}"
        else:
            assert len(banners) == 1 and want in banners[0].text(), f"{where}: no banner saying {want}"


def test_entries_based_on_repealed_documents_are_expired(site_dir, content, policies):
    repealed = [p for p in policies if not p.status_override
                and {validity_state(d) for d in basis_documents(p)} == {"lapsed"}]
    assert repealed, "no entry is based only on documents out of force; this test checks nothing"
    listed = cards(site_dir)
    for policy in repealed:
        assert card_status(listed[policy.id]) == "已失效", policy.id
        page = entry_page(site_dir, policy.id)
        banners = status_banners(page)
        assert len(banners) == 1 and "已失效" in banners[0].text(), f"policies/{policy.id}: no 已失效 banner"
        assert fact_rows(page)[STATUS_LABEL].text().startswith("已失效")
    assert_statuses(site_dir, content)
    assert index_page(site_dir).article.find_all(cls="catalogue-historical"), "no note about historical entries"


def test_in_force_basis_makes_entries_current(in_force_site):
    site, copy = in_force_site
    assert all(expected_status(copy, p) == "有效" for p in copy.policies.values())
    assert_statuses(site, copy)
    for policy in copy.policies.values():
        assert not status_banners(entry_page(site, policy.id)), f"policies/{policy.id}: banner still shown"
    assert not index_page(site).article.find_all(cls="catalogue-historical"), "the 已失效 note is still on the list"


def remove_plan_validity(project: Path, content) -> None:
    """Leave out the validity of the (one) document the entries are based on."""
    set_plan_validity(project, content, "x")
    replace_line(project, PLAN_FILE, "  validity: x", "")


@pytest.fixture(scope="module")
def unknown_site(tmp_path_factory, content):
    return build_copy(tmp_path_factory, "unknown", lambda p: remove_plan_validity(p, content))


def test_unknown_validity_is_never_shown_as_in_force(unknown_site):
    """A document that does not state its validity is 有效性未标注 on its page
    and on the home page, and the entries based on it say so with a banner;
    nothing about it reads 有效."""
    site, copy = unknown_site
    policies = list(copy.policies.values())
    assert all(expected_status(copy, p) == "有效性未标注" for p in policies)
    assert_statuses(site, copy)
    for policy in policies:
        banner = status_banners(entry_page(site, policy.id))[0].text()
        assert "未标注有效性" in banner and "向主管部门确认" in banner, banner
    doc = basis_documents(policies[0])[0]
    badges = [b.text() for b in parse(site / "index.html").article.find_all(cls="status-badge")]
    assert "有效性未标注" in badges and "有效" not in badges, badges
    banners = [b.text() for b in status_banners(parse(site / "documents" / doc.id / "index.html"))]
    assert len(banners) == 1 and "本文件有效性未标注" in banners[0], banners
    _, rows = table_rows(table_by_caption(parse(site / "documents" / doc.id / "index.html"), "公开信息"))
    meta = {cells(tr)[0].text(): cells(tr)[1].text() for tr in rows}
    assert meta["有效性"] == "未标注", meta


@pytest.fixture(scope="module")
def period_site(tmp_path_factory, content):
    ids = sorted(content.policies)
    past, future = content.policies[ids[0]], content.policies[ids[1]]

    def edit(project):
        set_plan_validity(project, content, "有效")
        add_before_last_verified(project, past, ["application_period:", "  start: 2019-01-01", "  end: 2019-12-31"])
        add_before_last_verified(project, future, ["application_period:", "  start: 2099-01-01", "  end: 2099-12-31"])

    site, copy = build_copy(tmp_path_factory, "period", edit)
    return site, copy, past.id, future.id


def test_past_application_period_is_closed(period_site):
    site, copy, past, future = period_site
    check_entry_facts(site, copy, copy.policies.values())
    assert copy.as_of > dt.date(2019, 12, 31)
    assert expected_status(copy, copy.policies[past]) == "已截止"
    assert expected_status(copy, copy.policies[future]) == "未开始"
    assert_statuses(site, copy)
    page = entry_page(site, past)
    period = fact_rows(page)[POLICY.fields["application_period"].label].text()
    assert "2019年1月1日" in period and "2019年12月31日" in period, period
    assert len(status_banners(page)) == 1
    assert card_status(cards(site)[past]) == "已截止"


@pytest.fixture(scope="module")
def override_site(tmp_path_factory, content):
    """Plan still repealed; one entry set to 有效 by staff, another to 已截止."""
    ids = sorted(content.policies)
    current, closed = content.policies[ids[2]], content.policies[ids[3]]
    reasons = {current.id: "区经信局确认本措施仍在执行（测试用理由）。",
               closed.id: "本年度名额已满，申报提前结束（测试用理由）。"}

    def edit(project):
        add_before_last_verified(project, current, [
            "status_override:", "  status: 有效", f"  reason: {reasons[current.id]}"])
        add_before_last_verified(project, closed, [
            "status_override:", "  status: 已截止", f"  reason: {reasons[closed.id]}"])

    site, copy = build_copy(tmp_path_factory, "override", edit)
    return site, copy, {current.id: "有效", closed.id: "已截止"}, reasons


def test_status_override_shows_status_and_reason(override_site):
    site, copy, wanted, reasons = override_site
    assert_statuses(site, copy)
    listed = cards(site)
    for policy_id, status in wanted.items():
        assert card_status(listed[policy_id]) == status
        page = entry_page(site, policy_id)
        cell = fact_rows(page)[STATUS_LABEL].text()
        assert cell.startswith(status) and reasons[policy_id] in cell, f"policies/{policy_id}: status row {cell!r}"
        banners = status_banners(page)
        if is_current(status):
            assert not banners
        else:
            assert len(banners) == 1 and reasons[policy_id] in banners[0].text(), (
                f"policies/{policy_id}: banner does not give the staff's reason"
            )


# --------------------------------------------------------------------------
# Links both ways
# --------------------------------------------------------------------------

def clause_entry_lists(site: Path, doc, clause_ids: set[str]) -> dict[str, list[list[str]]]:
    """For each clause of the document page: the entry ids of each p.clause-policies
    that follows its anchor (before the next clause's anchor)."""
    page = parse(site / "documents" / doc.id / "index.html")
    found: dict[str, list[list[str]]] = {}
    current = None
    for node in page.article.walk():
        if node.attrs.get("id") in clause_ids:
            current = node.attrs["id"]
        if node.tag == "p" and "clause-policies" in node.classes:
            assert current, f"documents/{doc.id}: a clause-policies paragraph before any clause"
            found.setdefault(current, []).append(linked_entries(site, page, node))
    return found


def test_plan_clauses_list_exactly_the_entries_based_on_them(site_dir, content, policies):
    docs = {d.id: d for p in policies for d in basis_documents(p)}
    for doc in docs.values():
        clauses = doc_clauses(doc)
        expected = {}
        for policy in policies:
            for basis in policy.basis:
                if basis.document.id == doc.id:
                    expected.setdefault(basis.clause, [])
                    if policy.id not in expected[basis.clause]:
                        expected[basis.clause].append(policy.id)
        got = clause_entry_lists(site_dir, doc, {c.id for c in clauses})
        problems = []
        for clause_id in sorted(set(expected) | set(got)):
            lists = got.get(clause_id, [])
            if len(lists) != 1:
                problems.append(f"#{clause_id}: {len(lists)} entry lists, expected {1 if clause_id in expected else 0}")
            elif sorted(lists[0]) != sorted(expected.get(clause_id, [])):
                problems.append(f"#{clause_id}: lists {sorted(lists[0])}, expected {sorted(expected.get(clause_id, []))}")
        assert not problems, f"documents/{doc.id}:\n" + "\n".join(problems)


def test_department_pages_list_exactly_the_entries_they_handle(site_dir, content, policies):
    for dept in content.departments.values():
        page = parse(site_dir / "departments" / dept.ref_id / "index.html")
        expected = sorted(p.id for p in policies if dept in p.departments)
        lists = page.article.find_all("ul", "department-policies")
        got = sorted(i for ul in lists for i in linked_entries(site_dir, page, ul))
        assert got == expected, f"departments/{dept.ref_id}: entries {got}, expected {expected}"
        # And nothing else on the page links to an entry the department does not handle.
        everywhere = set(linked_entries(site_dir, page, page.article))
        assert everywhere <= set(expected), f"departments/{dept.ref_id}: links to {sorted(everywhere - set(expected))}"


# --------------------------------------------------------------------------
# Navigation
# --------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["index.html", "policies/index.html", "self-check/index.html", "entry"])
def test_navigation_has_catalogue_and_self_check_but_no_entries(site_dir, policies, where):
    path = site_dir / (f"policies/{policies[0].id}/index.html" if where == "entry" else where)
    page = parse(path)
    navs = page.root.find_all("nav", "md-nav--primary")
    assert len(navs) == 1, f"{where}: {len(navs)} primary navigations"
    links = [(a.text(), site_rel(site_dir, resolve(site_dir, path, a.attrs["href"])[0]))
             for a in navs[0].find_all("a") if a.attrs.get("href") is not None]
    entry_links = [l for l in links if re.fullmatch(r"policies/[^/]+/index\.html", l[1])]
    assert not entry_links, f"{where}: the navigation links to entry pages {entry_links}"
    assert ("政策目录", "policies/index.html") in links, f"{where}: no 政策目录 in the navigation: {links}"
    assert ("政策自测", "self-check/index.html") in links, f"{where}: no 政策自测 in the navigation: {links}"


# --------------------------------------------------------------------------
# Validation: broken entries are named by file, line, column and field
# --------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def flow_list(line: str, key: str) -> list[str]:
    m = re.fullmatch(rf"{key}: \[(.*)\]", line)
    assert m, f"{key} is not written as a one-line list: {line!r}"
    return [v.strip() for v in m.group(1).split(",")]


def assert_unknown_list_value(project, policy, key: str, value: str) -> None:
    """Append ``value`` to the one-line list ``key`` of ``policy``'s file: one
    problem, at that value, naming the new item's index."""
    rel = policy_file(policy)
    old = the_line(project, rel, f"{key}:")
    values = flow_list(old, key) + [value]
    new = f"{key}: [{', '.join(values)}]"
    text = replace_line(project, rel, old, new)
    assert_one_problem(problems_of(project), rel, place(text, new, value), f"{key}[{len(values) - 1}]", value)


def test_unknown_support_type(project, policies):
    assert_unknown_list_value(project, policies[0], "support_types", "免费午餐")


def test_unknown_department(project, policies):
    assert_unknown_list_value(project, policies[1], "departments", "no-such-department")


def test_basis_clause_that_does_not_exist(project, policies):
    policy = policies[2]
    rel = policy_file(policy)
    old = f"    clause: {policy.basis[0].clause}"
    new = "    clause: no-such-clause"
    text = replace_line(project, rel, old, new)
    assert_one_problem(problems_of(project), rel, place(text, new, "no-such-clause"),
                       "basis[0].clause", "no-such-clause")


def test_end_date_before_start_date(project, policies):
    policy = policies[3]
    rel = policy_file(policy)
    old = the_line(project, rel, "last_verified:")
    text = replace_line(project, rel, old, "\n".join(
        ["application_period:", "  start: 2019-12-31", "  end: 2019-01-01", old]))
    assert_one_problem(problems_of(project), rel, place(text, "  end: 2019-01-01", "2019-01-01"),
                       "application_period.end")


def test_duplicate_policy_id_across_files(project, policies):
    """A copied entry keeps the id of its original: reported as a duplicate, and
    as an id that does not match its file name (one entry per file)."""
    first = sorted(policies, key=policy_file)[0]
    rel = "content/policies/zz-copy.yaml"
    text = (project / policy_file(first)).read_text(encoding="utf-8")
    (project / rel).write_text(text, encoding="utf-8")
    problems = problems_of(project)
    line = f"id: {first.id}"
    pos = place(text, line, first.id)
    assert [(p.file, p.line, p.column, p.field) for p in problems] == [(rel, *pos, "id")] * 2, \
        "\n".join(p.format() for p in problems)
    duplicate = next(p for p in problems if "重复" in p.zh)
    assert policy_file(first) in duplicate.zh, "the message does not name the file that has the id first"
    mismatch = next(p for p in problems if "文件名" in p.zh)
    assert "zz-copy" in mismatch.zh and "zz-copy" in mismatch.en


def test_policy_id_must_match_file_name(project, policies):
    """Each entry is found by its file name: an id that differs is an error at the id."""
    policy = policies[0]
    rel = policy_file(policy)
    new = f"id: {policy.id}-renamed"
    text = replace_line(project, rel, f"id: {policy.id}", new)
    assert_one_problem(problems_of(project), rel, place(text, new, policy.id), "id", f"{policy.id}-renamed")


def test_unknown_related_indicator(project, policies):
    policy = next(p for p in policies if p.related_indicators)
    assert_unknown_list_value(project, policy, "related_indicators", "no-such-indicator")


def test_bad_service_url(project, policies):
    policy = policies[4]
    rel = policy_file(policy)
    old = the_line(project, rel, "last_verified:")
    new = "service_url: javascript:alert(1)"
    text = replace_line(project, rel, old, "\n".join([new, old]))
    assert_one_problem(problems_of(project), rel, place(text, new, "javascript:"), "service_url",
                       "javascript:alert(1)")


def test_cards_are_in_reading_order_not_file_order(period_site):
    """Entries that apply today first, then by main support type, then by the
    basis clause's place in the plan — never by file name (issue 15 part 4)."""
    from policy_site.schema.model import SUPPORT_TYPE

    site, copy, past, future = period_site
    listed = list(cards(site))
    plan = next(iter({b.document.id: b.document for p in copy.policies.values() for b in p.basis}.values()))
    clause_order = {ref.clause.id: i for i, ref in enumerate(copy.clauses(plan))}
    support = list(SUPPORT_TYPE.terms)

    def key(pid):
        p = copy.policies[pid]
        return (not is_current(expected_status(copy, p)), support.index(p.support_types[0]),
                clause_order[p.basis[0].clause], pid)

    assert listed == sorted(listed, key=key), f"order: {listed}"
    assert listed.index(past) > listed.index(future), "a closed entry is listed before one that is not yet open"
    assert listed != sorted(listed), "the list is in file-name order"
