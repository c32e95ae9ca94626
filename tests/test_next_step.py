"""A next step on every entry and document (issue 15 part 3): departments'
contact fields, the site's helpline, and the 怎么办 box, checked in the built
HTML of the fixture site (plan repealed: every entry 已失效) and of a copy in
which the plan is in force and entries have a 办事链接, a successor, or an
unknown status."""

from __future__ import annotations

import pytest

from conftest import CONTENT, build_site, copy_project
from catalogue_edits import add_before_last_verified, set_plan_validity
from catalogue_rules import expected_status, is_current
from html_tree import parse

from policy_site.content import load_content
from policy_site.pages import next_step

HELPLINE = ("测试咨询热线", "0574-00000000")  # tests/fixture/content/site.yaml
DEPT = "haishu/market-regulation"  # the fixture department with contact fields (its government-qualified id)
DEPT_PHONE = "0574-0000 0001"


@pytest.fixture(scope="module")
def content():
    return load_content(CONTENT)


def article(site, path):
    return parse(site / path / "index.html").article


def box(site, policy_id):
    found = article(site, f"policies/{policy_id}").find_all("section", "next-step")
    assert len(found) == 1, f"policies/{policy_id}: {len(found)} 怎么办 boxes"
    return found[0]


def steps(section) -> list[tuple[str, object]]:
    """(kind, node) of each step, in order."""
    return [(next(c[len("next-step-"):] for c in li.classes if c.startswith("next-step-")), li)
            for li in section.find_all("li") if any(c.startswith("next-step-") for c in li.classes)]


def tel_links(node) -> list[tuple[str, str]]:
    return [(a.attrs["href"], a.text()) for a in node.find_all("a") if a.attrs.get("href", "").startswith("tel:")]


def test_fixture_gives_what_these_tests_need(content):
    site = content.site
    assert (site.helpline_name, site.helpline_phone) == HELPLINE
    assert content.departments[DEPT].phone == DEPT_PHONE
    assert all(not is_current(expected_status(content, p)) for p in content.policies.values())


def test_department_page_lists_its_contact_fields(site_dir, content):
    page = article(site_dir, f"departments/{DEPT}")
    dl = page.find_all("dl", "contact-list")
    assert len(dl) == 1
    text = dl[0].text()
    dept = content.departments[DEPT]
    assert f"电话 {DEPT_PHONE}" in text and f"地址 {dept.address}" in text and f"办公时间 {dept.office_hours}" in text
    assert "网站 未提供" in text, text
    assert tel_links(dl[0]) == [("tel:057400000001", DEPT_PHONE)]
    # A department with no contact field says so for each, and names the helpline.
    bare = next(d for d in content.departments.values() if not (d.phone or d.address or d.website))
    page = article(site_dir, f"departments/{bare.ref_id}")
    text = page.find_all("dl", "contact-list")[0].text()
    assert text == "电话 未提供 地址 未提供 办公时间 未提供 网站 未提供", text
    assert tel_links(page.find_all(cls="contact-helpline")[0]) == [("tel:057400000000", HELPLINE[1])]


def test_lapsed_entries_say_what_to_do_now(site_dir, content):
    problems = []
    for p in content.policies.values():
        where = f"policies/{p.id}"
        section = box(site_dir, p.id)
        kinds = [k for k, _ in steps(section)]
        if kinds != ["ask", "helpline"]:
            problems.append(f"{where}: steps {kinds}, expected ask then helpline (no successor in the fixture)")
            continue
        ask, helpline = (node for _, node in steps(section))
        if next_step.ASK_LAPSED not in ask.text():
            problems.append(f"{where}: the ask step does not say the entry no longer applies: {ask.text()!r}")
        for d in p.departments:
            if d.name not in ask.text():
                problems.append(f"{where}: {d.name} is not in the ask step")
            # A department with no contact field: one line that says so, not four 未提供 rows.
            if not (d.phone or d.address or d.website) and f"{d.name}：联系方式未提供" not in ask.text():
                problems.append(f"{where}: the ask step does not say {d.name}'s contact is not given")
        if len(ask.find_all("dl", "contact-list")) != sum(1 for d in p.departments if d.phone or d.address or d.website):
            problems.append(f"{where}: contact lists in the ask step do not match departments with contact fields")
        want_tels = [("tel:057400000001", DEPT_PHONE)] if any(d.ref_id == DEPT for d in p.departments) else []
        if tel_links(ask) != want_tels:
            problems.append(f"{where}: ask step phone links {tel_links(ask)}, expected {want_tels}")
        if tel_links(helpline) != [("tel:057400000000", HELPLINE[1])] or HELPLINE[0] not in helpline.text():
            problems.append(f"{where}: helpline step {helpline.text()!r}")
        page = article(site_dir, where)
        if "以主管部门发布的实施细则为准" in page.text():
            problems.append(f"{where}: an expired entry says 以主管部门发布的实施细则为准")
        # The box comes right after the summary, before the facts.
        order = [n for n in page.walk() if n.tag in ("section", "table")]
        if not order or order[0].tag != "section":
            problems.append(f"{where}: the 怎么办 box is not before the facts table")
    assert not problems, "\n".join(problems)


def test_repealed_document_names_the_helpline(site_dir, content):
    plan = next(iter({b.document.id for p in content.policies.values() for b in p.basis}))
    banner = article(site_dir, f"documents/{plan}").find_all(cls="status-banner")[0]
    assert tel_links(banner) == [("tel:057400000000", HELPLINE[1])], banner.text()
    assert HELPLINE[0] in banner.text()


@pytest.fixture(scope="module")
def current_site(tmp_path_factory, content):
    """Plan in force; entry 0 has a 办事链接 and its own contact text; entry 1
    is set 已失效 by staff with entry 0 as its successor; entry 2 is of
    unknown status; a department has a website."""
    ids = sorted(content.policies)
    apply_, old, unknown = (content.policies[i] for i in ids[:3])
    project = copy_project(tmp_path_factory.mktemp("next-step") / "p")
    set_plan_validity(project, content, "有效")
    add_before_last_verified(project, apply_, ["service_url: https://example.org/apply",
                                               "contact: 测试联系人 0574-00000002"])
    add_before_last_verified(project, old, ["status_override:", "  status: 已失效", "  reason: 测试用理由。",
                                            f"successor: {apply_.id}"])
    add_before_last_verified(project, unknown, ["status_override:", "  status: 有效性未标注", "  reason: 测试用理由。"])
    plan = project / "content" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "  office_hours: 工作日 9:00-17:00（测试）\n",
        "  office_hours: 工作日 9:00-17:00（测试）\n  website: https://example.org/dept\n"), encoding="utf-8")
    site = project / "site-out"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, load_content(project / "content"), apply_.id, old.id, unknown.id


def test_current_entry_leads_to_applying_and_asking(current_site):
    site, copy, apply_id, old_id, unknown_id = current_site
    section = box(site, apply_id)
    kinds = [k for k, _ in steps(section)]
    assert kinds == ["apply", "ask", "helpline"], kinds
    apply_step, ask, helpline = (node for _, node in steps(section))
    assert [a.attrs["href"] for a in apply_step.find_all("a")] == ["https://example.org/apply"]
    assert next_step.ASK_CURRENT in ask.text() and "测试联系人 0574-00000002" in ask.text()
    assert next_step.HELPLINE_CURRENT in helpline.text()
    # A current entry keeps the catalogue's wording for facts still to come.
    page = article(site, f"policies/{apply_id}")
    assert "未提供 — 以主管部门发布的实施细则为准" in page.text()
    policy = copy.policies[apply_id]
    if any(d.ref_id == DEPT for d in policy.departments):
        assert "https://example.org/dept" in [a.attrs.get("href") for a in ask.find_all("a")]


def test_expired_entry_points_to_its_successor_first(current_site):
    site, copy, apply_id, old_id, unknown_id = current_site
    section = box(site, old_id)
    kinds = [k for k, _ in steps(section)]
    assert kinds == ["successor", "ask", "helpline"], kinds
    successor = steps(section)[0][1]
    assert copy.policies[apply_id].name in successor.text()
    assert any(a.attrs["href"].rstrip("/").endswith(f"policies/{apply_id}") or
               a.attrs["href"].endswith(f"{apply_id}/") for a in successor.find_all("a")), successor.hrefs()
    assert "以主管部门发布的实施细则为准" not in article(site, f"policies/{old_id}").text()


def test_entry_of_unknown_status_says_to_confirm_first(current_site):
    site, copy, apply_id, old_id, unknown_id = current_site
    kinds = [k for k, _ in steps(box(site, unknown_id))]
    assert kinds == ["confirm", "ask", "helpline"], kinds


def test_home_page_shows_the_validity_notice_before_the_entrances(site_dir, content):
    """When no document is in force, the first screen says so (现行政策到哪里找,
    a warning) before offering 政策自测 and 政策目录 (issue 15 part 5, issue 26
    part 5); each document's own notice stays with it, after them."""
    from policy_site.content.status import validity_state

    docs = [d for d in content.documents.values() if d.body]
    assert docs and not any(validity_state(d) == "in-force" for d in docs), "the fixture's documents should all be out of force"
    page = article(site_dir, ".")
    order = [n for n in page.walk() if {"status-banner", "where-current"} & set(n.classes)
             or n.attrs.get("id") == "find-support"]
    kinds = ["notice" if "where-current" in n.classes else "banner" if "status-banner" in n.classes else "entrances"
             for n in order]
    assert kinds == ["notice", "entrances"] + ["banner"] * len(docs), kinds
    assert "warning" in order[0].classes


def test_home_page_in_force_keeps_notices_with_their_documents(site_with_plan_in_force):
    page = article(site_with_plan_in_force, ".")
    first = next(n for n in page.walk() if {"status-banner", "where-current"} & set(n.classes)
                 or n.attrs.get("id") == "find-support")
    assert first.attrs.get("id") == "find-support"


@pytest.fixture(scope="module")
def site_with_plan_in_force(current_site):
    return current_site[0]


def test_without_a_helpline_no_number_is_made_up(tmp_path_factory, content):
    """A site.yaml with no helpline: the box asks the department and stops;
    no phone link appears where none is given."""
    from conftest import site_with

    site = site_with(tmp_path_factory.mktemp("no-helpline"), {"site.yaml": "name: 没有咨询热线的网站\n"})
    for p in list(content.policies.values())[:5]:
        section = box(site, p.id)
        assert [k for k, _ in steps(section)] == ["ask"], p.id
        has_phone = any(d.phone for d in p.departments)
        assert bool(tel_links(section)) == has_phone, (p.id, tel_links(section))
    bare = next(d for d in content.departments.values() if not d.phone)
    assert not article(site, f"departments/{bare.ref_id}").find_all(cls="contact-helpline")
